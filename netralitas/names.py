"""Names: a capitalised phrase split into role, place and person's name; offices in the article's short form.

Owns the words of offices and organs (``Bupati``, ``Kepala``, ``Dinas`` …), which words can be part
of a name (place words can: *Intan* Permatasari, Arfan *Tidore*; a sentence connector cannot,
except the name particle *Lalu*), the split of ``Pj Bupati PPU Makmur Marbun`` into role, place and
name, and offices as the article writes them (``Penjabat (Pj) Bupati Kudus`` → ``Pj Bupati``).
``netralitas.speakers`` uses them to find the people of an article.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from .reference import institutions, provinces, regencies
from .text import stopwords_set

ROLE_START = frozenset(
    "Bupati Wakil Pj Penjabat Plt Plh Sekda Sekdaprov Sekdakab Sekdakot Sekkot Sekretaris Kepala Ketua Wali "
    "Walikota Gubernur Wabup Wawali Wagub Camat Lurah Kades Kadis Kaban Kabid Kabag Kasubbag Kasi Kasat Kalak "
    "Inspektur Asisten Staf Direktur Deputi Dirjen Menteri Presiden Anggota Komisioner Koordinator Pimpinan "
    "Pejabat Perwakilan Narasumber Kapolres Kapolda Kapolsek Dandim Danramil Kajari Rektor Dekan Jubir".split()
)
ORGANS = frozenset(
    "Badan Dinas Bagian Divisi Bidang Seksi Sub Subbagian Kantor Komisi Biro Unit Satuan Lembaga Direktorat "
    "Sekretariat Pemerintah Daerah Kabupaten Kota Provinsi Negara Umum Sosial Hukum Data Informasi Sipil Aparatur "
    "Sumber Daya Manusia Tata Usaha Hubungan Masyarakat Politik Pangan Aset Kerja Tenaga Modal Terpadu Desa "
    "Kelurahan Kecamatan Kampung Nagari Gampong Dusun".split()
)
VILLAGES = frozenset("Desa Kelurahan Kecamatan Kampung Nagari Gampong Dusun".split())  # the next word is its name
HONORIFICS = frozenset(  # titles and ranks written before a name
    "H Hj Dr dr Ir Drs Dra Prof KH Haji Hajah Bapak Pak Ibu Bu Kombes Pol Kompol Iptu Ipda Aiptu Letkol Kolonel "
    "Mayor Kapten Brigjen Irjen Inf".split()
)
PRONOUNS = frozenset("Ia Dia Beliau Mereka Pihaknya Dirinya ia dia beliau mereka".split())
NAME_PARTICLES = frozenset({"Lalu"})  # stopwords that begin names (Sasak: Lalu Muhammad Amin)
NOT_NAMES = frozenset(
    "Senin Selasa Rabu Kamis Jumat Sabtu Minggu Januari Februari Maret April Mei Juni Juli Agustus September "
    "Oktober November Desember Gedung Aula Balai Kantor Pendopo Jalan Jl Alun-alun Desa Kecamatan Kelurahan "
    "Kabupaten Kota Provinsi Hotel Masjid Lapangan Halaman Ruang Sekretariat Universitas Kampus Plaza Kompleks "
    "Pasar Taman Stadion Graha Pemkab Pemkot Pemprov Pemda Satgas Satpol Inspektorat Humas Prokopim Setda "
    "Panwascam Panwaslu Bawaslu Diskominfo Saudara Undang-Undang Peraturan Pilkada Pemilu".split()
)
_WORD = r"[A-Z][\w'’-]*"
_ELEM = rf"(?:{_WORD}|\([A-Za-z][A-Za-z .&/-]{{0,20}}\))"
RUN = re.compile(rf"{_ELEM}(?:(?:[ \t]+|[ \t]*,[ \t]+|[ \t]+dan[ \t]+){_ELEM})*")  # never across lines
HONORIFIC_DOT = re.compile(r"\b(H|Hj|Dr|dr|Ir|Drs|Dra|Prof|KH)\.(?=\s)")


@functools.cache
def _place_names() -> dict[tuple[str, ...], str]:
    """Place names as casefolded token tuples (regencies, provinces, abbreviations, aliases) → the gazetteer name."""
    names = {}
    for table, column in ((provinces(), "province"), (regencies(), "regency")):
        for row in table.to_dict("records"):
            for written in [row[column], *(a for c in ("abbreviations", "aliases") for a in str(row[c]).split(";"))]:
                if written and written != "nan":
                    names[tuple(written.casefold().split())] = row[column]
    return names


def same_place(a: str, b: str) -> bool:
    """Whether two written places are one (``Kukar`` and ``Kutai Kartanegara``); a place not written matches any.

    >>> same_place("Kukar", "Kabupaten Kutai Kartanegara"), same_place("Bekasi", "Bogor")
    (True, False)
    """

    def key(place: str) -> str:
        tokens = [t for t in place.casefold().split() if t not in ("kabupaten", "kab.", "kab", "kota", "provinsi")]
        return _place_names().get(tuple(tokens), " ".join(tokens))

    return not a or not b or key(a) == key(b)


@functools.cache
def _province_names() -> frozenset[tuple[str, ...]]:
    table = provinces()
    names = list(table["province"]) + [a for v in table["abbreviations"] for a in str(v).split(";") if a != "nan"]
    return frozenset(tuple(n.casefold().split()) for n in names if n)


@functools.cache
def _acronyms() -> frozenset[str]:
    return frozenset(acronym for _, acronym in institutions())


@functools.cache
def _institution_pattern() -> re.Pattern:
    names = sorted(institutions(), key=lambda pair: -len(pair[0]))
    return re.compile("|".join(rf"\b{re.escape(long)}\b" for long, _ in names))


def abbreviate(text: str) -> str:
    """Long institution names replaced by their acronyms (``data/institutions.csv``).

    >>> abbreviate("Kepala Badan Kepegawaian Daerah")
    'Kepala BKD'
    """
    acronyms = dict(institutions())
    return _institution_pattern().sub(lambda m: acronyms[m.group()], text)


def place_length(tokens: list[str], i: int, names: frozenset | None = None) -> int:
    """How many tokens from ``i`` on name a place (``Kota Bekasi``, ``Deli Serdang``, ``Jatim``); 0 if none."""
    names = _place_names() if names is None else names
    start = i + 1 if i < len(tokens) and tokens[i].rstrip(".") in ("Kabupaten", "Kab", "Kota", "Provinsi") else i
    for n in range(min(4, len(tokens) - start), 0, -1):
        if tuple(t.casefold() for t in tokens[start : start + n]) in names:
            return start - i + n
    return 0


def _is_acronym(token: str) -> bool:
    return token.isupper() and len(token) > 1  # ASN, BKPSDM, PPU


@functools.cache
def _never_names() -> frozenset[str]:
    return NOT_NAMES | ROLE_START | HONORIFICS | PRONOUNS | ORGANS | _acronyms()


def _is_name_token(token: str, first: bool = False) -> bool:
    """A word that can be part of a person's name; ``first``: it opens a sentence."""
    if not token[:1].isupper() or token in _never_names():
        return False
    if _is_acronym(token) or token.casefold().endswith("nya"):
        return False
    if token.casefold() in stopwords_set():
        return token in NAME_PARTICLES and not first
    return True


@functools.cache
def _role_words() -> frozenset[str]:
    return ROLE_START | ORGANS | _acronyms()


def _is_role_part(token: str, previous: str) -> bool:
    """A word that continues a role phrase: roles, organs (``Dinas Pendidikan``), acronyms, ``(Pj)``,
    the name of a village after ``Desa`` (``Kepala Desa Sukamaju``)."""
    if token in _role_words() or token.startswith("(") or previous in VILLAGES and token[:1].isupper():
        return True
    if _is_acronym(token):
        return True
    organ = previous in ORGANS or bool(re.fullmatch(r"(?:Pe[mnr]?g?|Ke|Per)[a-z]+an", previous))
    return organ and bool(re.fullmatch(r"(?:Pe[mnr]?g?|Ke|Per)[a-z]{3,}an", token))


@dataclass
class Part:
    """One comma-separated part of a capitalised phrase: its role, the place after the role, and a name."""

    role: list[str] = field(default_factory=list)
    place: list[str] = field(default_factory=list)
    name: list[str] = field(default_factory=list)
    other: bool = False  # neither role nor name: a place alone, an institution, a headline


@functools.lru_cache(maxsize=8192)
def parse_phrase(phrase: str, first: bool = False) -> tuple[Part, ...]:
    """Split a capitalised phrase into parts (``Ketua Bawaslu Kukar, Rahmawati Sukri`` → role part, name part).

    Cached (phrases such as ``Pemerintah Kabupaten`` recur across articles); do not change the parts returned.
    """
    parts = []
    for k, chunk in enumerate(re.split(r"\s*,\s*", abbreviate(HONORIFIC_DOT.sub(r"\1", phrase)).strip(" ,."))):
        tokens, opens = chunk.split(), first and k == 0
        i = 0
        while i < len(tokens) and tokens[i].casefold() in stopwords_set() and not _is_name_token(tokens[i], opens):
            i += 1  # a sentence connector: Sementara, Namun, Menurut
        part = Part()
        listed = [j + 1 for j in range(i, len(tokens)) if tokens[j] in _acronyms() or _is_acronym(tokens[j])]
        if i < len(tokens) and tokens[i] in ROLE_START:
            while i < len(tokens) and (
                _is_role_part(tokens[i], tokens[i - 1] if part.role else "")
                or tokens[i] == "dan"
                and i + 1 < len(tokens)
                and _is_role_part(tokens[i + 1], tokens[i - 1])
            ):
                part.role.append(tokens[i])
                i += 1
        elif parts and parts[-1].role and not parts[-1].name and not parts[-1].place and listed:
            previous = parts.pop()  # a role written with a list: Divisi Pencegahan, Partisipasi … Bawaslu
            part.role, i = [*previous.role[:-1], previous.role[-1] + ",", *tokens[i : max(listed)]], max(listed)
        if part.role:
            n = place_length(tokens, i)
            while n:
                part.place += tokens[i : i + n]
                i += n
                n = place_length(tokens, i, _province_names())
        while i < len(tokens) and tokens[i] in HONORIFICS:
            i += 1
        while i < len(tokens) and _is_name_token(tokens[i], opens and not part.role and not part.name):
            part.name.append(tokens[i])
            i += 1
        if i < len(tokens) and not tokens[i].startswith("(") and tokens[i] != "dan":
            part.name = []  # words after the name: a headline (Bupati Sleman Minta ASN Netral), not a person
        if not part.role and (not part.name or place_length(tokens, 0) == len(tokens)):
            part = Part(place=tokens if place_length(tokens, 0) == len(tokens) else [], name=part.name, other=True)
        parts.append(part)
    for part, after in zip(parts, parts[1:], strict=False):
        if part.role and len(part.name) == 1 and after.name and not after.role and not after.other:
            part.place, part.name = part.place + part.name, []  # Camat Cibinong, Budi: the word after a role is a place
    return tuple(parts)


def split_role_name(phrase: str) -> tuple[str, str]:
    """Split ``"Pj Bupati PPU Makmur Marbun"`` into role (with its place) and person name.

    >>> split_role_name("Pj Bupati Pulang Pisau Hj Nunu Andriani")
    ('Pj Bupati Pulang Pisau', 'Nunu Andriani')
    >>> split_role_name("Kepala BKD Jatim Bima Prasetya")
    ('Kepala BKD Jatim', 'Bima Prasetya')
    >>> split_role_name("Kepala BKPSDM Kabupaten Bondowoso")
    ('Kepala BKPSDM Kabupaten Bondowoso', '')
    """
    parts = parse_phrase(phrase)
    role = next((p for p in parts if p.role), Part())
    name = next((p.name for p in parts if p.name and not p.other), [])
    return " ".join(role.role + role.place), " ".join(name)


def _abbreviates(short: str, words: list[str]) -> bool:
    """Whether ``short`` is made of the starts of ``words`` in order (``Sekdaprov``: Sekretaris Daerah Provinsi)."""
    short = short.casefold()
    if not words:
        return not short
    word = words[0].casefold()
    if word == "dan" and _abbreviates(short, words[1:]):
        return True
    if not short or short[0] != word[0]:
        return False
    for j in range(1, len(short) + 1):  # the word gives short[:j], letters in order
        it = iter(word)
        if all(c in it for c in short[:j]) and _abbreviates(short[j:], words[1:]):
            return True
    return False


def short_forms(role: str) -> str:
    """Use the short forms a role phrase gives in brackets: ``Penjabat (Pj) Bupati`` → ``Pj Bupati``.

    >>> short_forms("Sekretaris Daerah Provinsi (Sekdaprov) Jatim")
    'Sekdaprov Jatim'
    """
    tokens: list[str] = []
    for token in re.findall(r"\([^()]*\)|[^\s()]+", role):
        if not token.startswith("("):
            tokens.append(token)
            continue
        short = token.strip("() ")
        for k in range(1, min(len(tokens), 8) + 1):
            if _abbreviates(short, tokens[-k:]):
                tokens[-k:] = [short]
                break
    return " ".join(tokens)


def office_of(role: str) -> str:
    """An office as the article writes it, without places and honorifics (``Pj Bupati``, ``Kepala BKPSDM``).

    >>> office_of("Kepala Badan Kepegawaian Daerah (BKD) Deli Serdang")
    'Kepala BKD'
    """
    role = abbreviate(short_forms(role))
    role = re.sub(r"\bPenjabat\b", "Pj", role)
    role = re.sub(r"\bWali\s*[Kk]ota\b|\bWalikota\b", "Wali Kota", role)
    role = re.sub(r"(?<!Wali)\s+(?:Kabupaten|Kota|Provinsi|Kab\.)\s+.*$", "", role)
    tokens = [t.strip(",.") for t in role.split()]
    while tokens and (place_length(tokens, len(tokens) - 1) or tokens[-1] in HONORIFICS | {"dan", ""}):
        tokens.pop()
    cut = next((n for n in range(1, len(tokens)) if place_length(tokens, n) or tokens[n - 1] in VILLAGES), len(tokens))
    tokens = tokens[:cut]  # a place written inside: Pj Bupati Pulang Pisau Hj, Kepala Desa Sukamaju
    return " ".join(tokens)


def same_office(wanted: str, office: str) -> bool:
    """Whether a role written alone (``Bupati``) names an office (``Pj Bupati``); acting prefixes aside."""
    acting = {"pj", "plt", "plh"}
    a, b = wanted.casefold().split(), office.casefold().split()
    return a == b or ([t for t in a if t not in acting] == [t for t in b if t not in acting] and bool(a))
