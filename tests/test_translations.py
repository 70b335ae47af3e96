"""The Indonesian edition: every cell readers see has a current translation, and a changed cell is caught."""

import shutil
from pathlib import Path

import nbformat
import pytest

from netralitas import i18n

NOTEBOOKS = sorted(i18n.NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda p: p.stem)
def test_every_cell_has_a_current_translation(notebook):
    assert i18n.problems(notebook, "id") == []


def test_a_changed_english_cell_is_caught_and_update_keeps_the_old_translation(tmp_path):
    notebook = tmp_path / NOTEBOOKS[0].name
    catalog = tmp_path / "id.po"
    shutil.copy(NOTEBOOKS[0], notebook)
    shutil.copy(i18n.catalog_path(NOTEBOOKS[0], "id"), catalog)
    assert i18n.problems(notebook, "id", catalog) == []
    nb = nbformat.read(notebook, as_version=4)
    cell = next(c for c in nb.cells if c.cell_type == "markdown")
    cell.source += "\n\nOne more sentence."
    nbformat.write(nb, notebook)
    assert i18n.problems(notebook, "id", catalog) == [
        f"{notebook.name} cell {cell.id}: the English changed after it was translated"
    ]
    before = {m.context: m.string for m in i18n.read_catalog(catalog) if m.context}
    i18n.update(notebook, "id", catalog)
    after = {m.context: m for m in i18n.read_catalog(catalog) if m.context}
    assert after[cell.id].fuzzy and after[cell.id].string == before[cell.id]
    assert i18n.problems(notebook, "id", catalog) == [
        f"{notebook.name} cell {cell.id}: translation marked fuzzy (to be revised)"
    ]


def test_a_new_cell_without_translation_is_caught(tmp_path):
    notebook = tmp_path / NOTEBOOKS[0].name
    shutil.copy(NOTEBOOKS[0], notebook)
    nb = nbformat.read(notebook, as_version=4)
    nb.cells.append(nbformat.v4.new_markdown_cell("A new closing remark.", id="new-remark"))
    nbformat.write(nb, notebook)
    assert i18n.problems(notebook, "id", i18n.catalog_path(NOTEBOOKS[0], "id")) == [
        f"{notebook.name} cell new-remark: no translation"
    ]


def test_the_indonesian_build_replaces_every_translated_cell(tmp_path):
    written = i18n.build("id", tmp_path)
    assert [p.name for p in written] == [p.name for p in NOTEBOOKS]
    for english_path, indonesian_path in zip(NOTEBOOKS, written, strict=True):
        english = nbformat.read(english_path, as_version=4)
        indonesian = nbformat.read(indonesian_path, as_version=4)
        assert indonesian.metadata["language"] == "id"
        assert [c.id for c in indonesian.cells] == [c.id for c in english.cells]
        changed = [a.source != b.source for a, b in zip(english.cells, indonesian.cells, strict=True)]
        markdown = [c.cell_type == "markdown" for c in english.cells]
        assert all(c for c, m in zip(changed, markdown, strict=True) if m), english_path.name


def test_labels_follow_the_language(monkeypatch):
    monkeypatch.setenv("NETRALITAS_LANG", "id")
    assert i18n.language() == "id" and i18n.label("region") == "wilayah"
    monkeypatch.setenv("NETRALITAS_LANG", "en")
    assert i18n.label("region") == "region"
    assert Path(i18n.TRANSLATIONS / "id").is_dir()
