"""Statistics: counts and measures over token lists.

Owns term frequencies (counts and rates per 1,000 tokens), keyness of one group against
the rest with adjusted p-values, collocations of adjacent words, the phrases groups share,
and the set of name words that distinctive-term lists leave out. tf-idf and similarity are ``netralitas.similarity``.
"""

from __future__ import annotations

import functools
import itertools
import math
import re
from collections import Counter

import numpy as np
import pandas as pd

from .memo import remembered
from .reference import institutions, provinces, read_word_list, regencies, root_words
from .speakers import ROLE_START
from .text import WORD_RE, doc_ngrams, doc_tokens, gazetteer_words, sentence_tokens, stem_word, stopwords_set


def _counters(terms: pd.Series, keys: pd.Series) -> list[tuple[object, Counter]]:
    """Each group's key and the counts of its terms, groups sorted."""
    return [(key, Counter(itertools.chain.from_iterable(lists))) for key, lists in terms.groupby(keys, sort=True)]


def _group_counts(terms: pd.Series, keys: pd.Series) -> pd.DataFrame:
    """Long table of term counts per group: group, term, count (groups sorted, terms in first-seen order)."""
    return _counts_table(_counters(terms, keys))


def _counts_table(counters: list[tuple[object, Counter]]) -> pd.DataFrame:
    groups, words, counts = [], [], []
    for key, counter in counters:
        groups += [key] * len(counter)
        words += counter.keys()
        counts += counter.values()
    return pd.DataFrame({"group": groups, "term": words, "count": counts})


def term_frequencies(df: pd.DataFrame, by: str | None = None, *, terms: pd.Series | None = None, **kw) -> pd.DataFrame:
    """Return term counts, overall or per group, as a long table sorted by count.

    Columns: [``by``,] term, count, per_1000 (count per 1,000 tokens of that group's
    token stream). ``terms`` is a Series of token lists indexed like ``df`` (e.g. from
    ``doc_tokens`` or ``doc_ngrams``); by default ``doc_tokens(df, **kw)``. Ties are
    broken alphabetically, so the order is stable.
    """
    terms = doc_tokens(df, **kw) if terms is None else terms
    keys = df[by] if by else pd.Series("all", index=df.index)
    counters = _counters(terms, keys)
    out = _sorted_counts(counters)
    if out is None:  # no terms, or terms that are not all text: sorted by pandas
        out = _counts_table(counters)
        out["per_1000"] = 1000 * out["count"] / out.groupby("group")["count"].transform("sum")
        out = out.sort_values(["group", "count", "term"], ascending=[True, False, True], ignore_index=True)
    return out.rename(columns={"group": by}) if by else out.drop(columns="group")


def _sorted_counts(counters: list[tuple[object, Counter]]) -> pd.DataFrame | None:
    """The table of ``term_frequencies`` from each group's counter, sorted by Arrow (None if a term is not text).

    Arrow sorts the rows by group number, count descending and term (its text order, by code point, is
    Python's and pandas'): faster than pandas' sort of the same table, most of which goes to ordering the
    terms' text. ``term_frequencies`` by regency on the 100k growing corpus took 2.05 s this way and 3.55 s
    with pandas' sort (medians of 3, taking turns in one process).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    sizes = [len(counter) for _, counter in counters]
    n = sum(sizes)
    if not n:
        return None
    group = np.repeat(np.arange(len(counters)), sizes)
    count = np.fromiter(itertools.chain.from_iterable(c.values() for _, c in counters), dtype=np.int64, count=n)
    try:
        words = pa.array(itertools.chain.from_iterable(c.keys() for _, c in counters), type=pa.large_string(), size=n)
    except (pa.ArrowTypeError, pa.ArrowInvalid):
        return None
    order = pc.sort_indices(
        pa.table({"group": group, "count": -count, "term": words}),
        sort_keys=[("group", "ascending"), ("count", "ascending"), ("term", "ascending")],
    )
    words, order = words.take(order), order.to_numpy()
    group, count = group[order], count[order]
    totals = np.array([sum(counter.values()) for _, counter in counters], dtype=np.int64)
    keys = pd.Series([key for key, _ in counters])  # the type pandas gives the keys, as for a list of them
    return pd.DataFrame(
        {
            "group": keys.array.take(group),
            "term": pd.array(words, dtype="str"),
            "count": count,
            "per_1000": 1000 * count / totals[group],
        }
    )


def g2_2x2(a, b, c, d):
    """Return Dunning's log-likelihood G² of 2×2 tables ``[[a, b], [c - a, d - b]]`` (arrays welcome).

    ``a``: the term in the group, ``b``: the term in the rest, ``c`` and ``d``: all tokens of
    the group and of the rest. G² = 2 Σ O·ln(O/E) over the four cells, E = row total ×
    column total / N, 0·ln 0 = 0 (Dunning 1993, "Accurate methods for the statistics of surprise
    and coincidence"). Equals ``scipy.stats.chi2_contingency(t, correction=False,
    lambda_="log-likelihood")`` and quanteda's ``textstat_keyness(measure = "lr", correction = "none")``.
    The UCREL calculator's two-cell form (Rayson and Garside 2000) sums the term's cells only.

    >>> round(float(g2_2x2(3, 1, 4, 4)), 3)
    2.093
    """
    a, b, c, d = (np.asarray(x, dtype=float) for x in (a, b, c, d))
    n = c + d
    cells = ((a, c, a + b), (b, d, a + b), (c - a, c, n - a - b), (d - b, d, n - a - b))
    total = np.zeros(np.broadcast(a, b, c, d).shape)
    with np.errstate(divide="ignore", invalid="ignore"):
        for observed, column, row in cells:
            expected = column * row / n
            total = total + np.where(observed > 0, observed * np.log(observed / expected), 0.0)
    return np.maximum(2 * total, 0.0)


def _totals(keys: pd.Series, values: np.ndarray) -> np.ndarray:
    """For each row, the sum of ``values`` over the rows with its key (a groupby-transform sum, on arrays)."""
    codes, _ = pd.factorize(keys, use_na_sentinel=False)  # a missing key is a key too
    return np.bincount(codes, weights=values)[codes]


def benjamini_hochberg(p) -> np.ndarray:
    """Return Benjamini–Hochberg adjusted p-values (false discovery rate; Benjamini and Hochberg 1995).

    The i-th smallest of m p-values becomes min over j ≥ i of p_(j)·m/j, capped at 1; a term
    whose adjusted p is below 0.05 belongs to a list in which at most 5% are expected to be
    false discoveries. Same as ``statsmodels``' ``multipletests(p, method="fdr_bh")``.

    >>> benjamini_hochberg([0.01, 0.04, 0.03]).round(3).tolist()
    [0.03, 0.04, 0.04]
    """
    p = np.asarray(p, dtype=float)
    if p.size == 0:
        return p
    order = np.argsort(p, kind="stable")
    ranked = p[order] * p.size / np.arange(1, p.size + 1)
    adjusted = np.minimum.accumulate(ranked[::-1])[::-1]
    out = np.empty_like(p)
    out[order] = np.minimum(adjusted, 1.0)
    return out


def keyness(
    df: pd.DataFrame,
    by: str,
    *,
    terms: pd.Series | None = None,
    counts: pd.DataFrame | None = None,
    min_freq: int = 3,
    **kw,
) -> pd.DataFrame:
    """Return the distinctive terms of each group against all other groups (one-vs-rest).

    Columns: [``by``], term, count (in the group), count_rest, per_1000, per_1000_rest, g2
    (the full 2×2 log-likelihood of ``g2_2x2``, signed: positive = used more in the group),
    p (chi-square, 1 df), p_adj (Benjamini–Hochberg over the terms tested for that group:
    the terms seen at least ``min_freq`` times in it) and log_ratio (Hardie 2014's effect size:
    log₂ of the ratio of relative frequencies, 0.5 for a zero count; +1 = twice as frequent).
    Sorted by group, then g2 descending. Pass the ``term_frequencies(df, by, ...)`` table as
    ``counts`` to reuse its counts instead of counting again.

    >>> toy = pd.DataFrame({"g": ["A", "B"], "text": ["netral netral netral asn", "asn asn asn netral"]})
    >>> keyness(toy, "g", min_freq=3)[["g", "term", "count", "count_rest", "g2"]].round(3).values.tolist()
    [['A', 'netral', 3, 1, 2.093], ['B', 'asn', 3, 1, 2.093]]
    """
    if counts is not None:
        long = counts.rename(columns={by: "group"})[["group", "term", "count"]]
    else:
        long = _group_counts(doc_tokens(df, **kw) if terms is None else terms, df[by])
    a = long["count"].to_numpy(dtype=float)
    c = _totals(long["group"], a)
    b = _totals(long["term"], a) - a
    d = long["count"].sum() - c
    keep = (a >= min_freq) & (d > 0)
    long, a, b, c, d = long[keep], a[keep], b[keep], c[keep], d[keep]
    g2 = g2_2x2(a, b, c, d)
    sign = np.where(a / c >= b / d, 1.0, -1.0)
    out = pd.DataFrame(
        {
            by: long["group"].to_numpy(),
            "term": long["term"].to_numpy(),
            "count": a.astype(int),
            "count_rest": b.astype(int),
            "per_1000": 1000 * a / c,
            "per_1000_rest": 1000 * b / d,
            "g2": sign * g2,
            "p": [math.erfc(math.sqrt(x / 2)) for x in g2],
            "log_ratio": np.log2((a / c) / (np.where(b > 0, b, 0.5) / d)),
        }
    )
    out.insert(out.columns.get_loc("log_ratio"), "p_adj", out.groupby(by)["p"].transform(benjamini_hochberg))
    return out.sort_values([by, "g2", "term"], ascending=[True, False, True], ignore_index=True)


@remembered
def collocations(df: pd.DataFrame, *, min_count: int = 2, stem: bool = False) -> pd.DataFrame:
    """Return adjacent word pairs scored by Dunning's G², as nltk's bigram collocation finder scores them.

    The same table as nltk's ``BigramCollocationFinder.from_documents`` over every sentence's
    tokens, stopwords kept (``sentence_tokens``), then ``apply_freq_filter(min_count)``, a filter
    dropping pairs with a stopword on either side, and ``score_ngrams(BigramAssocMeasures.
    likelihood_ratio)``: the pair's 2×2 table (``g2_2x2``) over all N tokens, the order G²
    descending, then the pair. Counted at once with arrays: nltk scores pair by pair in Python.
    Columns: collocation, G2 (log-likelihood), count (the pair's), count_first and count_second
    (each word's count on its own) and tokens (N).
    """
    words: Counter = Counter()
    pairs: Counter = Counter()
    for text in df["text"]:
        for sentence in sentence_tokens(text, stem=stem):
            words.update(sentence)
            pairs.update(itertools.pairwise(sentence))
    stop = stopwords_set()
    kept = [p for p, c in pairs.items() if c >= min_count and p[0] not in stop and p[1] not in stop]
    count = np.array([pairs[p] for p in kept], dtype=np.int64)
    first = np.array([words[a] for a, _ in kept], dtype=np.int64)
    second = np.array([words[b] for _, b in kept], dtype=np.int64)
    n = sum(words.values())
    g2 = g2_2x2(count, second - count, first, n - first)
    order = sorted(range(len(kept)), key=lambda i: (-g2[i], kept[i]))
    return pd.DataFrame(
        {
            "collocation": [" ".join(kept[i]) for i in order],
            "G2 (log-likelihood)": g2[order],
            "count": count[order],
            "count_first": first[order],
            "count_second": second[order],
            "tokens": n,
        }
    )


def distinctive_terms(table: pd.DataFrame, names: frozenset[str] = frozenset(), alpha: float = 0.05) -> pd.DataFrame:
    """Return the rows of a ``keyness`` table used more in their group, names left out, with ``significant``.

    ``significant`` is ``p_adj < alpha``: the terms a report may call distinctive. Rows keep
    the keyness order (group, then g2 descending).
    """
    kept = table[(table["g2"] > 0) & ~table["term"].isin(names)]
    return kept.assign(significant=kept["p_adj"] < alpha).reset_index(drop=True)


@remembered
def shared_phrases(df: pd.DataFrame, by: str = "region", sizes: range = range(3, 6)) -> pd.DataFrame:
    """Return phrases (n-grams of the given sizes) with the groups that use them.

    Columns: phrase, n, groups (how many), members (sorted, ``; ``-joined), count. A phrase
    inside a longer phrase with the same members is dropped, so each shared passage is
    listed once, at its longest. Sorted by groups, length, count, then phrase.

    Counted on arrays (every occurrence as a phrase number and a group number), not phrase by phrase
    in Python: at 10,000 articles that is millions of phrases.
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    group_of_doc, names = pd.factorize(df[by], use_na_sentinel=False)
    names = list(names)
    n_names = max(len(names), 1)
    levels = {}  # n -> (phrases, count, groups, pair_phrase, pair_group): each (phrase, group) pair once, sorted
    for n in sizes:
        per_doc = doc_ngrams(df, n)
        lengths = np.fromiter(map(len, per_doc), dtype=np.int64, count=len(per_doc))
        encoded = pc.dictionary_encode(pa.array(itertools.chain.from_iterable(per_doc), type=pa.large_string()))
        phrase_of = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
        phrases = encoded.dictionary
        pairs = np.sort(phrase_of * n_names + np.repeat(group_of_doc.astype(np.int64), lengths))
        pairs = pairs[np.r_[True, pairs[1:] != pairs[:-1]]] if len(pairs) else pairs  # np.unique, many times faster
        pair_phrase, pair_group = np.divmod(pairs, n_names)
        count = np.bincount(phrase_of, minlength=len(phrases))
        groups = np.bincount(pair_phrase, minlength=len(phrases))
        levels[n] = (phrases, count, groups, pair_phrase, pair_group)
    # A phrase one word shorter (this phrase without its last or first word) that has as many groups has the same
    # groups (it occurs wherever this one does): it is dropped.
    subsumed = {n: np.zeros(len(levels[n][0]), dtype=bool) for n in sizes}
    for n in sizes:
        if n - 1 not in levels:
            continue
        phrases, _, groups, _, _ = levels[n]
        shorter, _, shorter_groups, _, _ = levels[n - 1]
        for part in (
            pc.list_element(pc.split_pattern(phrases, " ", max_splits=1, reverse=True), 0),  # all but the last word
            pc.list_element(pc.split_pattern(phrases, " ", max_splits=1), 1),  # all but the first
        ):
            index = pc.index_in(part, value_set=shorter)
            found = pc.is_valid(index).to_numpy(zero_copy_only=False)
            index = index.to_numpy(zero_copy_only=False)[found].astype(np.int64)
            subsumed[n - 1][index[groups[found] == shorter_groups[index]]] = True
    label = [str(name) for name in names]
    frames = []
    for n in sizes:
        phrases, count, groups, pair_phrase, pair_group = levels[n]
        kept = np.flatnonzero(~subsumed[n])
        first = np.searchsorted(pair_phrase, kept)  # the phrase's first (phrase, group) pair
        members = [
            label[pair_group[i]] if k == 1 else "; ".join(map(str, sorted(names[g] for g in pair_group[i : i + k])))
            for i, k in zip(first.tolist(), groups[kept].tolist(), strict=True)
        ]
        frames.append(
            pd.DataFrame(
                {
                    "phrase": pc.take(phrases, pa.array(kept)).to_pylist(),
                    "n": pd.Series(np.full(len(kept), n), dtype="int64"),
                    "groups": pd.Series(groups[kept], dtype="int64"),
                    "members": members,
                    "count": pd.Series(count[kept], dtype="int64"),
                }
            )
        )
    out = (
        pd.concat(frames, ignore_index=True)
        if frames
        else pd.DataFrame(columns=["phrase", "n", "groups", "members", "count"])
    )
    return out.sort_values(["groups", "n", "count", "phrase"], ascending=[False, False, False, True], ignore_index=True)


@remembered
def proper_noun_terms(df: pd.DataFrame) -> frozenset[str]:
    """Return the lower-case words the corpus itself writes as names, to leave out of distinctive-term lists.

    Evidence from the text: a word is a name where it is written capitalised (``Sleman``,
    ``Rody``) in most of its occurrences that do not start a sentence, a quote or a line,
    and it is a place-name word of the gazetteer or not an Indonesian dictionary word (a root
    of the stemmer's dictionary or derived from one: ``Nomor``, ``Kepegawaian`` in the title
    of a law or an office are capitalised but not names).
    Not names, whatever their case: words written only in capitals (acronyms: ``ASN``), role
    words (``Bupati``, ``Kepala``), the protect-list's terms (``pilkada``, ``bawaslu``), and
    ordinary words that are parts of many place names (``tengah``, ``barat``: root words of the
    stemmer's dictionary that occur in two or more distinct gazetteer names; *Malang*, the name
    of a kabupaten and of a kota, is one name) or of institutions' names (``sumber daya``,
    ``daerah``, ``negara``).

    >>> sorted(proper_noun_terms(pd.DataFrame({"text": [
    ...     "Kata Rody di Sleman, Kalimantan Tengah: ASN netral. Rody hadir di Pilkada daerah."]})))
    ['kalimantan', 'rody', 'sleman']
    """
    capitalised, lower = Counter(), Counter()
    for text in df["text"]:
        for match in _MID_SENTENCE_WORD.finditer(text):
            word = match.group()
            if word[0].isupper() and not word.isupper():
                capitalised[word.lower()] += 1
            elif word.islower():
                lower[word.lower()] += 1
    names = {w for w, n in capitalised.items() if n > lower[w]} - _never_names()
    places = gazetteer_words()
    return frozenset(w for w in names if w in places or not _is_dictionary_word(w))


def _is_dictionary_word(word: str) -> bool:
    """A root word of the stemmer's dictionary, or a word the stemmer derives from one (``kepegawaian``)."""
    return word in root_words() or stem_word(word, protect=False) != word


# A word not at the start of a sentence, line or quote (whose capital says nothing about names).
_MID_SENTENCE_WORD = re.compile(rf"(?<![.!?:“\"(\n]\s)(?<![.!?:“\"(\n])(?<!^)\b{WORD_RE.pattern}", re.MULTILINE)


@functools.cache
def _never_names() -> frozenset[str]:
    """Words that are not names whatever their case: roles, acronyms, generic place and institution words."""
    place_names = {*regencies()["regency"], *provinces()["province"]}  # Kota and Kabupaten Bogor: one name
    place_counts = Counter(w.lower() for name in place_names for w in set(WORD_RE.findall(name)))
    generic = {w for w, n in place_counts.items() if n >= 2 and w in root_words()}
    institution_words = {w.lower() for name, _ in institutions() for w in WORD_RE.findall(name)}
    roles = {r.lower() for r in ROLE_START}
    return frozenset(roles | read_word_list("protected_terms.txt") | generic | (institution_words & root_words()))
