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
    "Ingin mendapat notifikasi berita terbaru? Izinkan Nanti",
    "Dapatkan notifikasi? Ya Tidak",
    "Berita terbaru setiap hari, Saya Mau!",
    "Bagikan:",
    "Baca Juga: Bupati Ajak ASN Netral",
    "ASN wajib netral, kata Bupati.",
]


def test_rule_matching_shortcut_matches_the_plain_search():
    texts = RULE_CASES + _random_strings(3000, 3, ("hak cipta dilindungi", "Saya Mau", "notifikasi", "?", "Ya"))
    assert [article._match_rule(t) for t in texts] == [_match_rule_plain(t) for t in texts]
    assert sum(article._match_rule(t) is not None for t in texts) > 100  # the random lines do match rules


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
