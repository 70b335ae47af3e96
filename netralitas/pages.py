"""Pages: saved web pages and web archives, turned into records of article text and page metadata.

Owns what makes a record (``evidence``: title, date, site name, URL, author as the page gives
them; ``layout``: the text laid out like a page pasted by hand; ``parse_date``) and the extraction
of a news page's article with trafilatura (``extract_page``, ``read_html``, the collector's
sidecar). Web archives are ``netralitas.warc``.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from pathlib import Path

from .decoding import normalize_text

# Web-page parts that trafilatura can keep inside an article body: related-story links and photo captions.
PRUNE_XPATH = [
    "//*[starts-with(translate(normalize-space(.), 'ABCJU', 'abcju'), 'baca juga')]",
    "//figcaption",
    "//*[contains(@class, 'caption') or contains(@class, 'keterangan')]",
]
_PROGRESS_DELAY = 2  # seconds before a progress bar appears: short work stays quiet


def evidence(title="", date="", site_name="", url="", author="") -> dict:
    return {"title": title, "date": date, "site_name": site_name, "url": url, "author": author}


def layout(title: str, paragraphs: list[str]) -> str:
    """Return normalised text with the title on the first line, then the paragraphs separated by blank lines.

    A first paragraph equal to the title is not repeated.

    >>> layout("ASN Diminta Netral", ["ASN Diminta Netral", "KUDUS - Isi berita."])
    'ASN Diminta Netral\\n\\nKUDUS - Isi berita.'
    """
    paragraphs = [p for p in (normalize_text(p) for p in paragraphs) if p]
    title = normalize_text(title)
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    return "\n\n".join([title, *paragraphs] if title else paragraphs)


# --- dates -------------------------------------------------------------------

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "pebruari": 2, "feb": 2, "maret": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7, "agustus": 8, "agu": 8,
    "agt": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10, "okt": 10, "november": 11, "nopember": 11,
    "nov": 11, "desember": 12, "des": 12, "january": 1, "february": 2, "march": 3, "may": 5, "june": 6,
    "july": 7, "august": 8, "aug": 8, "october": 10, "oct": 10, "december": 12, "dec": 12,
}  # fmt: skip
_ZONE = r"(?:Z|[+-]\d{2}:?\d{2}|WIB|WITA|WIT|UTC)"
_TIME = rf"(?:(?:T|\s*[,|]?\s*(?:pukul\s+)?)\d{{1,2}}[:.]\d{{2}}(?:[:.]\d{{2}}(?:\.\d+)?)?\s*{_ZONE}?)?"
_WEEKDAY = r"(?:(?:Senin|Selasa|Rabu|Kamis|Jum'?at|Sabtu|Minggu|Ahad)\s*,?\s*)?"
_DATE_FORMS = (
    (re.compile(rf"(\d{{4}})-(\d{{1,2}})-(\d{{1,2}}){_TIME}", re.I), (1, 2, 3)),
    (re.compile(rf"{_WEEKDAY}(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}){_TIME}", re.I), (3, 2, 1)),
    (re.compile(rf"{_WEEKDAY}(\d{{1,2}})\s+([A-Za-z]+)\.?\s+(\d{{4}}){_TIME}", re.I), (3, 2, 1)),
)


def parse_date(value) -> str:
    """Return a date as ``YYYY-MM-DD``, ``""`` for no value; raise ``ValueError`` for anything else.

    Accepts date and datetime objects (the date as written, no time-zone conversion), ISO dates and
    datetimes, day-first numeric dates (``2/9/2024``, the Indonesian order) and dates with month names
    in Indonesian or English, with an optional weekday and time.

    >>> parse_date("Senin, 2 September 2024 14:35 WIB"), parse_date("02/09/2024"), parse_date(None)
    ('2024-09-02', '2024-09-02', '')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if not isinstance(value, str):
        raise ValueError(f"date is {type(value).__name__}, not a date")
    text = " ".join(value.split())
    if not text:
        return ""
    for pattern, order in _DATE_FORMS:
        match = pattern.fullmatch(text)
        if match:
            year, month, day = (match.group(i) for i in order)
            month = int(month) if month.isdigit() else _MONTHS.get(month.lower(), 0)
            try:
                return dt.date(int(year), month, int(day)).isoformat()
            except ValueError:
                break
    raise ValueError(f"unparseable date {value!r} (expected e.g. 2024-09-02, 2/9/2024 or 2 September 2024)")


# --- pasted text and saved web pages ------------------------------------------


def _clean_author(author: str | None) -> str:
    """An author name without a byline's furniture: ``Oleh Yulia Rahmi · Senin`` → ``Yulia Rahmi``."""
    author = re.sub(r"^(?:oleh|by|penulis|reporter|pewarta)\s*:?\s+", "", author or "", flags=re.I)
    return re.split(r"\s+[·•|–—-]\s+", author)[0].strip()


def _clean_title(title: str | None, site_name: str) -> str:
    """A title without the site's name appended (``Judul - ANTARA News``)."""
    title = " ".join((title or "").split())
    for separator in (" - ", " | ", " – ", " — ", " :: "):
        if site_name and title.endswith(separator + site_name):
            return title[: -len(separator + site_name)]
    return title


def extract_page(html: bytes | str, *, url: str = "") -> tuple[str, dict]:
    """Return ``(raw, evidence)`` for one saved web page; raise ``ValueError`` if it holds no article text.

    trafilatura (Barbaresi 2021) finds the article body, without comments, share bars, related-story
    lists and navigation (``favor_precision``; ``PRUNE_XPATH`` removes ``Baca juga`` links and photo
    captions it would keep), and the metadata: title, date (htmldate; ``YYYY-MM-DD``), site name, URL
    (canonical or ``og:url``) and author. ``url``, where the page was fetched from, wins over the page's
    own. Nothing is fetched.
    """
    import trafilatura

    options = {"with_metadata": True, "include_comments": False, "include_tables": False, "include_images": False}
    document = trafilatura.bare_extraction(
        html, url=url or None, favor_precision=True, prune_xpath=PRUNE_XPATH, **options
    )
    if document is None or not (document.text or "").strip():
        raise ValueError("no article text found in the page")
    site_name = " ".join((document.sitename or "").split())
    title = _clean_title(document.title, site_name)
    found = evidence(title, document.date or "", site_name, url or document.url or "", _clean_author(document.author))
    return layout(title, document.text.split("\n")), found


def _sidecar(path: Path) -> dict:
    """The collector's JSON sidecar of a saved page (``netralitas.collect``), or ``{}``."""
    try:
        return json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def read_html(path: Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return the one record of a saved web page; the collector's sidecar, if any, gives the URL."""
    sidecar = _sidecar(path)
    try:
        data = path.read_bytes()
        charset = re.search(r"charset=[\"']?([\w-]+)", sidecar.get("content_type", ""))
        html = data.decode(charset.group(1), errors="replace") if charset else data
        raw, found = extract_page(html, url=sidecar.get("final_url") or sidecar.get("url") or "")
    except (OSError, ValueError, LookupError) as err:
        return [], [(path.name, getattr(err, "strerror", None) or str(err))]
    return [{"raw": raw, "source": path.name, "source_kind": "html", "evidence": found}], []
