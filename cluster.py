"""The term-count pipeline on Dask: on this machine's cores, or on any Dask cluster.

Optional: needs ``pip install -e ".[dask]"`` (dask and distributed); the notebooks never import it.
The per-document steps of ``utils`` are pure functions of one file, so they map over a
``dask.bag`` of file paths unchanged: parse (``utils`` loader), tokenise and stem, count; the
counts are then summed per regency. The result equals
``utils.term_frequencies(utils.load_corpus(folder, metadata=None), "regency", stem=True)``.

    python cluster.py seeds/                              # a local cluster, all cores
    python cluster.py /data/articles --scheduler tcp://scheduler:8786

On a real cluster every worker needs this project importable (``pip install -e .`` in the
same environment, or the repository on a shared file system) and read access to the folder.
"""

from __future__ import annotations

import argparse
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd

import utils


def _counts(path: str, stem: bool) -> tuple[str, Counter] | None:
    """Parse one file and count its tokens: (regency, counts), or None for a skipped file."""
    row = utils.load_file(path)
    if isinstance(row, str):
        return None
    return row["regency"], Counter(utils.tokenize(row["text"], stem=stem))


def _per_partition(items) -> dict[str, Counter]:
    """Sum one partition's document counts per regency (a fresh dict per partition)."""
    totals: dict[str, Counter] = defaultdict(Counter)
    for regency, counts in items:
        totals[regency].update(counts)
    return dict(totals)


def _aggregate(parts) -> dict[str, Counter]:
    """Sum the partitions' per-regency counts."""
    totals: dict[str, Counter] = defaultdict(Counter)
    for part in parts:
        for regency, counts in part.items():
            totals[regency].update(counts)
    return dict(totals)


def term_counts(folder: str | Path, *, stem: bool = True, client=None, partitions: int | None = None) -> pd.DataFrame:
    """Return term counts per regency, computed on Dask: regency, term, count, per_1000.

    ``client`` is a ``dask.distributed.Client``; by default a local cluster with one worker
    process per core is started (on 127.0.0.1) and closed afterwards. Rows are sorted as
    ``utils.term_frequencies`` sorts them.
    """
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    paths = sorted(str(p) for p in Path(folder).iterdir() if p.suffix.lower() == ".txt" and not p.name.startswith("."))
    own = client is None
    if own:
        cluster = LocalCluster(processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        bag = db.from_sequence(paths, npartitions=partitions or min(len(paths), workers * 4) or 1)
        per_doc = bag.map(_counts, stem).filter(lambda item: item is not None)
        results = client.compute(per_doc.reduction(_per_partition, _aggregate)).result()
    finally:
        if own:
            client.close()
            cluster.close()
    rows = [(group, term, n) for group, counter in results.items() for term, n in counter.items()]
    out = pd.DataFrame(rows, columns=["regency", "term", "count"])
    out["per_1000"] = 1000 * out["count"] / out.groupby("regency")["count"].transform("sum")
    return out.sort_values(["regency", "count", "term"], ascending=[True, False, True], ignore_index=True)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Term counts per regency on Dask")
    parser.add_argument("folder", type=Path)
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--top", type=int, default=5, help="terms to print per regency")
    args = parser.parse_args(argv)
    client = None
    if args.scheduler:
        from dask.distributed import Client

        client = Client(args.scheduler)
    counts = term_counts(args.folder, client=client)
    print(counts.groupby("regency").head(args.top).to_string(index=False))


if __name__ == "__main__":
    main()
