"""Reading articles from the formats researchers have: pasted text, saved web pages, exports and web archives.

This module owns the step before parsing. It turns every source into *records*, one per article::

    {"raw": str, "source": str, "source_kind": str,
     "evidence": {"title": str, "date": str, "site_name": str, "url": str, "author": str}}

``raw`` is normalised text laid out like a page pasted by hand (title on the first line, then the
article's paragraphs separated by blank lines), so ``utils.parse_article(record["raw"])`` reads every
format the way it reads a ``.txt`` file. ``evidence`` keeps apart what the page's own metadata or the
export's columns say (date as ``YYYY-MM-DD``; ``""`` when unknown); the parser never sees it.

``read_records(path)`` is the entry point; it picks a reader by the file's extension (a folder: each
file in it). Each reader returns ``(records, problems)``: a problem is ``(source, reason)`` for one file,
row or archive record that could not be read, and the rest still loads. Sources name the file and,
inside a file, the row: ``monitoring.csv row 7`` (CSV, JSON and parquet: 1-based data row, header
not counted), ``feed.jsonl line 3`` (1-based line of the file) and ``crawl.warc.gz#<urn:uuid:…>``.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import math
import re
from pathlib import Path

from .decoding import decode_bytes, normalize_text
from .pages import _PROGRESS_DELAY, evidence, layout, parse_date, read_html
from .warc import DEFAULT_PREFILTER, read_warc, warc_summary

TEXT_COLUMNS = ("text", "content", "body", "isi", "isi_berita", "artikel", "article", "konten", "full_text")
TITLE_COLUMNS = ("title", "judul", "headline")
DATE_COLUMNS = ("date", "tanggal", "published", "published_at", "publish_date", "date_published", "tgl")
URL_COLUMNS = ("url", "link", "tautan")
SITE_COLUMNS = ("outlet", "source", "media", "site_name", "sitename", "publisher", "portal", "sumber")
AUTHOR_COLUMNS = ("author", "penulis", "reporter", "wartawan")


def read_txt(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return the one record of a pasted ``.txt`` page (decoded with ``decode_bytes``)."""
    try:
        data = path.read_bytes()
        if not data:
            raise ValueError("empty file")
        raw = normalize_text(decode_bytes(data)[0])
    except (OSError, ValueError) as err:
        return [], [(path.name, getattr(err, "strerror", None) or str(err))]
    if not raw:
        return [], [(path.name, "only whitespace")]
    return [{"raw": raw, "source": path.name, "source_kind": "txt", "evidence": evidence()}], []


def _pick(row: dict, names: tuple[str, ...], field: str, kinds: tuple[type, ...] = (str,)):
    """The first of ``names`` with a value in ``row`` (None if none); ValueError for a value of the wrong type."""
    for name in names:
        value = row.get(name)
        if value is None or value == "" or (isinstance(value, float) and math.isnan(value)):
            continue
        if not isinstance(value, kinds):
            expected = "text or a date" if dt.date in kinds else "text"
            raise ValueError(f"{field} (column {name!r}) is {type(value).__name__}, not {expected}")
        return value
    return None


def row_record(row: dict, source: str, kind: str) -> dict:
    """Return the record of one export row; raise ``ValueError`` (no text, a bad date, a wrong type).

    Column names are matched case-insensitively, spaces as underscores: the text is the first of
    ``TEXT_COLUMNS`` (text, content, body, isi, …) with a value, and likewise title (``TITLE_COLUMNS``:
    title, judul, headline), date (``DATE_COLUMNS``: date, tanggal, published, …), url (url, link,
    tautan), site name (``SITE_COLUMNS``: outlet, source, media, …) and author (author, penulis, …).
    """
    row = {str(k).strip().lower().replace(" ", "_"): v for k, v in row.items() if k is not None}
    text = _pick(row, TEXT_COLUMNS, "text")
    if text is None or not text.strip():
        raise ValueError("no text")
    title = " ".join((_pick(row, TITLE_COLUMNS, "title") or "").split())
    date = parse_date(_pick(row, DATE_COLUMNS, "date", (str, dt.date)))
    found = evidence(
        title, date, _pick(row, SITE_COLUMNS, "site name") or "",
        (_pick(row, URL_COLUMNS, "url") or "").strip(), _pick(row, AUTHOR_COLUMNS, "author") or "",
    )  # fmt: skip
    return {"raw": layout(title, text.split("\n")), "source": source, "source_kind": kind, "evidence": found}


def _from_rows(rows, name: str, kind: str, unit: str = "row") -> tuple[list[dict], list[tuple[str, str]]]:
    """Records from ``(number, row)`` pairs; a row that fails is a problem, the others still load."""
    records, problems = [], []
    for number, row in rows:
        source = f"{name} {unit} {number}"
        try:
            if isinstance(row, ValueError):  # the row could not be read (JSON Lines)
                raise row
            if not isinstance(row, dict):
                raise ValueError(f"a {type(row).__name__}, not an object with named fields")
            records.append(row_record(row, source, kind))
        except ValueError as err:
            problems.append((source, str(err)))
    return records, problems


def _decoded(path: Path) -> str:
    return decode_bytes(path.read_bytes())[0].replace("\r\n", "\n")


def read_csv(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return one record per data row of a CSV export (comma, semicolon or tab, as the header line uses most)."""
    try:
        text = _decoded(path)
    except (OSError, ValueError) as err:
        return [], [(path.name, getattr(err, "strerror", None) or str(err))]
    if not text.strip():
        return [], [(path.name, "empty file")]
    header = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=header.count)
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    columns = {str(c).strip().lower().replace(" ", "_") for c in reader.fieldnames or []}
    if not columns & set(TEXT_COLUMNS):
        return [], [(path.name, f"no text column (expected one of {', '.join(TEXT_COLUMNS)})")]
    rows = (
        (n, ValueError(f"{len(row[None])} more field(s) than the header") if row.get(None) else row)
        for n, row in enumerate(reader, start=1)
    )
    return _from_rows(rows, path.name, "csv")


def _json_line(line: str):
    """The object on one line, or a ValueError saying why there is none."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        return ValueError(f"not valid JSON ({err.msg} at column {err.colno})")


def read_jsonl(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return one record per line of a JSON Lines export (one object a line; blank lines are skipped)."""
    try:
        lines = _decoded(path).split("\n")
    except (OSError, ValueError) as err:
        return [], [(path.name, getattr(err, "strerror", None) or str(err))]
    rows = ((n, _json_line(line)) for n, line in enumerate(lines, start=1) if line.strip())
    return _from_rows(rows, path.name, "jsonl", unit="line")


def read_json(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return one record per object of a JSON export holding a list of objects."""
    try:
        items = json.loads(_decoded(path))
    except json.JSONDecodeError as err:
        return [], [(path.name, f"not valid JSON ({err.msg} at line {err.lineno}, column {err.colno})")]
    except (OSError, ValueError) as err:
        return [], [(path.name, getattr(err, "strerror", None) or str(err))]
    if not isinstance(items, list):
        return [], [(path.name, f"a JSON {type(items).__name__}, not a list of articles")]
    return _from_rows(enumerate(items, start=1), path.name, "json")


def read_parquet(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return one record per row of a parquet export (dates may be date or timestamp columns)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        rows = pq.read_table(path).to_pylist()
    except (OSError, pa.ArrowException) as err:
        return [], [(path.name, f"not a readable parquet file ({err})")]
    return _from_rows(enumerate(rows, start=1), path.name, "parquet")


# --- web archives -----------------------------------------------------------------


# --- the entry point ------------------------------------------------------------

READERS = {".txt": read_txt, ".html": read_html, ".htm": read_html, ".csv": read_csv, ".jsonl": read_jsonl,
           ".json": read_json, ".parquet": read_parquet}  # fmt: skip


def _is_warc(path: Path) -> bool:
    return path.name.lower().endswith((".warc", ".warc.gz"))


def read_records(
    path: Path, *, prefilter: re.Pattern | None = DEFAULT_PREFILTER, language: str = "id"
) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return ``(records, problems)`` for a file, or for every file of a folder in name order.

    Formats by extension: ``.txt`` (``read_txt``), ``.html``/``.htm`` (``read_html``), ``.csv``,
    ``.jsonl``, ``.json``, ``.parquet`` (exports: ``row_record``), ``.warc``/``.warc.gz`` (``read_warc``,
    with ``prefilter`` and ``language``, which apply to web archives only; its counts become one problem,
    ``(file, warc_summary(counts))``, so that what was skipped is reported). In a folder, ``X.json`` next
    to ``X.html`` is the collector's sidecar, not an export; unsupported files and subfolders are problems.
    """
    path = Path(path)
    if path.is_dir():
        from tqdm.std import tqdm

        files = sorted(p for p in path.iterdir() if not p.name.startswith("."))
        pages = {p.stem for p in files if p.suffix.lower() in (".html", ".htm")}
        files = [p for p in files if not (p.suffix.lower() == ".json" and p.stem in pages)]
        records, problems = [], []
        for file in tqdm(files, desc=path.name, unit="file", delay=_PROGRESS_DELAY):
            if file.is_dir():
                problems.append((file.name, "a folder, not read (folders are not read recursively)"))
                continue
            found, trouble = read_records(file, prefilter=prefilter, language=language)
            records += found
            problems += trouble
        return records, problems
    if not path.exists():
        return [], [(path.name, "no such file")]
    if _is_warc(path):
        records, problems, counts = read_warc(path, prefilter=prefilter, language=language)
        return records, [*problems, (path.name, warc_summary(counts))]
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        return [], [(path.name, f"not a supported format ({path.suffix or 'no extension'})")]
    return reader(path)
