"""Parallel map: the same results as a loop, on every core when the work is large enough.

Owns the choice of process pool (fork where it is safe, a fork server inside a Jupyter
kernel) and the threshold below which a pool costs more than it saves.
"""

from __future__ import annotations

import collections
import gc
import itertools
import os
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future

PARALLEL_FROM = 400  # below this many items, a process pool costs more than it saves (measured in bench/)
IN_FLIGHT = 4  # chunks sent ahead per worker: enough to keep it busy, few enough to hold little


def start_method() -> str | None:
    """Return the process start method: fork where it is safe (fast: workers share the parent's
    warmed caches), a fork server inside a Jupyter kernel, whose threads a forked child could
    inherit mid-lock; None where neither exists (the platform default)."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and "ipykernel" not in sys.modules:
        return "fork"
    return "forkserver" if "forkserver" in methods else None


def uses_pool(n_items: int, workers: int | None = None) -> bool:
    """Whether ``parallel_map`` of ``n_items`` items with ``workers`` runs on a process pool (else in this process)."""
    workers = (os.cpu_count() or 1) if workers is None else workers
    return workers > 1 and n_items >= PARALLEL_FROM


def parallel_map(
    function: Callable,
    items: Sequence,
    workers: int | None = None,
    warm: Callable[[], object] | None = None,
    collect: bool | None = None,
) -> Iterator:
    """Yield ``function(x)`` for each item in order, on a process pool when there are enough items.

    Same order and same results as the serial loop. ``workers=None`` uses every core from
    ``PARALLEL_FROM`` items on; ``workers=1`` never starts a pool. ``warm`` is called once
    before the pool starts (load reference data, so forked workers share it). ``collect`` says whether the
    workers run Python's cyclic garbage collector; None: as this process does when they start (forked workers
    inherit it), so workers started in a step that pauses the collector (``netralitas.cache.collection_paused``)
    run without it unless ``collect=True``.

    ``items`` is a list, or any sequence that makes its items when sliced (``netralitas.text`` reads texts from
    a table that way): the pool is sent ``IN_FLIGHT`` chunks per worker at a time, each sliced when it is sent,
    so the items need never all exist at once. Sending every chunk at the start, as ``Executor.map`` does,
    held all 100,000 texts of a corpus as Python strings beside the table's, and forked workers shared and then
    copied them: the token lists of that corpus peaked at 3.2 to 3.3 GiB that way, and at 1.9 to 2.2 GiB this
    way, in the same time (two runs each, the table read from the cache).
    """
    if not uses_pool(len(items), workers):
        yield from map(function, items)
        return
    workers = (os.cpu_count() or 1) if workers is None else workers
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if warm is not None:
        warm()
    context = multiprocessing.get_context(start_method())
    chunk = max(1, min(256, len(items) // (workers * 8)))
    starts = iter(range(0, len(items), chunk))
    initializer = None if collect is None else gc.enable if collect else gc.disable
    freeze = context.get_start_method() == "fork" and not gc.get_freeze_count()  # see the note above _apply
    try:
        if freeze:
            gc.freeze()
        with ProcessPoolExecutor(workers, mp_context=context, initializer=initializer) as pool:

            def send(start: int) -> Future:
                return pool.submit(_apply, function, list(items[start : start + chunk]))

            pending = collections.deque(send(start) for start in itertools.islice(starts, workers * IN_FLIGHT))
            while pending:
                results = pending.popleft().result()
                start = next(starts, None)
                if start is not None:
                    pending.append(send(start))
                yield from results
    finally:
        if freeze:
            gc.unfreeze()


# Forked workers share this process's memory until one of them writes to a page. The garbage collector writes to
# every object it looks at, so a worker that collects copies every page of the objects it inherited, and spends the
# time to look at them. ``gc.freeze()`` sets them aside for the pool's life (Python's documentation advises it
# before a fork): at 100,000 articles the cold load's workers took 66.5 and 68.0 s of CPU time with it against
# 69.1 and 70.7 s without, and the load 42.9 and 44.4 s against 46.1 and 46.5 s (two runs each, taking turns).
# Not done when objects are frozen already: unfreezing would undo that.


def _apply(function: Callable, chunk: list) -> list:
    return [function(item) for item in chunk]


def chunked(items: Iterable, size: int) -> Iterator[list]:
    """Yield lists of ``size`` items (the last may be shorter).

    >>> list(chunked(range(5), 2))
    [[0, 1], [2, 3], [4]]
    """
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
