"""The parser's shortcuts give what the plain patterns give.

Some patterns of ``netralitas.article`` and ``netralitas.dates`` are searched at every position of
every paragraph; the parser skips the search where a cheap test shows it cannot match (a paragraph
that does not end in ")" cannot end in a reporter's initials), or writes the pattern so that the
regex engine can skip ahead. Each test here compares a shortcut with the plain pattern on written
cases and on thousands of random strings made of the characters that matter, so a shortcut that
skipped a match would fail.
"""

from __future__ import annotations

import random
import re

import pytest

from netralitas import article, dates
from netralitas.reference import boilerplate_rules

ALPHABET = "aAbSsZ (/)Ffoto.-:|,\n0129ÉéſK\u212a"  # letters, brackets, slashes, a long s and a Kelvin sign


def _random_strings(n: int, seed: int, pieces: tuple[str, ...] = ()) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = [rng.choice(ALPHABET) if not pieces or rng.random() < 0.7 else rng.choice(pieces) for _ in range(60)]
        out.append("".join(parts[: rng.randint(0, 60)]))
    return out


PHOTO_CASES = [
    "Bupati menyerahkan SK kepada ASN. (Foto: Humas Pemkab Kudus)",
    "Suasana apel netralitas ASN di halaman kantor bupati (Dok. Diskominfo, keterangan yang panjang sekali)",
    "Apel netralitas ASN di Alun-alun. ANTARA FOTO/Budi Santoso",
    "Apel netralitas ASN di Alun-alun. ANTARA/Budi Santoso   ",
    "ANTARA/" + "B" * 41,  # the longest credit the pattern takes: the "/" is the 42nd character from the end
    "ANTARA/" + "B" * 42,  # one longer: no match
    "Kalimat biasa tanpa keterangan foto.",
    "Rasio 3/4 dari peserta hadir (ist)",
    "(Ilustrasi)",
]


def test_photo_credit_shortcut_matches_the_pattern():
    texts = PHOTO_CASES + _random_strings(3000, 1, ("(Foto", "(Dok", "FOTO/", "ANT", "/B", ")"))
    assert [article._photo_end(t) for t in texts] == [bool(article._PHOTO_END.search(t)) for t in texts]
    assert [article._photo_end(t) for t in PHOTO_CASES] == [True, True, True, True, True, False, False, False, True]


def _strip_end_plain(paragraph: str) -> tuple[str, list[str]]:
    stripped = []
    for action, _, pattern in boilerplate_rules():
        if action == "strip_end":
            match = pattern.search(paragraph)
            if match and match.start() > 0:
                stripped.append(match.group().strip())
                paragraph = paragraph[: match.start()].rstrip()
    return paragraph, stripped


STRIP_CASES = [
    "ASN wajib netral selama Pilkada. (dai/dai)",
    "ASN wajib netral selama Pilkada. (rin)  ",
    "ASN wajib netral selama Pilkada (kata bupati). (iin/eti)\n",
    "ASN wajib netral selama Pilkada (rin) kata dia.",
    "(dai/dai)",
]


def test_strip_end_rules_have_their_last_character():
    assert [last for _, last in article._end_rules()] == [")", ")"]


def test_strip_end_shortcut_matches_the_plain_rules():
    texts = STRIP_CASES + _random_strings(3000, 2, ("(rin)", "(dai/", "eti)", " (", "\t"))
    assert [article._strip_end_rules(t) for t in texts] == [_strip_end_plain(t) for t in texts]
    assert [len(article._strip_end_rules(t)[1]) for t in STRIP_CASES] == [1, 1, 1, 0, 0]


def _match_rule_plain(paragraph: str):
    pattern, rules, scans = article._paragraph_rules()
    line = paragraph.rstrip(" :")
    match = pattern.fullmatch(line)
    first = next(int(name[1:]) for name, value in match.groupdict().items() if value is not None) if match else None
    for i, _, word, alternative in scans:
        if first is not None and i >= first:
            break
        if word.search(line) and alternative.fullmatch(line):
            return rules[i]
    return rules[first] if first is not None else None


RULE_CASES = [
    "Hak Cipta Dilindungi Undang-Undang",
    "© 2024 Portal Berita. HAK CIPTA DILINDUNGI.",
    "Hak cipta diLINDUNGI",
    "Ha\u212a cipta dilindungi",  # a Kelvin sign, equal to "k" when case is ignored
    "“Hak cipta dilindungi”",  # not ASCII
    # letters equal to i and s when case is ignored, though not in lower case: a dotless i, a dotted capital I (whose
    # lower case is two characters long) and a long s
    "Ingin mendapat notif\u0131kasi berita terbaru? Izinkan Nanti",
    "Ingin mendapat notif\u0130kasi berita terbaru? Izinkan Nanti",
    "Berita terbaru setiap hari, \u017faya Mau!",
    "Ingin mendapat notifikasi berita terbaru? Izinkan Nanti",
    "Dapatkan notifikasi? Ya Tidak",
    "Berita terbaru setiap hari, Saya Mau!",
    "Bagikan:",
    "Baca Juga: Bupati Ajak ASN Netral",
    "ASN wajib netral, kata Bupati.",
]


def test_rule_matching_shortcut_matches_the_plain_search():
    pieces = ("hak cipta dilindungi", "Saya Mau", "notifikasi", "?", "Ya", "\u0130", "\u0131", "“")
    texts = RULE_CASES + _random_strings(3000, 3, pieces)
    assert [article._match_rule(t) for t in texts] == [_match_rule_plain(t) for t in texts]
    assert sum(article._match_rule(t) is not None for t in texts) > 100  # the random lines do match rules


def test_letters_that_fold_apart_are_found_both_ways():
    assert [article._match_rule(t) for t in RULE_CASES[5:8]] == [("drop", "pop-up")] * 3


def test_the_kelvin_sign_case_is_found_both_ways():
    line = "Ha\u212a cipta dilindungi"
    assert _match_rule_plain(line) == article._match_rule(line) == ("drop", "copyright")


YEAR_PLAIN = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?!\d)")


@pytest.mark.parametrize("seed", range(5))
def test_year_pattern_finds_what_the_plain_pattern_finds(seed):
    texts = _random_strings(4000, 10 + seed, ("19", "20", "2024", ".", "1.2024"))
    texts += ["2024", "Pilkada 2024.", "UU 1.2024", "12024", "20245", "2024-08-21", "(2024)", "x2019y"]
    assert [dates._YEAR.findall(t) for t in texts] == [YEAR_PLAIN.findall(t) for t in texts]


CAPITALISED_PLAIN = re.compile(r"(?<!\w)[A-Z][\w'’-]*(?:\s+(?:dan\s+)?[A-Z][\w'’-]*)*")


def test_capitalised_runs_are_found_as_the_plain_pattern_finds_them():
    from netralitas.regions import _CAPITALISED_RUN

    texts = _random_strings(4000, 20, ("dan ", "Kota ", "Bupati", "xY", "A", "’", "_"))
    texts += ["Pemkab Kudus dan Kota Semarang", "xKudus", "_Kudus", "9Kudus", "(Kudus)", "Kudus"]

    def runs(pattern, text):
        return [(m.span(), m.group()) for m in pattern.finditer(text)]

    assert [runs(_CAPITALISED_RUN, t) for t in texts] == [runs(CAPITALISED_PLAIN, t) for t in texts]
    assert runs(_CAPITALISED_RUN, "Pemkab Kudus dan Kota Semarang") == [((0, 30), "Pemkab Kudus dan Kota Semarang")]


def test_folds_like_ascii_is_false_exactly_where_a_letter_folds_apart():
    import string

    from netralitas.text import folds_like_ascii

    apart = [
        chr(c) for c in range(128, 0x110000)
        if any(re.fullmatch(f"(?i){a}", chr(c)) and chr(c).lower() != a for a in string.ascii_lowercase)
    ]  # fmt: skip
    assert apart == ["\u0130", "\u0131", "\u017f"]
    assert [folds_like_ascii(f"Hak cipta{c}") for c in apart] == [False] * 3
    assert folds_like_ascii("“Hak cipta” – ÉÀ ß \u212a") and folds_like_ascii("")  # the Kelvin sign lowers to k
    assert [c for c in map(chr, range(0x110000)) if len(c.lower()) != 1] == ["\u0130"]


MENTION_CASES = [
    "ASN wajib netral dalam Pilkada serentak tahun 2024.",
    "Pemilu dan Pilkada 2024 berjalan damai; PEMILIHAN KEPALA DAERAH (Pilkada) 2024 juga.",
    "Jelang tahun politik, pesta demokrasi 2024 dan pemilihan  umum (Pemilu) 2024.",
    "Pılkada 2024 dan pe\u017fta demokrasi",  # a dotless i and a long s: (?i) takes them for i and s
    "P\u0130LKADA 2024",  # a dotted capital I, whose lower case is two characters long
    "xPilkada 2024, _Pemilu 2024, 9Pilkada, Pilkadas 2024",
]


def test_mention_shortcut_finds_what_the_pattern_finds():
    from netralitas import election_mentions as em

    pieces = ("Pilkada", "pemilihan ", "Pemilu", "umum", "tahun", " politik", "pesta", "demokrasi", " 2024", " (", ")",
              "P\u0130L", "\u0131", "\u017f", "dan", "Pil", "PEMIL", "Jawa")  # fmt: skip
    texts = MENTION_CASES + _random_strings(4000, 30, pieces)

    def found(matches):
        return [(m.span(), m.groupdict()) for m in matches]

    assert [found(em._mentions(t)) for t in texts] == [found(em._MENTION.finditer(t)) for t in texts]
    assert [len(em._mentions(t)) for t in MENTION_CASES] == [1, 3, 3, 2, 1, 0]
    assert sum(len(em._mentions(t)) for t in texts) > 300  # the random texts do hold mentions (425)


BYLINE_CASES = [
    "Rina Wati — Kabar Kudus, Jumat, 6 September 2024",
    "Rina Wati – Kabar Kudus | 6 September 2024",
    "Rina Wati | Kabar Kudus, 6 Sep. 2024",
    "Rina Wati - Kabar Kudus, 6 September 2024",  # a hyphen is not a byline's dash
    "ASN wajib netral, kata Bupati.",
]


def test_byline_shortcut_matches_the_pattern():
    texts = BYLINE_CASES + _random_strings(3000, 40, ("Rina Wati", " — ", " – ", " | ", "Kabar", ", 6 September 2024"))
    assert [bool(article._byline(t)) for t in texts] == [bool(article.BYLINE.match(t)) for t in texts]
    assert [bool(article._byline(t)) for t in BYLINE_CASES] == [True, True, True, False, False]
    assert sum(bool(article._byline(t)) for t in texts) > 50
