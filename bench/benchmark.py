"""Benchmark: the project's pipeline against a careful and a naive hand-written one, on synthetic corpora.

For each corpus kind (bench/synthetic.py: ``recombined``, whose vocabulary stops growing after a few
thousand words, and ``growing``, whose vocabulary grows as Heaps' law predicts for news) and each
size (default 1,000, 10,000 and 100,000 articles) it writes a deterministic corpus to a temporary
folder, then times the contenders on it, each in a fresh process (so no in-memory cache and no
memory carries over from one contender, run or size to the next):

1. project: ``utils.load_corpus`` -> ``utils.doc_tokens(stem=True)`` -> ``utils.term_frequencies``
   by regency -> ``utils.keyness`` by regency (from those frequencies), with an empty on-disk
   cache (``NETRALITAS_CACHE`` set to a new temporary folder for every run, so the benchmark never
   reads or fills the project's own ``.cache/``): what a corpus costs the first time;
   project-warm: the same again in another fresh process, reading the parsed articles and token
   lists the first run left in that cache: what re-opening the corpus in a new kernel costs;
2. careful, written by hand as a careful programmer would: files read into a list, then words by
   ``utils.WORD_RE``, the stopword set, a ``functools.cache``-d PySastrawi stem with the project's
   protect-list (``utils.protected_terms()``) on top, all as the analyzer of scikit-learn's
   ``CountVectorizer``; the document-term matrix summed per regency by one sparse product; G2 (the
   full 2x2 log-likelihood, one regency against the rest, Dunning 1993), p, Benjamini-Hochberg
   adjusted p and log ratio on arrays;
3. naive, as tutorials write it: files read into pandas, then per document (pandas apply) a regex
   tokenizer, stopword removal and Sastrawi ``stem()`` of the whole text, an nltk FreqDist, the
   FreqDists summed per regency, and G2 by a row-wise apply (the two-cell form of the UCREL
   log-likelihood calculator, Rayson and Garside 2000).

The ratios compare with the first-time (cold) project run. Careful and naive have no metadata
parser: they take each article's regency from the generator's index (the regency it wrote the
article for, which is the one ``load_corpus`` finds; tested), and their "load" is only reading the
files, web boilerplate included.

Per size it prints each contender's stages (wall seconds, articles/s, tokens/s, peak memory: the
proportional set size of the contender's process and its workers, sampled every 50 ms, or less often
when one sample takes longer than 2.6 ms: see ``Stage``); per corpus
kind a table of the corpus (tokens, word types, and the types Heaps' law predicts) and a table of
load, analysis (everything after loading) and total seconds, peak MiB, and each contender's
analysis and total time divided by the project's. Sizes up to --runs-max are run --runs times
(contenders interleaved) and each contender's run with the median total time is shown; larger
sizes once. The naive pipeline runs up to --naive-max articles (it is slow by design).

Run:  python bench/benchmark.py [--sizes 1000 10000 100000] [--corpus recombined growing] [--runs 3]
                                [--runs-max 10000] [--naive-max 1000] [--workers N]
                                [--contenders project project-warm careful naive]
"""

from __future__ import annotations

import argparse
import functools
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

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

import utils  # noqa: E402

CONTENDERS = ("project", "project-warm", "careful", "naive")

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


SAMPLER_SHARE = 0.05  # of the time, at most, that the memory sampler spends reading


class Stage:
    """Times a block and samples the memory of this process and its children meanwhile.

    Reading a process's proportional set size walks its page tables: for a parent of 1.3 GiB with two
    children of 0.3 GiB each, one sample took 22 ms of CPU time (38 ms wall; 50 samples). Sampling every
    50 ms regardless, the sampler took CPU time from the pipeline it measured, on a machine of two cores:
    at 100,000 articles, cold, runs sampled that way took 7 to 94% longer than unsampled runs taking turns
    with them (6 pairs, median 16%). So the sampler waits 19 times as long as its last sample took
    (``SAMPLER_SHARE``), and at least 50 ms: 3 and 7% longer than unsampled in two pairs. A peak shorter
    than the wait can be missed.
    """

    def __init__(self, name: str):
        self.name, self.peak_kib, self._stop = name, 0, threading.Event()

    def _sample(self):
        while not self._stop.is_set():
            started = time.perf_counter()
            self.peak_kib = max(self.peak_kib, _tree_kib())
            took = time.perf_counter() - started
            self._stop.wait(max(0.05, took * (1 - SAMPLER_SHARE) / SAMPLER_SHARE))

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


# --- the project's pipeline ---------------------------------------------------------------


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


# --- the careful pipeline -------------------------------------------------------------------


def careful_analyzer():
    """Return a text -> terms function: the project's tokens, from PySastrawi used directly.

    Words are ``utils.WORD_RE`` matches in the lower-cased text; a word shorter than two letters
    or in ``utils.stopwords_set()`` is dropped, a word of ``utils.protected_terms()`` kept as it
    is, any other replaced by its Sastrawi stem, and a stem that is a stopword dropped. Each
    distinct word is looked at once (``functools.cache``, new with every analyzer).
    """
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    stemmer = Stemmer(ArrayDictionary(StemmerFactory().get_words()))  # no cache of its own
    stop, protected, words = utils.stopwords_set(), utils.protected_terms(), utils.WORD_RE.findall

    @functools.cache
    def term(word: str) -> str | None:
        if len(word) < 2 or word in stop:
            return None
        stem = word if word in protected else stemmer.stem(word)
        return None if stem in stop else stem

    def analyze(text: str) -> list[str]:
        return [t for t in map(term, words(text.lower())) if t is not None]

    return analyze


def careful_counts(texts: list[str], groups: list[str]):
    """Return (regency names, terms, regencies x terms sparse counts): the careful pipeline's counting in one go."""
    from sklearn.feature_extraction.text import CountVectorizer

    vectorizer = CountVectorizer(analyzer=careful_analyzer())
    names, counts = _sum_by_group(vectorizer.fit_transform(texts), groups)
    return names, vectorizer.get_feature_names_out(), counts


def _sum_by_group(docs, groups: list[str]):
    """(group names, groups x terms counts): one sparse product of a group-membership matrix with ``docs``."""
    from scipy import sparse

    codes, names = pd.factorize(pd.Series(groups), sort=True)
    membership = sparse.csr_matrix(
        (np.ones(len(codes), dtype=docs.dtype), (codes, np.arange(len(codes)))), shape=(len(names), len(codes))
    )
    return np.asarray(names), (membership @ docs).tocsr()


def log_likelihood(a, b, c, d) -> np.ndarray:
    """G2 of the 2x2 tables [[a, b], [c - a, d - b]]: a term's count in the group (a) and in the rest (b),
    all tokens of the group (c) and of the rest (d).

    G2 = 2 * sum over the four cells of O * ln(O / E), E = row total * column total / N, with
    0 * ln 0 = 0 (Dunning 1993, "Accurate methods for the statistics of surprise and coincidence").
    """
    from scipy.special import xlogy

    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n, term = c + d, a + b
    observed = np.stack([a, b, c - a, d - b])
    expected = np.stack([c * term, d * term, c * (n - term), d * (n - term)]) / n
    return np.maximum(2 * xlogy(observed, observed / expected).sum(axis=0), 0.0)


def careful_keyness(names: np.ndarray, terms: np.ndarray, counts, min_freq: int = 3) -> pd.DataFrame:
    """One regency against the rest, every (regency, term) seen at least ``min_freq`` times in it.

    Columns: regency, term, count, count_rest, g2 (signed: positive = more in the regency), p
    (chi-square, 1 df), p_adj (Benjamini-Hochberg within the regency) and log_ratio (log2 of the
    ratio of relative frequencies, 0.5 for a zero count in the rest).
    """
    from scipy.stats import chi2

    entries = counts.tocoo()
    rows, cols, a = entries.row, entries.col, entries.data.astype(float)
    sizes = np.asarray(counts.sum(axis=1)).ravel().astype(float)
    totals = np.asarray(counts.sum(axis=0)).ravel().astype(float)
    c, b = sizes[rows], totals[cols] - a
    d = sizes.sum() - c
    keep = (a >= min_freq) & (d > 0)
    rows, cols, a, b, c, d = rows[keep], cols[keep], a[keep], b[keep], c[keep], d[keep]
    g2 = log_likelihood(a, b, c, d)
    p = chi2.sf(g2, 1)
    # Benjamini-Hochberg per regency: p * m / rank, then the running minimum from the largest p down.
    order = np.lexsort((-p, rows))  # by regency, p descending
    sizes_of = np.bincount(rows, minlength=len(names))
    starts = np.cumsum(sizes_of) - sizes_of
    rank = sizes_of[rows[order]] - (np.arange(len(order)) - starts[rows[order]])
    scaled = p[order] * sizes_of[rows[order]] / rank
    adjusted = np.empty_like(p)
    adjusted[order] = pd.Series(scaled).groupby(rows[order]).cummin().clip(upper=1).to_numpy()
    table = pd.DataFrame(
        {
            "regency": names[rows],
            "term": terms[cols],
            "count": a.astype(int),
            "count_rest": b.astype(int),
            "g2": np.where(a / c >= b / d, g2, -g2),
            "p": p,
            "p_adj": adjusted,
            "log_ratio": np.log2((a / c) / (np.where(b > 0, b, 0.5) / d)),
        }
    )
    return table.sort_values(["regency", "g2", "term"], ascending=[True, False, True], ignore_index=True)


def careful_pipeline(folder: Path, regency: dict[str, str]) -> tuple[dict, list[Stage]]:
    from sklearn.feature_extraction.text import CountVectorizer

    with Stage("read files") as load:
        files = sorted(folder.glob("*.txt"))
        texts = [f.read_text(encoding="utf-8") for f in files]
        groups = [regency[f.stem] for f in files]
    with Stage("tokenize+stem+count") as tok:
        vectorizer = CountVectorizer(analyzer=careful_analyzer())
        docs = vectorizer.fit_transform(texts)
        terms = vectorizer.get_feature_names_out()
    with Stage("sum by regency") as tf:
        names, counts = _sum_by_group(docs, groups)
    with Stage("keyness") as key:
        keyness = careful_keyness(names, terms, counts)
    result = {"n_tokens": int(docs.sum()), "names": names, "terms": terms, "counts": counts, "keyness": keyness}
    return result, [load, tok, tf, key]


def careful_table(names: np.ndarray, terms: np.ndarray, counts) -> dict[tuple[str, str], int]:
    """{(regency, term): count} of a careful count matrix."""
    entries = counts.tocoo()
    return {(names[g], terms[t]): int(c) for g, t, c in zip(entries.row, entries.col, entries.data, strict=True)}


# --- the naive pipeline -----------------------------------------------------------------------


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


# --- running -------------------------------------------------------------------------------


def run_contender(name: str, folder: Path, index: Path, workers: int | None) -> dict:
    """Run one contender on a written corpus in this process; return its stages and token count."""
    if name.startswith("project"):
        result, stages = project_pipeline(folder, workers)
    else:
        regency = json.loads(index.read_text(encoding="utf-8"))["regency"]
        result, stages = (careful_pipeline if name == "careful" else naive_pipeline)(folder, regency)
    return {"stages": [[s.name, s.seconds, s.peak_kib] for s in stages], "tokens": result["n_tokens"]}


def _in_fresh_process(name: str, folder: Path, index: Path, workers: int | None, cache: Path) -> dict:
    command = [sys.executable, __file__, "--child", name, str(folder), str(index)]
    command += ["--workers", str(workers)] if workers else []
    environment = os.environ | {"NETRALITAS_CACHE": str(cache)}
    done = subprocess.run(command, capture_output=True, text=True, env=environment)
    if done.returncode:
        raise RuntimeError(f"the {name} pipeline failed on {folder}:\n{done.stderr[-3000:]}")
    return json.loads(next(line for line in done.stdout.splitlines() if line.startswith("RESULT "))[7:])


def _in_this_process(name: str, folder: Path, index: Path, workers: int | None, cache: Path) -> dict:
    previous = os.environ.get("NETRALITAS_CACHE")
    os.environ["NETRALITAS_CACHE"] = str(cache)
    try:
        return run_contender(name, folder, index, workers)
    finally:
        if previous is None:
            del os.environ["NETRALITAS_CACHE"]
        else:
            os.environ["NETRALITAS_CACHE"] = previous


def _median_run(runs: list[dict]) -> dict:
    """The run with the median total time (the faster of the middle two for an even number of runs)."""
    ordered = sorted(runs, key=lambda run: sum(seconds for _, seconds, _ in run["stages"]))
    return ordered[(len(runs) - 1) // 2] | {"runs": len(runs)}


def report_stages(size: int, name: str, run: dict) -> None:
    total = sum(s for _, s, _ in run["stages"])
    tokens, runs = run["tokens"], run["runs"]
    middle = f"median of {runs} runs" if runs > 1 else "1 run"
    speed = f"{size / total:,.0f} articles/s, {tokens / total:,.0f} tokens/s"
    print(f"\n  {name} ({middle}): {total:,.2f} s end to end, {speed}")
    print(f"  {'stage':<22}{'wall s':>9}{'articles/s':>13}{'tokens/s':>13}{'peak MiB':>10}")
    for stage, seconds, kib in run["stages"]:
        print(f"  {stage:<22}{seconds:>9.2f}{size / seconds:>13,.0f}{tokens / seconds:>13,.0f}{kib / 1024:>10,.0f}")


@functools.cache
def _can_be_careful() -> bool:
    """Whether scikit-learn and scipy, which the careful pipeline needs (requirements-dev.txt), are installed."""
    import importlib.util

    found = all(importlib.util.find_spec(name) for name in ("sklearn", "scipy"))
    if not found:
        print("(the careful pipeline needs scikit-learn and scipy from requirements-dev.txt: skipped)", flush=True)
    return found


def run_size(kind: str, size: int, args) -> tuple[dict, list[dict]]:
    """Write one corpus, run every contender on it (``args.runs`` times if small), return its rows."""
    runs = args.runs if size <= args.runs_max else 1
    names = [
        c
        for c in CONTENDERS
        if c in getattr(args, "contenders", CONTENDERS)
        and (c != "naive" or size <= args.naive_max)
        and (c != "careful" or _can_be_careful())
    ]
    with tempfile.TemporaryDirectory() as tmp:
        started = time.perf_counter()
        index = Path(tmp) / "index.json"
        folder = synthetic.write_corpus(Path(tmp) / "seeds", size, kind=kind, index=index)
        written = time.perf_counter() - started
        account = json.loads(index.read_text(encoding="utf-8"))
        heaps = account["k"] * account["tokens"] ** account["beta"]
        print(f"\n== {kind} corpus, {size:,} articles (written in {written:.1f} s): {account['tokens']:,} tokens, "
              f"{account['types']:,} word types (Heaps' law: {heaps:,.0f})", flush=True)  # fmt: skip
        results: dict[str, list[dict]] = {name: [] for name in names}
        run = _in_this_process if args.in_process else _in_fresh_process
        for number in range(runs):
            cache = Path(tmp) / f"cache-{number}"  # empty for project, filled by it for project-warm
            for name in names:
                results[name].append(run(name, folder, index, args.workers, cache))
    corpus = {"articles": size, "tokens": account["tokens"], "types": account["types"], "heaps_types": heaps}
    corpus["written_s"] = written
    rows = []
    for name in names:
        median = _median_run(results[name])
        report_stages(size, name, median)
        load, analysis = median["stages"][0][1], sum(s for _, s, _ in median["stages"][1:])
        peak = max(kib for _, _, kib in median["stages"]) / 1024
        rows.append({"articles": size, "contender": name, "runs": runs, "load_s": load, "analysis_s": analysis})
        rows[-1] |= {"total_s": load + analysis, "peak_MiB": peak}
    project = rows[0]
    for row in rows:
        row["analysis/project"] = row["analysis_s"] / project["analysis_s"]
        row["total/project"] = row["total_s"] / project["total_s"]
    print(flush=True)
    return corpus, rows


def _table(rows: list[dict], formats: dict[str, str]) -> str:
    frame = pd.DataFrame(rows)
    for column, fmt in formats.items():
        frame[column] = [fmt.format(x) for x in frame[column]]
    return frame.to_string(index=False)


def print_summary(kind: str, corpora: list[dict], rows: list[dict]) -> None:
    print(f"\n== summary: {kind} corpus")
    print(_table(corpora, {"articles": "{:,}", "tokens": "{:,}", "types": "{:,}", "heaps_types": "{:,.0f}",
                           "written_s": "{:.1f}"}))  # fmt: skip
    print()
    print(_table(rows, {"articles": "{:,}", "load_s": "{:.3f}", "analysis_s": "{:.3f}", "total_s": "{:.3f}",
                        "peak_MiB": "{:,.0f}", "analysis/project": "{:.2f}", "total/project": "{:.2f}"}))  # fmt: skip


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--corpus", nargs="+", choices=synthetic.KINDS, default=list(synthetic.KINDS))
    parser.add_argument("--runs", type=int, default=3, help="runs per size up to --runs-max; the median is shown")
    parser.add_argument("--runs-max", type=int, default=10_000, help="largest size to run --runs times (else once)")
    parser.add_argument("--workers", type=int, default=None, help="processes for the project (default: all cores)")
    # The naive pipeline's per-document FreqDists of a growing vocabulary took over 15 GiB at 10,000 articles.
    parser.add_argument("--naive-max", type=int, default=1_000, help="largest size to run the naive pipeline on")
    parser.add_argument("--contenders", nargs="+", choices=CONTENDERS, default=list(CONTENDERS),
                        help="which pipelines to run (default: all; the ratios need project)")  # fmt: skip
    parser.add_argument("--in-process", action="store_true", help="run everything in this process (for tests;"
                        " the project's in-memory caches then stay warm from one run to the next)")  # fmt: skip
    args = parser.parse_args(argv)
    if "project" not in args.contenders:
        parser.error("--contenders must include project (project-warm reads its cache; the ratios divide by it)")
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"pandas {pd.__version__}; project workers={args.workers or os.cpu_count()}; "
          f"load average at start {os.getloadavg()[0]:.2f}")  # fmt: skip
    for kind in args.corpus:
        corpora, rows = [], []
        for size in args.sizes:
            corpus, size_rows = run_size(kind, size, args)
            corpora.append(corpus)
            rows += size_rows
        print_summary(kind, corpora, rows)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        child = argparse.ArgumentParser()
        child.add_argument("--child", choices=CONTENDERS)
        child.add_argument("folder", type=Path)
        child.add_argument("index", type=Path)
        child.add_argument("--workers", type=int, default=None)
        options = child.parse_args()
        print("RESULT " + json.dumps(run_contender(options.child, options.folder, options.index, options.workers)))
    else:
        main()
