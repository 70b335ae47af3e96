"""Text: words, sentences, tokens, stems and n-grams.

Owns the word pattern (``WORD_RE``), the stopword list, the protect-list of words never
stemmed, the stemmer at work, tokenising one text and a corpus (cached on disk for large
corpora), and n-grams within sentences. Two caches make a corpus cheap to tokenise: stems per distinct word
(``stem_word``, at most ``STEM_CACHE_SIZE`` words) and tokens per distinct
whitespace-separated chunk (at most ``TOKEN_CACHE_SIZE`` chunks per setting, emptied when
full); ``clear_caches()`` empties both.
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Iterable, Sequence

import pandas as pd

from . import stemmer
from .cache import Shelf, collection_paused, content_key, release_memory
from .memo import remembered
from .parallel import parallel_map, uses_pool
from .reference import provinces, read_word_list, regencies

# A word: Latin letters (accented ones too), hyphenated words whole; digits and punctuation split words.
_LETTER = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
WORD_RE = re.compile(rf"[{_LETTER}]+(?:[-'’][{_LETTER}]+)*")
TOKEN_CACHE_SIZE = 2_000_000  # chunks per setting; about 400 MB at the most, emptied when full
STEM_CACHE_SIZE = 1_000_000  # distinct words
POOL_CACHE_SIZE = 100_000  # chunks, and stems, kept by a worker of a pool (``_tokenize_in_pool``)
SENTENCE_LISTS_KEPT = 20_000  # texts whose sentence tokens are kept: tens of MB, the words being shared strings
CACHE_FROM = 200  # articles: smaller corpora are tokenised in memory, faster than reading the disk cache
SHELF_BATCH = 25_000  # new token lists per shard of the token cache: the joined lists of a shard are held at once
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


@functools.cache
def stopwords_set() -> frozenset[str]:
    """Return the stopwords: ``stopwordsiso``'s Indonesian list plus ``data/stopwords_extra.txt``."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("id")) | read_word_list("stopwords_extra.txt")


@functools.cache
def gazetteer_words() -> frozenset[str]:
    """Lower-case words of every place name in the gazetteer: names, capitals, abbreviations, aliases."""
    places = [*regencies()["regency"], *regencies()["capital"], *provinces()["province"], *provinces()["capital"]]
    for column in ("abbreviations", "aliases"):
        places += ";".join([*regencies()[column], *provinces()[column]]).split(";")
    return frozenset(w.lower() for place in places for w in WORD_RE.findall(place))


@functools.cache
def protected_terms() -> frozenset[str]:
    """Return the words never stemmed: ``data/protected_terms.txt`` plus every gazetteer place-name word."""
    return gazetteer_words() | read_word_list("protected_terms.txt")


# Stems computed ahead, on both cores, for the new vocabulary of a large corpus (``doc_tokens``);
# ``stem_word`` takes each out the first time it is asked for that word, so it holds no more than
# one corpus's new words between those two steps.
_STEMMED_AHEAD: dict[str, str] = {}


@functools.lru_cache(maxsize=STEM_CACHE_SIZE)
def stem_word(word: str, protect: bool = True) -> str:
    """Return the stem of one lower-case word, leaving protected terms as they are.

    The stemmer (``netralitas.stemmer``) gives PySastrawi 1.2.1's output exactly, many times faster.

    Cached per unique word, so a corpus costs one stemmer call per vocabulary entry.

    >>> stem_word("pemerintahan"), stem_word("relawan"), stem_word("relawan", protect=False)
    ('perintah', 'relawan', 'rawan')
    """
    if protect and word in protected_terms():
        return word
    ahead = _STEMMED_AHEAD.pop(word, None)
    return ahead if ahead is not None else stemmer.stem(word)


def sentences(text: str) -> list[str]:
    """Split a text into sentences at . ! ? before a capital, and at paragraph breaks.

    >>> sentences("ASN harus netral. Pilkada 2024 damai!\\n\\nMari jaga.")
    ['ASN harus netral.', 'Pilkada 2024 damai!', 'Mari jaga.']
    """
    return [s.strip() for s in _SENTENCE_BREAK.split(text) if s and s.strip()]


def tokenize(text: str, *, stopwords: bool = True, stem: bool = False) -> list[str]:
    """Return lower-cased word tokens of a text.

    Numbers and punctuation are dropped, hyphenated words (``undang-undang``) stay whole,
    one-letter tokens are dropped. ``stopwords=True`` removes the words of
    ``stopwords_set()`` (before and after stemming); ``stem=True`` reduces each word to
    its Sastrawi stem except protected terms (``protected_terms()``). No data downloads.

    >>> tokenize("ASN tidak boleh terlibat politik praktis, kata Bupati pada 2024.")
    ['asn', 'terlibat', 'politik', 'praktis', 'bupati']
    >>> tokenize("Menjaga netralitas di Penajam", stem=True)
    ['jaga', 'netralitas', 'penajam']
    """
    table = _token_table(stopwords, stem)
    out: list[str] = []
    for chunk in text.split():  # tokens never span whitespace, so each distinct chunk is tokenised once
        tokens = table.get(chunk)
        if tokens is None:
            tokens = table[chunk] = tuple(
                t for t in (_token_of(w, stopwords, stem) for w in WORD_RE.findall(chunk.lower())) if t is not None
            )
        out += tokens
    return out


# Whitespace-separated chunk -> its tokens, one table per (stopwords, stem) setting, filled as
# chunks are met. One dict look-up per chunk (``politik,`` or ``“ASN``) replaces a regex pass, a
# stopword test and a stemmer call, and every occurrence of a term is the same string object,
# which keeps token lists small.
_TOKEN_TABLES: dict[tuple[bool, bool], dict[str, tuple[str, ...]]] = {}


def _token_table(stopwords: bool, stem: bool) -> dict[str, tuple[str, ...]]:
    table = _TOKEN_TABLES.setdefault((stopwords, stem), {})
    if len(table) >= TOKEN_CACHE_SIZE:
        table.clear()
    return table


def clear_caches() -> None:
    """Empty the token, sentence and stem caches (after the word lists in ``data/`` changed, or to free memory)."""
    _TOKEN_TABLES.clear()
    _STEMMED_AHEAD.clear()
    stem_word.cache_clear()
    sentence_tokens.cache_clear()


def _token_of(word: str, stopwords: bool, stem: bool) -> str | None:
    stop = stopwords_set() if stopwords else frozenset()
    if len(word) < 2 or word in stop:
        return None
    if stem:
        word = stem_word(word)
        if word in stop:
            return None
    return sys.intern(word)


def ngrams(tokens: list[str], n: int) -> list[str]:
    """Return the n-grams of a token list as space-joined strings.

    >>> ngrams(["politik", "praktis", "asn"], 2)
    ['politik praktis', 'praktis asn']
    """
    return [" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)]


def doc_tokens(
    df: pd.DataFrame, *, stopwords: bool = True, stem: bool = False, workers: int | None = 1, cache: bool = True
) -> pd.Series:
    """Return each article's token list (``tokenize`` of its ``text``), indexed like ``df``.

    Serial by default (the distinct words are still stemmed on every core first, see ``_stem_ahead``);
    ``workers=None`` tokenises on every core, the result the same: in a script on the 10k growing
    corpus 1.7 s against 3.1 s serial (medians of 5 fresh processes each, taking turns). From
    ``CACHE_FROM`` articles on, token lists are kept in the on-disk cache (``netralitas.cache``), keyed by
    each text and the setting, so a fresh kernel tokenises only texts it has not seen; ``cache=False``
    skips it.
    """
    if cache and len(df) >= CACHE_FROM:
        texts = df["text"].reset_index(drop=True)
        tokens = _kept_tokens(texts, stopwords=stopwords, stem=stem, workers=workers)
    else:
        tokens = _tokens(df["text"], stopwords=stopwords, stem=stem, workers=workers, shelf=None)
    return pd.Series(tokens, index=df.index, name="tokens", dtype=object)


@remembered(ignore=("workers",))
def _kept_tokens(texts: pd.Series, *, stopwords: bool, stem: bool, workers: int | None) -> list[list[str]]:
    """A large corpus's token lists: the whole list from the memo, else each text's from the token cache."""
    return _tokens(texts, stopwords=stopwords, stem=stem, workers=workers, shelf=Shelf("tokens"))


class _TextsAt(Sequence):
    """Some texts of a column, by position, made into Python strings a slice at a time.

    A corpus table keeps its texts as Arrow strings (pandas' ``str`` columns); ``tolist()`` of 100,000 of them
    would make 0.6 GiB of Python strings at once, and a pool's workers, forked while they exist, would share
    and then copy them. Slices are what ``parallel_map`` sends.
    """

    def __init__(self, column: pd.Series | list[str], positions: list[int] | range):
        self.column = column if isinstance(column, pd.Series) else pd.Series(column, dtype=object)
        self.positions = positions

    def __len__(self) -> int:
        return len(self.positions)

    def __getitem__(self, i):
        if isinstance(i, slice):
            return self.column.iloc[self.positions[i]].tolist()
        return self.column.iloc[self.positions[i]]

    def __iter__(self):
        for start in range(0, len(self), 2048):
            yield from self[start : start + 2048]


@collection_paused()
def _tokens(
    texts: pd.Series | list[str], *, stopwords: bool, stem: bool, workers: int | None, shelf: Shelf | None
) -> list:
    every = _TextsAt(texts, range(len(texts)))
    keys = [content_key(f"{stopwords:d}{stem:d}", t) for t in every] if shelf and shelf.enabled else []
    known = {}
    if keys:
        table = shelf.get(keys)
        known = dict(zip(table["key"], table["tokens"], strict=True)) if len(table) else {}
    todo = _TextsAt(every.column, [i for i, k in enumerate(keys or [None] * len(texts)) if k not in known])
    pooled = uses_pool(len(todo), workers)
    if stem and not pooled:  # a pool's workers stem the words of their own texts
        _stem_ahead(todo)
    task = functools.partial(_tokenize_in_pool if pooled else tokenize, stopwords=stopwords, stem=stem)
    fresh = iter(parallel_map(task, todo, workers))
    out = []
    new_rows = {}
    for key in keys or [None] * len(texts):
        if key in known:
            out.append([sys.intern(w) for w in known[key].split(" ")] if known[key] else [])
        else:
            tokens = next(fresh)
            out.append(tokens)
            if key:
                new_rows[key] = " ".join(tokens)
                if len(new_rows) == SHELF_BATCH:
                    _shelve(shelf, new_rows)
    _shelve(shelf, new_rows)
    if pooled:
        release_memory()  # the workers' results, read and freed chunk by chunk
    return out


def _tokenize_in_pool(text: str, *, stopwords: bool, stem: bool) -> list[str]:
    """``tokenize`` in a pool's worker, whose caches are emptied when they reach ``POOL_CACHE_SIZE`` entries.

    A worker lives for one corpus, where most chunks and most new words come once (Heaps' law), so its caches
    grew with the corpus: on the 100k growing corpus each worker held 240 to 346 MiB of its own at the token
    step's peak, and 71 to 76 MiB with this limit (3 runs each).
    """
    table = _token_table(stopwords, stem)
    if len(table) >= POOL_CACHE_SIZE:
        table.clear()
    if stem and stem_word.cache_info().currsize >= POOL_CACHE_SIZE:
        stem_word.cache_clear()
    return tokenize(text, stopwords=stopwords, stem=stem)


def _shelve(shelf: Shelf, rows: dict[str, str]) -> None:
    """Store new token lists (text key -> space-joined tokens) as one shard, and empty ``rows``."""
    if rows:
        shelf.put(pd.DataFrame({"key": list(rows), "tokens": list(rows.values())}))
        rows.clear()


def _stem_ahead(texts: Iterable[str]) -> None:
    """Stem the distinct words of many texts on every core, when there are enough to pay for the pool.

    For texts tokenised in this process. When a pool tokenises them, each worker stems the words of its
    own texts as it meets them: a word in both workers' texts is stemmed twice, but no process reads
    every text first to find the distinct words. On the 10k growing corpus the token lists took 1.5 s
    that way against 2.5 s with the words stemmed ahead (fresh processes, 3 runs each, taking turns); on
    the 100k corpus, its whole table in memory, 14.4 against 24.6 s (medians of 4 and 3 runs); the same tokens.
    """
    words = {w for text in texts for w in WORD_RE.findall(text.lower())}
    if len(words) < min(stemmer.PARALLEL_STEM_FROM.values()):
        return
    words -= stopwords_set() | protected_terms()
    _STEMMED_AHEAD.update(stemmer.stem_many(words, workers=None))


@functools.lru_cache(maxsize=SENTENCE_LISTS_KEPT)
def sentence_tokens(text: str, *, stem: bool = False) -> tuple[tuple[str, ...], ...]:
    """Return the tokens of each sentence of a text, stopwords kept (what n-grams and collocations use).

    Kept for the next call (n-grams of several sizes, collocations): at most ``SENTENCE_LISTS_KEPT`` texts.

    >>> sentence_tokens("ASN harus netral. Pilkada damai!")
    (('asn', 'harus', 'netral'), ('pilkada', 'damai'))
    """
    return tuple(tuple(tokenize(s, stopwords=False, stem=stem)) for s in sentences(text))


@remembered
def doc_ngrams(df: pd.DataFrame, n: int, *, stem: bool = False) -> pd.Series:
    """Return each article's n-grams, formed within sentences, none starting or ending in a stopword.

    Stopwords inside are kept (``tidak boleh terlibat``), so phrases read as written.
    """
    stop = stopwords_set()

    def grams(text: str) -> list[str]:
        out = []
        for toks in sentence_tokens(text, stem=stem):
            edge = [t not in stop for t in toks]  # may a gram start or end here?
            out += [" ".join(toks[i : i + n]) for i in range(len(toks) - n + 1) if edge[i] and edge[i + n - 1]]
        return out

    return df["text"].map(grams)


_COUNTED_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")


def words(text: str) -> list[str]:
    """Return the words of a text as counted in ``n_words``: runs of letters or digits, hyphenated words whole.

    Unlike ``tokenize``, numbers count and nothing is dropped.

    >>> words("Pilkada 2024: ASN harus netral (non-partisan).")
    ['Pilkada', '2024', 'ASN', 'harus', 'netral', 'non-partisan']
    """
    return _COUNTED_WORD.findall(text)


def folds_like_ascii(text: str) -> bool:
    """Whether ``text.lower()`` stands for ``text`` as a pattern ignoring case sees it: then an ASCII word occurs in
    ``text`` ignoring case iff its lower case occurs in ``text.lower()``, at the same position.

    So when ``text`` has none of the three characters that a pattern ignoring case takes for an ASCII letter though
    ``str.lower`` does not make them that letter: İ and ı (i), ſ (s). İ is also the one character whose lower case
    is two characters long. (The Kelvin sign, which such a pattern takes for k, is k in lower case.)

    >>> folds_like_ascii("Kabupaten “Sleman”"), folds_like_ascii("İstanbul")
    (True, False)
    """
    return text.isascii() or not ("\u0130" in text or "\u0131" in text or "\u017f" in text)


def count_words(text: str) -> int:
    """Return ``len(words(text))``, about twice as fast: a whitespace-separated chunk of letters and digits
    only is one word, and only the other chunks go through the pattern (a word never spans a space).

    >>> count_words("Pilkada 2024: ASN harus netral (non-partisan)."), count_words("")
    (6, 0)
    """
    chunks = text.split()
    other = [c for c in chunks if not c.isalnum()]  # str.isalnum is the pattern's [^\W_], character by character
    return len(chunks) - len(other) + len(_COUNTED_WORD.findall(" ".join(other)))


def has_words(text: str, n: int) -> bool:
    """Whether a text has at least ``n`` words as ``words`` counts them (stops counting at ``n``).

    >>> has_words("Pilkada 2024: ASN harus netral.", 5), has_words("Pilkada 2024", 3)
    (True, False)
    """
    found = _COUNTED_WORD.finditer(text)
    return all(next(found, None) is not None for _ in range(n))
