"""Similarity: tf-idf weights and how alike documents and groups are.

Owns document frequencies and idf, the documents × terms tf-idf matrix (``tfidf``), each
document's top-weighted terms (``top_terms``), cosine similarity of rows (``cosine_similarity``),
the mean similarity and most similar pair of a whole corpus (``similarity_summary``), and the
similarity of groups such as regions (``group_similarity``). A corpus of thousands of articles
has hundreds of thousands of terms: the matrix is then kept sparse (scipy), and the summary is
computed in blocks of rows, so memory grows with the words written, not documents × terms.
"""

from __future__ import annotations

import weakref
from collections import Counter

import numpy as np
import pandas as pd

from .memo import remembered
from .text import doc_tokens

DENSE_CELLS = 5_000_000  # a tf-idf matrix with more cells than this is returned sparse
DENSE_PART = 20_000_000  # cells (160 MB) of the frequent words' columns held dense when comparing all pairs


def document_frequencies(df: pd.DataFrame, *, terms: pd.Series | None = None, **kw) -> pd.DataFrame:
    """Return how many documents contain each term and the term's idf, as ``tfidf`` weighs it.

    Columns: term, documents (df), idf = ln((1 + N) / (1 + df)) + 1 for N documents: the
    smoothed idf of scikit-learn's ``TfidfVectorizer`` (as if one extra document held every
    term once). A term in every document gets the lowest idf, 1, not 0: idf lowers the weight
    of shared words, it does not remove them. Sorted by documents descending, then term.

    >>> toy = pd.DataFrame({"doc_id": ["a", "b"], "text": ["asn netral", "asn politik"]})
    >>> document_frequencies(toy).round(3).values.tolist()
    [['asn', 2, 1.0], ['netral', 1, 1.405], ['politik', 1, 1.405]]
    """
    terms = doc_tokens(df, **kw) if terms is None else terms
    counts = Counter(term for tokens in terms for term in set(tokens))
    out = pd.DataFrame({"term": list(counts), "documents": list(counts.values())}, columns=["term", "documents"])
    out["idf"] = _idf(len(terms), out["documents"].to_numpy(dtype=float))
    return out.sort_values(["documents", "term"], ascending=[False, True], ignore_index=True)


def _idf(n_documents: int, documents: np.ndarray) -> np.ndarray:
    """scikit-learn's smoothed idf: ln((1 + N) / (1 + df)) + 1."""
    return np.log((1 + n_documents) / (1 + documents)) + 1


def _normalised(rows):
    """A CSR matrix with each non-empty row divided by its Euclidean length."""
    from scipy import sparse

    norms = np.sqrt(np.asarray(rows.multiply(rows).sum(axis=1)).ravel())
    return sparse.diags(1 / np.where(norms > 0, norms, 1)) @ rows


def _weights(terms: pd.Series):
    """Return (CSR matrix of L2-normalised tf-idf weights, terms in alphabetical order)."""
    from scipy import sparse

    vocabulary = sorted({t for tokens in terms for t in tokens})
    column = {t: j for j, t in enumerate(vocabulary)}
    rows, cols, values = [], [], []
    for i, tokens in enumerate(terms):
        for term, count in Counter(tokens).items():
            rows.append(i)
            cols.append(column[term])
            values.append(count)
    counts = sparse.csr_matrix((values, (rows, cols)), shape=(len(terms), len(vocabulary)), dtype=float)
    idf = _idf(len(terms), np.bincount(counts.indices, minlength=len(vocabulary)))
    return _normalised(counts.multiply(idf).tocsr()), vocabulary


def tfidf(df: pd.DataFrame, *, terms: pd.Series | None = None, **kw) -> pd.DataFrame:
    """Return a documents × terms tf-idf matrix (rows: doc_id, columns: terms in alphabetical order).

    scikit-learn's default ``TfidfVectorizer`` weighting (Manning, Raghavan and Schütze 2008,
    ch. 6, with sklearn's smoothing): tf = the term's count in the document, idf = ln((1 + N) /
    (1 + df)) + 1 (see ``document_frequencies``), and each row divided by its Euclidean length
    (L2 norm), so documents of any length are comparable and ``cosine_similarity`` is a dot
    product. A term in every document keeps idf 1, so a word that is frequent everywhere
    (*asn*) can still top a document's weights. Above ``DENSE_CELLS`` cells the columns are
    sparse (``pd.SparseDtype``, zeros not stored); every function of this module takes either.
    """
    terms = doc_tokens(df, **kw) if terms is None else terms
    matrix, vocabulary = _weights(terms)
    if not vocabulary:
        return pd.DataFrame(index=df["doc_id"])
    if matrix.shape[0] * matrix.shape[1] > DENSE_CELLS:
        frame = pd.DataFrame.sparse.from_spmatrix(matrix, index=df["doc_id"], columns=vocabulary)
        _remember(frame, matrix)
        return frame
    return pd.DataFrame(matrix.toarray(), index=df["doc_id"], columns=vocabulary)


# The CSR matrix behind each sparse table tfidf returned, for as long as the table lives: turning a
# table of 178,000 sparse columns back into a matrix takes seconds, and every function here needs one.
_MATRICES: dict[int, tuple[weakref.ref, object]] = {}


def _remember(frame: pd.DataFrame, matrix) -> None:
    key = id(frame)
    _MATRICES[key] = (weakref.ref(frame, lambda _: _MATRICES.pop(key, None)), matrix)


def _csr(matrix: pd.DataFrame):
    from scipy import sparse

    kept = _MATRICES.get(id(matrix))
    if kept is not None and kept[0]() is matrix:
        return kept[1]
    if hasattr(matrix, "sparse"):
        return matrix.sparse.to_coo().tocsr()
    return sparse.csr_matrix(matrix.to_numpy(dtype=float))


def _unit_rows(matrix: pd.DataFrame):
    return _normalised(_csr(matrix))


def top_terms(matrix: pd.DataFrame, n: int = 6) -> pd.Series:
    """Return each row's ``n`` highest-weighted terms, ``, ``-joined (ties: alphabetical order of the columns).

    >>> m = pd.DataFrame([[0.1, 0.7, 0.7], [0.0, 0.2, 0.0]], index=["a", "b"], columns=["asn", "netral", "pns"])
    >>> top_terms(m, 2).tolist()
    ['netral, pns', 'netral']
    """
    rows, columns = _csr(matrix), np.asarray(matrix.columns)
    out = []
    for i in range(rows.shape[0]):
        start, end = rows.indptr[i], rows.indptr[i + 1]
        cols, weights = rows.indices[start:end], rows.data[start:end]
        keep = weights > 0
        order = np.lexsort((cols[keep], -weights[keep]))[:n]  # weight descending, then column order
        out.append(", ".join(columns[cols[keep][order]]))
    return pd.Series(out, index=matrix.index)


def cosine_similarity(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the cosine similarity of every pair of rows of a documents × terms matrix.

    The result is rows × rows: for a whole corpus of thousands of articles, use ``similarity_summary``.
    """
    unit = _unit_rows(matrix)
    return pd.DataFrame((unit @ unit.T).toarray(), index=matrix.index, columns=matrix.index)


@remembered
def similarity_summary(matrix: pd.DataFrame, labels=None, block: int = 1000) -> dict:
    """Return the mean cosine similarity over all pairs of rows, and the most similar pair.

    Keys: ``mean``, ``pair`` (the two row labels, from ``labels`` or the index; the first
    such pair in row order when several tie) and ``max``. Computed ``block`` rows at a time,
    so no rows × rows table is ever held: it equals the mean and maximum of the upper triangle
    of ``cosine_similarity(matrix)``.
    """
    unit = _unit_rows(matrix)
    names = list(matrix.index if labels is None else labels)
    n = unit.shape[0]
    if n < 2:
        return {"mean": float("nan"), "pair": None, "max": float("nan")}
    total = np.asarray(unit.sum(axis=0)).ravel()
    self_similarity = unit.multiply(unit).sum()  # one per non-empty row
    mean = (total @ total - self_similarity) / (n * (n - 1))
    best, pair = -np.inf, None
    dense, rare = _split_columns(unit)
    for start in range(0, n - 1, block):
        scores = dense[start : start + block] @ dense.T + (rare[start : start + block] @ rare.T).toarray()
        rows = np.arange(start, min(start + block, n))
        scores[np.arange(n)[None, :] <= rows[:, None]] = -np.inf  # upper triangle only
        i, j = np.unravel_index(np.argmax(scores), scores.shape)
        if scores[i, j] > best:
            best, pair = scores[i, j], (names[start + i], names[j])
    return {"mean": float(mean), "pair": pair, "max": float(best)}


def _split_columns(unit):
    """Split a CSR matrix's columns for fast products of rows: (dense array, CSR matrix).

    Nearly all the work of comparing every pair of articles is in the words most of them share;
    those columns (the most frequent, at most ``DENSE_PART`` cells) become a dense array, whose
    product is one BLAS call, and the rest stay sparse. Words of a single row are dropped: they
    add nothing to the similarity of two different rows.
    """
    documents = np.bincount(unit.indices, minlength=unit.shape[1])
    shared = np.flatnonzero(documents > 1)
    k = min(len(shared), DENSE_PART // max(1, unit.shape[0]))
    by_frequency = shared[np.argsort(-documents[shared], kind="stable")]
    return unit[:, by_frequency[:k]].toarray(), unit[:, np.sort(by_frequency[k:])].tocsr()


def group_similarity(matrix: pd.DataFrame, groups, keep=None) -> pd.DataFrame:
    """Return the cosine similarity of groups' centroids: each group's rows summed, then compared.

    ``groups`` gives each row's group (a region, say); ``keep`` limits and orders the groups
    shown (default: all, sorted). Two regions score high when their articles, taken together,
    weigh the same words.
    """
    groups = pd.Series(list(groups))
    keep = sorted(groups.unique()) if keep is None else list(keep)
    member = _membership(groups, keep)
    centroids = member @ _unit_rows(matrix)
    frame = pd.DataFrame(centroids.toarray(), index=keep)
    return cosine_similarity(frame).rename_axis(None).rename_axis(None, axis=1)


def _membership(groups: pd.Series, keep: list):
    """A groups × rows 0/1 matrix: row k marks the rows of ``keep[k]``."""
    from scipy import sparse

    position = {g: k for k, g in enumerate(keep)}
    pairs = [(position[g], i) for i, g in enumerate(groups) if g in position]
    rows, cols = zip(*pairs, strict=True) if pairs else ((), ())
    return sparse.csr_matrix(([1.0] * len(pairs), (rows, cols)), shape=(len(keep), len(groups)))
