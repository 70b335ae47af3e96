"""Web archives: the news pages about neutrality in a WARC file, as records of article text.

Owns ``read_warc`` (only HTML responses; a cheap byte test for the neutrality vocabulary first,
``DEFAULT_PREFILTER``, then a language test, ``indonesian_share`` against ``LANGUAGE_THRESHOLD``,
then extraction with ``netralitas.pages.extract_page``), the cheap ``page_text`` those tests read,
and ``warc_summary``, the sentence that says what a file held and what was skipped.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from .pages import _PROGRESS_DELAY, extract_page
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
HTML_TYPES = ("text/html", "application/xhtml+xml")


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
