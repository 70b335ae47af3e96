"""Prefix rules of the stemmer: PySastrawi's disambiguation rules for Indonesian prefixes, in its order.

Owns the table ``RULES``: for each two-letter start of a word, the prefix rules that may apply to
it, each a plain string test that returns the candidate roots. Numbered as in Asian (2007);
``netralitas.stemmer`` applies them.
"""

from __future__ import annotations

from collections.abc import Callable

_VOWELS = frozenset("aiueo")
_CONSONANTS = frozenset("bcdfghjklmnpqrstvwxyz")
_LETTERS = _VOWELS | _CONSONANTS
_NOT_R = _CONSONANTS - {"r"}
_NOT_RWYLMN = frozenset("bcdfghjkpqstvxz")  # rules 35 and 36
_NOT_E_N = _LETTERS - {"e", "n"}  # rule 19

# ---------------------------------------------------------------------------
# Prefix rules in PySastrawi's order, numbered as in Asian (2007). A rule takes a word that begins
# with one of the starts it is filed under and returns its candidate roots in order (the first
# root wins, else the last candidate), or None when it does not apply.
# V: a vowel (aiueo), C: a consonant, A: a letter a-z, P: the rest of the word.
# ---------------------------------------------------------------------------

Candidates = tuple[str | None, ...] | None
_INFIX_STARTS = {infix: tuple(c + infix[0] for c in sorted(_CONSONANTS)) for infix in ("er", "el", "em", "in")}


def _infix(infix: str) -> Callable[[str], Candidates]:
    """Rules 37-40: C{er|el|em|in}V -> the word as it is | CV (the first is never a root by then)."""
    return lambda w: (w, w[0] + w[3:]) if w[1:3] == infix and w[3:4] in _VOWELS else None


_PREFIX_RULES: list[tuple[tuple[str, ...], Callable[[str], Candidates]]] = [
    # 1: berV -> ber-V | be-rV
    (("be",), lambda w: (w[3:], "r" + w[3:]) if w[2:3] == "r" and w[3:4] in _VOWELS else None),
    # 2: berCAP -> ber-CAP where P is not er... (quirk: C may be r)
    (("be",), lambda w: (w[3:],) if w[2:3] == "r" and w[3:4] in _CONSONANTS and w[4:5] in _LETTERS
     and w[5:7] != "er" else None),
    # 3: berCAerV -> ber-CAerV where C != r
    (("be",), lambda w: (w[3:],) if w[2:3] == "r" and w[3:4] in _NOT_R and w[4:5] in _LETTERS and w[5:7] == "er"
     and w[7:8] in _VOWELS else None),
    # 4: belajar -> bel-ajar
    (("be",), lambda w: ("ajar",) if w == "belajar" else None),
    # 5: beC1erC2 -> be-C1erC2 where C1 != r
    (("be",), lambda w: (w[2:],) if w[2:3] in _NOT_R and w[3:5] == "er" and w[5:6] in _CONSONANTS else None),
    # 6: terV -> ter-V | te-rV
    (("te",), lambda w: (w[3:], "r" + w[3:]) if w[2:3] == "r" and w[3:4] in _VOWELS else None),
    # 7: terCerV -> ter-CerV where C != r
    (("te",), lambda w: (w[3:],) if w[2:3] == "r" and w[3:4] in _NOT_R and w[4:6] == "er"
     and w[6:7] in _VOWELS else None),
    # 8: terCP -> ter-CP where C != r and P is not er...
    (("te",), lambda w: (w[3:],) if w[2:3] == "r" and w[3:4] in _NOT_R and w[4:6] != "er" else None),
    # 9: teC1erC2 -> te-C1erC2 where C1 != r
    (("te",), lambda w: (w[2:],) if w[2:3] in _NOT_R and w[3:5] == "er" and w[5:6] in _CONSONANTS else None),
    # 10: me{l|r|w|y}V -> me-{l|r|w|y}V
    (("me",), lambda w: (w[2:],) if w[2:3] in ("l", "r", "w", "y") and w[3:4] in _VOWELS else None),
    # 11: mem{b|f|v} -> mem-{b|f|v}
    (("me",), lambda w: (w[3:],) if w[2:3] == "m" and w[3:4] in ("b", "f", "v") else None),
    # 12: mempe -> mem-pe (Asian et al. 2005, for mempengaruhi)
    (("me",), lambda w: (w[3:],) if w[2:5] == "mpe" else None),
    # 13: memV -> me-mV | me-pV
    (("me",), lambda w: ("m" + w[3:], "p" + w[3:]) if w[2:3] == "m" and w[3:4] in _VOWELS else None),
    # 14: men{c|d|j|s|t|z} -> men-{c|d|j|s|t|z}
    (("me",), lambda w: (w[3:],) if w[2:3] == "n" and w[3:4] in ("c", "d", "j", "s", "t", "z") else None),
    # 15: menV -> me-nV | me-tV
    (("me",), lambda w: ("n" + w[3:], "t" + w[3:]) if w[2:3] == "n" and w[3:4] in _VOWELS else None),
    # 16: meng{g|h|q|k} -> meng-{g|h|q|k}
    (("me",), lambda w: (w[4:],) if w[2:4] == "ng" and w[4:5] in ("g", "h", "q", "k") else None),
    # 17: mengV -> meng-V | meng-kV | menge-P (V = e) | me-ngV
    (("me",), lambda w: (w[4:], "k" + w[4:], w[5:] if w[4] == "e" else None, "ng" + w[4:]) if w[2:4] == "ng"
     and w[4:5] in _VOWELS else None),
    # 18: menyV -> me-nyV | meny-sV
    (("me",), lambda w: ("ny" + w[4:], "s" + w[4:]) if w[2:4] == "ny" and w[4:5] in _VOWELS else None),
    # 19: mempA -> mem-pA where A != e (nor n)
    (("me",), lambda w: (w[3:],) if w[2:4] == "mp" and w[4:5] in _NOT_E_N else None),
    # 20: pe{w|y}V -> pe-{w|y}V
    (("pe",), lambda w: (w[2:],) if w[2:3] in ("w", "y") and w[3:4] in _VOWELS else None),
    # 21: perV -> per-V | pe-rV
    (("pe",), lambda w: (w[3:], w[2:]) if w[2:3] == "r" and w[3:4] in _VOWELS else None),
    # 23: perCAP -> per-CAP where P is not er... (quirk: C may be r)
    (("pe",), lambda w: (w[3:],) if w[2:3] == "r" and w[3:4] in _CONSONANTS and w[4:5] in _LETTERS
     and w[5:7] != "er" else None),
    # 24: perCAerV -> per-CAerV where C != r
    (("pe",), lambda w: (w[3:],) if w[2:3] == "r" and w[3:4] in _NOT_R and w[4:5] in _LETTERS and w[5:7] == "er"
     and w[7:8] in _VOWELS else None),
    # 25: pem{b|f|v} -> pem-{b|f|v}
    (("pe",), lambda w: (w[3:],) if w[2:3] == "m" and w[3:4] in ("b", "f", "v") else None),
    # 26: pemV -> pe-mV | pe-pV
    (("pe",), lambda w: ("m" + w[3:], "p" + w[3:]) if w[2:3] == "m" and w[3:4] in _VOWELS else None),
    # 27: pen{c|d|j|s|t|z} -> pen-{c|d|j|s|t|z}
    (("pe",), lambda w: (w[3:],) if w[2:3] == "n" and w[3:4] in ("c", "d", "j", "s", "t", "z") else None),
    # 28: penV -> pe-nV | pe-tV
    (("pe",), lambda w: ("n" + w[3:], "t" + w[3:]) if w[2:3] == "n" and w[3:4] in _VOWELS else None),
    # 29: pengC -> peng-C
    (("pe",), lambda w: (w[4:],) if w[2:4] == "ng" and w[4:5] in _CONSONANTS else None),
    # 30: pengV -> peng-V | peng-kV | penge-P (V = e); quirk: for V != e the last is None, so no removal
    # and rule 34 comes next (penganga -> nganga)
    (("pe",), lambda w: (w[4:], "k" + w[4:], w[5:] if w[4] == "e" else None) if w[2:4] == "ng"
     and w[4:5] in _VOWELS else None),
    # 31: penyV -> pe-nyV | peny-sV
    (("pe",), lambda w: ("ny" + w[4:], "s" + w[4:]) if w[2:4] == "ny" and w[4:5] in _VOWELS else None),
    # 32: pelV -> pe-lV, but pelajar -> ajar
    (("pe",), lambda w: ("ajar",) if w == "pelajar" else (w[2:],) if w[2:3] == "l" and w[3:4] in _VOWELS else None),
    # 34: peCP -> pe-CP where P is not er... (quirk: C may be r, w, y, l, m, n)
    (("pe",), lambda w: (w[2:],) if w[2:3] in _CONSONANTS and w[3:5] != "er" else None),
    # 35: terC1erC2 -> ter-C1erC2 where C1 is not r, w, y, l, m, n (Asian et al. 2005)
    (("te",), lambda w: (w[3:],) if w[2:3] == "r" and w[3:4] in _NOT_RWYLMN and w[4:6] == "er"
     and w[6:7] in _CONSONANTS else None),
    # 36: peC1erC2 -> pe-C1erC2 where C1 is not r, w, y, l, m, n (Asian et al. 2005)
    (("pe",), lambda w: (w[2:],) if w[2:3] in _NOT_RWYLMN and w[3:5] == "er" and w[5:6] in _CONSONANTS else None),
    # 37-40 (Tahitoe & Purwitasari 2010): infixes -er-, -el-, -em-, -in-
    *((_INFIX_STARTS[infix], _infix(infix)) for infix in ("er", "el", "em", "in")),
    # 41, 42 (Sastrawi): kuA -> ku-A, kauA -> kau-A
    (("ku",), lambda w: (w[2:],)),
    (("ka",), lambda w: (w[3:],) if w[2:3] == "u" else None),
]  # fmt: skip


def _rules_by_start() -> dict[str, tuple[Callable[[str], Candidates], ...]]:
    """Return every two-letter start -> the prefix rules that can apply to a word so starting, in order."""
    table: dict[str, list[Callable[[str], Candidates]]] = {}
    for starts, rule in _PREFIX_RULES:
        for start in starts:
            table.setdefault(start, []).append(rule)
    return {start: tuple(rules) for start, rules in table.items()}


RULES = _rules_by_start()
