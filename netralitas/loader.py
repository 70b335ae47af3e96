"""Loader: a folder of articles in, one pandas DataFrame out, one row per article.

Owns ``load_corpus`` (a folder, in file-name order: files parsed in parallel for large
folders, or read from the cache of parsed files; short dates given a year from the rest of
the corpus; corrections from ``data/metadata.csv``; every problem warned about by file name),
the audit of removed web chrome, and ``with_region``. Parsing one file is ``netralitas.parse``.
"""

from __future__ import annotations

import datetime as dt
import os
import statistics
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

from .cache import Shelf, TableCache, collection_paused, content_key, file_keys, release_memory
from .dates import infer_year, safe_date
from .election_mentions import add_election_columns
from .parallel import parallel_map
from .parse import load_file
from .reference import DATA, boilerplate_rules, corpus_folder, regencies, root_words
from .regions import regency_info, region_name, resolve_region
from .text import protected_terms, stopwords_set, words

METADATA_FIELDS = ("title", "outlet", "published", "regency", "regency_type", "province")
STORE_BATCH = 20_000  # parsed files per shard of the article cache
PAGES = ("text", "raw")  # the columns that hold whole pages


def _load_overrides(path: Path | None) -> pd.DataFrame:
    if path is None or not Path(path).exists():
        return pd.DataFrame(columns=["file"])
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    unknown = set(table.columns) - {"file", *METADATA_FIELDS}
    if unknown:
        warnings.warn(f"{Path(path).name}: ignoring unknown columns {sorted(unknown)}", UserWarning, stacklevel=3)
    return table


def load_corpus(
    folder: str | Path | None = None,
    metadata: str | Path | None = DATA / "metadata.csv",
    workers: int | None = None,
    cache: bool = True,
) -> pd.DataFrame:
    """Return one row per article in ``folder`` (default: ``corpus_folder()``), in file-name order.

    Columns: doc_id, file, source (the file, or its row or web-archive record), source_kind (txt,
    html, csv, jsonl, json, parquet, warc), url, title, title_source, outlet, published (date), date_source,
    regency, regency_type, regency_code, province, region (the regency, or the province for an
    article about a province), dateline, text (body without web chrome, paragraphs separated
    by blank lines), raw (the page as decoded), n_words, removed (list of ``(kind, text)``
    taken out; see ``boilerplate_audit``), overridden (fields set by ``metadata``), and the
    election columns of ``add_election_columns`` (election, stage, stage_id, …).

    Files that are not articles (empty, binary, undecodable, only boilerplate) are skipped
    with a ``UserWarning`` and listed in ``df.attrs["skipped"]`` as ``{source: reason}``.
    Fields a file lacks (no date found, no region) are warned about too. ``metadata`` is an
    optional CSV (column ``file`` plus any of title, outlet, published, regency,
    regency_type, province) whose values win. Large folders are parsed on all cores
    (``workers``; 1 = serial); files parsed before are read from the cache (``cache=False``
    or ``NETRALITAS_CACHE=off`` parses everything again); the result is the same.
    """
    folder = Path(folder) if folder is not None else corpus_folder()
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    paths = corpus_files(folder)
    corpora = TableCache("corpora") if cache else None
    shelf = Shelf("articles") if cache else None
    use_keys = (corpora is not None and corpora.folder is not None) or (shelf is not None and shelf.enabled)
    keys = file_keys(paths, workers) if use_keys else [None] * len(paths)  # each file read once here, if at all
    key = _corpus_key(paths, keys, metadata) if corpora is not None and corpora.folder is not None else None
    found = corpora.get(key) if key else None
    if found:  # this folder, with these files' bytes and these corrections, was loaded before
        df, extras = found
        for message in extras["warnings"]:
            warnings.warn(message, UserWarning, stacklevel=2)
        skipped = extras["skipped"]
    else:
        with collection_paused():  # the rows make millions of objects, and no cycles
            results = _load_files(paths, keys, workers, shelf)
            rows = [row for found, _ in results for row in found]
            skipped = {source: reason for _, problems in results for source, reason in problems}
            with warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always")
                df = _finish(rows, skipped, metadata)
        messages = [str(w.message) for w in caught if issubclass(w.category, UserWarning)]
        for w in caught:
            warnings.warn_explicit(w.message, w.category, w.filename, w.lineno)
        if key:
            corpora.put(key, df, {"skipped": skipped, "warnings": messages})
        del results, rows
        release_memory()  # what parsing and making the table freed
    df.attrs["skipped"] = skipped
    df.attrs["folder"] = str(folder)
    return df


def _corpus_key(paths: list[Path], keys: list[str | None], metadata) -> str:
    """The content key of a whole corpus: every file's name and bytes (its ``file_keys``), and the corrections table."""
    parts = [f"{p.name}\0{k}\n" for p, k in zip(paths, keys, strict=True)]
    table = Path(metadata) if metadata is not None else None
    parts.append(table.read_bytes() if table is not None and table.is_file() else b"no metadata")
    return content_key(*parts)


def corpus_files(folder: Path) -> list[Path]:
    """Return the files of a corpus folder in name order: hidden files left out, and the collector's
    ``X.json`` sidecar of a saved page ``X.html`` (its URL and retrieval time, read with the page)."""
    entries = sorted((p.name, p) for p in Path(folder).iterdir() if not p.name.startswith("."))  # by name, as Paths
    split = [os.path.splitext(name) for name, _ in entries]
    pages = {stem for stem, suffix in split if suffix.lower() in (".html", ".htm")}
    sidecar = [suffix.lower() == ".json" and stem in pages for stem, suffix in split]
    return [path for (_, path), skip in zip(entries, sidecar, strict=True) if not skip]


def _load_files(
    paths: list[Path], hashes: list[str | None], workers: int | None, shelf: Shelf | None
) -> list[tuple[list, list]]:
    """``load_file`` of every path, in order: from the cache where the file's bytes (``hashes``, from ``file_keys``)
    were parsed before."""
    keys = hashes if shelf is not None and shelf.enabled else [None] * len(paths)
    known = _cached(shelf, [k for k in keys if k])
    todo = [p for p, k in zip(paths, keys, strict=True) if k not in known]
    from tqdm.std import tqdm

    key_of = dict(zip(paths, keys, strict=True))
    with tqdm(total=len(todo), desc="Parsing articles", unit="file", disable=len(todo) < 500, mininterval=1) as bar:
        fresh, batch, stores = {}, [], {column: _PageStore() for column in PAGES}
        for path, result in zip(
            todo, parallel_map(_load_packed, todo, workers, warm=_warm_caches, collect=True), strict=True
        ):
            fresh[path] = result
            batch.append(path)
            to_come = len(todo) - len(fresh)
            if to_come and (len(batch) == STORE_BATCH or to_come == STORE_BATCH // 4):  # a shard is made at once
                # stored while the workers parse on; the last quarter batch once they are gone, when nothing else runs
                _store_batch(shelf, [(key_of[p], p, fresh[p]) for p in batch], stores)
                batch = []
            bar.update()
    _store_batch(shelf, [(key_of[p], p, fresh[p]) for p in batch], stores)
    out = []
    for path, key in zip(paths, keys, strict=True):
        if path in fresh:
            out.append(fresh[path])
        else:  # a cache hit: the file's name and id are this folder's, whatever they were when it was parsed
            rows, problems = known[key]
            rows = [
                {**{k: v for k, v in r.items() if k != "doc_suffix"}, "doc_id": path.stem + r["doc_suffix"],
                 "file": path.name, "source": path.name + r["source"].removeprefix(r["file_then"])}
                for r in rows
            ]  # fmt: skip
            out.append((rows, [(path.name + suffix, reason) for suffix, reason in problems]))
    return out


def _load_packed(path: Path) -> tuple[list, list]:
    """``load_file``, with the pages (``text``, ``raw``) as UTF-8 bytes, as they stay until ``_table``.

    A page of Indonesian news nearly always holds a character outside Latin-1 (a dash, a curly quote), so Python
    keeps it at two bytes a character; as UTF-8 it takes about one. For 100,000 articles the rows held 1.3 GiB of
    pages as Python strings. Encoded in the worker that parsed them, the pages also cross to this process
    without being decoded there, and go into the cache's Parquet and the table's Arrow strings without being
    encoded there: the process that collects the results is the one the two workers wait for.
    """
    rows, problems = load_file(path)
    for row in rows:
        for column in PAGES:
            if isinstance(row[column], str):
                row[column] = row[column].encode("utf-8")
    return rows, problems


def _store_batch(
    shelf: Shelf | None, results: list[tuple[str | None, Path, tuple[list, list]]], stores: dict[str, _PageStore]
) -> None:
    """Cache a batch of parsed files (those with a key), then move the batch's pages into ``stores``, one a column.

    Each row then holds its page as a ``_Page`` until ``_pages`` makes the column. Left as 200,000 separate bytes
    objects, the pages of 100,000 articles could not be given back once the table held them: freed one column at a
    time, their places lay between the other column's pages, and the load peaked while both were held.
    """
    _store(shelf, [(key, path.name, result) for key, path, result in results if key])
    for _, _, (rows, _) in results:
        for row in rows:
            for column in PAGES:
                row[column] = stores[column].add(row[column])
    release_memory()  # the shard's table, the pages as the workers sent them


class _PageStore:
    """Pages (UTF-8 bytes) appended to one buffer as they come, which becomes an Arrow array of large strings as it
    is (``array``, after the last page). Growing a buffer of hundreds of MB does not copy it: the C library moves
    its pages (``mremap``). Arrow's own builder grows its buffer by doubling and then casts: for 430 MB of pages it
    held 1,010 MB beside them for a moment."""

    def __init__(self):
        self.data, self.ends, self.present, self._array = bytearray(), [0], [], None

    def add(self, page: bytes | str | None) -> _Page:
        assert self._array is None, "no page can be added once the array is made"
        if isinstance(page, str):
            page = page.encode("utf-8")
        if isinstance(page, bytes):
            self.data += page
        self.ends.append(len(self.data))
        self.present.append(isinstance(page, bytes))
        return _Page(self, len(self.present) - 1)

    def array(self):
        if self._array is None:
            self._array = _arrow_pages(self.data, np.array(self.ends, dtype=np.int64), np.array(self.present, bool))
            self.ends, self.present = [], []
        return self._array


class _Page:
    """The page at ``index`` in a ``_PageStore``."""

    __slots__ = ("store", "index")

    def __init__(self, store: _PageStore, index: int):
        self.store, self.index = store, index


@collection_paused()
def _cached(shelf: Shelf | None, keys: list[str]) -> dict[str, tuple[list, list]]:
    """Cached ``(rows, problems)`` per file key; problems as ``(suffix after the file name, reason)``."""
    if shelf is None or not keys:
        return {}
    table = shelf.get(keys)
    out: dict[str, tuple[list, list]] = {}
    for record in table.to_dict("records"):
        rows, problems = out.setdefault(record.pop("key"), ([], []))
        if record.get("problem"):
            problems.append((record["source_suffix"], record["problem"]))
        else:
            row = {k: v for k, v in record.items() if k not in ("problem", "source_suffix")}
            for field in ("published", "pending_date", "election", "election_source"):  # Parquet's nulls as None
                if not isinstance(row.get(field), (str, tuple, dt.date)):
                    row[field] = None
            rows.append(row)
    return out


def _store(shelf: Shelf | None, results: list[tuple[str, str, tuple[list, list]]]) -> None:
    if shelf is None or not results:
        return
    records, seen = [], set()
    for key, file_name, (rows, problems) in results:
        if key in seen:  # two files with the same bytes
            continue
        seen.add(key)
        for row in rows:
            suffix = row["doc_id"].removeprefix(Path(row["file"]).stem)
            kept = {k: v for k, v in row.items() if k not in ("doc_id", "file")}
            records.append(
                {"key": key, **kept, "doc_suffix": suffix, "file_then": file_name, "problem": "", "source_suffix": ""}
            )
        for source, reason in problems:
            records.append({"key": key, "problem": reason, "source_suffix": source.removeprefix(file_name)})
    shelf.put(pd.DataFrame(records))


def _finish(rows: list[dict], skipped: dict[str, str], metadata) -> pd.DataFrame:
    """The corpus table from parsed rows: corpus-level years, overrides, warnings, region and election."""
    known_years = [row["published"].year for row in rows if row["published"]]
    corpus_year = round(statistics.median(known_years)) if known_years else dt.date.today().year
    for row in rows:
        if row.pop("repeated"):
            warnings.warn(f"{row['file']}: paragraphs repeat (pasted twice?); counted once", UserWarning, stacklevel=3)
        pending = row.pop("pending_date")
        if pending:
            day, month, weekday = pending
            year = infer_year(day, month, weekday, corpus_year)
            row["published"] = safe_date(year, month, day) if year else None
            row["date_source"] = "weekday date, year inferred from the corpus"
        row["overridden"] = []
    df = _table(rows, [*_COLUMNS, "election", "election_source"])
    df = _apply_overrides(df, _load_overrides(metadata))
    fields = ["source", "title", "outlet", "province", "regency", "published"]  # as lists: fast from Arrow columns
    for source, title, outlet, province, regency, published in zip(*(df[f].tolist() for f in fields), strict=True):
        missing = [f for f, value in (("title", title), ("outlet", outlet), ("province", province)) if not value]
        if not regency and not province:
            missing.append("regency")
        if pd.isna(published):
            missing.append("published")
        if missing:
            warnings.warn(f"{source}: could not find {', '.join(missing)}", UserWarning, stacklevel=3)
    for name, reason in skipped.items():
        warnings.warn(f"skipped {name}: {reason}", UserWarning, stacklevel=3)
    df["published"] = pd.to_datetime(df["published"]).dt.normalize()
    df["n_words"] = df["n_words"].astype(int)
    columns = zip(df["regency"], df["regency_type"], df["province"], strict=True)
    df.insert(df.columns.get_loc("dateline"), "region", [region_name(*c) for c in columns])
    return add_election_columns(df)


def _table(rows: list[dict], columns: list[str]) -> pd.DataFrame:
    """``pd.DataFrame(rows, columns=columns)``, made a column at a time, each value taken out of its row.

    The texts are strings of Python in the rows and of Arrow in the table (pandas' ``str`` columns). Made at once,
    the table held both, and the Python strings, once freed, stayed with the process: for 100,000 articles the
    peak was 3.7 GiB where the rows took 2.5 GiB.
    """
    if not rows:
        return pd.DataFrame([], columns=columns)
    data = {}
    for column in columns:  # the column's Python values are let go before the next column is taken
        values = [row.pop(column, np.nan) for row in rows]
        data[column] = _pages(values) if column in PAGES else pd.Series(values)
    release_memory()  # the pages as they came
    return pd.DataFrame(data, copy=False)


def _pages(values: list) -> pd.Series:
    """A column of whole pages, of the type pandas gives a column of those strings (``str``: Arrow strings), from
    ``_Page``s (``_store_batch``), UTF-8 bytes (pages read from the cache) or strings, without making the strings.

    Pages that follow each other in one store (a load that parsed every file) are a slice of its array, shared;
    otherwise the pieces are joined into one array: a column of several chunks is slow to index (``take`` joins
    them at every call). ``values`` is emptied.
    """
    import pyarrow as pa

    pieces, loose = [], []
    run: list = [None, 0, 0]  # the store of the current run of _Pages, its first and its next index
    for value in values:
        if isinstance(value, _Page):
            if value.store is run[0] and value.index == run[2]:
                run[2] += 1
                continue
            _add_loose(pieces, loose)
            _add_run(pieces, run)
            run = [value.store, value.index, value.index + 1]
        else:
            _add_run(pieces, run)
            run = [None, 0, 0]
            loose.append(value)
    _add_loose(pieces, loose)
    _add_run(pieces, run)
    values.clear()
    if not pieces:
        column = pa.array([], type=pa.large_string())
    else:
        column = pieces[0] if len(pieces) == 1 else pa.concat_arrays(pieces)
    return pd.Series(pd.array(column, dtype=pd.Series(["-"]).dtype))


def _add_run(pieces: list, run: list) -> None:
    if run[0] is not None:
        pieces.append(run[0].array().slice(run[1], run[2] - run[1]))


def _add_loose(pieces: list, loose: list) -> None:
    """The loose pages (strings, bytes, missing values: pages read from the cache) as one array, and empty ``loose``."""
    if loose:
        store = _PageStore()
        for value in loose:
            store.add(value if isinstance(value, (str, bytes)) else None)
        loose.clear()
        pieces.append(store.array())


def _arrow_pages(data: bytes | bytearray, ends: np.ndarray, present: np.ndarray):
    """An Arrow array of large strings over ``data`` as it is (no copy): page i is ``data[ends[i]:ends[i + 1]]``, or
    missing where ``present`` is False. Checked to be UTF-8."""
    import pyarrow as pa

    validity = None if present.all() else pa.py_buffer(np.packbits(present, bitorder="little"))
    pages = pa.LargeStringArray.from_buffers(
        len(present), pa.py_buffer(ends), pa.py_buffer(data), validity, int((~present).sum())
    )
    pages.validate(full=True)  # the ends in order and every page UTF-8
    return pages


_COLUMNS = [
    "doc_id", "file", "source", "source_kind", "url", "title", "title_source", "outlet", "published", "date_source",
    "regency", "regency_type", "regency_code", "province", "dateline", "text", "raw", "n_words", "removed",
    "overridden",
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
        if "published" in fields or "title" in fields:  # the election is found again from the corrected values
            df.at[i, "election"], df.at[i, "election_source"] = None, None
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
