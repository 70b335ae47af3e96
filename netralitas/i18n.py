"""Languages: the Indonesian edition of every notebook, and labels that follow the reader's language.

Owns the language a kernel writes in (``language()``: ``$NETRALITAS_LANG``, ``en`` by default,
read at each call), the labels of tables and figures the package draws (``label``, from
``data/labels.csv``), and the translation of notebooks.

One source of truth: the English notebook in ``notebooks/`` is the file people edit. Its
translation is a gettext catalogue per notebook, ``translations/id/NN_name.po``: one entry per
cell that readers see in words (every markdown cell; every code cell with a phrase in quotes),
``msgctxt`` the cell's id, ``msgid`` the English source, ``msgstr`` the Indonesian one. When an
English cell changes, its entry no longer matches and ``check`` names it; ``update`` keeps the old
translation, marked fuzzy, for the translator to revise. Translated notebooks are built, never
committed: ``python -m netralitas.i18n build id build/notebooks-id``.
"""

from __future__ import annotations

import copy
import functools
import os
import re
from pathlib import Path

from .reference import ROOT, read_table

LANGUAGES = ("en", "id")
NOTEBOOKS = ROOT / "notebooks"
TRANSLATIONS = ROOT / "translations"
_PHRASE_IN_QUOTES = re.compile(r"""(["'])[^"'\n]*[A-Za-z]+ [A-Za-z][^"'\n]*\1""")


def language() -> str:
    """Return the language tables and figures are labelled in: ``$NETRALITAS_LANG`` (``en`` or ``id``)."""
    value = os.environ.get("NETRALITAS_LANG", "en").strip().lower()[:2]
    return value if value in LANGUAGES else "en"


@functools.cache
def _labels() -> dict[str, str]:
    table = read_table("labels.csv")
    return dict(zip(table["english"], table["indonesian"], strict=True))


def label(text: str, lang: str | None = None) -> str:
    """Return a label in the reader's language: ``text`` in English, its ``data/labels.csv`` entry in Indonesian.

    >>> label("region", "id"), label("region", "en"), label("no such label", "id")
    ('wilayah', 'region', 'no such label')
    """
    if (lang or language()) == "en":
        return text
    return _labels().get(text, text)


def translatable(cell) -> bool:
    """A cell readers see in words: every markdown cell, and a code cell with a phrase in quotes."""
    if cell.cell_type == "markdown":
        return bool(cell.source.strip())
    return cell.cell_type == "code" and bool(_PHRASE_IN_QUOTES.search(cell.source))


def catalog_path(notebook: Path, lang: str) -> Path:
    """Return the catalogue of one notebook's translation: ``translations/<lang>/<notebook>.po``."""
    return TRANSLATIONS / lang / f"{Path(notebook).stem}.po"


def read_catalog(path: Path):
    """Return the babel ``Catalog`` of a ``.po`` file (an empty one when the file does not exist)."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po

    locale = path.parent.name if path.parent.name in LANGUAGES else None  # translations/<lang>/NN.po
    if not path.exists():
        return Catalog(locale=locale)
    with path.open("rb") as handle:
        return read_po(handle, locale=locale)


def problems(notebook: Path, lang: str, catalog: Path | None = None) -> list[str]:
    """Return what is wrong with a notebook's translation: cells without one, or changed since translated.

    ``catalog`` is the ``.po`` file (default: ``catalog_path(notebook, lang)``).
    """
    import nbformat

    nb = nbformat.read(notebook, as_version=4)
    catalog = read_catalog(catalog or catalog_path(notebook, lang))
    by_cell = {m.context: m for m in catalog if m.id and m.context}
    out = []
    for cell in nb.cells:
        if not translatable(cell):
            continue
        message = by_cell.get(cell.id)
        where = f"{Path(notebook).name} cell {cell.id}"
        if message is None or not message.string:
            out.append(f"{where}: no translation")
        elif message.id != cell.source:
            out.append(f"{where}: the English changed after it was translated")
        elif message.fuzzy:
            out.append(f"{where}: translation marked fuzzy (to be revised)")
    return out


def update(notebook: Path, lang: str, catalog: Path | None = None) -> Path:
    """Write the notebook's catalogue with every translatable cell; keep translations, mark changed ones fuzzy."""
    import nbformat
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import write_po

    nb = nbformat.read(notebook, as_version=4)
    path = catalog or catalog_path(notebook, lang)
    old = {m.context: m for m in read_catalog(path) if m.id and m.context}
    catalog = Catalog(locale=lang, project="netralitas", fuzzy=False)
    for cell in nb.cells:
        if not translatable(cell):
            continue
        before = old.get(cell.id)
        string = before.string if before else ""
        changed = bool(before and before.id != cell.source)
        flags = ("fuzzy",) if changed or (before and before.fuzzy) else ()
        previous = (before.id,) if changed else ()
        catalog.add(cell.source, string, context=cell.id, flags=flags, previous_id=previous)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalog, width=0, omit_header=True, include_previous=True)
    return path


def translate_notebook(nb, name: str, lang: str, catalog: Path | None = None):
    """Return a copy of notebook ``name`` (an nbformat node) with each translated cell's source in ``lang``.

    Cells without a translation keep their English. The notebook's metadata records the language.
    """
    out = copy.deepcopy(nb)
    if lang == "en":
        return out
    catalog = read_catalog(catalog or catalog_path(Path(name), lang))
    by_cell = {m.context: m.string for m in catalog if m.id and m.context and m.string}
    for cell in out.cells:
        if cell.get("id") in by_cell:
            cell.source = by_cell[cell.id]
    out.metadata["language"] = lang
    return out


def build(lang: str, out: Path, notebooks: Path = NOTEBOOKS) -> list[Path]:
    """Write the ``lang`` edition of every notebook into ``out``; return the paths written."""
    import nbformat

    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in sorted(notebooks.glob("[0-9][0-9]_*.ipynb")):
        translated = translate_notebook(nbformat.read(path, as_version=4), path.name, lang)
        target = out / path.name
        nbformat.write(translated, target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> int:
    """``python -m netralitas.i18n {check,update,build} LANG [OUT]``."""
    import argparse

    parser = argparse.ArgumentParser(prog="python -m netralitas.i18n", description=main.__doc__)
    parser.add_argument("command", choices=["check", "update", "build"])
    parser.add_argument("lang", choices=[lang for lang in LANGUAGES if lang != "en"])
    parser.add_argument("out", nargs="?", type=Path, default=ROOT / "build" / "notebooks-id")
    args = parser.parse_args(argv)
    notebooks = sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    if args.command == "update":
        for path in notebooks:
            print(update(path, args.lang).relative_to(ROOT))
        return 0
    if args.command == "build":
        written = build(args.lang, args.out)
        print(f"{len(written)} notebooks in {args.out}")
        return 0
    found = [problem for path in notebooks for problem in problems(path, args.lang)]
    print("\n".join(found) if found else f"every notebook has a current {args.lang} translation")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
