"""Scale: the synthetic corpora (the growing one follows Heaps' law), the parallel paths equal the
serial ones, the benchmark's careful and naive pipelines count what the project counts (exactly where
they share tokenisation), its printed tables hold real numbers, and the Dask path gives the pandas
path's term counts."""

import json
import re
import shutil
import sys
import warnings
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pandas as pd
import pyarrow.parquet as pq
import pytest

import utils
from netralitas.parallel import PARALLEL_FROM, start_method

# synthetic corpora, process pools and the benchmark script: make test runs these, make unit leaves them out
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
import synthetic  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def no_disk_cache():
    """Every load and tokenisation here does the work (a hit in the on-disk cache would skip the path under test)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETRALITAS_CACHE", "off")
        yield


@pytest.fixture(scope="module")
def synthetic_folder(tmp_path_factory):
    size = PARALLEL_FROM + 50  # large enough for the process pool to start
    return synthetic.write_corpus(tmp_path_factory.mktemp("synthetic") / "seeds", size)


def quiet_load(folder, **kw):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return utils.load_corpus(folder, metadata=None, **kw)


GROWING_SIZE = 120


@pytest.fixture(scope="module")
def growing(tmp_path_factory, load_script):
    """A growing corpus of 120 articles, its index, and the project's pipeline run on it."""
    tmp = tmp_path_factory.mktemp("growing")
    folder = synthetic.write_corpus(tmp / "seeds", GROWING_SIZE, kind="growing", index=tmp / "index.json")
    benchmark = load_script("bench/benchmark.py")
    project, _ = benchmark.project_pipeline(folder, workers=1)
    index = json.loads((tmp / "index.json").read_text(encoding="utf-8"))
    return SimpleNamespace(folder=folder, index=index, benchmark=benchmark, project=project, df=project["df"])


@pytest.fixture(scope="module")
def careful(growing):
    """The careful pipeline's (regency names, terms, regency x term counts) of the project's texts."""
    return growing.benchmark.careful_counts(growing.df["text"].tolist(), growing.df["regency"].tolist())


@pytest.mark.parametrize("kind", synthetic.KINDS)
def test_synthetic_corpus_is_deterministic(tmp_path, kind):
    a = synthetic.write_corpus(tmp_path / "a", 30, kind=kind)
    b = synthetic.write_corpus(tmp_path / "b", 30, kind=kind)
    assert [p.read_bytes() for p in sorted(a.iterdir())] == [p.read_bytes() for p in sorted(b.iterdir())]
    assert len({p.read_bytes() for p in a.iterdir()}) == 30


def test_growing_corpus_is_the_recombined_one_with_new_words(growing, tmp_path):
    recombined = quiet_load(synthetic.write_corpus(tmp_path / "seeds", GROWING_SIZE))
    columns = ["doc_id", "title", "outlet", "published", "regency", "regency_type", "province"]
    pd.testing.assert_frame_equal(growing.df[columns], recombined[columns])
    assert (growing.df["text"] != recombined["text"]).mean() > 0.95
    # The regency the generator wrote each article for is the one the loader finds (the careful and
    # naive benchmark pipelines group by the former).
    assert dict(zip(growing.df["doc_id"], growing.df["regency"], strict=True)) == growing.index["regency"]


def test_growing_vocabulary_follows_heaps_law(growing):
    k, beta = synthetic.HEAPS_K, synthetic.HEAPS_BETA
    tokens = [t for text in growing.df["text"] for t in utils.tokenize(text, stopwords=False)]
    seen, checked = set(), 0
    for n, token in enumerate(tokens, 1):
        seen.add(token)
        if n % 4_000 == 0:  # every 4,000 tokens: within 1% of the law
            assert len(seen) == pytest.approx(k * n**beta, rel=0.01), n
            checked += 1
    assert checked == len(tokens) // 4_000 >= 10
    assert (growing.index["tokens"], growing.index["types"]) == (len(tokens), len(seen))  # its own account is right
    assert len(seen) == pytest.approx(k * len(tokens) ** beta, rel=0.001)


def test_new_word_types_look_indonesian(growing, tmp_path):
    def words(folder):
        return {w for p in folder.glob("*.txt") for w in utils.WORD_RE.findall(p.read_text(encoding="utf-8"))}

    new = sorted(words(growing.folder) - words(synthetic.write_corpus(tmp_path / "r", GROWING_SIZE)))
    lower = sorted({w.lower() for w in new})
    assert len(lower) == len(new) > 5_000
    # Letters a-z, hyphen only between two halves; no more than four consonants between vowels.
    syllables = re.compile(r"(?:[^aeiou]{0,4}[aeiou]+)+[^aeiou]{0,4}")
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)?", w) for w in lower)
    assert all(syllables.fullmatch(part) for w in lower for part in w.split("-"))
    affix = re.compile(r"^(?:me|di|pe|ber|ter|ke|se)|(?:kan|an|nya|i)$")
    assert sum(bool(affix.search(w)) for w in lower) > 0.5 * len(lower)
    assert 0.1 < sum(w[0].isupper() for w in new) / len(new) < 0.4  # names
    sample = lower[:: len(lower) // 200]
    reduced = [w for w in sample if utils.stem_word(w, protect=False) != w]
    assert len(reduced) > 0.05 * len(sample)  # the stemmer finds a root in some of them


def test_careful_pipeline_counts_exactly_what_the_project_counts(growing, careful):
    # The same tokens: words by utils.WORD_RE, the same stopwords, Sastrawi with the same protect-list.
    # So on the same texts every (regency, term) count is identical.
    counts = growing.benchmark.careful_table(*careful)
    freqs = growing.project["freqs"]
    project = {(g, t): c for g, t, c in freqs[["regency", "term", "count"]].itertuples(index=False)}
    assert len(project) > 10_000 and freqs["regency"].nunique() > 80
    assert counts == project


def test_naive_pipeline_differs_from_the_project_only_by_the_protect_list(growing):
    benchmark, df = growing.benchmark, growing.df
    texts = df.set_index("doc_id")["text"]
    by_regency = dict(zip(df["doc_id"], df["regency"], strict=True))
    naive_fds = benchmark.naive_counts(texts)
    naive = {
        (g, t): c for g, fds in naive_fds.groupby(texts.index.map(by_regency)) for t, c in sum(fds, Counter()).items()
    }
    # The naive regex ([a-z]+ joined by hyphens) and utils.WORD_RE find the same words in these texts
    # (no accented letters, no apostrophes inside words), and both drop the same stopwords before and
    # after stemming. What remains different: the naive one stems every word, protected ones included.
    words = {w for text in texts for w in utils.WORD_RE.findall(text.lower())}
    assert all(re.fullmatch(r"[a-z]+(?:-[a-z]+)*", w) for w in words)
    protected, stop = utils.protected_terms(), utils.stopwords_set()
    expected = Counter()
    for doc_id, text in texts.items():
        for word in utils.tokenize(text, stopwords=True, stem=False):
            term = utils.stem_word(word, protect=word not in protected)  # Sastrawi alone for protected words
            if term not in stop:
                expected[by_regency[doc_id], term] += 1
    assert naive == dict(expected)
    # So outside the protected words and their Sastrawi stems, naive and project counts are equal ...
    freqs = growing.project["freqs"]
    ours = {(g, t): c for g, t, c in freqs[["regency", "term", "count"]].itertuples(index=False)}
    differ = {w for w in words if w in protected} | {utils.stem_word(w, protect=False) for w in words if w in protected}
    assert {key: c for key, c in ours.items() if key[1] not in differ} == {
        key: c for key, c in naive.items() if key[1] not in differ
    }
    assert len(ours) > 10_000
    # ... and inside them they are not (the project keeps "penajam" or "kepulauan" whole, Sastrawi alone
    # makes them "najam" and "pulau").
    assert {key: c for key, c in ours.items() if key[1] in differ} != {
        key: c for key, c in naive.items() if key[1] in differ
    }


def test_careful_g2_is_the_full_2x2_log_likelihood(growing, careful):
    from scipy.stats import chi2_contingency

    names, terms, counts = careful
    table = growing.benchmark.careful_keyness(names, terms, counts)
    sizes = dict(zip(names, np.asarray(counts.sum(axis=1)).ravel(), strict=True))
    total = sum(sizes.values())
    by_g2 = table.sort_values(["g2", "regency", "term"], ignore_index=True)
    rows = pd.concat([by_g2.head(3), by_g2.tail(3), table[table["count_rest"] == 0].head(2), table.iloc[::2000]])
    assert len(rows) >= 10 and (rows["g2"] < 0).any() and (rows["count_rest"] == 0).any()
    for row in rows.itertuples():
        c, d = sizes[row.regency], total - sizes[row.regency]
        contingency = [[row.count, row.count_rest], [c - row.count, d - row.count_rest]]
        scipy = chi2_contingency(contingency, correction=False, lambda_="log-likelihood")
        assert abs(row.g2) == pytest.approx(scipy.statistic, rel=1e-9), row
        assert row.p == pytest.approx(scipy.pvalue, rel=1e-6, abs=1e-300), row
    # The project's keyness computes the same statistic from the same counts.
    project = growing.project["keyness"].set_index(["regency", "term"]).sort_index()
    ours = table.set_index(["regency", "term"]).sort_index()
    assert ours.index.equals(project.index)
    for column in ("count", "count_rest", "g2", "p", "p_adj", "log_ratio"):
        np.testing.assert_allclose(ours[column], project[column], rtol=1e-9, atol=1e-300, err_msg=column)


def test_parallel_load_equals_serial(synthetic_folder):
    serial = quiet_load(synthetic_folder, workers=1)
    parallel = quiet_load(synthetic_folder, workers=2)
    assert len(serial) == PARALLEL_FROM + 50
    pd.testing.assert_frame_equal(serial, parallel)
    assert serial["regency"].ne("").all() and serial["published"].notna().all()


def test_a_parallel_load_caches_full_batches_and_leaves_a_quarter_batch_for_the_end(
    synthetic_folder, monkeypatch, tmp_path
):
    from netralitas import loader

    monkeypatch.setenv("NETRALITAS_CACHE", str(tmp_path))
    monkeypatch.setattr(loader, "STORE_BATCH", 100)
    sizes, original = [], loader._store_batch
    monkeypatch.setattr(loader, "_store_batch", lambda shelf, results, stores: sizes.append(len(results)) or
                        original(shelf, results, stores))  # fmt: skip
    df = quiet_load(synthetic_folder, workers=2)
    assert sizes == [100, 100, 100, 100, 25, 25]  # 450 files: the fifth shard when 25 are still to come
    shards = sorted((tmp_path / "articles").rglob("*.parquet"))
    assert sorted(pq.read_metadata(s).num_rows for s in shards) == [25, 25, 100, 100, 100, 100]
    shutil.rmtree(tmp_path / "corpora")  # so the files are read back from those shards
    pd.testing.assert_frame_equal(df, quiet_load(synthetic_folder, workers=2))
    assert sizes == [100, 100, 100, 100, 25, 25, 0]  # nothing parsed again


def test_parallel_load_in_a_jupyter_kernel_uses_a_fork_server(synthetic_folder, monkeypatch):
    serial = quiet_load(synthetic_folder, workers=1)
    monkeypatch.setitem(sys.modules, "ipykernel", sys.modules.get("ipykernel", object()))
    assert start_method() == "forkserver"  # Linux has it; fork inside a kernel could deadlock
    pd.testing.assert_frame_equal(quiet_load(synthetic_folder, workers=2), serial)


class _Counted(Sequence):
    """Numbers 0..n-1 that count how many of them slicing has made."""

    def __init__(self, n: int):
        self.n, self.made = n, 0

    def __len__(self):
        return self.n

    def __getitem__(self, i):
        if isinstance(i, slice):
            part = list(range(self.n)[i])
            self.made += len(part)
            return part
        return i


def test_parallel_map_sends_a_few_chunks_ahead_and_keeps_the_order():
    from netralitas import parallel

    items = _Counted(4000)
    results = parallel.parallel_map(abs, items, workers=2)
    first = [next(results) for _ in range(3)]
    chunk = 4000 // (2 * 8)  # 250 items a chunk
    assert first == [0, 1, 2] and items.made <= chunk * (2 * parallel.IN_FLIGHT + 1)  # not all 4,000 yet
    assert first + list(results) == list(range(4000)) and items.made == 4000


def _collecting(_) -> bool:
    import gc

    return gc.isenabled()


def test_parallel_map_workers_collect_garbage_as_asked(monkeypatch):
    from netralitas import parallel
    from netralitas.cache import collection_paused

    def states(**kw) -> set[bool]:
        return set(parallel.parallel_map(_collecting, range(PARALLEL_FROM), workers=2, **kw))

    monkeypatch.setattr(parallel, "start_method", lambda: "fork")  # as outside a Jupyter kernel
    assert states() == {True}
    with collection_paused():  # forked workers inherit the pause, unless told
        assert states() == {False} and states(collect=True) == {True}
    assert states(collect=False) == {False}
    monkeypatch.setattr(parallel, "start_method", lambda: "forkserver")  # as inside one: nothing is inherited
    with collection_paused():
        assert states() == {True} and states(collect=False) == {False}


def _frozen(_) -> int:
    import gc

    return gc.get_freeze_count()


def test_parallel_map_sets_this_process_objects_aside_from_forked_workers_collections(monkeypatch):
    import gc

    from netralitas import parallel

    monkeypatch.setattr(parallel, "start_method", lambda: "fork")  # as outside a Jupyter kernel
    gc.collect()
    assert gc.get_freeze_count() == 0
    counts = set(parallel.parallel_map(_frozen, range(PARALLEL_FROM), workers=2))
    assert min(counts) > 1000 and gc.get_freeze_count() == 0  # the workers' inherited objects; given back after
    results = parallel.parallel_map(_frozen, range(PARALLEL_FROM), workers=2)
    next(results)
    results.close()  # a consumer that stops early gives them back too
    assert gc.get_freeze_count() == 0
    gc.freeze()  # frozen by someone else: left frozen
    try:
        assert min(parallel.parallel_map(_frozen, range(PARALLEL_FROM), workers=2)) > 1000
        assert gc.get_freeze_count() > 1000
    finally:
        gc.unfreeze()


def test_a_cold_load_pauses_the_collector_but_its_workers_collect(synthetic_folder, monkeypatch):
    import gc

    from netralitas import loader

    seen = []
    original = loader.parallel_map

    def watched(*args, **kw):
        seen.append((gc.isenabled(), kw.get("collect")))
        return original(*args, **kw)

    monkeypatch.setattr(loader, "parallel_map", watched)
    quiet_load(synthetic_folder, workers=2)
    assert seen == [(False, True)] and gc.isenabled()


@pytest.mark.parametrize("kind", ["recombined", "growing"])
def test_parallel_tokens_equal_serial(kind, tmp_path):
    """Workers stem the words of their own texts; this process stems every distinct word first: same tokens."""
    df = quiet_load(synthetic.write_corpus(tmp_path / "seeds", PARALLEL_FROM + 50, kind=kind))
    utils.clear_caches()
    parallel = utils.doc_tokens(df, stem=True, workers=2, cache=False)  # no memo: each call tokenises
    utils.clear_caches()
    serial = utils.doc_tokens(df, stem=True, workers=1, cache=False)
    assert parallel.tolist() == serial.tolist()
    assert sum(map(len, serial)) > 50_000


def test_a_pool_worker_keeps_its_caches_small_and_the_tokens_the_same(tmp_path, monkeypatch):
    from netralitas import text

    df = quiet_load(synthetic.write_corpus(tmp_path / "seeds", PARALLEL_FROM + 50, kind="growing"))
    texts = df["text"].tolist()
    utils.clear_caches()
    expected = [utils.tokenize(t, stem=True) for t in texts]
    assert len(text._token_table(True, True)) > 5_000 and text.stem_word.cache_info().currsize > 5_000
    monkeypatch.setattr(text, "POOL_CACHE_SIZE", 1_000)
    utils.clear_caches()
    largest = [0, 0]
    for t, tokens in zip(texts, expected, strict=True):
        assert text._tokenize_in_pool(t, stopwords=True, stem=True) == tokens
        largest = [
            max(largest[0], len(text._token_table(True, True))),
            max(largest[1], text.stem_word.cache_info().currsize),
        ]
    assert max(largest) < 1_000 + 2_000  # at most one text's chunks and words past the limit
    utils.clear_caches()
    pooled = utils.doc_tokens(df, stem=True, workers=2, cache=False)  # forked workers keep the small limit
    assert pooled.tolist() == expected


def _printed_tables(out: str, kind: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The two summary tables the benchmark printed for a corpus kind, numbers parsed."""
    block = out.split(f"== summary: {kind} corpus\n", 1)[1]
    tables = []
    for part in block.split("\n\n")[:2]:
        header, *rows = part.strip().splitlines()
        table = pd.DataFrame([r.split() for r in rows], columns=header.split())
        for column in table.columns.drop("contender", errors="ignore"):
            table[column] = pd.to_numeric(table[column].str.replace(",", ""))
        tables.append(table)
    return tables[0], tables[1]


def test_benchmark_prints_real_numbers(capsys, load_script):
    load_script("bench/benchmark.py").main(["--sizes", "20", "60", "--runs", "1", "--in-process"])
    out = capsys.readouterr().out
    corpora, timings = {}, {}
    for kind in synthetic.KINDS:
        corpora[kind], timings[kind] = _printed_tables(out, kind)
        corpus, timing = corpora[kind], timings[kind]
        assert corpus["articles"].tolist() == [20, 60] and (corpus["tokens"] > 0).all()
        assert corpus["tokens"].iloc[1] == pytest.approx(3 * corpus["tokens"].iloc[0], rel=0.2)
        assert timing["contender"].tolist() == ["project", "project-warm", "careful", "naive"] * 2
        assert (timing[["analysis_s", "total_s", "peak_MiB"]] > 0).all().all() and (timing["load_s"] >= 0).all()
        np.testing.assert_allclose(timing["total_s"], timing["load_s"] + timing["analysis_s"], atol=0.0011)
        for _, size in timing.groupby("articles"):
            project = size.iloc[0]
            assert project[["analysis/project", "total/project"]].tolist() == [1, 1]
            for ratio, seconds in (("analysis/project", "analysis_s"), ("total/project", "total_s")):
                np.testing.assert_allclose(size[ratio], size[seconds] / project[seconds], rtol=0.05, atol=0.006)
    # Word types: the growing corpus's follow Heaps' law, V = K * N**beta, at both sizes and between them;
    # the recombined corpus's fall far behind.
    growing, recombined = corpora["growing"], corpora["recombined"]
    np.testing.assert_allclose(growing["types"], growing["heaps_types"], rtol=0.01)
    np.testing.assert_allclose(
        growing["types"].iloc[1] / growing["types"].iloc[0],
        (growing["tokens"].iloc[1] / growing["tokens"].iloc[0]) ** synthetic.HEAPS_BETA,
        rtol=0.02,
    )
    assert growing["tokens"].tolist() == recombined["tokens"].tolist()
    assert (recombined["types"] < 0.5 * growing["types"]).all()


def test_dask_path_gives_the_pandas_term_counts():
    pytest.importorskip("dask.distributed")
    import cluster

    expected = utils.term_frequencies(quiet_load(utils.corpus_folder()), "regency", stem=True)
    counts = cluster.term_counts(utils.corpus_folder())
    pd.testing.assert_frame_equal(counts, expected, check_dtype=False)
