"""Heaps' law, V = K * N**beta, fitted on the real article text and on the synthetic corpora, side by side.

V is the number of distinct word types among the first N tokens (tokens as
``utils.tokenize(text, stopwords=False)`` of the text ``utils.load_corpus`` keeps). For each text the
script takes the articles' tokens one article after another, notes V at 30 values of N spaced evenly
on a log scale from 100 tokens to the whole text, and fits log V = log K + beta * log N by least
squares. Real articles come in no particular order, so their V is the mean over 24 orders of the
articles (file order first, then shuffles with a fixed seed); a synthetic corpus is read in the order
it was written, which is the order its generator follows the law in.

Real text: the seeds, and the test articles, which are every ``.txt`` file under ``tests/fixtures/``
(if that folder exists) and the article texts written into the tests themselves (module-level dicts
or lists of strings whose name contains ``ARTICLE``, read without running the tests); texts equal
to a seed's are left out. The fit on seeds and test articles together is what ``bench/synthetic.py``
uses (HEAPS_K, HEAPS_BETA); the script says so if they drift apart.

Run:  python bench/heaps.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import ast
import math
import random
import sys
import tempfile
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent))
import synthetic  # noqa: E402

import utils  # noqa: E402

START, POINTS, ORDERS = 100, 30, 24
GROWING_FROM = 2_000  # below this the law asks for more new words than a paragraph has words to replace
SHOWN = (100, 1_000, 2_000, 10_000, 100_000, 1_000_000)


def growth(
    docs: list[list[str]], orders: int = ORDERS, seed: int = 0, start: int = START
) -> tuple[np.ndarray, np.ndarray]:
    """Return N (log-spaced from ``start`` tokens to all) and the mean number of types among the first N tokens.

    The mean is over ``orders`` orders of the documents: as given, then shuffled (``random.Random(seed)``).
    """
    total = sum(map(len, docs))
    grid = np.unique(np.geomspace(min(start, total), total, POINTS).astype(int))
    rng, order, curves = random.Random(seed), list(range(len(docs))), []
    for _ in range(orders):
        seen, counts, n, at = set(), [], 0, iter(grid)
        target = next(at)
        for i in order:
            for token in docs[i]:
                seen.add(token)
                n += 1
                if n == target:
                    counts.append(len(seen))
                    target = next(at, 0)
        curves.append(counts)
        rng.shuffle(order)
    return grid, np.mean(curves, axis=0)


def fit(n: np.ndarray, v: np.ndarray) -> tuple[float, float]:
    """Return (K, beta) of V = K * N**beta by least squares on log V against log N."""
    beta, log_k = np.polyfit(np.log(n), np.log(v), 1)
    return math.exp(log_k), float(beta)


def types_at(n: np.ndarray, v: np.ndarray, at: int) -> float | None:
    """V at N = ``at`` read off a growth curve (interpolated on log-log axes), or None beyond its end."""
    if at < n[0] or at > n[-1]:
        return None
    return float(np.exp(np.interp(math.log(at), np.log(n), np.log(v))))


def _quiet_texts(folder: Path) -> list[str]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return utils.load_corpus(folder, metadata=None, workers=1)["text"].tolist()


def _literal_articles(path: Path) -> list[str]:
    """Article texts written into a test module: module-level dicts or lists of strings named *ARTICLE*."""
    texts = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and any("ARTICLE" in getattr(t, "id", "").upper() for t in node.targets):
            try:
                value = ast.literal_eval(node.value)
            except ValueError:
                continue
            values = value.values() if isinstance(value, dict) else value if isinstance(value, list | tuple) else []
            texts += [v for v in values if isinstance(v, str)]
    return texts


def _html_text(path: Path) -> str:
    import trafilatura  # a project requirement (reading saved pages)

    return trafilatura.extract(path.read_text(encoding="utf-8", errors="replace")) or ""


def _same_article(a: set[str], b: set[str]) -> bool:
    return len(a & b) >= 0.6 * len(a | b)


def _indonesian(tokens: list[str]) -> bool:
    """Indonesian prose: at least 15% of its tokens are Indonesian stopwords (the seeds: 38-52%)."""
    stop = utils.stopwords_set()
    return sum(t in stop for t in tokens) >= 0.15 * len(tokens) > 0


def real_articles() -> tuple[dict[str, list[str]], str]:
    """Return the real articles' texts, {"seeds": [...], "test articles": [...]}, and where the latter came from.

    Test articles: ``.txt`` files under tests/fixtures/ (read by ``utils.load_corpus``), article
    texts written into the test modules, and saved web pages (``.html``) under tests/fixtures/, their
    main text taken by trafilatura. Texts in other languages are left out (under 15% Indonesian
    stopwords), and an article already taken (the same story saved as text and as a page, or a copy
    of a seed: 60% of its word types shared) is counted once.
    """
    root, fixtures = utils.ROOT, utils.ROOT / "tests" / "fixtures"
    seeds = _quiet_texts(root / "seeds")
    found = {"fixture .txt": [p.read_bytes() for p in sorted(fixtures.rglob("*.txt"))]}
    modules = sorted((root / "tests").glob("test_*.py"))
    found["in test modules"] = [text.encode() for p in modules for text in _literal_articles(p)]
    loaded = {}
    with tempfile.TemporaryDirectory() as tmp:
        for source, raw in found.items():
            folder = Path(tmp) / source.replace(" ", "_")
            folder.mkdir()
            for i, data in enumerate(raw):
                (folder / f"{i:05d}.txt").write_bytes(data)
            loaded[source] = _quiet_texts(folder) if raw else []
    loaded["web pages"] = [t for t in map(_html_text, sorted(fixtures.rglob("*.htm*"))) if t]
    kept = [set(utils.tokenize(t, stopwords=False)) for t in seeds]
    tests, notes, foreign = [], [], 0
    for source, texts in loaded.items():
        taken = 0
        for text in texts:
            tokens = utils.tokenize(text, stopwords=False)
            words = set(tokens)
            if not _indonesian(tokens):
                foreign += 1
            elif not any(_same_article(words, other) for other in kept):
                kept.append(words)
                tests.append(text)
                taken += 1
        notes.append(f"{taken} of {len(texts)} {source}")
    note = f"{', '.join(notes)}; left out: {foreign} not in Indonesian, the rest repeat an article already taken"
    return {"seeds": seeds, "test articles": tests}, note


def token_lists(texts: list[str]) -> list[list[str]]:
    return [utils.tokenize(text, stopwords=False) for text in texts]


def table(articles: int = 1_000) -> tuple[pd.DataFrame, tuple[float, float], str]:
    """Return the side-by-side table, the (K, beta) fitted on all real article text, and the test articles' sources."""
    real, provenance = real_articles()
    sources = {name: (len(texts), token_lists(texts), ORDERS) for name, texts in real.items() if texts}
    both = real["seeds"] + real["test articles"]
    sources["seeds + test articles"] = (len(both), token_lists(both), ORDERS)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in ("growing", "recombined"):
            folder = synthetic.write_corpus(Path(tmp) / kind, articles, kind=kind)
            sources[f"{kind} corpus"] = (articles, token_lists(_quiet_texts(folder)), 1)
    rows, law = [], None
    for name, (n_docs, docs, orders) in sources.items():
        n, v = growth(docs, orders)
        k, beta = fit(n, v)
        row = {"text": name, "articles": n_docs, "tokens": int(n[-1]), "K": k, "beta": beta}
        rows.append(row | {f"V@{at:,}": types_at(n, v, at) for at in SHOWN})
        if name == "growing corpus":  # the same, fitted where the generator can follow the law
            n, v = growth(docs, orders, start=GROWING_FROM)
            k, beta = fit(n, v)
            row = {"text": f"  (N from {GROWING_FROM:,})", "articles": None, "tokens": None, "K": k, "beta": beta}
            rows.append(row | {f"V@{at:,}": None for at in SHOWN})
        if name == "seeds + test articles":
            law = (k, beta)
            used = {"text": "law in synthetic.py", "articles": None, "tokens": None}
            used |= {"K": synthetic.HEAPS_K, "beta": synthetic.HEAPS_BETA}
            rows.append(used | {f"V@{at:,}": synthetic.HEAPS_K * at**synthetic.HEAPS_BETA for at in SHOWN})
    return pd.DataFrame(rows), law, provenance


def show(frame: pd.DataFrame) -> str:
    """The table as text, numbers rounded for people ("-" where a text is shorter than N)."""
    out = frame.copy()
    for column in out.columns[1:]:
        digits = 3 if column == "beta" else 2 if column == "K" else 0
        out[column] = [("-" if pd.isna(x) else f"{x:,.{digits}f}") for x in out[column]]
    return out.to_string(index=False)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1_000, help="size of the synthetic corpora (default 1,000)")
    args = parser.parse_args(argv)
    frame, (k, beta), provenance = table(args.articles)
    print("Heaps' law V = K * N**beta; N tokens, V word types (utils.tokenize(text, stopwords=False));")
    print(f"least squares on log V vs log N, N from {START} tokens to the whole text; real text: mean V over")
    print(f"{ORDERS} orders of the articles; synthetic corpora ({args.articles:,} articles each) as written.\n")
    print(show(frame))
    print(f"\ntest articles: {provenance}")
    print(f"The growing corpus falls short of the law below about {GROWING_FROM:,} tokens, where the law asks for")
    print("more new words than its first paragraphs have words to replace (stopwords and place names never are);")
    print(f"from there on it follows the law (the V columns, and the fit from N = {GROWING_FROM:,}).")
    if abs(k / synthetic.HEAPS_K - 1) > 0.05 or abs(beta - synthetic.HEAPS_BETA) > 0.005:
        print(f"\nThe real text now gives K = {k:.2f}, beta = {beta:.3f}; synthetic.py uses K = {synthetic.HEAPS_K},")
        print(f"beta = {synthetic.HEAPS_BETA}: update HEAPS_K and HEAPS_BETA (and the table in its docstring).")
    else:
        print(f"\nsynthetic.py's HEAPS_K = {synthetic.HEAPS_K}, HEAPS_BETA = {synthetic.HEAPS_BETA} match this fit")
        print("(within 5% and 0.005).")


if __name__ == "__main__":
    main()
