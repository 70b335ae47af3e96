"""Concordance: keyword-in-context lines, for words, prefixes, phrases and roots.

Owns ``kwic`` (every match of a pattern with the words around it and where it falls in the
article) and the ``~root`` patterns that find a word in all its derived forms (``root_forms``).
"""

from __future__ import annotations

import functools
import sys
from array import array

import pandas as pd

from .memo import remembered
from .text import STEM_CACHE_SIZE, WORD_RE, stem_word

# Affixes the stemmer leaves on a word, which ``~root`` patterns of ``kwic`` also remove: the
# negating confix ke-tidak-…-an (Sastrawi keeps ``ketidaknetralan`` whole) and noun suffixes
# (``netralitas``, ``netralisasi``), with ``-nya`` and ``-an`` for the forms built on them.
ROOT_PREFIXES = ("ketidak", "ketak")
ROOT_SUFFIXES = ("nya", "itas", "isasi", "isme", "an")
# Texts whose words and their places are kept between kwic calls (a notebook asks for many patterns):
# at most this many, about 7 KB for a news article of 440 words (the words themselves are shared strings).
WORD_LISTS_KEPT = 20_000


@functools.lru_cache(maxsize=STEM_CACHE_SIZE)
def root_forms(word: str) -> frozenset[str]:
    """Return the roots a lower-case word may be built on, for ``kwic``'s ``~root`` patterns.

    The word itself, what is left after removing ``ROOT_PREFIXES`` and ``ROOT_SUFFIXES``
    (any combination, at least three letters kept), and the ``stem_word`` of each of these.

    >>> sorted(root_forms("ketidaknetralan"))
    ['ketidaknetral', 'ketidaknetralan', 'netral', 'netralan']
    >>> "netral" in root_forms("netralitas"), "netral" in root_forms("sentral")
    (True, False)
    """
    forms = {word} | {word[len(p) :] for p in ROOT_PREFIXES if word.startswith(p) and len(word) - len(p) >= 3}
    todo = list(forms)
    while todo:
        form = todo.pop()
        for suffix in ROOT_SUFFIXES:
            shorter = form[: -len(suffix)]
            if form.endswith(suffix) and len(shorter) >= 3 and shorter not in forms:
                forms.add(shorter)
                todo.append(shorter)
    return frozenset(forms | {stem_word(form) for form in forms})


def _word_matcher(part: str):
    """A test for one word of a ``kwic`` pattern: ``word``, ``prefix*`` or ``~root``."""
    if part.startswith("~"):
        root = part[1:]
        if not root or not WORD_RE.fullmatch(root) or part.endswith("*"):
            raise ValueError(f"{part!r}: write ~ before a whole word (~netral), without *")
        target = stem_word(root)
        return lambda word: target in root_forms(word)
    if part.endswith("*"):
        return lambda word: word.startswith(part[:-1])
    return lambda word: word == part


def _memoised(test):
    """The same test, asked once per distinct word (a corpus repeats its words millions of times)."""
    answers: dict[str, bool] = {}

    def ask(word: str) -> bool:
        answer = answers.get(word)
        if answer is None:
            answer = answers[word] = bool(test(word))
        return answer

    return ask


@functools.lru_cache(maxsize=WORD_LISTS_KEPT)
def _words_and_spans(text: str) -> tuple[tuple[str, ...], array, array]:
    """A text's words lower-cased (each distinct word one shared string), their starts and their ends.

    Kept for the next pattern: a notebook asks for many.
    """
    found = list(WORD_RE.finditer(text))
    words = tuple(sys.intern(m.group().lower()) for m in found)
    return words, array("I", (m.start() for m in found)), array("I", (m.end() for m in found))


def _kwic_lines(text: str, tests: list, window: int) -> list[tuple[str, str, str, float]]:
    """(left, keyword, right, position) of every match of a pattern's word tests in one text."""
    words, starts, ends = _words_and_spans(text)
    first, rest = tests[0], tests[1:]
    hits = {word for word in set(words) if first(word)}  # each distinct word asked once
    if not hits:
        return []
    found = [
        i
        for i, word in enumerate(words[: len(words) - len(rest)])
        if word in hits and all(test(words[i + 1 + k]) for k, test in enumerate(rest))
    ]
    lines = []
    for i in found:
        j = i + len(rest)
        left = text[starts[max(0, i - window)] : starts[i]]
        right = text[ends[j] : ends[min(len(words) - 1, j + window)]]
        keyword = text[starts[i] : ends[j]]
        tidy = [" ".join(s.split()) for s in (left, keyword, right)]
        lines.append((*tidy, i / max(1, len(words) - 1)))
    return lines


@remembered
def kwic(df: pd.DataFrame, pattern: str, window: int = 6, *, headlines: bool = False) -> pd.DataFrame:
    """Return keyword-in-context lines: doc_id, left, keyword, right, position.

    ``pattern`` is one or more words (a phrase: ``politik praktis``), each of them

    - a word: ``kampanye`` matches *kampanye* only;
    - a prefix: ``netral*`` matches every word that starts with *netral* (netralitas, and
      also *netralisir*; but not *kenetralan*);
    - a root: ``~netral`` matches every word built on the root's stem, with its affixes:
      a word matches when the ``stem_word`` of the root is among the word's ``root_forms``,
      that is the word's own stem, or the stem of what is left after removing ``ketidak-``,
      ``ketak-``, ``-nya``, ``-itas``, ``-isasi``, ``-isme`` and ``-an`` (affixes the
      stemmer keeps). So ``~netral`` finds *netral*, *netralitas*, *kenetralan*,
      *ketidaknetralan*, *menetralkan*, but not *sentral*. Give the root, not a derived
      form: ``~netralitas`` looks for the stem *netralitas*.

    Matching ignores case. ``left`` and ``right`` hold ``window`` words of the original text;
    ``position`` is where the match falls in the article, from 0 (start) to 1 (end), for
    dispersion plots. ``headlines=True`` searches each article's ``title`` too: a ``part``
    column after doc_id says ``"title"`` or ``"text"``, and title lines have no position (NaN).

    >>> df = pd.DataFrame({"doc_id": ["d0"], "title": ["Jaga Netralitas"],
    ...                    "text": ["Netral itu wajib; ketidaknetralan, kenetralan dan sentral."]})
    >>> kwic(df, "~netral", window=0)["keyword"].tolist()
    ['Netral', 'ketidaknetralan', 'kenetralan']
    >>> kwic(df, "~netral", window=1, headlines=True)[["part", "left", "keyword"]].values.tolist()[:2]
    [['title', 'Jaga', 'Netralitas'], ['text', '', 'Netral']]
    """
    parts = pattern.lower().split()
    if not parts:
        raise ValueError("kwic needs a word, prefix*, ~root or phrase to look for")
    tests = [_memoised(_word_matcher(part)) for part in parts]
    titles = df["title"] if headlines else pd.Series("", index=df.index)
    rows = []
    for doc_id, title, text in zip(df["doc_id"], titles, df["text"], strict=True):
        for left, keyword, right, _ in _kwic_lines(title if isinstance(title, str) else "", tests, window):
            rows.append((doc_id, "title", left, keyword, right, float("nan")))
        rows += [(doc_id, "text", *line) for line in _kwic_lines(text, tests, window)]
    out = pd.DataFrame(rows, columns=["doc_id", "part", "left", "keyword", "right", "position"])
    return out if headlines else out.drop(columns="part")
