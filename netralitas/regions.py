"""Regions: which regency (kabupaten or kota) or province an article is about.

Owns the gazetteer index (every regency's name, aliases, abbreviations and capital, every
province and kecamatan, case-folded for look-up), the scan for place names written in
capitals, the weighing of evidence (government prefixes, the dateline, plain mentions)
in ``resolve_region``, and the region label (``region_name``) that keeps a kabupaten and a
kota of the same name apart.
"""

from __future__ import annotations

import functools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .reference import kecamatan, provinces, regencies, root_words

_GOV_KAB = (
    r"Pemkab|Pemerintah\s+Kabupaten|Kabupaten|Kab\.?|Bupati|Pj\.?\s+Bupati|Penjabat\s+Bupati|Wakil\s+Bupati"
    r"|Plt\.?\s+Bupati"
)
_GOV_KOTA = r"Pemkot|Pemerintah\s+Kota|Kota|Wali\s*[Kk]ota|Pj\.?\s+Wali\s*[Kk]ota|Wakil\s+Wali\s*[Kk]ota"
_GOV_ANY = (
    r"Pemda|Pemerintah\s+Daerah|Sekda|Sekretaris\s+Daerah|Setda|BKPSDM|BKPSDMD|BKPP|BKD|"
    r"Diskominfo|Kominfo|Inspektorat(?:\s+Daerah)?|DPRD|KPU|Bawaslu|RSUD|ASN"
)
_GOV_PROV = (
    r"Pemprov|Pemerintah\s+Provinsi|Provinsi|Prov\.?|Gubernur|Pj\.?\s+Gubernur|Penjabat\s+Gubernur|Sekdaprov"
    r"|Wakil\s+Gubernur"
)
_PREFIX = re.compile(
    rf"(?:(?P<kab>{_GOV_KAB})|(?P<kota>{_GOV_KOTA})|(?P<prov>{_GOV_PROV})|(?P<any>{_GOV_ANY}))"
    r"(?:\s*\([^)]{1,15}\))?\s+$"
)
_INSTITUTION_BEFORE = re.compile(
    r"(?:Universitas|Untag|Unair|Institut|Politeknik|Sekolah\s+Tinggi|UIN|IAIN|Kantor\s+Regional|Kanreg|"
    r"Bandara|Stasiun|Pelabuhan|Terminal|asal)\b[^.,;]{0,60}$"
)


@dataclass(frozen=True)
class _Place:
    kind: str  # regency | province
    code: str
    form: str  # name | alias | abbreviation | capital | kecamatan


@functools.cache
def _gazetteer_index() -> tuple[dict[str, list[_Place]], dict[str, int], dict[str, list[_Place]]]:
    """Surface forms for matching in text (with, per first word, the most words a form has), and
    a wider index including capitals and kecamatan, for datelines. Keys are case-folded."""
    text_forms: dict[str, list[_Place]] = defaultdict(list)
    dateline_forms: dict[str, list[_Place]] = defaultdict(list)

    def add(index, surface, place):
        key = " ".join(surface.casefold().split())
        if place not in index[key]:
            index[key].append(place)

    for row in regencies().itertuples():
        for form, values in (("name", [row.regency]), ("alias", row.aliases.split(";")),
                             ("abbreviation", row.abbreviations.split(";")), ("capital", [row.capital])):  # fmt: skip
            for value in filter(None, values):
                place = _Place("regency", row.code, form)
                add(dateline_forms, value, place)
                if form != "capital":
                    add(text_forms, value, place)
    for row in provinces().itertuples():
        for form, values in (("name", [row.province]), ("alias", row.aliases.split(";")),
                             ("abbreviation", row.abbreviations.split(";"))):  # fmt: skip
            for value in filter(None, values):
                add(text_forms, value, _Place("province", row.code, form))
                add(dateline_forms, value, _Place("province", row.code, form))
    for row in kecamatan().itertuples():
        add(dateline_forms, row.kecamatan, _Place("regency", row.regency_code, "kecamatan"))
    longest: dict[str, int] = defaultdict(int)  # first word -> most words in a name starting with it
    for key in text_forms:
        first, n = key.split()[0], len(key.split())
        longest[first] = max(longest[first], n)
    return dict(text_forms), dict(longest), dict(dateline_forms)


def dateline_place(part: str) -> list[_Place]:
    """Return the gazetteer places a dateline word or phrase names (a regency, capital, kecamatan or province)."""
    return _gazetteer_index()[2].get(" ".join(part.casefold().split()), [])


@functools.cache
def regency_info() -> dict[str, tuple[str, str, str, str]]:
    """Return ``{code: (regency, regency_type, province_code, province)}`` for fast look-ups."""
    reg = regencies()
    columns = zip(reg["code"], reg["regency"], reg["regency_type"], reg["province_code"], reg["province"], strict=True)
    return {code: rest for code, *rest in columns}


# Runs of capitalised words (a place name is written capitalised; "dan" may sit inside one). The same as
# ``(?<!\w)[A-Z]…``, written with the capital first so that the engine looks for capitals instead of trying the
# lookbehind at every character of a text.
_CAPITALISED_RUN = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’-]*(?:\s+(?:dan\s+)?[A-Z][\w'’-]*)*")


@dataclass
class _Evidence:
    score: Counter = field(default_factory=Counter)  # regency code -> weight
    gov: Counter = field(default_factory=Counter)  # regency code -> weight from government prefixes
    province: Counter = field(default_factory=Counter)  # province code -> weight
    province_gov: Counter = field(default_factory=Counter)


def _add_place_evidence(ev: _Evidence, places: list[_Place], weight: float, hint: str | None, gov: bool) -> None:
    info = regency_info()
    codes = sorted({p.code for p in places if p.kind == "regency"})
    if hint in ("kabupaten", "kota"):
        codes = [c for c in codes if info[c][1] == hint] or codes
    if hint == "province" or not codes:
        for p in places:
            if p.kind == "province":
                ev.province[p.code] += weight
                if gov:
                    ev.province_gov[p.code] += weight
        return
    for code in codes:
        ev.score[code] += weight / len(codes)
        if gov:
            ev.gov[code] += weight / len(codes)


def _place_mentions(text: str):
    """Yield (start, surface, places) for each gazetteer name written capitalised in a text, longest first."""
    for run in _CAPITALISED_RUN.finditer(text):
        for offset, end, places in _places_in_phrase(run.group()):
            start = run.start() + offset
            yield start, text[start : run.start() + end], places


@functools.lru_cache(maxsize=1 << 16)  # bounded: capitalised runs repeat across articles (names, offices, places)
def _places_in_phrase(phrase: str) -> tuple[tuple[int, int, tuple], ...]:
    """The gazetteer names in one run of capitalised words: (start, end, places) within the run, longest first."""
    forms, longest, _ = _gazetteer_index()
    folded = phrase.casefold().split()
    if not any(w in longest for w in folded):
        return ()
    words = [(m.start(), m.group()) for m in re.finditer(r"\S+", phrase)]
    found = []
    i = 0
    while i < len(words):
        for n in range(min(longest.get(folded[i], 0), len(words) - i), 0, -1):
            key = " ".join(folded[i : i + n])
            if key in forms:
                found.append((words[i][0], words[i + n - 1][0] + len(words[i + n - 1][1]), forms[key]))
                i += n
                break
        else:
            i += 1
    return tuple(found)


def _scan_places(text: str, ev: _Evidence, weight: float, title: bool = False) -> None:
    common = root_words()
    for start, surface, places in _place_mentions(text):
        is_abbr = all(p.form == "abbreviation" for p in places)
        if is_abbr and not (surface.isupper() or surface in _abbreviation_spellings()):
            continue
        before = text[max(0, start - 45) : start]
        prefix = _PREFIX.search(before)
        hint = None
        if prefix:
            hint = (
                "kabupaten" if prefix["kab"] else "kota" if prefix["kota"] else "province" if prefix["prov"] else None
            )
        elif _INSTITUTION_BEFORE.search(before):
            continue
        elif (title or before.endswith((". ", "\n")) or not before) and surface.casefold() in common:
            continue
        w = weight * (3 if prefix else 1)
        _add_place_evidence(ev, places, w, hint, gov=bool(prefix))


@functools.cache
def _abbreviation_spellings() -> frozenset[str]:
    values = "|".join(regencies()["abbreviations"]) + "|" + "|".join(provinces()["abbreviations"])
    return frozenset(v for v in re.split(r"[;|]", values) if v)


def resolve_region(title: str, dateline: str, outlet: str, body: str) -> tuple[str, str]:
    """Return ``(regency code, province name)`` for the region an article is about.

    Evidence, weighted: government prefixes (``Pemkab X``, ``Bupati X``, ``Wali Kota X``,
    ``BKPSDM Kabupaten X``) count three times a plain mention; the dateline place (which
    may be a capital or a kecamatan, e.g. ``TENGGARONG``) counts four; a mention inside an
    institution's name (``Untag Surabaya``, ``Kantor Regional II Surabaya``) counts nothing.
    ``Kabupaten``/``Kota`` prefixes pick between a kabupaten and a kota of the same name.
    When provincial government (``Pemprov``, ``Pj Gubernur``) outweighs every regency's
    government evidence, the article is about the province: regency code empty.
    """
    ev = _Evidence()
    if dateline:
        for part in re.split(r"\s*[,(]\s*|\)", dateline):
            part = part.strip()
            if not part:
                continue
            places = dateline_place(part)
            if places:
                preferred = [p for p in places if p.form != "kecamatan"] or places
                _add_place_evidence(ev, preferred, 4, None, gov=False)
            else:
                _scan_places(part, ev, 2)
    if outlet:
        _scan_places(outlet, ev, 1)
    _scan_places(title, ev, 2, title=True)
    _scan_places(body, ev, 1)

    info = regency_info()
    for code, weight in ev.province.items():  # province mentions tip ties between regencies
        for reg_code in ev.score:
            if info[reg_code][2] == code:
                ev.score[reg_code] += 0.1 * weight
    best = ""
    if ev.score:
        best = max(ev.score, key=lambda c: (ev.score[c], ev.gov[c], info[c][1] == "kota", c))
        if ev.score[best] < 2:
            best = ""
    top_prov_gov = max(ev.province_gov.values(), default=0)
    if best and top_prov_gov > ev.gov[best]:
        best = ""
    if best:
        return best, info[best][3]
    if ev.province:
        code = max(ev.province, key=lambda c: (ev.province_gov[c], ev.province[c], c))
        return "", provinces().set_index("code").at[code, "province"]
    return "", ""


@functools.cache
def _shared_names() -> frozenset[str]:
    counts = regencies().groupby("regency")["regency_type"].nunique()
    return frozenset(counts[counts > 1].index)


def region_name(regency: str, regency_type: str, province: str) -> str:
    """Return the label of an article's region: the regency, ``Kota``/``Kabupaten`` added where both exist.

    >>> region_name("Kupang", "kota", "Nusa Tenggara Timur"), region_name("Sleman", "kabupaten", "DI Yogyakarta")
    ('Kota Kupang', 'Sleman')
    >>> region_name("", "", "Kalimantan Timur")
    'Kalimantan Timur'
    """
    if not regency:
        return province
    if regency in _shared_names():
        return f"{'Kota' if regency_type == 'kota' else 'Kabupaten'} {regency}"
    return regency
