"""Memo: the results of the slow corpus-wide steps kept on disk, so the next kernel reads them.

Every notebook starts a fresh kernel, and ``make reports`` runs each notebook twice (English and
Indonesian): on a corpus of thousands of articles, the same n-grams, quotes or shared
phrases would be computed four times. ``remembered`` wraps such a function: its result is stored
under ``<cache>/memo/<code version>/<function>/`` (the cache folder of ``netralitas.cache``),
keyed by a fingerprint of the arguments' content, and read back by any later call with equal
arguments, in this kernel or another.

Only calls on large inputs are kept (``MEMO_FROM`` rows or more in the first table or series):
small corpora are computed faster than a file is read, and tests that change the reference data
on small inputs never meet a stored result. A change to the code or ``data/`` gives a new version
folder; ``NETRALITAS_CACHE=off`` turns the memo off with the rest of the cache. Two kernels asking
for the same result take turns (a file lock): the second reads what the first wrote.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
import pickle
from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd

from .cache import cache_folder, code_version, collection_paused, locked, write_atomically

MEMO_FROM = 200  # rows: below this, computing is cheaper than reading a file


class Unhashable(Exception):
    """An argument whose content cannot be fingerprinted: the call is computed, not remembered."""


def fingerprint(value) -> str:
    """Return a hex digest of ``value``'s content (raises ``Unhashable`` for what it cannot read).

    Tables and series are fingerprinted by index, columns, dtypes and values; equal content gives
    equal digests in any process.

    >>> fingerprint(pd.Series([["asn", "netral"]])) == fingerprint(pd.Series([["asn", "netral"]]))
    True
    >>> fingerprint(pd.Series([["asn", "netral"]])) == fingerprint(pd.Series([["asn netral"]]))
    False
    """
    digest = hashlib.sha1()
    _feed(digest, value)
    return digest.hexdigest()


def _feed(digest, value) -> None:
    if value is None or isinstance(value, (bool, int, float, str, bytes, range)):
        digest.update(f"{type(value).__name__}:{value!r};".encode())
    elif isinstance(value, (list, tuple)):
        digest.update(f"{type(value).__name__}[{len(value)}](".encode())
        for item in value:
            _feed(digest, item)
        digest.update(b")")
    elif isinstance(value, (set, frozenset)):
        _feed(digest, ("set", sorted(fingerprint(v) for v in value)))
    elif isinstance(value, dict):
        _feed(digest, ("dict", [(fingerprint(k), fingerprint(v)) for k, v in value.items()]))
    elif isinstance(value, pd.DataFrame):
        digest.update(f"frame{value.shape}".encode())
        _feed_index(digest, value.columns)
        _feed_index(digest, value.index)
        if any(isinstance(t, pd.SparseDtype) for t in value.dtypes):
            from .similarity import _csr  # the matrix behind a sparse tf-idf table

            matrix = _csr(value)
            for part in (matrix.data, matrix.indices, matrix.indptr):
                digest.update(np.ascontiguousarray(part).tobytes())
        else:
            for _, column in value.items():
                _feed_values(digest, column)
    elif isinstance(value, pd.Series):
        digest.update(f"series:{value.name!r}".encode())
        _feed_index(digest, value.index)
        _feed_values(digest, value)
    elif isinstance(value, pd.Index):
        _feed_index(digest, value)
    elif isinstance(value, np.ndarray) and value.dtype != object:
        digest.update(f"array{value.shape}{value.dtype}".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    else:
        raise Unhashable(type(value).__name__)


def _feed_index(digest, index: pd.Index) -> None:
    if isinstance(index, pd.RangeIndex):
        digest.update(f"range({index.start},{index.stop},{index.step})".encode())
    else:
        _feed_values(digest, index.to_series(index=range(len(index))))


def _feed_values(digest, values: pd.Series) -> None:
    digest.update(f"{values.dtype};".encode())
    if values.dtype != object and not pd.api.types.is_string_dtype(values):  # numbers, dates: hashed by pandas
        digest.update(pd.util.hash_pandas_object(values, index=False).to_numpy().tobytes())
        return
    if _feed_arrow(digest, values):
        return
    cells = values.tolist()
    if not all(type(c) is str for c in cells):  # lists of words, missing values, a mix: each cell as text
        cells = [_cell_text(c) for c in cells]
    digest.update(np.array([len(c) for c in cells], dtype=np.int64).tobytes())  # where each cell ends
    digest.update("".join(cells).encode("utf-8", "surrogatepass"))


def _feed_arrow(digest, values: pd.Series) -> bool:
    """Feed text stored by Arrow straight from its buffers (fast: no Python strings); False if it is not."""
    try:
        chunks = values.array._pa_array.chunks  # pandas' Arrow-backed strings
    except AttributeError:
        return False
    for chunk in chunks:
        if chunk.null_count or str(chunk.type) not in ("string", "large_string"):
            return False
    for chunk in chunks:
        if not len(chunk):
            continue
        offsets = np.frombuffer(chunk.buffers()[1], dtype=np.int64 if str(chunk.type) == "large_string" else np.int32)
        offsets = offsets[chunk.offset : chunk.offset + len(chunk) + 1]
        digest.update(np.diff(offsets).astype(np.int64).tobytes())  # each cell's length in bytes, then the bytes
        digest.update(memoryview(chunk.buffers()[2])[offsets[0] : offsets[-1]])
    return True


def _cell_text(cell) -> str:
    if isinstance(cell, (list, tuple)):
        try:  # a list of words
            return f"{type(cell).__name__}\x1f" + "\x1f".join(cell)
        except TypeError:
            return repr(cell) if _plain(cell) else f"{type(cell).__name__}\x1e{fingerprint(cell)}"
    if isinstance(cell, (dict, set, frozenset)):
        return f"{type(cell).__name__}\x1e{fingerprint(cell)}"
    return f"{type(cell).__name__}\x1d{cell!r}"


def _plain(value) -> bool:
    """True for text, numbers and lists or tuples of them: values whose ``repr`` is their whole content."""
    if isinstance(value, (list, tuple)):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


def _rows(value) -> int:
    return len(value) if isinstance(value, (pd.DataFrame, pd.Series)) else 0


def remembered(function: Callable | None = None, *, ignore: tuple[str, ...] = ()) -> Callable:
    """Wrap ``function`` so that its results on large inputs are kept on disk (see the module's notes).

    The function must depend only on its arguments, the package's code and ``data/``; arguments
    named in ``ignore`` (a number of workers, say) do not change the result and are not part of the key.
    """
    if function is None:
        return lambda f: remembered(f, ignore=ignore)
    signature = inspect.signature(function)
    name = f"{function.__module__.rsplit('.', 1)[-1]}.{function.__qualname__}"

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        base = cache_folder()
        bound = signature.bind(*args, **kwargs)
        tables = [v for v in bound.arguments.values() if isinstance(v, (pd.DataFrame, pd.Series))]
        if base is None or not tables or _rows(tables[0]) < MEMO_FROM:
            return function(*args, **kwargs)
        bound.apply_defaults()
        try:
            key = fingerprint([(k, v) for k, v in bound.arguments.items() if k not in ignore])
        except Unhashable:
            return function(*args, **kwargs)
        path = base / "memo" / code_version() / name / f"{key}.pickle"
        found = _read(path)
        if found is not _MISSING:
            return found
        path.parent.mkdir(parents=True, exist_ok=True)
        with locked(path):  # another kernel computing the same result: wait for it, then read
            found = _read(path)
            if found is not _MISSING:
                return found
            result = function(*args, **kwargs)
            _write(path, result)
        return result

    return wrapper


_MISSING = object()


@collection_paused()
def _read(path: Path):
    try:
        with path.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
        return _MISSING  # absent, or written by another version of a library: computed again


def _write(path: Path, value) -> None:
    def dump(temporary: Path) -> None:
        with temporary.open("wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)

    try:
        write_atomically(path, dump)
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass  # a result that cannot be stored is simply not remembered
