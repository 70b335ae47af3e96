"""The term-count pipeline on Dask: on this machine's cores, or on any Dask cluster.

Optional: needs ``pip install -e ".[dask]"`` (dask and distributed); the notebooks never import it.
One task per file: read it (a pasted page, a saved page, an export or a whole web archive,
whose records are filtered, extracted and parsed inside the task), tokenise and stem each
article, count; the counts are then summed per regency. On the files of a folder the result
equals ``utils.term_frequencies(utils.load_corpus(folder, metadata=None), "regency", stem=True)``.

    python cluster.py seeds/                                   # a local cluster, all cores
    python cluster.py /data/crawl --scheduler tcp://scheduler:8786
    python cluster.py "s3://bucket/crawl/*.warc.gz" --scheduler tcp://scheduler:8786

Paths may be anything fsspec opens (``s3://``, ``gs://``, ``https://``, with the matching fsspec
package and the network the user has); each task copies its file to the worker's temporary
folder and reads it there. On a real cluster every worker needs this project importable
(``pip install -e .`` in the same environment) and read access to the files.
"""

from __future__ import annotations

import argparse
import tempfile
from collections import Counter, defaultdict
from pathlib import Path, PurePosixPath

import pandas as pd

import utils


def corpus_paths(where: str | Path) -> list[str]:
    """Return the files to count: a local folder's corpus files, or the files an fsspec URL or glob names."""
    local = Path(str(where))
    if local.is_dir():
        return [str(p) for p in utils.corpus_files(local)]
    import fsspec

    fs, _, found = fsspec.get_fs_token_paths(str(where))
    return sorted(fs.unstrip_protocol(p) for p in found)


def _local_copy(path: str, folder: str) -> Path:
    """The file itself when it is local, else a copy in ``folder`` under its own name."""
    if Path(path).exists():
        return Path(path)
    import fsspec

    target = Path(folder) / PurePosixPath(path.split("://", 1)[-1]).name
    with fsspec.open(path, "rb") as source:
        target.write_bytes(source.read())
    return target


def _counts(path: str, stem: bool) -> list[tuple[str, Counter]]:
    """Read one file and count each article's tokens: [(regency, counts), ...] (empty for a skipped file)."""
    with tempfile.TemporaryDirectory() as folder:
        rows, _ = utils.load_file(_local_copy(path, folder))
    return [(row["regency"], Counter(utils.tokenize(row["text"], stem=stem))) for row in rows]


def _per_partition(items) -> dict[str, Counter]:
    """Sum one partition's document counts per regency (a fresh dict per partition)."""
    totals: dict[str, Counter] = defaultdict(Counter)
    for per_file in items:
        for regency, counts in per_file:
            totals[regency].update(counts)
    return dict(totals)


def _aggregate(parts) -> dict[str, Counter]:
    """Sum the partitions' per-regency counts."""
    totals: dict[str, Counter] = defaultdict(Counter)
    for part in parts:
        for regency, counts in part.items():
            totals[regency].update(counts)
    return dict(totals)


def term_counts(where: str | Path, *, stem: bool = True, client=None, partitions: int | None = None) -> pd.DataFrame:
    """Return term counts per regency, computed on Dask: regency, term, count, per_1000.

    ``where`` is a folder or an fsspec URL or glob. ``client`` is a ``dask.distributed.Client``;
    by default a local cluster with one worker process per core is started (on 127.0.0.1) and
    closed afterwards. Rows are sorted as ``utils.term_frequencies`` sorts them.
    """
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    paths = corpus_paths(where)
    own = client is None
    if own:
        cluster = LocalCluster(processes=True, threads_per_worker=1, host="127.0.0.1", dashboard_address=None)
        client = Client(cluster)
    try:
        workers = max(1, len(client.scheduler_info()["workers"]))
        bag = db.from_sequence(paths, npartitions=partitions or min(len(paths), workers * 4) or 1)
        results = client.compute(bag.map(_counts, stem).reduction(_per_partition, _aggregate)).result()
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
    parser.add_argument("where", help="a folder, or an fsspec URL or glob (s3://bucket/crawl/*.warc.gz)")
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: a local cluster)")
    parser.add_argument("--top", type=int, default=5, help="terms to print per regency")
    args = parser.parse_args(argv)
    client = None
    if args.scheduler:
        from dask.distributed import Client

        client = Client(args.scheduler)
    counts = term_counts(args.where, client=client)
    print(counts.groupby("regency").head(args.top).to_string(index=False))


if __name__ == "__main__":
    main()
