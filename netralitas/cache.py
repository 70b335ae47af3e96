"""Cache: parsed articles and token lists kept on disk, so a fresh kernel does not parse a corpus again.

Owns where the cache lives (``$NETRALITAS_CACHE``, default ``.cache/`` in the project folder;
``NETRALITAS_CACHE=off`` turns it off), the version of the code and reference data that every
entry is tied to (``code_version``: a hash of ``netralitas/*.py``, the files of ``data/`` and
the stemmer's version), and ``Shelf``: one kind of cached value (articles per file, tokens per
text) as Parquet shards under ``<cache>/<kind>/<version>/``.

Entries are keyed by content (the SHA-1 of a file's bytes, of an article's text), so a renamed
file is still a hit and an edited one is a miss; ``file_keys`` remembers each file's key with its
``stat`` (as git's index does), so a warm load does not read every file again. A change to the
code or to ``data/`` gives a new version folder, so nothing stale is ever read; old versions stay
until the folder is deleted (``rm -r .cache``, always safe). Writers never change a shard: each
write is a new file, written under a temporary name and renamed into place, so two kernels
writing at once cannot corrupt each other's entries; at worst both parse the same file once.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import hashlib
import json
import os
import pickle
import stat
import time
import uuid
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd

from .reference import DATA, ROOT

OFF = ("0", "off", "false", "no")
COMPACT_FROM = 16  # shards of one kind and version; more are merged into one when read


@contextlib.contextmanager
def collection_paused():
    """Pause Python's cyclic garbage collector while a step makes many objects at once (also a decorator).

    The collector runs after every few hundred new lists, tuples or dicts and then walks every object
    the process holds: on a warm load of 100,000 articles it made the load take 6.6 s instead of 5.1 s, and
    reading their token lists 3.8 s instead of 2.5 s (medians of 5 runs, taking turns). The objects made
    here (tables read back, token lists) form no cycles; the collector resumes after, if it was running.
    """
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def release_memory() -> None:
    """Give the memory that a large step freed back to the system, where the C library can (glibc's
    ``malloc_trim``; elsewhere nothing happens), and Arrow's pool its unused blocks.

    Parsing 100,000 articles frees most of what it made (each file's rows as they came back from the
    workers, the tables written to the cache), but the freed blocks stay with the process: 3.4 GiB stayed
    resident after the load where 1.1 GiB was in use. Worker processes forked later share those pages and
    copy every one they write to.
    """
    import sys

    trim = _malloc_trim()
    if trim is not None:
        trim(0)
    if "pyarrow" in sys.modules:
        sys.modules["pyarrow"].default_memory_pool().release_unused()


@functools.cache
def _malloc_trim():
    """glibc's ``malloc_trim``, or None (not Linux, or another C library such as musl). Found once: finding the
    C library runs ``ldconfig`` in a subprocess."""
    import ctypes
    import ctypes.util
    import sys

    if not sys.platform.startswith("linux"):
        return None
    try:
        return ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6").malloc_trim
    except (OSError, AttributeError):
        return None


def cache_folder() -> Path | None:
    """Return the cache folder, or None when ``NETRALITAS_CACHE`` is ``off`` (read at each call)."""
    value = os.environ.get("NETRALITAS_CACHE", "").strip()
    if value.lower() in OFF:
        return None
    return Path(value) if value else ROOT / ".cache"


@functools.cache
def code_version() -> str:
    """Return a short hash of everything a cached value depends on: the package's code, ``data/``, the stemmer."""
    digest = hashlib.sha1()
    files = sorted((ROOT / "netralitas").glob("*.py")) + sorted(
        p for p in DATA.rglob("*") if p.is_file() and p.suffix in (".csv", ".txt") and "derived" not in p.parts
    )
    for path in files:
        digest.update(path.relative_to(ROOT).as_posix().encode())
        digest.update(path.read_bytes())
    try:
        from importlib.metadata import version

        digest.update(version("PySastrawi").encode())
    except Exception:  # noqa: BLE001 - no stemmer installed: the version is simply not part of the key
        pass
    return digest.hexdigest()[:12]


code_version()  # now, while the code on disk is the code this process imported (a later edit gets a new folder)


def content_key(*parts: str | bytes) -> str:
    """Return the SHA-1 hex digest of the parts (strings are encoded as UTF-8).

    >>> content_key("a", b"b") == content_key(b"ab")
    True
    """
    digest = hashlib.sha1()
    for part in parts:
        digest.update(part.encode("utf-8") if isinstance(part, str) else part)
    return digest.hexdigest()


def _read_key(path: str) -> str | None:
    """``content_key`` of a file's suffix and bytes, or None when it cannot be read."""
    file = Path(path)
    try:
        data = file.read_bytes()
    except OSError:
        return None
    return content_key(file.suffix.lower(), data)


SETTLED_NS = 2_000_000_000  # a file changed less than 2 s ago may change again within the same timestamp


@collection_paused()
def file_keys(paths: list[Path], workers: int | None = None) -> list[str | None]:
    """Return the content key of each file of one folder (``content_key`` of its suffix and bytes; None for what is
    not a readable file).

    A folder's keys are remembered in ``<cache>/file-keys/`` with each file's inode, size, modification
    and status-change times (as git's index does): a file whose four are unchanged is not read again.
    Writing a file always sets its status-change time, which no program can set back, so an edited
    file is read again even when its size and modification time were kept (``cp -p``, ``touch -r``).
    A file changed in the last two seconds is not remembered (it may change again within the same
    timestamp). With the cache off every file is read. Many files are read on every core (``workers``, as in
    ``netralitas.parallel.parallel_map``): reading and hashing 100,000 files took 0.6 s on two cores and 1.0 s on
    one, and this function 1.4 to 1.6 s against 2.1 to 2.5 s in all (3 runs each, a fresh cache each).
    """
    base = cache_folder()
    index_path = None
    if base is not None and paths:
        folder = os.path.abspath(paths[0].parent)
        index_path = base / "file-keys" / f"{content_key(folder)[:20]}.parquet"
    known = {}
    if index_path is not None:
        try:
            table = pd.read_parquet(index_path)
            columns = [table[column].tolist() for column in ("name", "stat", "key")]
            known = dict(zip(columns[0], zip(columns[1], columns[2], strict=True), strict=True))
        except (OSError, ValueError, KeyError):
            known = {}
    keys: list[str | None] = []
    unread, settled, now = [], [], time.time_ns()  # positions of files to read; (position, signature) to remember
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            keys.append(None)
            continue
        if not stat.S_ISREG(info.st_mode):
            keys.append(None)
            continue
        signature = f"{info.st_ino}:{info.st_size}:{info.st_mtime_ns}:{info.st_ctime_ns}"
        seen = known.get(path.name)
        if seen is None or seen[0] != signature:
            unread.append(len(keys))
        keys.append(seen[1] if seen is not None and seen[0] == signature else None)
        if now - max(info.st_mtime_ns, info.st_ctime_ns) > SETTLED_NS:
            settled.append((len(keys) - 1, signature))
    from .parallel import parallel_map

    for i, key in zip(unread, parallel_map(_read_key, [str(paths[i]) for i in unread], workers), strict=True):
        keys[i] = key  # None for a file that could not be read
    remembered = {paths[i].name: (signature, keys[i]) for i, signature in settled if keys[i] is not None}
    if index_path is not None and remembered != known:
        table = pd.DataFrame(
            {
                "name": list(remembered),
                "stat": [v[0] for v in remembered.values()],
                "key": [v[1] for v in remembered.values()],
            }
        )
        try:
            index_path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(index_path, lambda path: table.to_parquet(path, index=False))
        except OSError:  # a read-only cache: the keys are right, only not remembered
            pass
    return keys


class Shelf:
    """One kind of cached value for the current code version: a table of rows keyed by ``key``.

    Several rows may share a key (a CSV export holds many articles). ``get`` returns the rows
    of the keys it finds; ``put`` adds a shard. Values that are lists, tuples or dicts are
    pickled and come back as they were.
    """

    def __init__(self, kind: str, folder: Path | None = None):
        base = cache_folder() if folder is None else folder
        self.folder = None if base is None else base / kind / code_version()

    @property
    def enabled(self) -> bool:
        return self.folder is not None

    def _shards(self) -> list[Path]:
        if self.folder is None or not self.folder.is_dir():
            return []
        return sorted(self.folder.glob("*.parquet"))

    @collection_paused()
    def get(self, keys: Iterable[str]) -> pd.DataFrame:
        """Return the cached rows whose key is among ``keys`` (empty when the cache is off or cold)."""
        import pyarrow as pa
        import pyarrow.compute as pc
        import pyarrow.parquet as pq

        wanted_keys = pa.array(sorted(set(keys)), type=pa.string())
        shards = self._shards()
        frames = []
        for shard in shards:
            try:  # the keys first (one column, cheap); the whole rows only of a shard that has some
                hits = pc.is_in(pq.read_table(shard, columns=["key"])["key"], value_set=wanted_keys)
                if not pc.any(hits).as_py():
                    continue
                table = pq.read_table(shard).filter(hits).to_pandas()
            except (FileNotFoundError, OSError, ValueError):  # removed by a compaction, or half-visible
                continue
            frames.append(_decode(table))  # per shard: encodings differ by shard
        if len(shards) >= COMPACT_FROM:
            self._compact(shards)
        if not frames:
            return pd.DataFrame(columns=["key"])
        rows = pd.concat(frames, ignore_index=True).drop_duplicates("key_row", keep="first")
        return rows.drop(columns="key_row")

    def put(self, rows: pd.DataFrame) -> None:
        """Store rows (a ``key`` column plus values) as a new shard; nothing happens when the cache is off."""
        if self.folder is None or rows.empty:
            return
        table = _encode(rows.reset_index(drop=True))
        table["key_row"] = table["key"] + ":" + table.groupby("key").cumcount().astype(str)
        _write_atomically(table, self.folder)

    def _compact(self, shards: list[Path]) -> None:
        """Merge shards into one; readers that still list an old shard skip it when it is gone."""
        try:  # decoded shard by shard: a column is stored as it is in one shard and pickled or as dates in another
            merged = pd.concat([_decode(pd.read_parquet(s)) for s in shards], ignore_index=True)
        except (FileNotFoundError, OSError, ValueError):
            return  # another kernel is compacting
        _write_atomically(_encode(merged.drop_duplicates("key_row", keep="first")), self.folder)
        for shard in shards:
            shard.unlink(missing_ok=True)


class TableCache:
    """Whole tables (a loaded corpus) for the current code version, one Parquet file per key.

    ``get(key)`` returns ``(table, extras)`` or None; ``put(key, table, extras)`` stores a table with
    a small JSON-able dict of extras (a corpus's skipped files and warnings).
    """

    def __init__(self, kind: str):
        base = cache_folder()
        self.folder = None if base is None else base / kind / code_version()

    @collection_paused()
    def get(self, key: str) -> tuple[pd.DataFrame, dict] | None:
        if self.folder is None:
            return None
        try:
            extras = json.loads((self.folder / f"{key}.json").read_text(encoding="utf-8"))
            table = pd.read_parquet(self.folder / f"{key}.parquet")
        except (OSError, ValueError):
            return None
        times = extras.pop("_datetime_columns", {})
        return _decode(table).astype(times), extras  # Parquet stores datetime64[s] as [ms]

    def put(self, key: str, table: pd.DataFrame, extras: dict) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        times = {c: str(t) for c, t in table.dtypes.items() if pd.api.types.is_datetime64_any_dtype(t)}
        extras_text = json.dumps({**extras, "_datetime_columns": times}, ensure_ascii=False)
        write_atomically(self.folder / f"{key}.json", lambda path: path.write_text(extras_text, encoding="utf-8"))
        write_atomically(self.folder / f"{key}.parquet", lambda path: _encode(table).to_parquet(path, index=False))


def write_atomically(path: Path, write: Callable[[Path], object]) -> None:
    """Call ``write`` with a temporary file beside ``path``, then rename that file to ``path``.

    A reader never sees half a file and two writers never mix theirs; the temporary file is
    removed when ``write`` fails, and the error is raised.
    """
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _write_atomically(table: pd.DataFrame, folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    write_atomically(folder / f"{uuid.uuid4().hex}.parquet", lambda path: table.to_parquet(path, index=False))


def _encode(rows: pd.DataFrame) -> pd.DataFrame:
    """Lists, tuples and dicts pickled (``name__pickle``), dates as ISO text (``name__date``), in place.

    Pickled because reading them back is the cost of every warm load: on 100,000 articles their
    ``removed`` lists took 4.6 s to parse as JSON and 0.6 s to unpickle. The cache is this project's own
    folder, like the memo (``netralitas.memo``), which pickles too.
    """
    columns = {}
    for column, values in rows.items():
        if pd.api.types.is_datetime64_any_dtype(values) or pd.api.types.is_numeric_dtype(values):
            columns[column] = values  # Parquet keeps these as they are
        elif pd.api.types.infer_dtype(values, skipna=True) in ("string", "empty"):
            columns[column] = values  # text (checked in C, where the tests below go value by value)
        elif values.map(lambda v: isinstance(v, (list, tuple, dict))).any():
            columns[column + "__pickle"] = values.map(lambda v: pickle.dumps(v, protocol=pickle.HIGHEST_PROTOCOL))
        elif values.map(lambda v: hasattr(v, "isoformat")).any():
            columns[column + "__date"] = values.map(lambda v: v.isoformat() if hasattr(v, "isoformat") else None)
        else:
            columns[column] = values
    return pd.DataFrame(columns, index=rows.index)


@collection_paused()
def _decode(rows: pd.DataFrame) -> pd.DataFrame:
    import datetime as dt

    columns = {}
    for column, values in rows.items():
        if column.endswith("__pickle"):
            name = column.removesuffix("__pickle")
            cells = [pickle.loads(v) if isinstance(v, bytes) else None for v in values.tolist()]
            values = pd.Series(cells, index=values.index, dtype=object)  # None: a row that never had this column
        elif column.endswith("__date"):
            name = column.removesuffix("__date")
            values = values.map(lambda v: dt.date.fromisoformat(v) if isinstance(v, str) and v else None)
        else:
            name = column
        if name in columns:  # stored both ways in one table: each row keeps the value it has
            values = values.where(values.notna(), columns[name])
        columns[name] = values
    return pd.DataFrame(columns, index=rows.index)


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive lock on ``<path>.lock`` (where the system has file locks)."""
    try:
        import fcntl
    except ImportError:  # Windows: no file locks; two writers may then overlap
        yield
        return
    with open(path.with_name(path.name + ".lock"), "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
