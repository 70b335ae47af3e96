"""Benchmark: the project's pipeline against the naive one, on synthetic corpora of growing size.

For each size (default 1,000, 10,000 and 100,000 articles) it writes a deterministic synthetic
corpus (bench/synthetic.py) to a temporary folder, then times on that same corpus:

1. the project's pipeline: utils.load_corpus -> utils.doc_tokens(stem=True) ->
   utils.term_frequencies by regency -> utils.keyness by regency (from those frequencies);
2. the naive pipeline of tutorials: files read into pandas, then per document (pandas apply) a
   regex tokenizer, stopword removal and Sastrawi stem() of the whole text, an nltk FreqDist, the
   FreqDists summed per regency, and G2 keyness by a row-wise apply. It has no metadata parser, so
   it takes each article's regency from the project's loader (not timed against it).

It prints articles/s, tokens/s, wall seconds and peak memory (proportional set size of this
process and its workers, sampled every 50 ms) per stage and size, and the naive/project ratio.
The naive pipeline runs up to --naive-max articles (default 10,000; it is slow by design).

Each size runs in a fresh process, so memory figures do not carry over from one size to the next.

Run:  python bench/benchmark.py [--sizes 1000 10000 100000] [--workers N] [--naive-max N]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import subprocess
import sys
import tempfile
import threading
import time
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

import utils  # noqa: E402

# --- measuring --------------------------------------------------------------------


def _pss_kib(pid: int) -> int:
    """Proportional set size of a process in KiB (shared pages split between sharers), or RSS."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("Pss:"))
    except (OSError, StopIteration):
        try:
            with open(f"/proc/{pid}/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024
        except OSError:
            return 0


def _tree_kib() -> int:
    me, total = os.getpid(), _pss_kib(os.getpid())
    for entry in os.listdir("/proc") if os.path.isdir("/proc") else []:
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    if int(f.read().rsplit(")", 1)[1].split()[1]) == me:
                        total += _pss_kib(int(entry))
            except (OSError, ValueError, IndexError):
                continue
    return total


class Stage:
    """Times a block and samples the memory of this process and its children meanwhile."""

    def __init__(self, name: str):
        self.name, self.peak_kib, self._stop = name, 0, threading.Event()

    def _sample(self):
        while not self._stop.is_set():
            self.peak_kib = max(self.peak_kib, _tree_kib())
            self._stop.wait(0.05)

    def __enter__(self):
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        self.start = time.perf_counter()
        return self

    def __exit__(self, *exc):
        self.seconds = time.perf_counter() - self.start
        self._stop.set()
        self._thread.join()
        self.peak_kib = max(self.peak_kib, _tree_kib())


# --- the two pipelines ------------------------------------------------------------------


def project_pipeline(folder: Path, workers: int | None) -> tuple[dict, list[Stage]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with Stage("load_corpus") as load:
            df = utils.load_corpus(folder, workers=workers)
    with Stage("tokenize+stem") as tok:
        tokens = utils.doc_tokens(df, stem=True, workers=workers)
    with Stage("term freq by regency") as tf:
        freqs = utils.term_frequencies(df, "regency", terms=tokens)
    with Stage("keyness") as key:
        keyness = utils.keyness(df, "regency", counts=freqs)
    result = {"df": df, "n_tokens": int(tokens.map(len).sum()), "freqs": freqs, "keyness": keyness}
    return result, [load, tok, tf, key]


def naive_counts(texts: pd.Series) -> pd.Series:
    """The tutorial way: per document, tokenize with a regex, drop stopwords, Sastrawi-stem the whole text."""
    from nltk import FreqDist
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = StemmerFactory().create_stemmer()
    stop = utils.stopwords_set()

    def one(text):
        words = [w for w in re.findall(r"[a-z]+(?:-[a-z]+)*", text.lower()) if len(w) > 1 and w not in stop]
        stems = [w for w in stemmer.stem(" ".join(words)).split() if w not in stop]
        return FreqDist(stems)

    return texts.apply(one)


def naive_keyness(by_group: dict[str, Counter]) -> pd.DataFrame:
    rows = pd.DataFrame(
        [(g, t, c) for g, fd in by_group.items() for t, c in fd.items()], columns=["group", "term", "a"]
    )
    sizes = {g: sum(fd.values()) for g, fd in by_group.items()}
    totals = rows.groupby("term")["a"].sum()
    n_all = sum(sizes.values())

    def g2(row):
        a, c = row["a"], sizes[row["group"]]
        b, d = totals[row["term"]] - a, n_all - c
        e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
        return 2 * sum(o * math.log(o / e) for o, e in ((a, e1), (b, e2)) if o > 0)

    rows["g2"] = rows.apply(g2, axis=1)
    return rows


def naive_pipeline(folder: Path, regency: dict[str, str]) -> tuple[dict, list[Stage]]:
    with Stage("read files (pandas)") as load:
        files = sorted(folder.glob("*.txt"))
        df = pd.DataFrame({"doc_id": [f.stem for f in files], "text": [f.read_text(encoding="utf-8") for f in files]})
        df["regency"] = df["doc_id"].map(regency)
        df = df.dropna(subset=["regency"])
    with Stage("tokenize+stem") as tok:
        counts = naive_counts(df["text"])
    with Stage("term freq by regency") as tf:
        by_group = {g: sum(fds, Counter()) for g, fds in counts.groupby(df["regency"])}
    with Stage("keyness") as key:
        naive_keyness(by_group)
    n_tokens = int(counts.map(lambda fd: sum(fd.values())).sum())
    return {"n_tokens": n_tokens, "by_group": by_group}, [load, tok, tf, key]


# --- report -------------------------------------------------------------------------------


def report(size: int, name: str, stages: list[Stage], n_tokens: int) -> float:
    total = sum(s.seconds for s in stages)
    print(f"\n  {name}: {total:,.1f} s end to end, {size / total:,.0f} articles/s, {n_tokens / total:,.0f} tokens/s")
    print(f"  {'stage':<22}{'wall s':>9}{'articles/s':>13}{'tokens/s':>13}{'peak MiB':>10}")
    for s in stages:
        print(
            f"  {s.name:<22}{s.seconds:>9.2f}{size / s.seconds:>13,.0f}{n_tokens / s.seconds:>13,.0f}"
            f"{s.peak_kib / 1024:>10,.0f}"
        )
    return total


def run_size(size: int, workers: int | None, naive_max: int) -> dict:
    """Benchmark one corpus size in this process and return its summary row."""
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        folder = synthetic.write_corpus(Path(tmp) / "seeds", size)
        print(f"\n== {size:,} articles (synthetic corpus written in {time.perf_counter() - started:.1f} s)")
        project, stages = project_pipeline(folder, workers)
        project_total = report(size, "project", stages, project["n_tokens"])
        analysis = sum(s.seconds for s in stages[1:])
        row = {"articles": size, "project s": project_total, "peak MiB": max(s.peak_kib for s in stages) / 1024}
        if size <= naive_max:
            regency = dict(zip(project["df"]["doc_id"], project["df"]["regency"], strict=True))
            naive, naive_stages = naive_pipeline(folder, regency)
            naive_total = report(size, "naive", naive_stages, naive["n_tokens"])
            naive_analysis = sum(s.seconds for s in naive_stages[1:])
            print(f"\n  naive / project: analysis (tokenize -> keyness) {naive_analysis / analysis:.1f}x, "
                  f"end to end {naive_total / project_total:.1f}x")  # fmt: skip
            row.update({"naive s": naive_total, "analysis ratio": naive_analysis / analysis})
    return row


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--workers", type=int, default=None, help="processes for the project (default: all cores)")
    parser.add_argument("--naive-max", type=int, default=10_000, help="largest size to run the naive pipeline on")
    parser.add_argument("--in-process", action="store_true", help="run every size in this process (for tests)")
    args = parser.parse_args(argv)
    workers = args.workers or os.cpu_count()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pandas {pd.__version__}; project workers={workers}")  # fmt: skip
    summary = []
    for size in args.sizes:
        if args.in_process:
            summary.append(run_size(size, args.workers, args.naive_max))
            continue
        # Each size in a fresh process, so one size's memory does not count towards the next's.
        command = [sys.executable, __file__, "--one", str(size), "--naive-max", str(args.naive_max)]
        if args.workers:
            command += ["--workers", str(args.workers)]
        result = subprocess.run(command, capture_output=True, text=True, check=True)
        lines = result.stdout.splitlines()
        print("\n".join(line for line in lines if not line.startswith("SUMMARY ")), flush=True)
        summary.append(json.loads(next(line for line in lines if line.startswith("SUMMARY "))[8:]))
    print("\n== summary")
    print(pd.DataFrame(summary).round(2).to_string(index=False))


if __name__ == "__main__":
    if len(sys.argv) > 2 and sys.argv[1] == "--one":
        one = argparse.ArgumentParser()
        one.add_argument("--one", type=int)
        one.add_argument("--naive-max", type=int)
        one.add_argument("--workers", type=int, default=None)
        options = one.parse_args()
        print("SUMMARY " + json.dumps(run_size(options.one, options.workers, options.naive_max)))
    else:
        main()
