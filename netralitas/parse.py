"""Parse: one page or one file to rows of the corpus table.

Owns ``parse_article`` (boilerplate, title, dateline, date, region and outlet of one page),
``parse_row`` (a page's text to the fields of a corpus row), the removal of repeated
paragraphs, and ``load_file`` (a file to its rows and the problems met). Everything here is a
pure function of a file's content, so it runs in worker processes and its results can be cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from pathlib import Path

from .article import Article, split_boilerplate
from .dates import find_date
from .decoding import read_text_file
from .election_mentions import election_and_source
from .outlets import find_outlet
from .regions import regency_info, resolve_region
from .text import count_words, words


def parse_article(raw: str) -> Article:
    """Return what one normalised page says about itself: title, body, date, region and outlet.

    >>> art = parse_article("Bupati Sleman Ajak ASN Jaga Netralitas\\n\\nSLEMAN, Harian Jogja – Pemerintah "
    ...                     "Kabupaten Sleman mengumpulkan ASN pada Jumat (6/9/2024) membahas netralitas.")
    >>> art.title, art.outlet, art.published, regency_info()[art.regency_code][0]
    ('Bupati Sleman Ajak ASN Jaga Netralitas', 'Harian Jogja', datetime.date(2024, 9, 6), 'Sleman')
    """
    art = split_boilerplate(raw)
    found = find_date(raw, art.removed)
    body = "\n".join(art.paragraphs)
    outlet_hint = " ".join(t for k, t in art.removed if k in ("byline", "credit"))
    code, province = resolve_region(art.title, art.dateline, outlet_hint, body)
    regency = regency_info()[code][0] if code else ""
    outlet = find_outlet(art, raw.split("\n", 1)[0], regency)
    return dataclasses.replace(
        art, published=found.date, date_source=found.source, pending_date=found.pending,
        regency_code=code, province=province, outlet=outlet,
    )  # fmt: skip


FORMATS = (".txt", ".html", ".htm", ".csv", ".jsonl", ".json", ".parquet", ".warc", ".warc.gz")


def load_file(path: str | Path) -> tuple[list[dict], list[tuple[str, str]]]:
    """Return the rows of the corpus table that one file holds, and the problems met: ``(rows, problems)``.

    A ``.txt`` or ``.html`` page holds one article; an export (``.csv``, ``.jsonl``, ``.json``,
    ``.parquet``) one per row; a web archive (``.warc``, ``.warc.gz``) one per kept record (see
    ``netralitas.sources``). A row has the columns of ``load_corpus`` except region, overridden and
    the election columns, plus ``pending_date`` (a short date whose year only the rest of the corpus
    can give) and ``repeated`` (paragraphs dropped as repeats). A problem is ``(source, reason)``:
    the file, or its row or record, and why it was skipped.
    """
    path = Path(path)
    if path.suffix.lower() == ".txt":  # the most common kind of file, read without asking first whether it is one
        try:
            records, problems = [{"raw": read_text_file(path), "source": path.name, "source_kind": "txt"}], []
        except ValueError as err:
            return [], [(path.name, "a folder, not a file" if path.is_dir() else str(err))]
    elif path.is_dir():
        return [], [(path.name, "a folder, not a file")]
    elif not path.name.lower().endswith(FORMATS):
        return [], [(path.name, f"not a supported format ({', '.join(FORMATS)})")]
    else:
        from .sources import read_records

        records, problems = read_records(path)
    rows = []
    for record in records:
        row = parse_row(record["raw"])
        if isinstance(row, str):
            problems.append((record["source"], row))
            continue
        base = re.sub(r"\.warc$", "", path.stem, flags=re.IGNORECASE)
        doc_id = base + _record_suffix(record["source"].removeprefix(path.name))
        row = with_evidence(row, record)
        if row["pending_date"] is None:  # else the year comes from the corpus, and the election after it
            row["election"], row["election_source"] = election_and_source(row["title"], row["text"], row["published"])
        rows.append({"doc_id": doc_id, "file": path.name, **row})
    return rows, problems


def _record_suffix(rest: str) -> str:
    """``" row 7"`` → ``"-row7"``, ``"#<urn:uuid:1f0c…>"`` → ``"-1f0c…"`` (8 hex digits); "" for a whole file."""
    if not rest:
        return ""
    numbered = re.search(r"(row|line)\s+(\d+)", rest)
    if numbered:
        return f"-{numbered[1]}{numbered[2]}"
    return "-" + re.sub(r"[^0-9a-f]", "", rest.lower().removeprefix("#<urn:uuid:"))[:8]


def with_evidence(row: dict, record: dict) -> dict:
    """Return a parsed row with what the page's metadata or the export's columns say.

    The text decides region, quotes and everything else; the metadata decides the publication date
    (a page's own date beats a date found in its text, which may be the event's; ``date_source`` says
    which won and, where the two disagree, what the text said), the outlet (the site's name) and the
    title where the parser took the metadata's title line (``title_source``). Adds ``url``.
    """
    evidence = record.get("evidence") or {}
    kind = record["source_kind"]
    origin = "export column" if kind in ("csv", "jsonl", "json", "parquet") else "page metadata"
    out = {**row, "source": record["source"], "source_kind": kind, "url": evidence.get("url", "")}
    title = evidence.get("title", "")
    out["title_source"] = origin if title and row["title"] == title else "text"
    date = evidence.get("date", "")
    if date:
        found = dt.date.fromisoformat(date)
        said = row["published"]
        out["published"], out["pending_date"] = found, None
        out["date_source"] = origin if said in (None, found) else f"{origin} (the text says {said.isoformat()})"
    if evidence.get("site_name"):
        out["outlet"] = evidence["site_name"]
    return out


def parse_row(raw: str) -> dict | str:
    """Return one page's text parsed into the fields of a corpus row, or the reason it holds no article."""
    art = parse_article(raw)
    if not art.paragraphs:
        return "no article text after removing web boilerplate"
    paragraphs, repeated = drop_repeated_paragraphs(art.paragraphs)
    text = "\n\n".join(paragraphs)
    regency, regency_type = regency_info()[art.regency_code][:2] if art.regency_code else ("", "")
    return {
        "title": art.title, "outlet": art.outlet,
        "published": art.published, "date_source": art.date_source, "regency": regency,
        "regency_type": regency_type, "regency_code": art.regency_code,
        "province": art.province, "dateline": art.dateline, "text": text, "raw": raw,
        "n_words": count_words(text), "removed": art.removed, "pending_date": art.pending_date, "repeated": repeated,
    }  # fmt: skip


def drop_repeated_paragraphs(paragraphs: list[str], min_words: int = 8) -> tuple[list[str], int]:
    """Return the paragraphs with every repeat of an earlier one (of ``min_words`` words or more) left out,
    and how many were left out: an article pasted twice into one file counts once.

    >>> drop_repeated_paragraphs(["ASN wajib menjaga netralitas dalam Pilkada serentak tahun ini.", "Ya."] * 2)
    (['ASN wajib menjaga netralitas dalam Pilkada serentak tahun ini.', 'Ya.', 'Ya.'], 1)
    """
    seen, kept, repeated = set(), [], 0
    for paragraph in paragraphs:
        key = " ".join(paragraph.casefold().split())
        if key in seen and len(words(paragraph)) >= min_words:
            repeated += 1
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept, repeated
