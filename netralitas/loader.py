"""Loader: a folder of articles in, one pandas DataFrame out, one row per article.

Owns ``parse_article`` (boilerplate, title, dateline, date, region and outlet of one
page), ``load_file`` (one file to rows, or the reason it was skipped), ``load_corpus`` (a
folder, in file-name order, in parallel for large folders), corrections from
``data/metadata.csv`` and the audit of removed web chrome.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import statistics
import warnings
from pathlib import Path

import pandas as pd

from .article import Article, find_outlet, split_boilerplate
from .dates import find_date, infer_year, safe_date
from .decoding import read_text_file
from .elections import add_election_columns
from .parallel import parallel_map
from .reference import DATA, boilerplate_rules, corpus_folder, regencies, root_words
from .regions import regency_info, region_name, resolve_region
from .text import protected_terms, stopwords_set, words

METADATA_FIELDS = ("title", "outlet", "published", "regency", "regency_type", "province")


def parse_article(raw: str) -> Article:
    """Return what one normalised page says about itself: title, body, date, region and outlet.

    >>> art = parse_article("Bupati Sleman Ajak ASN Jaga Netralitas\\n\\nSLEMAN, Harian Jogja – Pemerintah "
    ...                     "Kabupaten Sleman mengumpulkan ASN pada Jumat (6/9/2024) membahas netralitas.")
    >>> art.title, art.outlet, art.published, regency_info()[art.regency_code][0]
    ('Bupati Sleman Ajak ASN Jaga Netralitas', 'Harian Jogja', datetime.date(2024, 9, 6), 'Sleman')
    """
    art = split_boilerplate(raw)
    found = find_date(raw, art.removed)
    body = "\n".join(art.paragraphs)
    outlet_hint = " ".join(t for k, t in art.removed if k in ("byline", "credit"))
    code, province = resolve_region(art.title, art.dateline, outlet_hint, body)
    regency = regency_info()[code][0] if code else ""
    outlet = find_outlet(art, raw.split("\n", 1)[0], regency)
    return dataclasses.replace(
        art, published=found.date, date_source=found.source, pending_date=found.pending,
        regency_code=code, province=province, outlet=outlet,
    )  # fmt: skip


def _load_overrides(path: Path | None) -> pd.DataFrame:
    if path is None or not Path(path).exists():
        return pd.DataFrame(columns=["file"])
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    unknown = set(table.columns) - {"file", *METADATA_FIELDS}
    if unknown:
        warnings.warn(f"{Path(path).name}: ignoring unknown columns {sorted(unknown)}", UserWarning, stacklevel=3)
    return table


def load_file(path: str | Path) -> dict | str:
    """Return one file parsed into a row of the corpus table, or the reason to skip it (a string).

    The row has the columns of ``load_corpus`` except region, overridden and the year of a
    short date that only the rest of the corpus can give (``pending_date``).
    """
    path = Path(path)
    if path.suffix.lower() != ".txt":
        return "not a .txt file"
    if path.is_dir():
        return "a folder, not a file"
    try:
        raw = read_text_file(path)
    except ValueError as err:
        return str(err)
    art = parse_article(raw)
    if not art.paragraphs:
        return "no article text after removing web boilerplate"
    paragraphs, repeated = drop_repeated_paragraphs(art.paragraphs)
    text = "\n\n".join(paragraphs)
    regency, regency_type = regency_info()[art.regency_code][:2] if art.regency_code else ("", "")
    return {
        "doc_id": path.stem, "file": path.name, "title": art.title, "outlet": art.outlet,
        "published": art.published, "date_source": art.date_source, "regency": regency,
        "regency_type": regency_type, "regency_code": art.regency_code,
        "province": art.province, "dateline": art.dateline, "text": text, "raw": raw,
        "n_words": len(words(text)), "removed": art.removed, "pending_date": art.pending_date, "repeated": repeated,
    }  # fmt: skip


def drop_repeated_paragraphs(paragraphs: list[str], min_words: int = 8) -> tuple[list[str], int]:
    """Return the paragraphs with every repeat of an earlier one (of ``min_words`` words or more) left out,
    and how many were left out: an article pasted twice into one file counts once.

    >>> drop_repeated_paragraphs(["ASN wajib menjaga netralitas dalam Pilkada serentak tahun ini.", "Ya."] * 2)
    (['ASN wajib menjaga netralitas dalam Pilkada serentak tahun ini.', 'Ya.', 'Ya.'], 1)
    """
    seen, kept, repeated = set(), [], 0
    for paragraph in paragraphs:
        key = " ".join(paragraph.casefold().split())
        if key in seen and len(words(paragraph)) >= min_words:
            repeated += 1
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept, repeated


def load_corpus(
    folder: str | Path | None = None, metadata: str | Path | None = DATA / "metadata.csv", workers: int | None = None
) -> pd.DataFrame:
    """Return one row per article in ``folder`` (default: ``corpus_folder()``), in file-name order.

    Columns: doc_id, file, title, outlet, published (date), date_source, regency,
    regency_type, regency_code, province, region (the regency, or the province for an
    article about a province), dateline, text (body without web chrome,
    paragraphs separated by blank lines), raw (the file as decoded), n_words, removed
    (list of ``(kind, text)`` taken out; see ``boilerplate_audit``), overridden (fields
    set by ``metadata``).

    Files that are not articles (empty, binary, undecodable, only boilerplate) are
    skipped with a ``UserWarning`` and listed in ``df.attrs["skipped"]`` as
    ``{file name: reason}``. Fields a file lacks (no date found, no region) are warned
    about too. ``metadata`` is an optional CSV (column ``file`` plus any of
    title, outlet, published, regency, regency_type, province) whose values win.
    Large folders are parsed on all cores (``workers``; 1 = serial); the result is the same.
    """
    folder = Path(folder) if folder is not None else corpus_folder()
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    rows, skipped = [], {}
    paths = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    for path, outcome in zip(paths, parallel_map(load_file, paths, workers, warm=_warm_caches), strict=True):
        if isinstance(outcome, str):
            skipped[path.name] = outcome
        else:
            rows.append(outcome)

    # Years for short dates in articles that mention no year: the corpus's own years.
    known_years = [row["published"].year for row in rows if row["published"]]
    corpus_year = round(statistics.median(known_years)) if known_years else dt.date.today().year
    for row in rows:
        if row.pop("repeated"):
            warnings.warn(f"{row['file']}: paragraphs repeat (pasted twice?); counted once", UserWarning, stacklevel=2)
        pending = row.pop("pending_date")
        if pending:
            day, month, weekday = pending
            year = infer_year(day, month, weekday, corpus_year)
            row["published"] = safe_date(year, month, day) if year else None
            row["date_source"] = "weekday date, year inferred from the corpus"
        row["overridden"] = []
    df = pd.DataFrame(rows, columns=_COLUMNS)
    df = _apply_overrides(df, _load_overrides(metadata))
    for row in df.itertuples():
        missing = [f for f in ("title", "outlet", "province") if not getattr(row, f)]
        if not row.regency and not row.province:
            missing.append("regency")
        if pd.isna(row.published):
            missing.append("published")
        if missing:
            warnings.warn(f"{row.file}: could not find {', '.join(missing)}", UserWarning, stacklevel=2)
    for name, reason in skipped.items():
        warnings.warn(f"skipped {name}: {reason}", UserWarning, stacklevel=2)
    df["published"] = pd.to_datetime(df["published"]).dt.normalize()
    columns = zip(df["regency"], df["regency_type"], df["province"], strict=True)
    df.insert(df.columns.get_loc("dateline"), "region", [region_name(*c) for c in columns])
    df = add_election_columns(df)
    df.attrs["skipped"] = skipped
    df.attrs["folder"] = str(folder)
    return df


_COLUMNS = [
    "doc_id", "file", "title", "outlet", "published", "date_source", "regency", "regency_type",
    "regency_code", "province", "dateline", "text", "raw", "n_words", "removed", "overridden",
]  # fmt: skip


def _warm_caches() -> None:
    """Load reference data before forking, so worker processes share it instead of each reading it."""
    regency_info(), boilerplate_rules(), root_words(), stopwords_set(), protected_terms()
    resolve_region("", "", "", "")  # builds the gazetteer index


def _apply_overrides(df: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    reg = regencies()
    applied = []
    for row in table.to_dict("records"):
        idx = df.index[df["file"] == row.get("file")]
        if idx.empty:
            warnings.warn(f"metadata.csv: no article file named {row.get('file')!r}", UserWarning, stacklevel=3)
            continue
        i = idx[0]
        fields = [f for f in METADATA_FIELDS if str(row.get(f, "")).strip()]
        for f in fields:
            value = row[f].strip()
            df.at[i, f] = pd.Timestamp(value) if f == "published" else value
        if "regency" in fields:  # keep type, code and province consistent with the gazetteer
            match = reg[reg["regency"].str.casefold() == df.at[i, "regency"].casefold()]
            if "regency_type" in fields:
                match = match[match["regency_type"] == df.at[i, "regency_type"]]
            if len(match):
                first = match.iloc[0]
                df.at[i, "regency_code"] = first["code"]
                if "regency_type" not in fields:
                    df.at[i, "regency_type"] = first["regency_type"]
                if "province" not in fields:
                    df.at[i, "province"] = first["province"]
        df.at[i, "overridden"] = fields
        applied.append(f"{row['file']} ({', '.join(fields)})")
    if applied:
        warnings.warn("metadata.csv overrides applied: " + "; ".join(applied), UserWarning, stacklevel=3)
    return df


def boilerplate_audit(df: pd.DataFrame) -> pd.DataFrame:
    """Return one row per piece of web chrome removed: doc_id, kind, text, n_words."""
    rows = [
        {"doc_id": doc, "kind": kind, "text": text, "n_words": len(words(text))}
        for doc, removed in zip(df["doc_id"], df["removed"], strict=True)
        for kind, text in removed
    ]
    return pd.DataFrame(rows, columns=["doc_id", "kind", "text", "n_words"])


def with_region(table: pd.DataFrame, corpus: pd.DataFrame, column: str = "region") -> pd.DataFrame:
    """Return a copy of a per-article table (quotes, KWIC lines, matches) with the article's ``column`` added.

    The new column stands right after ``doc_id``; rows whose doc_id is not in ``corpus`` get "".
    """
    values = dict(zip(corpus["doc_id"], corpus[column], strict=True))
    out = table.drop(columns=column, errors="ignore")
    out.insert(out.columns.get_loc("doc_id") + 1, column, out["doc_id"].map(values).fillna(""))
    return out
