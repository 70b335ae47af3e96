"""Shared code for the netralitas notebooks.

Turns web copies of Indonesian regional news (plain-text files in ``seeds/``) into
one pandas DataFrame with metadata, and holds the text helpers the notebooks share.

Sections, in pipeline order: paths and reference data; reading and decoding;
boilerplate and metadata (dates, regions, outlets, then ``load_corpus``); quotes and
speakers; tokens; statistics (frequencies, keyness, tf-idf, shared phrases, themes);
plotting helpers.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import math
import os
import re
import statistics
import sys
import unicodedata
import warnings
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

# ---------------------------------------------------------------------------
# Paths and reference data
# ---------------------------------------------------------------------------

ROOT = Path(__file__).resolve().parent
DATA = ROOT / "data"
# The corpus folder; set NETRALITAS_SEEDS to analyse another folder with every notebook unchanged.
SEEDS = Path(os.environ.get("NETRALITAS_SEEDS", ROOT / "seeds"))
# Where notebooks write derived tables (theme matches for coding); NETRALITAS_DERIVED moves it.
DERIVED = Path(os.environ.get("NETRALITAS_DERIVED", DATA / "derived"))

MONTHS = {
    "januari": 1, "jan": 1, "januari.": 1, "februari": 2, "feb": 2, "pebruari": 2,
    "maret": 3, "mar": 3, "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6,
    "juli": 7, "jul": 7, "agustus": 8, "agu": 8, "agt": 8, "ags": 8,
    "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10,
    "november": 11, "nov": 11, "nopember": 11, "desember": 12, "des": 12,
    "january": 1, "february": 2, "march": 3, "may": 5, "june": 6, "july": 7,
    "august": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "senin": 0, "selasa": 1, "rabu": 2, "kamis": 3, "jumat": 4, "jum'at": 4,
    "jum’at": 4, "sabtu": 5, "minggu": 6, "ahad": 6,
}  # fmt: skip


def _read_table(name: str) -> pd.DataFrame:
    return pd.read_csv(DATA / name, dtype=str, keep_default_na=False)


@functools.cache
def regencies() -> pd.DataFrame:
    """Return the gazetteer of all 514 regencies and cities (``data/regencies.csv``).

    Columns: code, regency, regency_type (kabupaten/kota), province_code, province,
    capital, abbreviations and aliases (both ``;``-separated).
    """
    return _read_table("regencies.csv")


@functools.cache
def provinces() -> pd.DataFrame:
    """Return the 38 provinces with capital, abbreviations and aliases (``data/provinces.csv``)."""
    return _read_table("provinces.csv")


@functools.cache
def kecamatan() -> pd.DataFrame:
    """Return every kecamatan (district) with the code of its regency (``data/kecamatan.csv``)."""
    return _read_table("kecamatan.csv")


@functools.cache
def boilerplate_rules() -> tuple[tuple[str, str, re.Pattern], ...]:
    """Return the web-chrome rules of ``data/boilerplate.csv`` as (action, kind, regex)."""
    rules = []
    for row in _read_table("boilerplate.csv").itertuples():
        flags = re.IGNORECASE if row.action != "strip_end" else 0
        rules.append((row.action, row.kind, re.compile(row.pattern, flags)))
    return tuple(rules)


@functools.cache
def glossary() -> pd.DataFrame:
    """Return the glossary of civic and administrative terms (``data/glossary.csv``).

    Columns: term, indonesian, english, note.
    """
    return _read_table("glossary.csv")


@functools.cache
def institutions() -> tuple[tuple[str, str], ...]:
    """Return (long name, acronym) pairs from ``data/institutions.csv``, longest first."""
    rows = _read_table("institutions.csv")
    pairs = zip(rows["long_name"], rows["acronym"], strict=True)
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


# ---------------------------------------------------------------------------
# Reading and decoding
# ---------------------------------------------------------------------------

_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile("[\u00a0\u2007\u202f\u2009\u200a\u3000]")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a file's bytes to text, returning ``(text, encoding)``.

    Tries UTF-8 (with or without BOM), UTF-16 with a BOM, then Windows-1252.
    Raises ``ValueError`` with a reason for binary data.

    >>> decode_bytes("Kamis".encode("cp1252"))
    ('Kamis', 'utf-8')
    >>> decode_bytes(b"caf\\xe9")
    ('café', 'cp1252')
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16"), "utf-16"
    if b"\x00" in data:
        raise ValueError("binary file (contains NUL bytes)")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError as err:
        raise ValueError(f"not text in UTF-8 or Windows-1252 ({err.reason} at byte {err.start})") from None
    return text, "cp1252"


def normalize_text(text: str) -> str:
    """Return text in NFC with Unix newlines, plain spaces and no invisible characters.

    >>> normalize_text("ASN\\u00a0netral\\r\\n\\r\\nPilkada  ")
    'ASN netral\\n\\nPilkada'
    """
    text = _SPACES.sub(" ", _INVISIBLE.sub("", unicodedata.normalize("NFC", text)))
    text = re.sub(r"[ \t]{2,}|\t", " ", text.replace("\r\n", "\n").replace("\r", "\n"))
    return "\n".join(line.strip() for line in text.split("\n")).strip()


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _looks_binary(text: str) -> bool:
    return _CONTROL.search(text) is not None and len(_CONTROL.findall(text)) > max(3, len(text) // 100)


# ---------------------------------------------------------------------------
# Boilerplate and metadata
# ---------------------------------------------------------------------------

_DASH = r"(?:\s*[-–—]+\s+|\s+[-–—]+\s*)"
_MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
_WEEKDAY_RE = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?’?at|Sabtu|Minggu|Ahad)"
_FULL_DATE = re.compile(rf"\b(\d{{1,2}})\s+({_MONTH_RE})\.?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
_NUM_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?![\d/.-])")
_WEEKDAY_DATE = re.compile(
    rf"\b({_WEEKDAY_RE})\s*,?\s*(?:\(?\s*(\d{{1,2}})\s*/\s*(\d{{1,2}})(?:\s*/\s*((?:19|20)?\d{{2}}))?(?!\d)\s*\)?"
    rf"|(\d{{1,2}})\s+({_MONTH_RE})\.?(?:\s+((?:19|20)\d{{2}}))?\b)",
    re.IGNORECASE,
)
_ISO_DATE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d/.-])")
_YEAR = re.compile(r"(?<![\d.])((?:19|20)\d{2})(?!\d)")
_BYLINE = re.compile(
    rf"^(?P<author>[^\d—–|]{{3,80}}?)\s+[—–|]+\s+(?P<outlet>[^\d—–|]{{2,60}}?)\s*[,|]?\s*"
    rf"(?:{_WEEKDAY_RE}\s*,?\s*)?(?P<date>\d{{1,2}}\s+(?:{_MONTH_RE})\.?\s+\d{{4}})",
    re.IGNORECASE,
)
_CREDIT_END = re.compile(r"\(\s*[^()]{1,40}\)\s*$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_DOMAIN = re.compile(r"^([\w-]+?)(?:\.(?:co\.id|com|co|id|net|or\.id|go\.id|news|web\.id))+$", re.IGNORECASE)


@dataclass
class Article:
    """What the parser learned from one file (internal; ``load_corpus`` flattens it)."""

    title: str = ""
    outlet: str = ""
    published: dt.date | None = None
    date_source: str = ""
    regency_code: str = ""
    province: str = ""
    dateline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    pending_date: tuple | None = None  # (day, month, weekday) awaiting a corpus-level year


def _words(text: str) -> list[str]:
    """Words as counted in ``n_words``: runs of letters or digits, hyphenated words whole."""
    return re.findall(r"[^\W_]+(?:[-'’][^\W_]+)*", text)


@functools.cache
def _paragraph_rules() -> tuple[re.Pattern, list[tuple[str, str]]]:
    """The drop and cut rules as one pattern; the name of the group that matched picks the rule."""
    rules = [(action, kind, pattern.pattern) for action, kind, pattern in boilerplate_rules() if action != "strip_end"]
    combined = "|".join(f"(?P<r{i}>{pattern})" for i, (_, _, pattern) in enumerate(rules))
    return re.compile(combined, re.IGNORECASE), [(action, kind) for action, kind, _ in rules]


def _match_rule(paragraph: str) -> tuple[str, str] | None:
    pattern, rules = _paragraph_rules()
    match = pattern.fullmatch(paragraph.rstrip(" :"))
    if not match:
        return None
    return rules[next(int(name[1:]) for name, value in match.groupdict().items() if value is not None)]


def _strip_end_rules(paragraph: str) -> tuple[str, list[str]]:
    stripped = []
    for action, _, pattern in boilerplate_rules():
        if action == "strip_end":
            match = pattern.search(paragraph)
            if match and match.start() > 0:
                stripped.append(match.group().strip())
                paragraph = paragraph[: match.start()].rstrip()
    return paragraph, stripped


def _is_title_candidate(paragraph: str) -> bool:
    letters = [w for w in _words(paragraph) if not w.isdigit()]
    return (
        3 <= len(letters) <= 30
        and not paragraph.endswith((".", ":"))
        and not _BYLINE.match(paragraph)
        and not _is_date_line(paragraph)
    )


def _split_dateline(paragraph: str) -> tuple[str, str] | None:
    """Split ``"PLACE, OUTLET – Body…"`` into (prefix, body); None if not a dateline."""
    pre_char = r"(?:[^.!?\n]|\.(?=(?i:co|com|id|net|news|or|go)\b))"  # dots only inside a web address
    match = re.match(rf"^(?P<pre>{pre_char}{{2,90}}?){_DASH}(?P<body>\S.*)$", paragraph)
    if not match or len(_words(match["body"])) < 8:
        return None
    pre = match["pre"].strip(" ,")
    words = [w for w in re.split(r"[\s,()]+", pre) if w]
    if not words or len(words) > 8:
        return None
    if not all(
        w[0].isupper() or w[0].isdigit() or w.lower() in MONTHS for w in words if w[0].isalpha() or w[0].isdigit()
    ):
        return None
    return pre, match["body"]


def _is_caption(paragraph: str) -> bool:
    """A photo caption: short, and ending in a credit like ``(ist)`` or with no full stop."""
    n = len(_words(paragraph))
    if _CREDIT_END.search(paragraph) and n <= 60:
        return True
    return n <= 40 and not _SENTENCE_END.search(paragraph)


def _clean_outlet(name: str, recase: bool = True) -> str:
    """Tidy an outlet name; ``recase`` turns shouted dateline words (``PROKALTENG.CO``) into ``Prokalteng``."""
    name = name.strip(" ,.-–—|()[]")
    domain = _DOMAIN.match(name)
    if domain:
        name = domain.group(1)
    if not recase:
        return name
    return " ".join(w.capitalize() if w.isupper() and len(w) > 4 else w for w in name.split())


def split_boilerplate(raw: str) -> Article:
    """Split a normalised article into title, body paragraphs and removed web chrome.

    Returns an ``Article`` whose ``paragraphs`` are the body and whose ``removed`` lists
    ``(kind, text)`` for every piece taken out (chrome, caption, byline, dateline, …).
    """
    art = Article()
    paragraphs = [p for p in raw.split("\n") if p.strip()]
    kept: list[str] = []
    for i, para in enumerate(paragraphs):
        rule = _match_rule(para)
        if rule and rule[0] == "cut":
            art.removed += [("footer", p) for p in paragraphs[i:]]
            break
        if rule:
            art.removed.append((rule[1], para))
            continue
        kept.append(para)

    # Title: the first headline-like paragraph near the top.
    for i, para in enumerate(kept[:6]):
        if _is_title_candidate(para):
            art.title = para
            kept = kept[:i] + kept[i + 1 :]
            art.removed += [("date" if _is_date_line(p) else "chrome", p) for p in kept[:i]]
            kept = kept[i:]
            break
    repeats = [p for p in kept if p == art.title]
    art.removed += [("title", p) for p in repeats]
    kept = [p for p in kept if p != art.title]

    # Header zone: everything before the dateline paragraph (bylines, captions, date lines).
    body_start = 0
    for i, para in enumerate(kept[:6]):
        split = _split_dateline(para)
        if split:
            art.dateline = split[0]
            art.removed.append(("dateline", split[0]))
            kept[i] = split[1]
            body_start = i
            break
    header, body = kept[:body_start], kept[body_start:]
    if not art.dateline:  # no dateline: peel bylines, captions and date lines off the top
        while body and (_BYLINE.match(body[0]) or _is_date_line(body[0]) or (_is_caption(body[0]) and len(body) > 1)):
            header.append(body.pop(0))
    lead = []  # a header paragraph that reads as prose (a teaser sentence) stays in the body
    for para in header:
        if _BYLINE.match(para):
            art.removed.append(("byline", para))
        elif _is_date_line(para):
            art.removed.append(("date", para))
        elif _is_caption(para):
            art.removed.append(("caption", para))
        else:
            lead.append(para)
    body = lead + body

    for para in body:
        para, stripped = _strip_end_rules(para)
        art.removed += [("credit-tag", s) for s in stripped]
        if para:
            art.paragraphs.append(para)
    return art


def _is_date_line(paragraph: str) -> bool:
    """A line that is only a date (and a time): ``Senin, 2 September 2024 | 10:15 WIB``, ``06/09/2024 10:00``."""
    patterns = (_WEEKDAY_DATE, _FULL_DATE, _NUM_DATE, _ISO_DATE)
    if not any(p.search(paragraph) for p in patterns):
        return False
    rest = paragraph
    for pattern in patterns:
        rest = pattern.sub("", rest)
    rest = re.sub(r"\d{1,2}[:.]\d{2}|WIB|WITA|WIT|[,|()\s-]", "", rest, flags=re.IGNORECASE)
    return not rest


# --- dates -----------------------------------------------------------------


def plausible_years(text: str, today: dt.date | None = None) -> list[int]:
    """Return the years from 2000 to next year mentioned in a text, in order.

    >>> plausible_years("UU 20/2023, Pilkada 2024, Indonesia emas 2045, UUD 1945", dt.date(2026, 1, 1))
    [2023, 2024]
    """
    last = (today or dt.date.today()).year + 1
    return [int(y) for y in _YEAR.findall(text) if 2000 <= int(y) <= last]


def infer_year(day: int, month: int, weekday: int | None, reference: int) -> int | None:
    """Return the year nearest to ``reference`` in which day/month falls on ``weekday``.

    Indonesian news often dates events as ``Jumat (6/9)``: a weekday and day/month only.
    Ties go to the earlier year; without a weekday the reference year itself is returned.

    >>> infer_year(9, 3, 3, 2024)   # Kamis (9/3), article mentions 2024
    2023
    >>> infer_year(6, 9, 4, 2024)   # Jumat (6/9)
    2024
    """
    for distance in range(0, 12):
        for year in sorted({reference - distance, reference + distance}):
            try:
                date = dt.date(year, month, day)
            except ValueError:
                continue
            if weekday is None or date.weekday() == weekday:
                return year
    return None


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_date(match: re.Match) -> dt.date | None:
    return _safe_date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))


def _explicit_date(text: str) -> dt.date | None:
    """The first valid full date in a text: ``21 Agustus 2024``, ``21/8/2024`` or ``2024-08-21``."""
    candidates = []
    for pattern, order in ((_FULL_DATE, None), (_NUM_DATE, (3, 2, 1)), (_ISO_DATE, (1, 2, 3))):
        for match in pattern.finditer(text):
            date = _full_date(match) if order is None else _safe_date(*(int(match[i]) for i in order))
            if date:
                candidates.append((match.start(), date))
                break
    return min(candidates)[1] if candidates else None


def find_date(raw: str, art: Article) -> None:
    """Set ``art.published`` and ``art.date_source`` from the byline, dateline or text.

    Order of trust: a full date in a byline or date line at the top, a date in the
    dateline, a weekday-anchored date anywhere (``Jumat (6/9)``, ``Rabu, 9 Oktober``),
    then the first full date (``21 Agustus 2024``, ``(21/8/2024)``, ``2024-08-21``). Dates without a year
    get the year whose weekday matches, nearest to the years the article mentions; if it
    mentions none, ``art.pending_date`` is set for ``load_corpus`` to resolve.
    """
    for kind, text in art.removed:
        if kind in ("byline", "date", "dateline"):
            date = _explicit_date(text)
            if date:
                art.published, art.date_source = date, kind
                return
    match = _WEEKDAY_DATE.search(raw)
    if match:
        weekday = WEEKDAYS[match.group(1).lower().replace("’", "'")]
        if match.group(2):
            day, month, year = int(match.group(2)), int(match.group(3)), match.group(4)
        else:
            day, month, year = int(match.group(5)), MONTHS[match.group(6).lower()], match.group(7)
        if year:
            year = int(year) + (2000 if len(year) == 2 else 0)
            art.published, art.date_source = _safe_date(year, month, day), "weekday date"
            if art.published:
                return
        elif 1 <= month <= 12 and 1 <= day <= 31:
            years = plausible_years(raw)
            if years:
                reference = round(statistics.median(years))
                year = infer_year(day, month, weekday, reference)
                art.published = _safe_date(year, month, day) if year else None
                art.date_source = "weekday date, year inferred from the article"
                return
            art.pending_date = (day, month, weekday)
            return
    date = _explicit_date(raw)
    if date:
        art.published, art.date_source = date, "first date in text"


# --- regions ---------------------------------------------------------------

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


@functools.cache
def _common_words() -> frozenset[str]:
    """Indonesian root words (Sastrawi's dictionary): names that are also words need a prefix in titles."""
    try:
        from importlib import resources

        path = resources.files("Sastrawi").joinpath("Stemmer/data/kata-dasar.txt")
        return frozenset(path.read_text(encoding="utf-8").split())
    except (ModuleNotFoundError, FileNotFoundError):
        return frozenset()


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


@functools.cache
def _regency_info() -> dict[str, tuple[str, str, str, str]]:
    """code -> (regency, regency_type, province_code, province), for fast look-ups."""
    reg = regencies()
    columns = zip(reg["code"], reg["regency"], reg["regency_type"], reg["province_code"], reg["province"], strict=True)
    return {code: rest for code, *rest in columns}


# Runs of capitalised words (a place name is written capitalised; "dan" may sit inside one).
_CAPITALISED_RUN = re.compile(r"(?<!\w)[A-Z][\w'’-]*(?:\s+(?:dan\s+)?[A-Z][\w'’-]*)*")


@dataclass
class _Evidence:
    score: Counter = field(default_factory=Counter)  # regency code -> weight
    gov: Counter = field(default_factory=Counter)  # regency code -> weight from government prefixes
    province: Counter = field(default_factory=Counter)  # province code -> weight
    province_gov: Counter = field(default_factory=Counter)


def _add_place_evidence(ev: _Evidence, places: list[_Place], weight: float, hint: str | None, gov: bool) -> None:
    info = _regency_info()
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
    forms, longest, _ = _gazetteer_index()
    for run in _CAPITALISED_RUN.finditer(text):
        phrase = run.group()
        folded = phrase.casefold().split()
        if not any(w in longest for w in folded):
            continue
        words = [(m.start() + run.start(), m.group()) for m in re.finditer(r"\S+", phrase)]
        i = 0
        while i < len(words):
            for n in range(min(longest.get(folded[i], 0), len(words) - i), 0, -1):
                key = " ".join(folded[i : i + n])
                if key in forms:
                    start = words[i][0]
                    yield start, text[start : words[i + n - 1][0] + len(words[i + n - 1][1])], forms[key]
                    i += n
                    break
            else:
                i += 1


def _scan_places(text: str, ev: _Evidence, weight: float, title: bool = False) -> None:
    common = _common_words()
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
    _, _, dateline_forms = _gazetteer_index()
    if dateline:
        for part in re.split(r"\s*[,(]\s*|\)", dateline):
            part = part.strip()
            if not part:
                continue
            places = dateline_forms.get(" ".join(part.casefold().split()))
            if places:
                preferred = [p for p in places if p.form != "kecamatan"] or places
                _add_place_evidence(ev, preferred, 4, None, gov=False)
            else:
                _scan_places(part, ev, 2)
    if outlet:
        _scan_places(outlet, ev, 1)
    _scan_places(title, ev, 2, title=True)
    _scan_places(body, ev, 1)

    info = _regency_info()
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


# --- outlet ----------------------------------------------------------------

_AGENCY = re.compile(
    r"\b(BKPSDMD?|BKPP|BKD|Diskominfo\w*|Kominfo|Humas|Prokopim|Setda|Bawaslu|KPU|Inspektorat)\b", re.I
)


def find_outlet(art: Article, first_line: str, regency: str) -> str:
    """Return the outlet: byline, then dateline, then a ``Site icon`` line, then a credit line."""
    for kind, text in art.removed:
        if kind == "byline":
            return _clean_outlet(_BYLINE.match(text)["outlet"])
    if art.dateline:
        parts = [p.strip() for p in re.split(r"\s*,\s*|\s*\(|\)", art.dateline) if p.strip()]
        parts = [p for p in parts if not (_FULL_DATE.search(p) or re.fullmatch(rf"{_WEEKDAY_RE}", p, re.I))]
        _, _, dateline_forms = _gazetteer_index()
        domains = [p for p in parts if _DOMAIN.match(p)]
        named = [p for p in parts if p.casefold() not in dateline_forms]
        for candidates in (domains, named):
            if candidates:
                return _clean_outlet(candidates[0])
    icon = re.match(r"Site icon\s+(.+)", first_line)
    if icon:
        return _clean_outlet(icon.group(1))
    for kind, text in art.removed:
        if kind == "credit":
            name = re.sub(r"^\W*(?:Tim\s+(?:Konten|Redaksi|Humas|Liputan|Media|Publikasi)\s+)", "", text).strip(" []")
            name = re.split(r"\s*\|\s*", name)[-1]
            name = re.sub(r"^ADV\s+", "", name)
            if _AGENCY.search(name) and regency and regency.casefold() not in name.casefold():
                rows = regencies()[regencies()["regency"] == regency]
                abbreviations = {a for value in rows["abbreviations"] for a in value.split(";")}
                if not any(a and a in name.split() for a in abbreviations):
                    name = f"{name} {regency}"
            if name:
                return _clean_outlet(name, recase=False)
    return ""


# --- the corpus ------------------------------------------------------------

METADATA_FIELDS = ("title", "outlet", "published", "regency", "regency_type", "province")


def parse_article(raw: str) -> Article:
    """Parse one normalised article: boilerplate, title, dateline, date, region and outlet."""
    art = split_boilerplate(raw)
    find_date(raw, art)
    body = "\n".join(art.paragraphs)
    outlet_hint = " ".join(t for k, t in art.removed if k in ("byline", "credit"))
    art.regency_code, art.province = resolve_region(art.title, art.dateline, outlet_hint, body)
    regency = _regency_info()[art.regency_code][0] if art.regency_code else ""
    first_line = raw.split("\n", 1)[0]
    art.outlet = find_outlet(art, first_line, regency)
    return art


def _read_file(path: Path) -> str:
    """Return the normalised text of one file, or raise ValueError with the reason to skip it."""
    try:
        data = path.read_bytes()
    except OSError as err:
        raise ValueError(f"cannot be read ({err.strerror or err})") from None
    if not data:
        raise ValueError("empty file")
    text, _ = decode_bytes(data)
    if _looks_binary(text):
        raise ValueError("binary file (control characters, not text)")
    text = normalize_text(text)
    if not text:
        raise ValueError("only whitespace")
    return text


def _load_overrides(path: Path | None) -> pd.DataFrame:
    if path is None or not Path(path).exists():
        return pd.DataFrame(columns=["file"])
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    unknown = set(table.columns) - {"file", *METADATA_FIELDS}
    if unknown:
        warnings.warn(f"{Path(path).name}: ignoring unknown columns {sorted(unknown)}", UserWarning, stacklevel=3)
    return table


def _load_one(path: Path) -> dict | str:
    """Read and parse one file into a row of the corpus table, or return the reason to skip it."""
    if path.suffix.lower() != ".txt":
        return "not a .txt file"
    if path.is_dir():
        return "a folder, not a file"
    try:
        raw = _read_file(path)
    except ValueError as err:
        return str(err)
    art = parse_article(raw)
    if not art.paragraphs:
        return "no article text after removing web boilerplate"
    text = "\n\n".join(art.paragraphs)
    return {
        "doc_id": path.stem, "file": path.name, "title": art.title, "outlet": art.outlet,
        "published": art.published, "date_source": art.date_source, "regency_code": art.regency_code,
        "province": art.province, "dateline": art.dateline, "text": text, "raw": raw,
        "n_words": len(_words(text)), "removed": art.removed, "pending_date": art.pending_date,
    }  # fmt: skip


PARALLEL_FROM = 400  # below this many items, a process pool costs more than it saves


def _warm_caches() -> None:
    """Load reference data before forking, so worker processes share it instead of each reading it."""
    _gazetteer_index(), _regency_info(), boilerplate_rules(), _common_words(), stopwords_set(), protected_terms()


def _start_method() -> str | None:
    """Fork where it is safe (fast: workers share the warmed caches); a fork server inside a Jupyter
    kernel, whose threads a forked child could inherit mid-lock."""
    import multiprocessing

    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and "ipykernel" not in sys.modules:
        return "fork"
    return "forkserver" if "forkserver" in methods else None


def _map(function, items: list, workers: int | None = None):
    """Yield ``function(x)`` for each item in order, on a process pool when there are enough items.

    Same order and same results as the serial loop. ``workers=None`` uses every core from
    ``PARALLEL_FROM`` items on; ``workers=1`` never starts a pool.
    """
    workers = (os.cpu_count() or 1) if workers is None else workers
    if workers <= 1 or len(items) < PARALLEL_FROM:
        yield from map(function, items)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _warm_caches()
    context = multiprocessing.get_context(_start_method())
    chunk = max(1, min(256, len(items) // (workers * 8)))
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        yield from pool.map(function, items, chunksize=chunk)


def load_corpus(
    folder: str | Path | None = None, metadata: str | Path | None = DATA / "metadata.csv", workers: int | None = None
) -> pd.DataFrame:
    """Return one row per article in ``folder`` (default: the project's ``seeds/``), in file-name order.

    Columns: doc_id, file, title, outlet, published (date), date_source, regency,
    regency_type, regency_code, province, region (the regency, or the province for an
    article about a province), dateline, text (body without web chrome,
    paragraphs separated by blank lines), raw (the file as decoded), n_words, removed
    (list of ``(kind, text)`` taken out; see ``boilerplate_audit``), overridden (fields
    set by ``metadata``).

    Files that are not articles (empty, binary, undecodable, only boilerplate) are
    skipped with a ``UserWarning`` and listed in ``df.attrs["skipped"]`` as
    ``{file name: reason}``. Fields a file lacks (no date found, no region) are warned
    about too. ``metadata`` is an optional CSV (column ``file`` plus any of
    title, outlet, published, regency, regency_type, province) whose values win.
    Large folders are parsed on all cores (``workers``; 1 = serial); the result is the same.
    """
    folder = Path(folder) if folder is not None else SEEDS
    if not folder.is_dir():
        raise FileNotFoundError(f"corpus folder not found: {folder}")
    rows, skipped = [], {}
    paths = sorted(p for p in folder.iterdir() if not p.name.startswith("."))
    for path, outcome in zip(paths, _map(_load_one, paths, workers), strict=True):
        if isinstance(outcome, str):
            skipped[path.name] = outcome
        else:
            rows.append(outcome)

    # Years for short dates in articles that mention no year: the corpus's own years.
    known_years = [row["published"].year for row in rows if row["published"]]
    corpus_year = round(statistics.median(known_years)) if known_years else dt.date.today().year
    info = _regency_info()
    for row in rows:
        pending = row.pop("pending_date")
        if pending:
            day, month, weekday = pending
            year = infer_year(day, month, weekday, corpus_year)
            row["published"] = _safe_date(year, month, day) if year else None
            row["date_source"] = "weekday date, year inferred from the corpus"
        code = row["regency_code"]
        row["regency"], row["regency_type"] = (info[code][0], info[code][1]) if code else ("", "")
        row["overridden"] = []
    df = pd.DataFrame(rows, columns=_COLUMNS)
    df = _apply_overrides(df, _load_overrides(metadata))
    for row in df.itertuples():
        missing = [f for f in ("title", "outlet", "province") if not getattr(row, f)]
        if not row.regency and not row.province:
            missing.append("regency")
        if pd.isna(row.published):
            missing.append("published")
        if missing:
            warnings.warn(f"{row.file}: could not find {', '.join(missing)}", UserWarning, stacklevel=2)
    for name, reason in skipped.items():
        warnings.warn(f"skipped {name}: {reason}", UserWarning, stacklevel=2)
    df["published"] = pd.to_datetime(df["published"]).dt.normalize()
    columns = zip(df["regency"], df["regency_type"], df["province"], strict=True)
    df.insert(df.columns.get_loc("dateline"), "region", [region_name(*c) for c in columns])
    df.attrs["skipped"] = skipped
    df.attrs["folder"] = str(folder)
    return df


_COLUMNS = [
    "doc_id", "file", "title", "outlet", "published", "date_source", "regency", "regency_type",
    "regency_code", "province", "dateline", "text", "raw", "n_words", "removed", "overridden",
]  # fmt: skip


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


def _apply_overrides(df: pd.DataFrame, table: pd.DataFrame) -> pd.DataFrame:
    df = df.copy()
    reg = regencies()
    applied = []
    for row in table.to_dict("records"):
        idx = df.index[df["file"] == row.get("file")]
        if idx.empty:
            warnings.warn(f"metadata.csv: no article file named {row.get('file')!r}", UserWarning, stacklevel=3)
            continue
        i = idx[0]
        fields = [f for f in METADATA_FIELDS if str(row.get(f, "")).strip()]
        for f in fields:
            value = row[f].strip()
            df.at[i, f] = pd.Timestamp(value) if f == "published" else value
        if "regency" in fields:  # keep type, code and province consistent with the gazetteer
            match = reg[reg["regency"].str.casefold() == df.at[i, "regency"].casefold()]
            if "regency_type" in fields:
                match = match[match["regency_type"] == df.at[i, "regency_type"]]
            if len(match):
                first = match.iloc[0]
                df.at[i, "regency_code"] = first["code"]
                if "regency_type" not in fields:
                    df.at[i, "regency_type"] = first["regency_type"]
                if "province" not in fields:
                    df.at[i, "province"] = first["province"]
        df.at[i, "overridden"] = fields
        applied.append(f"{row['file']} ({', '.join(fields)})")
    if applied:
        warnings.warn("metadata.csv overrides applied: " + "; ".join(applied), UserWarning, stacklevel=3)
    return df


def boilerplate_audit(df: pd.DataFrame) -> pd.DataFrame:
    """Return one row per piece of web chrome removed: doc_id, kind, text, n_words."""
    rows = [
        {"doc_id": doc, "kind": kind, "text": text, "n_words": len(_words(text))}
        for doc, removed in zip(df["doc_id"], df["removed"], strict=True)
        for kind, text in removed
    ]
    return pd.DataFrame(rows, columns=["doc_id", "kind", "text", "n_words"])


# ---------------------------------------------------------------------------
# Quotes
# ---------------------------------------------------------------------------

POST_VERBS = (
    "ujar kata tegas terang jelas pinta tandas tutup ucap sebut imbuh tambah papar ungkap lanjut "
    "pungkas urai tutur seru ajak harap sambung timpal jawab aku beber kilah pesan"
).split()
PRE_VERBS = (
    "mengatakan menegaskan menekankan menjelaskan menyampaikan mengungkapkan menambahkan berkata "
    "mengingatkan meminta mengajak berharap memaparkan menuturkan menyebutkan mengimbau berpesan "
    "melanjutkan menerangkan menandaskan mengungkap menyebut menilai mengaku membeberkan"
).split()
ROLE_WORDS = frozenset(
    "Bupati Wakil Pj Penjabat Plt Plh Sekda Sekretaris Kepala Ketua Wali Walikota Gubernur Camat "
    "Kadis Kabid Kabag Kasubbag Kasi Narasumber Direktur Menteri Anggota Kapolres Kapolda Dandim "
    "Komisioner Asisten Staf Inspektur Lurah Kades Presiden Pimpinan Koordinator Pejabat Perwakilan "
    "Deputi Dirjen Kabupaten Kota Provinsi Daerah Badan Dinas Bagian Pemerintah Kantor".split()
)
HONORIFICS = frozenset("H H. Hj Hj. Dr Dr. dr dr. Ir Ir. Drs Drs. Dra Dra. Prof Prof. KH K.H. Haji Hajah".split())
PRONOUNS = frozenset("Ia Dia Beliau Mereka".split())

_TOKEN = r"[A-Z][\w'’-]*"
_SEQ = rf"{_TOKEN}(?:\s+(?:dan\s+)?{_TOKEN})*"
_ADVERBS = r"(?:(?:juga|pun|kembali|lantas|lalu|kemudian|sempat|turut|pula|pun)\s+)*"
_QUOTE_SPAN = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
_POST = re.compile(
    rf"^\s*[,.]?\s*(?P<verb>{'|'.join(POST_VERBS)})(?P<nya>nya)?\b(?P<rest>[^\n]{{0,120}})",
)
_PRE = re.compile(
    rf"(?:(?P<who>{_SEQ})\s+{_ADVERBS}(?:{'|'.join(PRE_VERBS)})(?:\s+bahwa)?"
    rf"|[Mm]enurut\s+(?P<who2>{_SEQ})|[Kk]ata\s+(?P<who3>{_SEQ}))\s*[,:]?\s*$"
)
_MENTION = re.compile(rf"(?P<who>{_SEQ})\s+{_ADVERBS}(?:{'|'.join(PRE_VERBS)})\b|[Mm]enurut\s+(?P<who2>{_SEQ})")


@functools.cache
def _place_words() -> frozenset[str]:
    names = " ".join([*regencies()["regency"], *provinces()["province"]])
    abbreviations = ";".join([*regencies()["abbreviations"], *provinces()["abbreviations"]])
    return frozenset(names.split()) | frozenset(a for a in abbreviations.split(";") if a)


@functools.cache
def _not_names() -> frozenset[str]:
    """Capitalised words that are never part of a person's name: roles, honorifics, pronouns, places, acronyms."""
    return ROLE_WORDS | HONORIFICS | PRONOUNS | _place_words() | {acronym for _, acronym in institutions()}


def _is_name_token(token: str) -> bool:
    return (
        token[:1].isupper()
        and token not in _not_names()
        and token.casefold() not in stopwords_set()
        and not (token.isupper() and len(token) > 1)  # acronyms: ASN, BKPSDM, PPU
    )


def abbreviate_institutions(text: str) -> str:
    """Replace long institution names with their acronyms (``data/institutions.csv``).

    >>> abbreviate_institutions("Kepala Badan Kepegawaian Daerah")
    'Kepala BKD'
    """
    for long_name, acronym in institutions():
        text = re.sub(rf"\b{re.escape(long_name)}\b", acronym, text)
    return text


def split_role_name(phrase: str) -> tuple[str, str]:
    """Split ``"Pj Bupati PPU Makmur Marbun"`` into role and person name.

    >>> split_role_name("Pj Bupati Pulang Pisau Hj Nunu Andriani")
    ('Pj Bupati Pulang Pisau Hj', 'Nunu Andriani')
    >>> split_role_name("Kepala BKPSDM Kabupaten Bondowoso")
    ('Kepala BKPSDM Kabupaten Bondowoso', '')
    """
    tokens = phrase.split()
    i = len(tokens)
    while i > 0 and _is_name_token(tokens[i - 1]):
        i -= 1
    return " ".join(tokens[:i]), " ".join(tokens[i:])


def _full_name(name: str, text: str) -> str:
    """The longest form of a person's name written in the article (``Rody`` → ``Rody Iskandar``)."""
    best = name
    for run in re.finditer(rf"{_TOKEN}(?:\s+{_TOKEN})*", text):
        tokens = run.group().split()
        parts = name.split()
        for i in range(len(tokens) - len(parts) + 1):
            if tokens[i : i + len(parts)] == parts:
                start, end = i, i + len(parts)
                while start > 0 and _is_name_token(tokens[start - 1]):
                    start -= 1
                while end < len(tokens) and _is_name_token(tokens[end]):
                    end += 1
                candidate = " ".join(tokens[start:end])
                if len(candidate.split()) <= 4 and len(candidate.split()) > len(best.split()):
                    best = candidate
    return best


def _normalise_speaker(phrase: str, text: str) -> str:
    phrase = phrase.strip(" ,.")
    if not phrase or phrase in PRONOUNS:
        return ""
    role, name = split_role_name(phrase)
    if name:
        return _full_name(name, text)
    role = abbreviate_institutions(role)
    role = re.sub(r"\s+(?:Kabupaten|Kota|Provinsi|Kab\.)\s+.*$", "", role)
    return role


def _speaker_after(rest: str) -> str | None:
    """The speaker named after a post-quote verb (``ujar Rody``); None for a pronoun."""
    match = re.match(rf"\s+(?P<who>{_SEQ})(?:\s*,\s*(?P<name>{_SEQ}))?", rest)
    if not match or match["who"] in PRONOUNS:
        return None
    return match["name"] if match["name"] and not split_role_name(match["who"])[1] else match["who"]


def quotes_in_text(text: str) -> list[dict]:
    """Return the attributed direct-speech quotes of one article body, in order.

    A span in double quotes (straight or curly) counts as speech when an attribution
    verb follows it (``“…,” ujar Rody``, ``“…,” tandasnya``) or a speaker and verb lead
    into it (``Kepala BKPSDM menekankan bahwa "…"``). Quoted terms with no attribution,
    such as ``“Daftar Hitam”``, are not speech. Pronoun attributions (``ujarnya``, ``kata
    dia``) go to the most recent speaker named before the quote.

    >>> [q["speaker"] for q in quotes_in_text('“ASN harus netral,” kata Rody Iskandar. “Jaga integritas,” ujarnya.')]
    ['Rody Iskandar', 'Rody Iskandar']
    """
    mentions = [(m.start(), m["who"] or m["who2"]) for m in _MENTION.finditer(text)]
    quotes: list[dict] = []
    for match in _QUOTE_SPAN.finditer(text):
        quote = (match.group(1) or match.group(2)).strip()
        para_start = text.rfind("\n", 0, match.start()) + 1
        para_end = text.find("\n", match.end())
        after = text[match.end() : para_end if para_end >= 0 else len(text)]
        before = text[para_start : match.start()]
        who, how = None, ""
        post = _POST.match(after)
        pre = _PRE.search(before)
        if post:
            how = "after"
            if not post["nya"]:
                who = _speaker_after(post["rest"])
        elif pre:
            how = "before"
            who = pre["who"] or pre["who2"] or pre["who3"]
            if who and who.split()[0] in PRONOUNS:
                who = None
        else:
            continue  # a quoted term, not speech
        speaker = _normalise_speaker(who, text) if who else ""
        if not speaker:  # a pronoun: the latest named speaker before this quote
            since = quotes[-1]["end"] if quotes else 0
            recent = [w for pos, w in mentions if since <= pos < match.start()]
            named = [s for s in (_normalise_speaker(w, text) for w in reversed(recent)) if s]
            speaker = named[0] if named else (quotes[-1]["speaker"] if quotes else "")
        quotes.append(
            {
                "quote": quote.rstrip(" ,"),
                "speaker": speaker,
                "attribution": how,
                "start": match.start(),
                "end": match.end(),
            }
        )
    return quotes


def extract_quotes(df: pd.DataFrame) -> pd.DataFrame:
    """Return one row per direct quote: doc_id, quote, speaker, attribution, n_words.

    ``speaker`` is a person's name in its fullest written form (``Rody Iskandar``) or,
    when no one is named, the role as written with institutions abbreviated
    (``Kepala BKPSDM``). ``attribution`` says whether the verb came after or before.
    """
    rows = [
        {"doc_id": doc, **{k: v for k, v in q.items() if k not in ("start", "end")}, "n_words": len(_words(q["quote"]))}
        for doc, text in zip(df["doc_id"], df["text"], strict=True)
        for q in quotes_in_text(text)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "quote", "speaker", "attribution", "n_words"])


_ROLE_PART = r"(?:[A-Z][\w.'’-]*|\([^()]{1,12}\)|dan)"
_ROLE_RUN = re.compile(rf"((?:{_ROLE_PART}\s+)*{_ROLE_PART}),?\s*$")
ACTING = ("Pj", "Plt", "Plh")
HEADS = ("Bupati", "Wakil Bupati", "Wali Kota", "Wakil Wali Kota", "Gubernur", "Wakil Gubernur")


def _clean_office(role: str) -> str:
    role = re.sub(r"\([^()]*\)", " ", abbreviate_institutions(role))
    role = re.sub(r"\bPenjabat\b", "Pj", role)
    role = re.sub(r"\bWali\s*[Kk]ota\b", "Wali Kota", role)
    role = re.sub(r"(?<!Wali)\s+(?:Kabupaten|Kota|Provinsi|Kab\.)\s+.*$", "", role)
    tokens = [t.strip(",.") for t in role.split()]
    dropped = HONORIFICS | _place_words() | {"dan", ""}
    tokens = [t for t in tokens if t in ROLE_WORDS or t not in dropped]
    return " ".join(tokens)


def speaker_office(speaker: str, text: str) -> str:
    """Return the office of a speaker as the article states it (``Pj Bupati``, ``Sekda``, ``Ketua KASN``).

    A speaker quoted by role is their own office. For a name, the role written just before
    it (``Sekda Kobar, Rody Iskandar``; ``Penjabat (Pj) Bupati Pulang Pisau Hj Nunu
    Andriani``) is taken, with places dropped and institutions abbreviated. Empty if the
    article never says.

    >>> speaker_office("Agus Pramusinto", "Ketua Komisi Aparatur Sipil Negara, Agus Pramusinto hadir.")
    'Ketua KASN'
    """
    if not speaker:
        return ""
    if speaker.split()[0] in ROLE_WORDS:
        return _clean_office(speaker)
    first = speaker.split()[0]
    for match in re.finditer(rf"\b{re.escape(first)}\b", text):
        before = re.sub(
            rf"(?:\b(?:{'|'.join(map(re.escape, HONORIFICS))})\s*)+$",
            "",
            text[max(0, match.start() - 120) : match.start()],
        )
        run = _ROLE_RUN.search(re.split(r"[.!?;:]\s+", before)[-1])  # within the sentence
        if run and run.group(1).split()[0].strip("(") in ROLE_WORDS:
            office = _clean_office(run.group(1))
            if office and office.split()[0] in ROLE_WORDS | {"Pj", "Sekda", "Plt", "Plh"}:
                return office
    return ""


def office_type(office: str) -> str:
    """Classify an office: ``acting head`` (Pj/Plt), ``elected head`` (Bupati, Wali Kota, Gubernur and deputies),
    ``official`` (any other office) or ``not stated``."""
    if not office:
        return "not stated"
    if office.split()[0] in ACTING:
        return "acting head" if any(h in office for h in HEADS) else "official"
    return "elected head" if office in HEADS else "official"


def split_speech(text: str) -> tuple[str, str]:
    """Return ``(speech, narrative)``: the attributed direct quotes of a text, and the rest of it."""
    quotes = quotes_in_text(text)
    speech = "\n".join(q["quote"] for q in quotes)
    narrative, last = [], 0
    for q in quotes:
        narrative.append(text[last : q["start"]])
        last = q["end"]
    narrative.append(text[last:])
    return speech, " ".join(narrative)


# ---------------------------------------------------------------------------
# Tokens
# ---------------------------------------------------------------------------

# A word: Latin letters (accented ones too), hyphenated words whole; digits and punctuation split words.
_LETTER = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
WORD_RE = re.compile(rf"[{_LETTER}]+(?:[-'’][{_LETTER}]+)*")
_SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"”’)]*\s+(?=[\"“‘(]?[A-Z0-9])|\n\s*\n")


@functools.cache
def _read_word_list(name: str) -> frozenset[str]:
    lines = (line.split("#", 1)[0].strip().lower() for line in (DATA / name).read_text(encoding="utf-8").splitlines())
    return frozenset(line for line in lines if line)


@functools.cache
def stopwords_set() -> frozenset[str]:
    """Return the stopwords: ``stopwordsiso``'s Indonesian list plus ``data/stopwords_extra.txt``."""
    import stopwordsiso

    return frozenset(stopwordsiso.stopwords("id")) | _read_word_list("stopwords_extra.txt")


@functools.cache
def _gazetteer_words() -> frozenset[str]:
    """Lower-case words of every place name in the gazetteer: names, capitals, abbreviations, aliases."""
    places = [*regencies()["regency"], *regencies()["capital"], *provinces()["province"], *provinces()["capital"]]
    for column in ("abbreviations", "aliases"):
        places += ";".join([*regencies()[column], *provinces()[column]]).split(";")
    return frozenset(w.lower() for place in places for w in WORD_RE.findall(place))


@functools.cache
def protected_terms() -> frozenset[str]:
    """Return the words never stemmed: ``data/protected_terms.txt`` plus every gazetteer place-name word."""
    return _gazetteer_words() | _read_word_list("protected_terms.txt")


@functools.cache
def _sastrawi():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


@functools.cache
def stem_word(word: str, protect: bool = True) -> str:
    """Return the Sastrawi stem of one lower-case word, leaving protected terms as they are.

    Cached per unique word, so a corpus costs one stemmer call per vocabulary entry.

    >>> stem_word("pemerintahan"), stem_word("relawan"), stem_word("relawan", protect=False)
    ('perintah', 'relawan', 'rawan')
    """
    if protect and word in protected_terms():
        return word
    return _sastrawi().stem(word)


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


@functools.cache
def _token_table(stopwords: bool, stem: bool) -> dict[str, tuple[str, ...]]:
    """Whitespace-separated chunk -> its tokens under one setting; filled as chunks are met.

    One dict look-up per chunk (``politik,`` or ``“ASN``) replaces a regex pass, a stopword
    test and a stemmer call, and every occurrence of a term is the same string object, which
    keeps token lists small.
    """
    return {}


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


def doc_tokens(df: pd.DataFrame, *, stopwords: bool = True, stem: bool = False, workers: int | None = 1) -> pd.Series:
    """Return each article's token list (``tokenize`` of its ``text``), indexed like ``df``.

    Serial by default: tokenising is so cheap per article that shipping texts and token lists
    between processes costs more than it saves (measured in ``bench/``). ``workers=None``
    uses every core anyway; the result is the same.
    """
    task = functools.partial(tokenize, stopwords=stopwords, stem=stem)
    return pd.Series(list(_map(task, df["text"].tolist(), workers)), index=df.index, name="tokens", dtype=object)


def doc_ngrams(df: pd.DataFrame, n: int, *, stem: bool = False) -> pd.Series:
    """Return each article's n-grams, formed within sentences, none starting or ending in a stopword.

    Stopwords inside are kept (``tidak boleh terlibat``), so phrases read as written.
    """
    stop = stopwords_set()

    def grams(text: str) -> list[str]:
        out = []
        for sentence in sentences(text):
            toks = tokenize(sentence, stopwords=False, stem=stem)
            out += [g for g in ngrams(toks, n) if g.split()[0] not in stop and g.split()[-1] not in stop]
        return out

    return df["text"].map(grams)


# ---------------------------------------------------------------------------
# Statistics
# ---------------------------------------------------------------------------


def _group_counts(terms: pd.Series, keys: pd.Series) -> pd.DataFrame:
    """Long table of term counts per group: group, term, count (groups sorted, terms in first-seen order)."""
    groups, words, counts = [], [], []
    for key, lists in terms.groupby(keys, sort=True):
        counter = Counter(itertools.chain.from_iterable(lists))
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
    out = _group_counts(terms, keys)
    out["per_1000"] = 1000 * out["count"] / out.groupby("group")["count"].transform("sum")
    out = out.sort_values(["group", "count", "term"], ascending=[True, False, True], ignore_index=True)
    return out.rename(columns={"group": by}) if by else out.drop(columns="group")


def kwic(df: pd.DataFrame, pattern: str, window: int = 6) -> pd.DataFrame:
    """Return keyword-in-context lines: doc_id, left, keyword, right, position.

    ``pattern`` is a word (``kampanye``), a prefix (``netral*`` matches netral,
    netralitas, …) or a phrase (``politik praktis``); matching ignores case. ``left`` and
    ``right`` hold ``window`` words of the original text; ``position`` is where the match
    falls in the article, from 0 (start) to 1 (end), for dispersion plots.
    """
    parts = pattern.lower().split()
    if not parts:
        raise ValueError("kwic needs a word, prefix* or phrase to look for")

    def matches(word: str, part: str) -> bool:
        return word.startswith(part[:-1]) if part.endswith("*") else word == part

    rows = []
    for doc_id, text in zip(df["doc_id"], df["text"], strict=True):
        spans = [(m.start(), m.end(), m.group().lower()) for m in WORD_RE.finditer(text)]
        for i in range(len(spans) - len(parts) + 1):
            if all(matches(spans[i + k][2], part) for k, part in enumerate(parts)):
                j = i + len(parts) - 1
                left = text[spans[max(0, i - window)][0] : spans[i][0]]
                right = text[spans[j][1] : spans[min(len(spans) - 1, j + window)][1]]
                rows.append(
                    {
                        "doc_id": doc_id,
                        "left": " ".join(left.split()),
                        "keyword": " ".join(text[spans[i][0] : spans[j][1]].split()),
                        "right": " ".join(right.split()),
                        "position": i / max(1, len(spans) - 1),
                    }
                )
    return pd.DataFrame(rows, columns=["doc_id", "left", "keyword", "right", "position"])


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

    Columns: [``by``], term, count (in the group), count_rest, per_1000, per_1000_rest,
    g2 (Dunning's log-likelihood, signed: positive = used more in the group), p
    (chi-square, 1 df) and log_ratio (Hardie's effect size: log2 of the ratio of relative
    frequencies, with 0.5 for a zero count; +1 means twice as frequent). Only terms seen
    at least ``min_freq`` times in the group. Sorted by group, then g2 descending. Pass the
    ``term_frequencies(df, by, ...)`` table as ``counts`` to reuse its counts instead of counting again.

    >>> toy = pd.DataFrame({"g": ["A", "B"], "text": ["netral netral netral asn", "asn asn asn netral"]})
    >>> keyness(toy, "g", min_freq=3)[["g", "term", "count", "count_rest"]].values.tolist()
    [['A', 'netral', 3, 1], ['B', 'asn', 3, 1]]
    """
    if counts is not None:
        long = counts.rename(columns={by: "group"})[["group", "term", "count"]]
    else:
        long = _group_counts(doc_tokens(df, **kw) if terms is None else terms, df[by])
    a = long["count"].to_numpy(dtype=float)
    c = long.groupby("group")["count"].transform("sum").to_numpy(dtype=float)
    b = long.groupby("term")["count"].transform("sum").to_numpy(dtype=float) - a
    d = long["count"].sum() - c
    keep = (a >= min_freq) & (d > 0)
    long, a, b, c, d = long[keep], a[keep], b[keep], c[keep], d[keep]
    e1, e2 = c * (a + b) / (c + d), d * (a + b) / (c + d)
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * (a * np.log(a / e1) + np.where(b > 0, b * np.log(np.where(b > 0, b, 1) / e2), 0.0))
    g2 = np.maximum(g2, 0.0)
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
    return out.sort_values([by, "g2", "term"], ascending=[True, False, True], ignore_index=True)


def tfidf(df: pd.DataFrame, *, terms: pd.Series | None = None, **kw) -> pd.DataFrame:
    """Return a documents × terms tf-idf matrix (rows: doc_id).

    tf is the term's share of the document's tokens; idf = ln(N / df) + 1 (N documents, df
    documents containing the term), so a term in every article keeps a small weight.
    """
    terms = doc_tokens(df, **kw) if terms is None else terms
    tf = pd.DataFrame([Counter(ts) for ts in terms], index=df["doc_id"]).fillna(0)
    tf = tf.div(tf.sum(axis=1).replace(0, 1), axis=0)
    idf = (len(tf) / (tf > 0).sum()).map(math.log) + 1
    return (tf * idf).reindex(sorted(tf.columns), axis=1)


def cosine_similarity(matrix: pd.DataFrame) -> pd.DataFrame:
    """Return the cosine similarity of every pair of rows of a documents × terms matrix."""
    norms = (matrix**2).sum(axis=1) ** 0.5
    unit = matrix.div(norms.replace(0, 1), axis=0)
    return unit @ unit.T


def shared_phrases(df: pd.DataFrame, by: str = "region", sizes: range = range(3, 6)) -> pd.DataFrame:
    """Return phrases (n-grams of the given sizes) with the groups that use them.

    Columns: phrase, n, groups (how many), members (sorted, ``; ``-joined), count. A phrase
    inside a longer phrase with the same members is dropped, so each shared passage is
    listed once, at its longest. Sorted by groups, length, count, then phrase.
    """
    rows = {}
    for n in sizes:
        for key, grams in zip(df[by], doc_ngrams(df, n), strict=True):
            for gram in grams:
                row = rows.setdefault(gram, {"phrase": gram, "n": n, "members": set(), "count": 0})
                row["members"].add(key)
                row["count"] += 1
    subsumed = set()  # a phrase is dropped when a phrase one word longer has the same members
    for gram, row in rows.items():
        for part in (gram.split(" ", 1)[-1], gram.rsplit(" ", 1)[0]):
            if part in rows and rows[part]["n"] == row["n"] - 1 and rows[part]["members"] == row["members"]:
                subsumed.add(part)
    keep = [row for gram, row in rows.items() if gram not in subsumed]
    out = pd.DataFrame(keep, columns=["phrase", "n", "members", "count"])
    out.insert(2, "groups", out["members"].map(len))
    out["members"] = out["members"].map(lambda m: "; ".join(sorted(m)))
    return out.sort_values(["groups", "n", "count", "phrase"], ascending=[False, False, False, True], ignore_index=True)


@functools.cache
def themes() -> pd.DataFrame:
    """Return the neutrality theme codebook (``data/themes.csv``): theme, label, description, patterns."""
    return _read_table("themes.csv")


def theme_matches(df: pd.DataFrame, codebook: pd.DataFrame | None = None, window: int = 8) -> pd.DataFrame:
    """Return every match of every theme pattern, in context, for coding and validation.

    Columns: doc_id, region, theme, pattern, left, keyword, right, position. Patterns
    are ``kwic`` patterns (word, ``prefix*`` or phrase), ``;``-separated in the codebook.
    """
    codebook = themes() if codebook is None else codebook
    frames = []
    for row in codebook.itertuples():
        for pattern in filter(None, (p.strip() for p in row.patterns.split(";"))):
            hits = kwic(df, pattern, window=window)
            frames.append(hits.assign(theme=row.theme, pattern=pattern))
    columns = ["doc_id", "region", "theme", "pattern", "left", "keyword", "right", "position"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out["region"] = out["doc_id"].map(dict(zip(df["doc_id"], df["region"], strict=True)))
    return out[columns].sort_values(["doc_id", "position", "theme"], ignore_index=True)


def proper_noun_terms(df: pd.DataFrame) -> frozenset[str]:
    """Return lower-case words of speakers' names and of every gazetteer place name.

    Distinctive-term lists are dominated by who speaks and where; drop these words to see
    the vocabulary of the message itself.
    """
    speakers = extract_quotes(df)["speaker"]
    names = {w.lower() for s in speakers for w in WORD_RE.findall(s) if not w[0].islower()}
    acronyms = _read_word_list("protected_terms.txt")
    return frozenset(names - {r.lower() for r in ROLE_WORDS} - acronyms) | _gazetteer_words()


def theme_rates(
    df: pd.DataFrame, by: str = "region", matches: pd.DataFrame | None = None, codebook: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return theme matches per 1,000 words for each group (rows: groups, columns: the codebook's themes)."""
    codebook = themes() if codebook is None else codebook
    matches = theme_matches(df, codebook) if matches is None else matches
    words = df.groupby(by)["n_words"].sum()
    group_of = dict(zip(df["doc_id"], df[by], strict=True))
    counts = matches.assign(group=matches["doc_id"].map(group_of)).pivot_table(
        index="group", columns="theme", values="keyword", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(index=words.index, columns=codebook["theme"], fill_value=0)
    return (1000 * counts.div(words, axis=0)).rename_axis(index=by, columns="theme")


# ---------------------------------------------------------------------------
# Plotting helpers
# ---------------------------------------------------------------------------


# Okabe & Ito's colour-blind-safe palette, then Paul Tol's muted scheme for larger corpora.
# (Okabe-Ito's yellow is left out: it cannot be read as text on white.)
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#332288", "#117733",
    "#882255", "#44AA99", "#999933", "#AA4499", "#6699CC", "#CC6677", "#000000", "#888888",
)  # fmt: skip


def region_colors(names) -> dict[str, str]:
    """Return a colour for each region name: sorted names take the palette in turn.

    The same set of regions always gets the same colours, in every notebook.

    >>> region_colors(["Sleman", "Bondowoso"])
    {'Bondowoso': '#0072B2', 'Sleman': '#E69F00'}
    """
    unique = sorted({str(n) for n in names})
    return {name: PALETTE[i % len(PALETTE)] for i, name in enumerate(unique)}


def article_labels(df: pd.DataFrame) -> pd.Series:
    """Return a short label per article for plots: its region, plus the doc_id where regions repeat."""
    region = df["region"].replace("", "(unknown)")
    repeated = region.duplicated(keep=False)
    return region.where(~repeated, region + " · " + df["doc_id"].str.slice(0, 3))


def plot_terms(ax, table: pd.DataFrame, value: str = "count", n: int = 15, color: str = PALETTE[0]) -> None:
    """Draw the top ``n`` rows of a term table (columns term and ``value``) as horizontal bars, largest on top."""
    top = table.nlargest(n, value, keep="first").iloc[::-1]
    ax.barh(top["term"], top[value], color=color)
    ax.tick_params(axis="y", labelsize=9)
    ax.margins(y=0.01)


def word_cloud(frequencies: dict[str, float], *, seed: int = 42, color: str | None = None, **options):
    """Return a ``wordcloud.WordCloud`` drawn from term frequencies, the same every time for a given seed.

    Built from frequencies, not raw text, so no collocation phrase repeats its words.
    ``color`` paints every word one colour (a region's); otherwise the colormap is used.
    Uses the font shipped inside the wordcloud package: nothing is downloaded.
    """
    from matplotlib.colors import ListedColormap
    from wordcloud import WordCloud

    dark = ListedColormap(["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#332288", "#882255", "#117733"])
    settings = {"width": 800, "height": 400, "background_color": "white", "max_words": 80, "colormap": dark}
    settings.update(options)
    if color:
        settings["color_func"] = lambda *args, **kwargs: color
    return WordCloud(random_state=seed, **settings).generate_from_frequencies(frequencies)


def plot_dispersion(ax, df: pd.DataFrame, patterns: list[str]) -> None:
    """Draw where each pattern occurs along each article (0 = start, 1 = end), one row per article and pattern."""
    labels = article_labels(df)
    rows = [(label, doc) for label, doc in zip(labels, df["doc_id"], strict=True)]
    for k, pattern in enumerate(patterns):
        hits = kwic(df, pattern)
        for i, (_, doc) in enumerate(rows):
            positions = hits.loc[hits["doc_id"] == doc, "position"]
            y = i + (k - (len(patterns) - 1) / 2) * 0.8 / max(1, len(patterns))
            ax.scatter(positions, [y] * len(positions), marker="|", s=250, color=PALETTE[k % len(PALETTE)],
                       label=pattern if i == 0 else None)  # fmt: skip
    for i in range(len(rows) - 1):
        ax.axhline(i + 0.5, color="0.85", linewidth=0.8)
    ax.set_yticks(range(len(rows)), [label for label, _ in rows])
    ax.set_xlim(-0.02, 1.02)
    ax.invert_yaxis()


def show_kwic(hits: pd.DataFrame, df: pd.DataFrame | None = None, n: int = 20):
    """Return a KWIC table styled for reading: left context right-aligned, keyword bold, region shown.

    Pass the corpus as ``df`` to add each line's region. Shows the first ``n`` lines.
    """
    table = hits.head(n).copy()
    if df is not None:
        table.insert(1, "region", table["doc_id"].map(dict(zip(df["doc_id"], df["region"], strict=True))))
    table = table.drop(columns=["position"], errors="ignore")
    return (
        table.style.hide(axis="index")
        .format(escape="html")  # article text is data, never markup
        .set_properties(subset=["left"], **{"text-align": "right"})
        .set_properties(subset=["keyword"], **{"font-weight": "bold", "text-align": "center"})
        .set_properties(subset=["right"], **{"text-align": "left"})
    )


def plot_heatmap(ax, table: pd.DataFrame, fmt: str = "{:.1f}", cmap: str = "Blues", **kwargs) -> None:
    """Draw a table as a heatmap with each value written in its cell, rows and columns labelled."""
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", **kwargs)
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=35, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    finite = values[~pd.isna(values)]
    high = (finite.max() + finite.min()) / 2 if finite.size else 0
    for (i, j), value in pd.DataFrame(values).stack().dropna().items():
        ax.text(
            j, i, fmt.format(value), ha="center", va="center", fontsize=8, color="white" if value > high else "black"
        )
    ax.figure.colorbar(image, ax=ax, shrink=0.8)
