"""Pages: saved web pages and web archives, turned into records of article text and page metadata.

Owns what makes a record (``evidence``: title, date, site name, URL, author as the page gives
them; ``layout``: the text laid out like a page pasted by hand; ``parse_date``), the extraction
of a news page's article with trafilatura (``extract_page``, ``read_html``, the collector's
sidecar), and web archives (``read_warc``: only HTML responses, a cheap byte test for the
neutrality vocabulary first, then a language test, then extraction).
"""

from __future__ import annotations

import datetime as dt
import json
import math
import re
from collections import Counter
from pathlib import Path

from .decoding import normalize_text
from .text import stopwords_set

# The neutrality vocabulary, matched on a web archive's raw bytes before anything is decoded.
DEFAULT_PREFILTER = re.compile(
    rb"(?i:netral|aparatur\s+sipil|pilkada|pemilu|pilgub|pilbup|pilwako|pilwalkot|kampanye|bawaslu|politik\s+praktis)"
    rb"|\bASN\b"
)
# Share of a page's words that are Indonesian stopwords (stopwords_set()) below which a web-archive
# page is not Indonesian. On the test pages: Indonesian 25-42 %, English and Dutch under 1 %. Malay shares
# most of these words and passes.
LANGUAGE_THRESHOLD = 0.10
# Web-page parts that trafilatura can keep inside an article body: related-story links and photo captions.
PRUNE_XPATH = [
    "//*[starts-with(translate(normalize-space(.), 'ABCJU', 'abcju'), 'baca juga')]",
    "//figcaption",
    "//*[contains(@class, 'caption') or contains(@class, 'keterangan')]",
]
HTML_TYPES = ("text/html", "application/xhtml+xml")
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


# --- exports: CSV, JSON Lines, JSON, parquet ------------------------------------


def indonesian_share(text: str) -> float:
    """Return the share of a text's words that are Indonesian stopwords (``stopwords_set()``).

    >>> indonesian_share("ASN harus menjaga netralitas dan tidak ikut kampanye")
    0.5
    """
    words = re.findall(r"[^\W\d_]+", text.lower())
    stopwords = stopwords_set()
    return sum(w in stopwords for w in words) / len(words) if words else 0.0


def page_text(html: bytes, content_type: str = "") -> str:
    """Return a page's text cheaply, for the web-archive filters: scripts, styles, links and tags removed.

    Links go because menus and related-story lists (``Pilkada 2024`` in a news site's menu) are links.

    >>> page_text(b"<nav><a href='/pilkada'>Pilkada 2024</a></nav><p>Resep soto <b>kudus</b></p>").split()
    ['Resep', 'soto', 'kudus']
    """
    charset = re.search(r"charset=[\"']?([\w-]+)", content_type)
    try:
        text = html.decode(charset.group(1) if charset else "utf-8", errors="replace")
    except LookupError:
        text = html.decode("utf-8", errors="replace")
    text = re.sub(r"(?is)<(script|style|a)\b.*?</\1\s*>", " ", text)
    return re.sub(r"<[^>]*>", " ", text)


def read_warc(
    path: Path, *, prefilter: re.Pattern | None = DEFAULT_PREFILTER, language: str | None = "id", progress: bool = True
) -> tuple[list[dict], list[tuple[str, str]], Counter]:
    """Return ``(records, problems, counts)`` for the news pages about neutrality in a WARC file.

    Each record passes, in order of cost: a ``response`` with a 2xx status and an HTML content type;
    ``prefilter`` (bytes regex, ``None`` = off) on the raw page, then again on its ``page_text``, so a
    page whose only mention is a menu link (``Pilkada 2024``) is dropped before extraction; the language
    test (``language="id"``: ``indonesian_share`` of the page text at least ``LANGUAGE_THRESHOLD``;
    ``None`` = off); extraction (``extract_page``, URL from ``WARC-Target-URI``); ``prefilter`` once
    more on the article text (a mention in a sidebar). ``counts`` has ``records`` and ``kept`` and one
    count per reason to skip (``SKIP_REASONS``). A progress bar (bytes read) shows after two seconds.
    """
    if language not in (None, "", "id"):
        raise ValueError(f"language {language!r}: only 'id' (Indonesian) has a test; None turns it off")
    records, problems, counts = [], [], Counter()
    try:
        for reason, record_id, url, content_type, data in _warc_entries(path, progress):
            counts["records"] += 1
            if reason:
                counts[reason] += 1
                continue
            source = f"{path.name}#{record_id}"
            if prefilter is not None and not prefilter.search(data):
                counts["no neutrality vocabulary"] += 1
                continue
            text = page_text(data, content_type)
            if prefilter is not None and not prefilter.search(text.encode("utf-8")):
                counts["no neutrality vocabulary outside links"] += 1
                continue
            if language and indonesian_share(text) < LANGUAGE_THRESHOLD:
                counts["not Indonesian"] += 1
                continue
            try:
                raw, evidence = extract_page(data, url=url)
            except ValueError as err:
                counts["no article text"] += 1
                problems.append((source, str(err)))
                continue
            if prefilter is not None and not prefilter.search(raw.encode("utf-8")):
                counts["no neutrality vocabulary in the article text"] += 1
                continue
            counts["kept"] += 1
            records.append({"raw": raw, "source": source, "source_kind": "warc", "evidence": evidence})
    except _DamagedArchive as err:
        problems.append((path.name, f"not a readable WARC file after {counts['records']} records ({err})"))
    if not counts["records"] and not problems:
        problems.append((path.name, "no WARC records found"))
    return records, problems, counts


class _DamagedArchive(ValueError):
    """A WARC file that warcio cannot read on from some point."""


def _warc_entries(path: Path, progress: bool):
    """Yield ``(skip reason, record id, target URL, content type, payload)`` per WARC record; payloads only
    of HTML responses (``content_stream`` undoes gzip and chunked encodings).

    Raises ``_DamagedArchive`` where warcio fails, and where it would stay silent: a file cut short
    inside a record (fewer bytes than its Content-Length, or bytes left that are not a record).
    """
    from tqdm.std import tqdm
    from warcio.archiveiterator import ArchiveIterator

    size = path.stat().st_size
    bar = tqdm(total=size, unit="B", unit_scale=True, desc=path.name, delay=_PROGRESS_DELAY, disable=not progress)
    with path.open("rb") as stream, bar:
        archive = ArchiveIterator(stream)
        records, record = iter(archive), None
        while True:
            try:
                previous, record = record, next(records, None)
                if record is None:
                    break
                reason, headers = _skip_reason(record), record.rec_headers
                content_type = "" if reason else record.http_headers.get_header("Content-Type") or ""
                data = b"" if reason else record.content_stream().read()
            except Exception as err:  # warcio raises assorted errors on a damaged file (AttributeError, zlib.error…)
                raise _DamagedArchive(f"{type(err).__name__}: {err}") from err
            if not reason and _cut_short(record):
                raise _DamagedArchive("the file ends inside a record")
            bar.update(stream.tell() - bar.n)
            yield (
                reason,
                headers.get_header("WARC-Record-ID"),
                headers.get_header("WARC-Target-URI") or "",
                content_type,
                data,
            )
        if _cut_short(previous) or (previous is not None and archive.offset < size):
            raise _DamagedArchive("the file ends inside a record")


def _cut_short(record) -> bool:
    """A record whose payload (once read) had fewer bytes than its Content-Length."""
    return (getattr(getattr(record, "raw_stream", None), "limit", 0) or 0) > 0


# Why a WARC record is skipped, in the order read_warc tests them (the keys of its counts).
SKIP_REASONS = (
    "not a response", "not an HTTP response", "HTTP status not 2xx", "not HTML", "no neutrality vocabulary",
    "no neutrality vocabulary outside links", "not Indonesian", "no article text",
    "no neutrality vocabulary in the article text",
)  # fmt: skip


def _skip_reason(record) -> str:
    """Why a WARC record is not a page to read (``""`` if it is one)."""
    if record.rec_type != "response":
        return "not a response"
    if record.http_headers is None:
        return "not an HTTP response"
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return "HTTP status not 2xx"
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0].strip().lower()
    return "" if content_type in HTML_TYPES else "not HTML"


def warc_summary(counts: Counter) -> str:
    """Return one line saying how many WARC records were read, kept and skipped, and why.

    >>> warc_summary(Counter({"records": 12, "kept": 3, "not a response": 9}))
    '12 records read, 3 kept; skipped: 9 not a response'
    """
    reasons = [*SKIP_REASONS, *sorted(set(counts) - {*SKIP_REASONS, "records", "kept"})]
    skipped = [f"{counts[reason]} {reason}" for reason in reasons if counts[reason]]
    return f"{counts['records']} records read, {counts['kept']} kept" + (
        f"; skipped: {', '.join(skipped)}" if skipped else ""
    )
