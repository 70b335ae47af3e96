"""Stemming: PySastrawi's stem of every Indonesian word, computed many times faster.

Owns the stemmer: ``stem`` (one word), ``stem_many`` (many distinct words, on every core
when there are enough of them) and the root-word dictionary both look words up in. The
project's protect-list (words never stemmed) is applied on top, in ``text``.

The algorithm is the one PySastrawi 1.2.1 implements (MIT; github.com/har07/PySastrawi, a
port of Sastrawi), re-implemented here so that its output is the same for every word:

- Nazief & Adriani (1996): look the word up in a dictionary of roots; remove inflectional
  suffixes (particle ``-lah|-kah|-tah|-pun``, possessive ``-ku|-mu|-nya``), the derivational
  suffix (``-i|-kan|-an``) and up to three prefixes, with their disambiguation rules
  (``menyapu`` -> ``sapu``); keep the word when no root is found.
- Asian, Williams, Tahaghoghi et al. (2005) "Stemming Indonesian", the confix-stripping (CS)
  stemmer (also Asian 2007, PhD thesis): rule precedence (prefix first for ``be-lah``,
  ``be-an``, ``me-i``, ``di-i``, ``pe-i``, ``ter-i``), rules 12, 16, 35 and 36, and plurals
  (``buku-buku`` -> ``buku`` when both halves share a stem).
- Arifin, Mahendra & Ciptaningtyas (2009), enhanced CS (ECS): rules 14, 19, 27 and 29 widened,
  and the "loop pengembalian akhiran" (put the suffixes back one at a time, ``-kan`` as ``-k``
  first, and strip prefixes again).
- Tahitoe & Purwitasari (2010), modified ECS ("CC" in PySastrawi's comments): ``meny-`` and
  ``peny-`` read as ``me-ny``/``pe-ny`` before ``meny-s``/``peny-s`` (rules 18, 31: ``menyala``
  -> ``nyala``), and the infixes ``-er-``, ``-el-``, ``-em-``, ``-in-`` (rules 37-40).
- Sastrawi's additions: the foreign suffixes ``-is|-isme|-isasi``, ``ku-``/``kau-`` (rules 41,
  42), clitics after a hyphen (``kuasa-Mu``) and ``meniru-nirukan`` -> ``tiru``.

What makes it fast: a word no rule can touch (no start a prefix rule is filed under, no suffix
ending: ``widodo``) is returned after one look-up; the prefix rules are looked up by the word's
first two letters; each rule is a string test, not a regular expression; the whole process is
plain function calls instead of a visitor object per rule. PySastrawi's quirks are kept on
purpose, each marked *quirk* below. The dictionary (PySastrawi's ``kata-dasar.txt``) comes from
Kateglo; Sastrawi's README gives its licence as CC-BY-NC-SA 3.0, unlike the code (MIT).
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Iterable
from importlib import resources

from .prefix_rules import RULES

# Below this many distinct words stem_many stays in this process, where a pool would cost more than
# it saves (scripts/check_stemmer.py, 2 cores). Forked workers start in about 20 ms and share the
# loaded dictionary: on free cores (CPU time of the busier of the two processes against serial)
# the pool breaks even near 5,000 words and is 1.3 times as fast at 10,000, 1.5 at 50,000, 1.7 at
# 100,000. Fork-server workers (Jupyter kernels) start in about 175 ms, then import this module
# and read the dictionary: break-even near 25,000 words. On cores busy with other work (load 7 on
# 2 cores while measuring) a pool gains nothing below 100,000 words.
PARALLEL_STEM_FROM = {"fork": 10_000, "forkserver": 40_000}

_PLAIN_PREFIXES = frozenset(("di", "ke", "se"))
_PARTICLES = frozenset(("lah", "kah", "tah", "pun"))
_CLITICS = _PARTICLES | {"ku", "mu", "nya"}
# -i|-kan|-an and the foreign -is|-isme|-isasi, longest first, filed by their last letter
_DERIVATIONAL_BY_LAST_LETTER = {"i": ("isasi", "i"), "e": ("isme",), "n": ("kan", "an"), "s": ("is",)}
# The last two letters of a word that may end in a suffix; a word ending in -i always may.
_SUFFIX_ENDINGS = frozenset(("ah", "un", "ku", "mu", "ya", "an", "me", "is"))
_PLAIN_WORD = re.compile(r"[a-z0-9-]+")
_OUTSIDE_ALPHABET = re.compile(r"[^a-z0-9 -]", re.IGNORECASE)


@functools.cache
def root_words() -> frozenset[str]:
    """Return the stemmer's dictionary: the 29,932 lines of PySastrawi's ``kata-dasar.txt`` (from Kateglo).

    Read once per process (cached for its life; about 3 MB). Lines are kept as PySastrawi keeps
    them, so the one odd entry (``oper "v,"``) is in too.
    """
    text = resources.files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt").read_text(encoding="utf-8")
    return frozenset(line for line in text.split("\n") if line.strip())


def stem(word: str) -> str:
    """Return PySastrawi 1.2.1's stem of a word: ``StemmerFactory().create_stemmer().stem(word)``.

    The word is normalised as PySastrawi does: lower-cased, every character outside
    ``a-z0-9-`` becomes a space (``jum'at`` -> ``jum at``, ``café`` -> ``caf``), and each
    space-separated part is stemmed. A word that is no root and has no affix leading to one
    comes back as it was.

    >>> stem("pemerintahan"), stem("menjaga"), stem("relawan"), stem("undang-undang")
    ('perintah', 'jaga', 'rawan', 'undang')
    """
    roots = root_words()
    text = word.lower()
    if (text.isascii() and text.isalpha()) or _PLAIN_WORD.fullmatch(text):
        return _stem_word(text, roots)
    text = re.sub(" +", " ", _OUTSIDE_ALPHABET.sub(" ", text)).strip()
    return " ".join(_stem_word(part, roots) for part in text.split(" "))


def stem_many(words: Iterable[str], workers: int | None = None) -> dict[str, str]:
    """Return ``{word: stem(word)}`` for the distinct words given, on a process pool when there are many.

    ``workers=None`` uses every core from ``PARALLEL_STEM_FROM[start method]`` distinct words on
    (``netralitas.parallel.start_method``: fork, or a fork server in Jupyter); ``workers=1`` never
    starts a pool. This process stems one share itself while ``workers - 1`` processes stem
    the others. The result is the same either way.

    >>> stem_many(["menjaga", "netralitas", "menjaga"], workers=1)
    {'menjaga': 'jaga', 'netralitas': 'netralitas'}
    """
    unique = list(dict.fromkeys(words))
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(unique) < 2:
        return dict(zip(unique, _stem_chunk(unique), strict=True))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from .parallel import start_method

    method = start_method()
    if len(unique) < PARALLEL_STEM_FROM.get(method, max(PARALLEL_STEM_FROM.values())):
        return dict(zip(unique, _stem_chunk(unique), strict=True))
    root_words()  # loaded before forking, so forked workers share it
    share = -(-len(unique) // workers)  # this process stems the first share while workers - 1 others stem the rest
    chunks = [unique[i : i + share] for i in range(share, len(unique), share)]
    with ProcessPoolExecutor(len(chunks), mp_context=multiprocessing.get_context(method)) as pool:
        others = [pool.submit(_stem_chunk, chunk) for chunk in chunks]
        stems = _stem_chunk(unique[:share])
        for future in others:
            stems += future.result()
    return dict(zip(unique, stems, strict=True))


def _stem_chunk(words: list[str]) -> list[str]:
    """Return the stems of the words, in order (a module-level function, so a pool can run it)."""
    return [stem(word) for word in words]


# ---------------------------------------------------------------------------
# One normalised word (only a-z, 0-9, '-' and the rare 'ı' or 'ſ' that IGNORECASE keeps)
# ---------------------------------------------------------------------------


def _stem_word(word: str, roots: frozenset[str]) -> str:
    """Stem a plural (``buku-buku``) by its two halves, any other word as one (Asian 2007, pp. 76-77)."""
    if "-" not in word:
        return _stem_singular(word, roots)
    head, _, tail = word.rpartition("-")
    if tail in _CLITICS:
        if "-" not in head:  # kuasa-mu: one word with a clitic
            return _stem_singular(word, roots)
        head, _, last = head.rpartition("-")  # malaikat-malaikat-nya: malaikat + malaikat-nya
        tail = f"{last}-{tail}"
    first, second = _stem_singular(head, roots), _stem_singular(tail, roots)
    if second == tail and tail not in roots:  # meniru-nirukan: nirukan read as menirukan
        second = _stem_singular("me" + tail, roots)
    return first if first == second else word


def _stem_singular(word: str, roots: frozenset[str]) -> str:
    """Return the first root met on PySastrawi's path through the word, or the word itself."""
    if word in roots or not _may_carry_affix(word):
        return word
    # quirk: a word of 3 letters or fewer is not skipped; each step is just cut short after its
    # first removal (one particle, a plain prefix di-/ke-/se-). Its candidates have at most one
    # letter, and no root has one, so such a word in fact never changes.
    short = len(word) <= 3
    if _prefix_first(word):  # confix stripping precedence (Asian et al. 2005)
        found = _strip_prefixes(word, roots, short)
        if found in roots:
            return found
        found = _strip_suffixes(found, roots, short)[0]
        if found in roots:
            return found
    found, removals = _strip_suffixes(word, roots, short)
    if found in roots:
        return found
    found = _strip_prefixes(found, roots, short)
    if found in roots:
        return found
    # ECS: put the suffixes back, last removed first, and strip prefixes from each word so restored
    for before, after in reversed(removals):
        if before[len(after) :] == "kan":  # -kan may be the root's k plus -an: tries ...k first
            found = _strip_prefixes(after + "k", roots, short)
            if found in roots:
                return found
        found = _strip_prefixes(before, roots, short)
        if found in roots:
            return found
    return word


def _may_carry_affix(word: str) -> bool:
    """Whether any rule applies to the word: a start some prefix rule is filed under, or a suffix ending."""
    return word[:2] in _AFFIX_STARTS or word[-1:] == "i" or word[-2:] in _SUFFIX_ENDINGS


def _prefix_first(word: str) -> bool:
    """Whether the word takes the prefix-before-suffix precedence: be-lah, be-an, me-i, di-i, pe-i, ter-i."""
    if word[:2] == "be":
        return word.endswith(("lah", "an"))
    return word[-1:] == "i" and (word[:2] in ("me", "di", "pe") and len(word) > 2 or word[:3] == "ter")


def _strip_suffixes(word: str, roots: frozenset[str], short: bool) -> tuple[str, list[tuple[str, str]]]:
    """Return the word without particle, possessive and derivational suffix, and the (before, after) of each cut.

    Stops at the first root. Particle and possessive take the hyphens before them along
    (``nikmat-ku``); of the derivational suffixes the longest goes (``-isasi`` before ``-i``).
    """
    removals = []
    for cut in (_without_particle, _without_possessive, _without_derivational):
        after = cut(word)
        if after != word:
            removals.append((word, after))
            word = after
        if short or word in roots:
            break
    return word, removals


def _without_particle(word: str) -> str:
    return word[:-3].rstrip("-") if word[-3:] in _PARTICLES else word


def _without_possessive(word: str) -> str:
    if word[-3:] == "nya":
        return word[:-3].rstrip("-")
    return word[:-2].rstrip("-") if word[-2:] in ("ku", "mu") else word


def _without_derivational(word: str) -> str:
    for suffix in _DERIVATIONAL_BY_LAST_LETTER.get(word[-1:], ()):
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return word


def _strip_prefixes(word: str, roots: frozenset[str], short: bool) -> str:
    """Remove up to three prefixes, one rule at a time, stopping at the first root."""
    for _ in range(3):
        stripped = _strip_prefix(word, roots, short)
        if stripped is None:  # nothing applies now, nor will on the next rounds
            return word
        word = stripped
        if word in roots:
            return word
    return word


def _strip_prefix(word: str, roots: frozenset[str], short: bool) -> str | None:
    """Return the word less one prefix by the first rule that applies, or None.

    A rule offers candidates in order; the first that is a root wins, else the last one, root
    or not, and the next round strips on from there (``menerangi``: ``nerangi`` and ``terangi``
    are no roots, so ``terangi``).
    """
    start = word[:2]
    if start in _PLAIN_PREFIXES:
        return word[2:]
    if short or word in roots:
        return None
    for rule in RULES.get(start, ()):
        candidates = rule(word)
        if candidates is None:
            continue
        for candidate in candidates:
            if candidate in roots:
                return candidate
        if candidates[-1] is not None:  # quirk: rule 30's last candidate may be None, then the next rule runs
            return candidates[-1]
    return None


_AFFIX_STARTS = frozenset(RULES) | _PLAIN_PREFIXES
