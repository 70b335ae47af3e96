"""Parallel map: the same results as a loop, on every core when the work is large enough.

Owns the choice of process pool (fork where it is safe, a fork server inside a Jupyter
kernel) and the threshold below which a pool costs more than it saves.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator

PARALLEL_FROM = 400  # below this many items, a process pool costs more than it saves (measured in bench/)


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
    function: Callable, items: list, workers: int | None = None, warm: Callable[[], object] | None = None
) -> Iterator:
    """Yield ``function(x)`` for each item in order, on a process pool when there are enough items.

    Same order and same results as the serial loop. ``workers=None`` uses every core from
    ``PARALLEL_FROM`` items on; ``workers=1`` never starts a pool. ``warm`` is called once
    before the pool starts (load reference data, so forked workers share it).
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
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(function, items, chunksize=chunk)


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
