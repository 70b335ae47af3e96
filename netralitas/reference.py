"""Reference data: where the project's files live and the curated tables in ``data/``.

Owns the paths (the project root, ``data/``, the corpus folder and the folder for derived
tables, both read from the environment when asked, never at import) and the readers of
the reference tables: the gazetteer (regencies, provinces, kecamatan), the boilerplate
rules, the glossary, the institutions, the theme codebook, word lists and the root-word
dictionary of the stemmer. Every table is read once and kept for the life of the process
(``functools.cache`` on functions without arguments, or with one argument per file: the
caches hold at most one entry per file in ``data/``).
"""

from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"


def corpus_folder() -> Path:
    """Return the corpus folder: ``$NETRALITAS_SEEDS`` when set, else the project's ``seeds/``.

    Read each time it is called, so a notebook or test can point at another folder
    without re-importing anything.
    """
    return Path(os.environ.get("NETRALITAS_SEEDS") or ROOT / "seeds")


def derived_folder() -> Path:
    """Return the folder for derived tables (theme matches): ``$NETRALITAS_DERIVED`` or ``data/derived/``."""
    return Path(os.environ.get("NETRALITAS_DERIVED") or DATA / "derived")


def read_table(name: str) -> pd.DataFrame:
    """Return a CSV of ``data/`` with every column as text and empty cells as ``""``."""
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@functools.cache
def regencies() -> pd.DataFrame:
    """Return the gazetteer of all 514 regencies and cities (``data/regencies.csv``).

    Columns: code, regency, regency_type (kabupaten/kota), province_code, province,
    capital, abbreviations and aliases (both ``;``-separated).
    """
    return read_table("regencies.csv")


@functools.cache
def provinces() -> pd.DataFrame:
    """Return the 38 provinces with capital, abbreviations and aliases (``data/provinces.csv``)."""
    return read_table("provinces.csv")


@functools.cache
def kecamatan() -> pd.DataFrame:
    """Return every kecamatan (district) with the code of its regency (``data/kecamatan.csv``)."""
    return read_table("kecamatan.csv")


@functools.cache
def boilerplate_rules() -> tuple[tuple[str, str, re.Pattern], ...]:
    """Return the web-chrome rules of ``data/boilerplate.csv`` as (action, kind, regex)."""
    rules = []
    for row in read_table("boilerplate.csv").itertuples():
        flags = re.IGNORECASE if row.action != "strip_end" else 0
        rules.append((row.action, row.kind, re.compile(row.pattern, flags)))
    return tuple(rules)


@functools.cache
def glossary() -> pd.DataFrame:
    """Return the glossary of civic and administrative terms (``data/glossary.csv``).

    Columns: term, indonesian, english, note.
    """
    return read_table("glossary.csv")


@functools.cache
def institutions() -> tuple[tuple[str, str], ...]:
    """Return (long name, acronym) pairs from ``data/institutions.csv``, longest first."""
    rows = read_table("institutions.csv")
    pairs = zip(rows["long_name"], rows["acronym"], strict=True)
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@functools.cache
def themes() -> pd.DataFrame:
    """Return the neutrality theme codebook (``data/themes.csv``): theme, label, description, patterns, basis."""
    return read_table("themes.csv")


@functools.cache
def read_word_list(name: str) -> frozenset[str]:
    """Return the lower-cased words of a list in ``data/`` (one per line, ``#`` starts a comment)."""
    lines = (line.split("#", 1)[0].strip().lower() for line in (DATA / name).read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


@functools.cache
def root_words() -> frozenset[str]:
    """Return the Indonesian root words of the stemmer's dictionary (PySastrawi's ``kata-dasar.txt``; see data/README).

    Used to tell names that are also ordinary words (``Sumber``, ``Batu``) from names.
    """
    try:
        from importlib import resources

        path = resources.files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt")
        return frozenset(path.read_text(encoding="utf-8").split())
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()
