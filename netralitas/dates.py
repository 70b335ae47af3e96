"""Dates: when an article was published, from the ways Indonesian news pages write it.

Owns month and weekday names, the date patterns (``21 Agustus 2024``, ``21/8/2024``,
``2024-08-21``, ``Jumat (6/9)``), the test for a line that is only a date, and the
inference of a missing year from the weekday (``infer_year``). ``find_date`` returns
what it found; it changes nothing it is given.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import statistics
from typing import NamedTuple

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


MONTH_RE = "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True))
WEEKDAY_RE = r"(?:Senin|Selasa|Rabu|Kamis|Jum'?’?at|Sabtu|Minggu|Ahad)"
FULL_DATE = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})\.?\s+((?:19|20)\d{{2}})\b", re.IGNORECASE)
NUM_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d{2})(?![\d/.-])")
WEEKDAY_DATE = re.compile(
    rf"\b({WEEKDAY_RE})\s*,?\s*(?:\(?\s*(\d{{1,2}})\s*/\s*(\d{{1,2}})(?:\s*/\s*((?:19|20)?\d{{2}}))?(?!\d)\s*\)?"
    rf"|(\d{{1,2}})\s+({MONTH_RE})\.?(?:\s+((?:19|20)\d{{2}}))?\b)",
    re.IGNORECASE,
)
ISO_DATE = re.compile(r"(?<![\d/.-])((?:19|20)\d{2})-(\d{1,2})-(\d{1,2})(?![\d/.-])")
# A year not inside a longer number (the same as ``(?<![\d.])(?:19|20)\d{2}(?!\d)``): written with "19" or "20"
# first, so that the engine looks for those digits instead of trying the lookbehind at every character (4× faster).
_YEAR = re.compile(r"(?:19|20)(?<![\d.]..)\d{2}(?!\d)")


_DIGIT = re.compile(r"\d")


@functools.lru_cache(maxsize=4096)  # the parser asks about the same lines several times (about 3 calls in 5 repeat)
def is_date_line(paragraph: str) -> bool:
    """Return True for a line that is only a date and time: ``Senin, 2 September 2024 | 10:15 WIB``, ``06/09/2024``."""
    if len(paragraph) > 100 or not _DIGIT.search(paragraph):  # a date line is short and has digits
        return False
    patterns = (WEEKDAY_DATE, FULL_DATE, NUM_DATE, ISO_DATE)
    if not any(p.search(paragraph) for p in patterns):
        return False
    rest = paragraph
    for pattern in patterns:
        rest = pattern.sub("", rest)
    rest = re.sub(r"\d{1,2}[:.]\d{2}|WIB|WITA|WIT|[,|()\s-]", "", rest, flags=re.IGNORECASE)
    return not rest


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


def safe_date(year: int, month: int, day: int) -> dt.date | None:
    """Return the date, or None where it does not exist (31 September)."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _full_date(match: re.Match) -> dt.date | None:
    return safe_date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))


def _explicit_date(text: str) -> dt.date | None:
    """The first valid full date in a text: ``21 Agustus 2024``, ``21/8/2024`` or ``2024-08-21``."""
    candidates = []
    for pattern, order in ((FULL_DATE, None), (NUM_DATE, (3, 2, 1)), (ISO_DATE, (1, 2, 3))):
        for match in pattern.finditer(text):
            date = _full_date(match) if order is None else safe_date(*(int(match[i]) for i in order))
            if date:
                candidates.append((match.start(), date))
                break
    return min(candidates)[1] if candidates else None


class FoundDate(NamedTuple):
    """What ``find_date`` found: the date (or None), where it came from, and a short date awaiting a year."""

    date: dt.date | None
    source: str
    pending: tuple[int, int, int] | None = None  # (day, month, weekday) for load_corpus to give a year


def find_date(raw: str, header: list[tuple[str, str]]) -> FoundDate:
    """Return the publication date of an article, from its header lines or its text.

    ``header`` is the ``(kind, text)`` list of pieces the boilerplate step removed. Order of
    trust: a full date in a byline or date line at the top, a date in the dateline, a
    weekday-anchored date anywhere (``Jumat (6/9)``, ``Rabu, 9 Oktober``), then the first full
    date (``21 Agustus 2024``, ``(21/8/2024)``, ``2024-08-21``). Dates without a year get the
    year whose weekday matches, nearest to the years the article mentions; if it mentions
    none, ``pending`` holds ``(day, month, weekday)`` for ``load_corpus`` to resolve.

    >>> find_date("KUDUS - Jumat (6/9) ... Pilkada 2024", [])
    FoundDate(date=datetime.date(2024, 9, 6), source='weekday date, year inferred from the article', pending=None)
    """
    for kind, text in header:
        if kind in ("byline", "date", "dateline"):
            date = _explicit_date(text)
            if date:
                return FoundDate(date, kind)
    match = WEEKDAY_DATE.search(raw)
    if match:
        weekday = WEEKDAYS[match.group(1).lower().replace("’", "'")]
        if match.group(2):
            day, month, year = int(match.group(2)), int(match.group(3)), match.group(4)
        else:
            day, month, year = int(match.group(5)), MONTHS[match.group(6).lower()], match.group(7)
        if year:
            year = int(year) + (2000 if len(year) == 2 else 0)
            date = safe_date(year, month, day)
            if date:
                return FoundDate(date, "weekday date")
        elif 1 <= month <= 12 and 1 <= day <= 31:
            years = plausible_years(raw)
            if years:
                year = infer_year(day, month, weekday, round(statistics.median(years)))
                return FoundDate(safe_date(year, month, day) if year else None,
                                 "weekday date, year inferred from the article")  # fmt: skip
            return FoundDate(None, "", (day, month, weekday))
    date = _explicit_date(raw)
    return FoundDate(date, "first date in text") if date else FoundDate(None, "")
