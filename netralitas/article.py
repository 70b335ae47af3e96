"""Article: one pasted web page split into title, header, body and the web chrome around it.

Owns the boilerplate rules at work (``data/boilerplate.csv``: navigation, share bars,
related links, footers, credits), the choice of title, the dateline (``PULANG PISAU,
PROKALTENG.CO –``), bylines, captions and date lines at the top, and the outlet. Every
piece taken out is kept as ``(kind, text)`` in ``Article.removed`` for the audit.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .dates import FULL_DATE, MONTH_RE, MONTHS, WEEKDAY_RE, is_date_line
from .reference import boilerplate_rules, regencies
from .regions import dateline_place
from .text import words as count_words

_DASH = r"(?:\s*[-–—]+\s+|\s+[-–—]+\s*)"


BYLINE = re.compile(
    rf"^(?P<author>[^\d—–|]{{3,80}}?)\s+[—–|]+\s+(?P<outlet>[^\d—–|]{{2,60}}?)\s*[,|]?\s*"
    rf"(?:{WEEKDAY_RE}\s*,?\s*)?(?P<date>\d{{1,2}}\s+(?:{MONTH_RE})\.?\s+\d{{4}})",
    re.IGNORECASE,
)
_CREDIT_END = re.compile(r"\(\s*[^()]{1,40}\)\s*$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_DOMAIN = re.compile(r"^([\w-]+?)(?:\.(?:co\.id|com|co|id|net|or\.id|go\.id|news|web\.id))+$", re.IGNORECASE)


@dataclass
class Article:
    """What the parser learned from one page (``load_corpus`` flattens it into a row)."""

    title: str = ""
    outlet: str = ""
    published: dt.date | None = None
    date_source: str = ""
    regency_code: str = ""
    province: str = ""
    dateline: str = ""
    paragraphs: list[str] = field(default_factory=list)
    removed: list[tuple[str, str]] = field(default_factory=list)
    pending_date: tuple[int, int, int] | None = None  # (day, month, weekday) awaiting a corpus-level year


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
    letters = [w for w in count_words(paragraph) if not w.isdigit()]
    return (
        3 <= len(letters) <= 30
        and not paragraph.endswith((".", ":"))
        and not BYLINE.match(paragraph)
        and not is_date_line(paragraph)
    )


def _split_dateline(paragraph: str) -> tuple[str, str] | None:
    """Split ``"PLACE, OUTLET – Body…"`` into (prefix, body); None if not a dateline."""
    pre_char = r"(?:[^.!?\n]|\.(?=(?i:co|com|id|net|news|or|go)\b))"  # dots only inside a web address
    match = re.match(rf"^(?P<pre>{pre_char}{{2,90}}?){_DASH}(?P<body>\S.*)$", paragraph)
    if not match or len(count_words(match["body"])) < 8:
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
    n = len(count_words(paragraph))
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
            art.removed += [("date" if is_date_line(p) else "chrome", p) for p in kept[:i]]
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
        while body and (BYLINE.match(body[0]) or is_date_line(body[0]) or (_is_caption(body[0]) and len(body) > 1)):
            header.append(body.pop(0))
    lead = []  # a header paragraph that reads as prose (a teaser sentence) stays in the body
    for para in header:
        if BYLINE.match(para):
            art.removed.append(("byline", para))
        elif is_date_line(para):
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


_AGENCY = re.compile(
    r"\b(BKPSDMD?|BKPP|BKD|Diskominfo\w*|Kominfo|Humas|Prokopim|Setda|Bawaslu|KPU|Inspektorat)\b", re.I
)


def find_outlet(art: Article, first_line: str, regency: str) -> str:
    """Return the outlet: byline, then dateline, then a ``Site icon`` line, then a credit line."""
    for kind, text in art.removed:
        if kind == "byline":
            return _clean_outlet(BYLINE.match(text)["outlet"])
    if art.dateline:
        parts = [p.strip() for p in re.split(r"\s*,\s*|\s*\(|\)", art.dateline) if p.strip()]
        parts = [p for p in parts if not (FULL_DATE.search(p) or re.fullmatch(rf"{WEEKDAY_RE}", p, re.I))]
        domains = [p for p in parts if _DOMAIN.match(p)]
        named = [p for p in parts if not dateline_place(p)]
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
