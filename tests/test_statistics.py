"""Every statistic the notebooks report, checked against an independent implementation.

G² and p against scipy, adjusted p-values against scipy's Benjamini–Hochberg, tf-idf and cosine
similarity against scikit-learn, notebook 03's collocation scores (nltk) against G² of the same
tables, theme counts and KWIC hits against plain regular expressions, and the name filter both
ways. Each on small tables or sentences written here and on the seed corpus.
"""

import re
from collections import Counter

import numpy as np
import pandas as pd
import pytest
from nltk.collocations import BigramAssocMeasures, BigramCollocationFinder
from scipy import stats
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics.pairwise import cosine_similarity as sk_cosine

import utils

# 2×2 tables [[term in group, term in rest], [other tokens of group, other tokens of rest]]
TABLES = [
    [[3, 1], [1, 3]],
    [[10, 2], [90, 198]],
    [[0, 5], [40, 55]],
    [[7, 0], [13, 80]],
    [[1, 1], [1000, 5000]],
    [[250, 40], [9750, 19960]],
]


def g2_of(table) -> float:
    """G² of a 2×2 table by scipy's log-likelihood chi-square, no continuity correction."""
    return stats.chi2_contingency(np.array(table), correction=False, lambda_="log-likelihood")[0]


def project_g2(table) -> float:
    (a, b), (c_rest, d_rest) = table
    return float(utils.g2_2x2(a, b, a + c_rest, b + d_rest))


def frame(*texts, regions=None):
    return pd.DataFrame(
        {"doc_id": [f"d{i}" for i in range(len(texts))], "text": list(texts), "region": regions or ["A"] * len(texts)}
    )


# --- G² and p ------------------------------------------------------------------------------------


@pytest.mark.parametrize("table", TABLES, ids=str)
def test_g2_equals_scipy_log_likelihood_on_hand_made_tables(table):
    assert project_g2(table) == pytest.approx(g2_of(table), rel=1e-9, abs=1e-12)


def test_g2_of_the_textbook_table():
    assert project_g2([[3, 1], [1, 3]]) == pytest.approx(2.093, abs=5e-4)
    assert g2_of([[3, 1], [1, 3]]) == pytest.approx(2.093, abs=5e-4)


def test_g2_is_vectorised_like_scipy():
    a = np.array([t[0][0] for t in TABLES])
    b = np.array([t[0][1] for t in TABLES])
    c = a + np.array([t[1][0] for t in TABLES])
    d = b + np.array([t[1][1] for t in TABLES])
    assert utils.g2_2x2(a, b, c, d) == pytest.approx([g2_of(t) for t in TABLES])


def test_keyness_p_is_the_chi_square_tail_on_a_toy_corpus():
    toy = frame("netral netral netral asn", "asn asn asn netral", regions=["A", "B"])
    row = utils.keyness(toy, "region", min_freq=3).iloc[0]
    assert row["g2"] == pytest.approx(g2_of([[3, 1], [1, 3]]))
    assert row["p"] == pytest.approx(stats.chi2.sf(g2_of([[3, 1], [1, 3]]), df=1))


@pytest.fixture(scope="module")
def seed_tokens(corpus):
    return utils.doc_tokens(corpus)


@pytest.fixture(scope="module")
def seed_keyness(corpus, seed_tokens):
    return utils.keyness(corpus, "region", terms=seed_tokens, min_freq=3)


def test_every_keyness_row_of_the_seeds_against_scipy(corpus, seed_keyness):
    counts = {  # each region's tokens counted again, from the texts, without the project's tables
        region: Counter(t for text in group["text"] for t in utils.tokenize(text))
        for region, group in corpus.groupby("region")
    }
    total = sum(counts.values(), Counter())
    assert len(seed_keyness) == sum(sum(n >= 3 for n in c.values()) for c in counts.values())
    for row in seed_keyness.itertuples():
        own = counts[row.region]
        a, b = own[row.term], total[row.term] - own[row.term]
        c, d = sum(own.values()), sum(total.values()) - sum(own.values())
        table = [[a, b], [c - a, d - b]]
        assert (row.count, row.count_rest) == (a, b)
        assert abs(row.g2) == pytest.approx(g2_of(table), rel=1e-9, abs=1e-12), row
        assert np.sign(row.g2) == (1 if a / c >= b / d else -1) or row.g2 == 0
        assert row.p == pytest.approx(stats.chi2.sf(g2_of(table), df=1), rel=1e-9, abs=1e-15)
        assert row.log_ratio == pytest.approx(np.log2((a / c) / ((b or 0.5) / d)))


# --- Benjamini–Hochberg -----------------------------------------------------------------------------


def bh_by_hand(p):
    """BH written from the definition: the i-th p-value times m / rank, then the smallest of those at or above it."""
    m = len(p)
    ranks = {i: r for r, i in enumerate(sorted(range(m), key=lambda i: (p[i], i)), start=1)}
    scaled = {i: p[i] * m / ranks[i] for i in range(m)}
    return [min(1.0, min(scaled[j] for j in range(m) if p[j] >= p[i])) for i in range(m)]


@pytest.mark.parametrize(
    "p",
    [[0.01, 0.04, 0.03], [0.001, 0.2, 0.2, 0.04, 0.9, 0.049], [0.5], [1.0, 1.0], list(np.linspace(0.001, 0.3, 17))],
    ids=lambda p: f"{len(p)} p-values",
)
def test_benjamini_hochberg_against_scipy_and_by_hand(p):
    ours = utils.benjamini_hochberg(p)
    assert ours == pytest.approx(stats.false_discovery_control(p, method="bh"))
    assert ours == pytest.approx(bh_by_hand(p))


def test_benjamini_hochberg_on_random_p_values():
    p = np.random.default_rng(11).uniform(0, 0.2, size=200) ** 2
    assert utils.benjamini_hochberg(p) == pytest.approx(stats.false_discovery_control(p, method="bh"))


def test_adjusted_p_of_the_seeds_is_bh_within_each_region(seed_keyness):
    assert seed_keyness["p_adj"].ge(seed_keyness["p"] - 1e-15).all()
    for _, group in seed_keyness.groupby("region"):
        assert group["p_adj"].to_numpy() == pytest.approx(stats.false_discovery_control(group["p"], method="bh"))


def test_distinctive_terms_keep_positive_g2_drop_names_and_flag_by_adjusted_p(seed_keyness):
    names = frozenset({"sleman", "rody"})
    table = utils.distinctive_terms(seed_keyness, names, alpha=0.05)
    assert (table["g2"] > 0).all() and not table["term"].isin(names).any()
    assert (table["significant"] == (table["p_adj"] < 0.05)).all()
    expected = seed_keyness[(seed_keyness["g2"] > 0) & ~seed_keyness["term"].isin(names)]
    assert len(table) == len(expected)


# --- tf-idf and cosine ------------------------------------------------------------------------------

SMALL_DOCS = ["asn netral netral pilkada", "asn kampanye kampanye kampanye", "asn netral politik praktis politik"]


def sklearn_tfidf(token_lists, index):
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens)  # defaults: smooth_idf, L2 norm, raw counts
    matrix = vectorizer.fit_transform(token_lists).toarray()
    return pd.DataFrame(matrix, index=index, columns=vectorizer.get_feature_names_out()), vectorizer


@pytest.mark.parametrize("which", ["small", "seeds"])
def test_tfidf_and_idf_equal_scikit_learn(which, corpus, seed_tokens):
    df = frame(*SMALL_DOCS) if which == "small" else corpus
    tokens = utils.doc_tokens(df) if which == "small" else seed_tokens
    expected, vectorizer = sklearn_tfidf(list(tokens), df["doc_id"])
    ours = utils.tfidf(df, terms=tokens)
    assert list(ours.columns) == list(expected.columns)
    np.testing.assert_allclose(ours.to_numpy(), expected.to_numpy(), atol=1e-12)
    idf = utils.document_frequencies(df, terms=tokens).set_index("term")["idf"]
    np.testing.assert_allclose(idf[expected.columns].to_numpy(), vectorizer.idf_, atol=1e-12)


def test_idf_of_a_term_in_every_document_is_one():
    table = utils.document_frequencies(frame(*SMALL_DOCS)).set_index("term")
    assert table.loc["asn", "documents"] == 3 and table.loc["asn", "idf"] == pytest.approx(1.0)
    assert table.loc["pilkada", "idf"] == pytest.approx(np.log(4 / 2) + 1)


@pytest.mark.parametrize("which", ["small", "seeds"])
def test_cosine_similarity_equals_scikit_learn(which, corpus, seed_tokens):
    df = frame(*SMALL_DOCS) if which == "small" else corpus
    tokens = utils.doc_tokens(df) if which == "small" else seed_tokens
    weights = utils.tfidf(df, terms=tokens)
    np.testing.assert_allclose(utils.cosine_similarity(weights).to_numpy(), sk_cosine(weights.to_numpy()), atol=1e-12)
    counts = pd.DataFrame([Counter(t) for t in tokens]).fillna(0)  # unnormalised rows too
    np.testing.assert_allclose(utils.cosine_similarity(counts).to_numpy(), sk_cosine(counts.to_numpy()), atol=1e-12)


def many_docs(n=90, seed=3):
    """n short documents drawn from a small vocabulary, two of them identical (the most similar pair)."""
    rng = np.random.default_rng(seed)
    words = ["asn", "netral", "pilkada", "kampanye", "politik", "praktis", "bupati", "sekda", "bawaslu", "pns",
             "integritas", "medsos", "sanksi", "pelayanan", "publik", "relawan"]  # fmt: skip
    texts = [" ".join(rng.choice(words, size=rng.integers(4, 12))) for _ in range(n)]
    texts[n - 5] = texts[7]
    df = frame(*texts, regions=[f"R{i % 7}" for i in range(n)])
    return df, utils.doc_tokens(df)


def test_large_tfidf_is_sparse_and_equals_scikit_learn(monkeypatch):
    from netralitas import similarity

    df, tokens = many_docs()
    dense = utils.tfidf(df, terms=tokens)
    monkeypatch.setattr(similarity, "DENSE_CELLS", 10)
    sparse = utils.tfidf(df, terms=tokens)
    assert hasattr(sparse, "sparse") and not hasattr(dense, "sparse")
    expected, _ = sklearn_tfidf(list(tokens), df["doc_id"])
    assert list(sparse.columns) == list(expected.columns)
    np.testing.assert_allclose(sparse.sparse.to_dense().to_numpy(), expected.to_numpy(), atol=1e-12)
    np.testing.assert_allclose(dense.to_numpy(), expected.to_numpy(), atol=1e-12)
    assert utils.top_terms(sparse).equals(utils.top_terms(dense))
    copied = sparse.copy()  # not the table tfidf returned: its matrix is rebuilt from the columns
    assert utils.similarity_summary(copied) == utils.similarity_summary(sparse)
    assert len(similarity._MATRICES) == 1
    del sparse, copied
    assert similarity._MATRICES == {}, "the matrix goes with its table"


def test_top_terms_are_the_largest_weights_ties_alphabetical(corpus, seed_tokens):
    weights = utils.tfidf(corpus, terms=seed_tokens)
    expected = weights.apply(lambda row: ", ".join(row[row > 0].nlargest(6, keep="first").index), axis=1)
    assert utils.top_terms(weights, n=6).tolist() == expected.tolist()
    tie = pd.DataFrame([[0.5, 0.5, 0.5, 0.0]], index=["d"], columns=["b", "a", "c", "z"])  # columns as given
    assert utils.top_terms(tie, n=2).tolist() == ["b, a"]


@pytest.mark.parametrize("block", [1, 7, 1000])
def test_similarity_summary_equals_the_full_pairwise_table(block):
    df, tokens = many_docs()
    weights = utils.tfidf(df, terms=tokens)
    full = sk_cosine(weights.to_numpy())
    upper = full[np.triu_indices(len(full), k=1)]
    summary = utils.similarity_summary(weights, block=block)
    assert summary["mean"] == pytest.approx(upper.mean(), abs=1e-12)
    assert summary["max"] == pytest.approx(upper.max(), abs=1e-12) and summary["max"] == pytest.approx(1.0)
    assert summary["pair"] == (df["doc_id"][7], df["doc_id"][len(df) - 5])  # the pasted twin
    assert utils.similarity_summary(weights.head(1))["pair"] is None


def test_similarity_summary_on_the_seeds_equals_scikit_learn(corpus, seed_tokens):
    weights = utils.tfidf(corpus, terms=seed_tokens)
    full = sk_cosine(weights.to_numpy())
    i, j = np.triu_indices(len(full), k=1)
    best = np.argmax(full[i, j])
    summary = utils.similarity_summary(weights, utils.article_labels(corpus))
    assert summary["mean"] == pytest.approx(full[i, j].mean(), abs=1e-12)
    labels = utils.article_labels(corpus).tolist()
    assert summary["pair"] == (labels[i[best]], labels[j[best]])


def test_group_similarity_is_the_cosine_of_summed_unit_rows():
    df, tokens = many_docs()
    weights = utils.tfidf(df, terms=tokens)
    unit = weights.to_numpy() / np.linalg.norm(weights.to_numpy(), axis=1, keepdims=True)
    keep = ["R3", "R0", "R5"]
    centroids = np.array([unit[(df["region"] == g).to_numpy()].sum(axis=0) for g in keep])
    table = utils.group_similarity(weights, df["region"], keep=keep)
    assert list(table.index) == keep and list(table.columns) == keep
    np.testing.assert_allclose(table.to_numpy(), sk_cosine(centroids), atol=1e-12)
    assert list(utils.group_similarity(weights, df["region"]).index) == [f"R{i}" for i in range(7)]


# --- collocations (notebook 03: nltk's likelihood ratio) --------------------------------------------


def collocation_scores(sentence_tokens, min_freq=2):
    """Notebook 03's method: each sentence a document, pairs seen at least twice, nltk's likelihood ratio."""
    finder = BigramCollocationFinder.from_documents(sentence_tokens)
    finder.apply_freq_filter(min_freq)
    return finder, finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)


def check_collocations_against_g2(finder, scored):
    assert scored
    for (w1, w2), score in scored:
        n_ii, n_ix, n_xi, n = finder.ngram_fd[(w1, w2)], finder.word_fd[w1], finder.word_fd[w2], finder.N
        table = [[n_ii, n_xi - n_ii], [n_ix - n_ii, n - n_ix - n_xi + n_ii]]
        assert score == pytest.approx(g2_of(table), rel=1e-6, abs=1e-9)
        assert score == pytest.approx(float(utils.g2_2x2(n_ii, n_xi - n_ii, n_ix, n - n_ix)), rel=1e-6, abs=1e-9)


def test_collocation_scores_are_g2_of_their_tables_on_sentences_written_here():
    sentences = [
        "ASN wajib menjaga netralitas dalam politik praktis.",
        "Politik praktis dilarang bagi ASN.",
        "Menjaga netralitas adalah kewajiban ASN.",
        "Partai politik tidak boleh melibatkan ASN.",
    ]
    check_collocations_against_g2(*collocation_scores([utils.tokenize(s) for s in sentences]))


def test_collocation_scores_are_g2_of_their_tables_on_the_seeds(corpus):
    sentence_tokens = [utils.tokenize(s) for text in corpus["text"] for s in utils.sentences(text)]
    check_collocations_against_g2(*collocation_scores(sentence_tokens))


def nltk_collocations(df, min_count=2):
    """Notebook 03's method in nltk: each sentence a document, pairs seen min_count times, no stopword at an edge."""
    stop = utils.stopwords_set()
    finder = BigramCollocationFinder.from_documents(t for text in df["text"] for t in utils.sentence_tokens(text))
    finder.apply_freq_filter(min_count)
    finder.apply_ngram_filter(lambda first, second: first in stop or second in stop)
    return finder, finder.score_ngrams(BigramAssocMeasures.likelihood_ratio)


@pytest.mark.parametrize("min_count", [1, 2, 3])
def test_collocations_equal_nltks_finder_pair_for_pair(corpus, min_count):
    finder, scored = nltk_collocations(corpus, min_count)
    table = utils.collocations(corpus, min_count=min_count)
    assert len(table) > 10
    assert table["collocation"].tolist() == [" ".join(pair) for pair, _ in scored]  # the same order, ties included
    np.testing.assert_allclose(table["G2 (log-likelihood)"], [s for _, s in scored], rtol=1e-9, atol=1e-9)
    assert table["count"].tolist() == [finder.ngram_fd[pair] for pair, _ in scored]
    assert table["count_first"].tolist() == [finder.word_fd[a] for (a, _), _ in scored]
    assert table["count_second"].tolist() == [finder.word_fd[b] for (_, b), _ in scored]
    assert set(table["tokens"]) == {finder.word_fd.N()}


def test_collocations_counted_by_hand():
    df = pd.DataFrame(
        {"text": ["Politik praktis dilarang. Politik praktis merusak netralitas.", "Netralitas ASN. Politik praktis."]}
    )
    table = utils.collocations(df)  # 11 tokens; only "politik praktis" occurs twice or more (3 times)
    assert table[["collocation", "count", "count_first", "count_second", "tokens"]].values.tolist() == [
        ["politik praktis", 3, 3, 3, 11]
    ]
    expected = g2_of([[3, 0], [0, 8]])  # scipy: the pair's 2x2 table over the 11 tokens
    assert table["G2 (log-likelihood)"].iloc[0] == pytest.approx(expected, rel=1e-12)
    assert utils.collocations(df, min_count=4).empty
    assert utils.collocations(df.iloc[:0]).empty


# --- themes --------------------------------------------------------------------------------------

LETTER = r"[^\W\d_]"
JOIN = r"[-'’]"


def plain_theme_regex(patterns: str, exclude: str = "") -> re.Pattern:
    """One alternation per theme, longest pattern first; excluded phrases are matched first and not counted."""

    def piece(pattern):
        words = []
        for part in pattern.lower().split():
            stem = re.escape(part.rstrip("*"))
            rest = rf"(?:{LETTER}|{JOIN}(?={LETTER}))*" if part.endswith("*") else ""
            words.append(stem + rest)
        return rf"(?<!{LETTER})(?<!{LETTER}{JOIN})" + r"[\W\d_]+".join(words) + rf"(?!{LETTER})(?!{JOIN}{LETTER})"

    keep = sorted(filter(None, map(str.strip, patterns.split(";"))), key=len, reverse=True)
    skip = sorted(filter(None, map(str.strip, exclude.split(";"))), key=len, reverse=True)
    alternatives = [f"(?P<skip{i}>{piece(p)})" for i, p in enumerate(skip)] + [piece(p) for p in keep]
    return re.compile("|".join(alternatives), re.IGNORECASE)


def plain_theme_counts(df: pd.DataFrame, codebook: pd.DataFrame) -> Counter:
    counts = Counter()
    for doc_id, text in zip(df["doc_id"], df["text"], strict=True):
        for row in codebook.itertuples():
            regex = plain_theme_regex(row.patterns, getattr(row, "exclude", "") or "")
            found = [
                m
                for m in regex.finditer(text)
                if not any(m.groupdict().values())  # a skip group: excluded
            ]
            if found:
                counts[(doc_id, row.theme)] = len(found)
    return counts


def project_theme_counts(matches: pd.DataFrame) -> Counter:
    return Counter(dict(matches.groupby(["doc_id", "theme"]).size()))


def test_one_passage_counts_once_per_theme():
    df = frame("pelayanan publik dan kepercayaan masyarakat")
    matches = utils.theme_matches(df)
    assert matches[["theme", "keyword", "pattern"]].values.tolist() == [
        ["public_service", "pelayanan publik", "pelayanan publik"],
        ["public_trust", "kepercayaan masyarakat", "kepercayaan masyarakat"],
    ]
    assert [df["text"][0][s:e] for s, e in zip(matches["start"], matches["end"], strict=True)] == [
        "pelayanan publik",
        "kepercayaan masyarakat",
    ]
    assert utils.theme_matches(frame("Para pelanggar dan pelanggaran."))["keyword"].tolist() == [
        "pelanggar",
        "pelanggaran",
    ]


def test_pakta_integritas_is_oversight_only_and_integrity_alone_is_professionalism():
    matches = utils.theme_matches(frame("ASN menandatangani pakta integritas. Integritas dijaga."))
    assert matches[["theme", "keyword"]].values.tolist() == [
        ["oversight", "pakta integritas"],
        ["professionalism", "Integritas"],
    ]


def test_a_passage_two_themes_claim_counts_for_both_and_says_so():
    codebook = pd.DataFrame(
        {"theme": ["law", "media"], "label": ["Hukum", "Media"], "description": ["", ""],
         "patterns": ["undang-undang;sanksi", "media sosial;media"], "exclude": ["", ""]}
    )  # fmt: skip
    matches = utils.theme_matches(frame("Sanksi media sosial menurut undang-undang."), codebook)
    assert matches[["theme", "keyword", "also"]].values.tolist() == [
        ["law", "Sanksi", ""],
        ["media", "media sosial", ""],
        ["law", "undang-undang", ""],
    ]
    both = pd.DataFrame({"theme": ["a", "b"], "label": ["A", "B"], "patterns": ["pakta integritas", "integritas"]})
    matches = utils.theme_matches(frame("Pakta integritas ditandatangani."), both)
    assert matches[["theme", "keyword", "also"]].values.tolist() == [
        ["a", "Pakta integritas", "b"],
        ["b", "integritas", "a"],
    ]


def test_prefix_patterns_match_in_any_part_of_a_phrase_and_in_excludes():
    codebook = pd.DataFrame(
        {"theme": ["politics"], "label": ["Politik"], "patterns": ["politik prak*;kampanye*;dilarang"],
         "exclude": ["kampanye* hit*;larang*"]}
    )  # fmt: skip
    text = "Kampanyenya bersih, bukan kampanye hitam. Politik praktis dilarang, kampanye hitam juga."
    matches = utils.theme_matches(frame(text), codebook)
    assert matches[["pattern", "keyword"]].values.tolist() == [
        ["kampanye*", "Kampanyenya"], ["politik prak*", "Politik praktis"], ["dilarang", "dilarang"],
    ]  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Pelayanan publik, pelayanan, dan kepercayaan masyarakat; kepercayaan publik.",
        "Kampanye-kampanye dan berkampanye: ASN dilarang berkampanye untuk partai politik praktis.",
        "Undang-Undang ASN, UU 20/2023 dan SKB; pelanggar*, pelanggaran, sanksi disiplin.",
        "Pakta integritas; integritas, profesionalisme dan objektivitas. Bawaslu: dikirim ke Bawaslu.",
        "Media sosial, medsos, unggahan, mengunggah, swafoto di TPS; hak pilihnya di bilik suara.",
    ],
)
def test_theme_counts_equal_a_plain_regex_count_on_sentences_written_here(text):
    df = frame(text)
    assert project_theme_counts(utils.theme_matches(df)) == plain_theme_counts(df, utils.themes())


def test_theme_counts_and_rates_equal_a_plain_regex_count_on_the_seeds(corpus):
    matches = utils.theme_matches(corpus)
    expected = plain_theme_counts(corpus, utils.themes())
    assert project_theme_counts(matches) == expected
    for row in matches.itertuples():  # spans point at the keyword in the text
        assert " ".join(corpus.set_index("doc_id").at[row.doc_id, "text"][row.start : row.end].split()) == row.keyword
    rates = utils.theme_rates(corpus, matches=matches)
    words = corpus.groupby("region")["n_words"].sum()
    region_of = dict(zip(corpus["doc_id"], corpus["region"], strict=True))
    for (region, theme), value in rates.stack().items():
        count = sum(n for (doc, t), n in expected.items() if t == theme and region_of[doc] == region)
        assert value == pytest.approx(1000 * count / words[region])


def test_theme_export_keeps_a_coders_values_and_retires_lost_passages(corpus, tmp_path):
    matches = utils.theme_matches(corpus)
    path = tmp_path / "theme_matches.csv"
    assert utils.export_theme_matches(matches, path) == {"matches": len(matches), "coded": 0, "retired": 0}
    coded = pd.read_csv(path, dtype=str, keep_default_na=False)
    coded.loc[[0, 5], "valid"] = ["yes", "no"]
    coded["note"] = ""
    coded.loc[5, "note"] = "negated: ASN tidak boleh"
    coded.to_csv(path, index=False)
    reordered = matches.sample(frac=1, random_state=3)  # order does not matter, the key does
    assert utils.export_theme_matches(reordered, path) == {"matches": len(matches), "coded": 2, "retired": 0}
    again = pd.read_csv(path, dtype=str, keep_default_na=False).set_index(["doc_id", "theme", "start", "end"])
    key = tuple(coded.loc[5, ["doc_id", "theme", "start", "end"]])
    assert again.loc[key, "valid"] == "no" and again.loc[key, "note"] == "negated: ASN tidak boleh"
    first = tuple(coded.loc[0, ["doc_id", "theme", "start", "end"]])
    without_first = matches[~((matches["doc_id"] == first[0]) & (matches["start"] == int(first[2])))]
    summary = utils.export_theme_matches(without_first, path)
    assert summary["coded"] == 1 and summary["retired"] >= 1
    retired = pd.read_csv(utils.retired_path(path), dtype=str, keep_default_na=False)
    assert retired.set_index(["doc_id", "theme", "start", "end"]).loc[first, "valid"] == "yes"
    assert utils.export_theme_matches(matches, path)["coded"] == 2  # the passage is back, with its value
    assert pd.read_csv(utils.retired_path(path)).empty


def test_theme_export_retires_the_coded_rows_of_a_file_without_offsets(tmp_path):
    path = tmp_path / "theme_matches.csv"
    pd.DataFrame(
        {"doc_id": ["d0", "d1"], "theme": ["oversight"] * 2, "keyword": ["Bawaslu"] * 2, "valid": ["yes", ""]}
    ).to_csv(path, index=False)
    with pytest.warns(UserWarning, match="theme_matches.csv"):
        summary = utils.export_theme_matches(utils.theme_matches(frame("Bawaslu mengawasi.")), path)
    assert summary == {"matches": 2, "coded": 0, "retired": 1}


# --- KWIC ----------------------------------------------------------------------------------------------


def test_kwic_hits_equal_a_plain_regex_count_on_the_seeds(corpus):
    hits = utils.kwic(corpus, "netral*")
    per_doc = hits.groupby("doc_id").size().reindex(corpus["doc_id"], fill_value=0)
    expected = [len(re.findall(r"\bnetral\w*", text, re.IGNORECASE)) for text in corpus["text"]]
    assert per_doc.tolist() == expected and sum(expected) > 0


def test_kwic_phrase_hits_equal_a_plain_regex_count_on_sentences_written_here():
    text = "Politik praktis. ASN jauhi politik  praktis, bukan politik; praktis sekali politik praktisnya."
    hits = utils.kwic(frame(text), "politik praktis")
    assert len(hits) == len(re.findall(r"\bpolitik\W+praktis\b", text, re.IGNORECASE)) == 3


# --- names left out of distinctive terms -------------------------------------------------------------

NOT_NAMES = {"negara", "daerah", "kota", "tengah", "baru", "asn", "bupati", "pilkada", "kepala"}


def test_proper_noun_terms_of_the_seeds(corpus):
    names = utils.proper_noun_terms(corpus)
    assert {"sleman", "rody", "bondowoso", "penajam", "pisau"} <= names
    assert not names & NOT_NAMES


def test_proper_noun_terms_on_sentences_written_here():
    df = frame(
        "Bupati Sleman Kustini hadir di Kota Baru. Kata Kustini, ASN di Sleman harus netral.",
        "Kepala Daerah Kalimantan Tengah dan aparatur negara bertemu di daerah itu. Negara hadir.",
        "Sekda Rody Iskandar menegaskan aparatur sipil negara di kota baru wajib netral, kata Rody.",
        "Pj Bupati Malang dan Pj Wali Kota Bogor hadir; ASN di Malang dan di Bogor diminta netral.",
    )
    names = utils.proper_noun_terms(df)
    assert {"sleman", "kustini", "rody", "iskandar", "kalimantan", "malang", "bogor"} <= names
    assert not names & NOT_NAMES


def test_names_never_appear_among_the_distinctive_terms_of_the_seeds(corpus):
    names = utils.proper_noun_terms(corpus)
    table = utils.distinctive_terms(utils.keyness(corpus, "region"), names)
    assert not set(table["term"]) & {"sleman", "rody", "bondowoso", "penajam", "kotawaringin"}


def test_two_kernels_exporting_theme_matches_at_once_take_turns(corpus, tmp_path):
    """make reports runs notebook 05 in two kernels at once: both exports agree, no file is read half-written."""
    import threading

    matches = utils.theme_matches(corpus)
    out = tmp_path / "theme_matches.csv"
    stale = matches.head(3).assign(start=matches.head(3)["start"] + 100_000)  # passages that no longer match
    utils.export_theme_matches(pd.concat([matches, stale]), out)
    results = []
    threads = [
        threading.Thread(target=lambda: results.append(utils.export_theme_matches(matches, out))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [{"matches": len(matches), "coded": 0, "retired": 3}] * 4
    assert len(pd.read_csv(out)) == len(matches) and len(pd.read_csv(utils.retired_path(out))) == 3
    assert not list(tmp_path.glob(".*.tmp"))


# --- shared phrases -----------------------------------------------------------------------------------


def plain_shared_phrases(df, by, sizes=range(3, 6)):
    """Shared phrases the slow, obvious way: every n-gram of every sentence, groups as sets, longest kept."""
    stop = utils.stopwords_set()
    rows = {}
    for key, text in zip(df[by], df["text"], strict=True):
        for sentence in utils.sentences(text):
            tokens = utils.tokenize(sentence, stopwords=False)
            for n in sizes:
                for i in range(len(tokens) - n + 1):
                    gram = tokens[i : i + n]
                    if gram[0] in stop or gram[-1] in stop:
                        continue
                    row = rows.setdefault(" ".join(gram), [n, set(), 0])
                    row[1].add(key)
                    row[2] += 1
    dropped = {
        part
        for gram, (n, members, _) in rows.items()
        for part in (" ".join(gram.split()[1:]), " ".join(gram.split()[:-1]))
        if part in rows and rows[part][1] == members
    }
    table = pd.DataFrame(
        [(g, n, len(m), "; ".join(sorted(m)), c) for g, (n, m, c) in rows.items() if g not in dropped],
        columns=["phrase", "n", "groups", "members", "count"],
    )
    order = ["groups", "n", "count", "phrase"]
    return table.sort_values(order, ascending=[False, False, False, True], ignore_index=True)


def test_shared_phrases_counted_by_hand():
    df = frame(
        "ASN wajib menjaga netralitas pilkada. Kita semua tahu.",
        "Semua ASN wajib menjaga netralitas pilkada serentak.",
        "Bupati minta ASN wajib menjaga netralitas.",
        regions=["Kudus", "Sleman", "Kudus"],
    )
    table = utils.shared_phrases(df, by="region").set_index("phrase")
    # "asn wajib menjaga netralitas pilkada" is said in both regions: its shorter parts with the same two
    # regions are dropped; "asn wajib menjaga netralitas" (3 times) is in both regions too, inside it.
    assert table.loc["asn wajib menjaga netralitas pilkada", ["groups", "members", "count"]].tolist() == [
        2, "Kudus; Sleman", 2,
    ]  # fmt: skip
    assert "wajib menjaga netralitas" not in table.index and "menjaga netralitas pilkada" not in table.index
    assert table.loc["bupati minta asn wajib menjaga", "members"] == "Kudus"


@pytest.mark.parametrize("by", ["region", "province"])
def test_shared_phrases_equal_a_plain_count(corpus, by):
    pd.testing.assert_frame_equal(utils.shared_phrases(corpus, by=by), plain_shared_phrases(corpus, by))
    df, _ = many_docs()
    pd.testing.assert_frame_equal(utils.shared_phrases(df, by="region"), plain_shared_phrases(df, "region"))


def test_shared_phrases_of_texts_too_short_for_a_phrase():
    df = frame("Ya.", "Tidak ada.", regions=["Kudus", "Sleman"])
    table = utils.shared_phrases(df, by="region")
    assert table.empty and list(table.columns) == ["phrase", "n", "groups", "members", "count"]
    one = utils.shared_phrases(frame("ASN wajib netral.", regions=["Kudus"]), by="region")
    row = {"phrase": "asn wajib netral", "n": 3, "groups": 1, "members": "Kudus", "count": 1}
    assert one.to_dict("records") == [row]
