"""Article: one pasted web page split into title, header, body and the web chrome around it.

Owns the boilerplate rules at work (``data/boilerplate.csv``: navigation, share bars,
related links, footers, credits), the choice of title, the dateline (``PULANG PISAU,
PROKALTENG.CO –``), bylines, captions and date lines at the top. Every piece taken out is
kept as ``(kind, text)`` in ``Article.removed`` for the audit; ``netralitas.outlets`` reads the
outlet from them.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass, field

from .dates import FULL_DATE, MONTH_RE, MONTHS, WEEKDAY_RE, is_date_line
from .reference import boilerplate_rules
from .text import folds_like_ascii, has_words
from .text import words as count_words

_DASH = r"(?:\s*[-–—]+\s+|\s+[-–—]+\s*)"


BYLINE = re.compile(
    rf"^(?P<author>[^\d—–|]{{3,80}}?)\s+[—–|]+\s+(?P<outlet>[^\d—–|]{{2,60}}?)\s*[,|]?\s*"
    rf"(?:{WEEKDAY_RE}\s*,?\s*)?(?P<date>\d{{1,2}}\s+(?:{MONTH_RE})\.?\s+\d{{4}})",
    re.IGNORECASE,
)


def _byline(paragraph: str) -> re.Match | None:
    """``BYLINE.match(paragraph)``, not tried on a paragraph without a dash or a bar (one follows the author)."""
    return BYLINE.match(paragraph) if "—" in paragraph or "–" in paragraph or "|" in paragraph else None


_CREDIT_END = re.compile(r"\(\s*[^()]{1,40}\)\s*$")
_SENTENCE_END = re.compile(r"[.!?…\"”’)]\s*$")
_DIGIT = re.compile(r"\d")


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
def _paragraph_rules() -> tuple[re.Pattern, list[tuple[str, str]], list[tuple[int, str, re.Pattern, re.Pattern]]]:
    """The drop and cut rules, ready for ``_match_rule``: one pattern whose matching group names the rule, the
    rules as (action, kind), and the rules' ``.*word…`` alternatives apart (index, the word in lower case if it is
    ASCII, the word as a pattern ignoring case, alternative).

    An alternative such as ``.*\\bSaya Mau!?`` (a line ending in "Saya Mau") makes the regex engine try every
    position of a paragraph: in the one pattern it took most of the time. Apart, it is tried only on a paragraph
    where its word occurs.
    """
    rules = [(action, kind, pattern.pattern) for action, kind, pattern in boilerplate_rules() if action != "strip_end"]
    quick, scans = [], []
    for i, (_, _, pattern) in enumerate(rules):
        kept = []
        for alternative in _alternatives(pattern):
            word = _scanned_word(alternative)
            if word:
                lower = word.lower() if word.isascii() else None
                scans.append((i, lower, re.compile(re.escape(word), re.I), re.compile(alternative, re.I)))
            else:
                kept.append(alternative)
        if kept:
            quick.append(f"(?P<r{i}>{'|'.join(kept)})")
    return re.compile("|".join(quick), re.IGNORECASE), [(action, kind) for action, kind, _ in rules], scans


def _alternatives(pattern: str) -> list[str]:
    """The top-level alternatives of a regular expression: ``a|(b|c)`` → ``["a", "(b|c)"]``."""
    pieces, start, depth, in_class, i = [], 0, 0, False, 0
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 1  # the escaped character is literal
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += 2 if pattern[i + 1 : i + 3] == "^]" else 1 if pattern[i + 1 : i + 2] == "]" else 0  # "[]…]", "[^]…]"
        elif char in "()":
            depth += 1 if char == "(" else -1
        elif char == "|" and depth == 0:
            pieces.append(pattern[start:i])
            start = i + 1
        i += 1
    return [*pieces, pattern[start:]]


def _scanned_word(alternative: str) -> str | None:
    """The literal words after a leading ``.*`` (``.*\\bhak cipta dilindungi\\b.*`` → "hak cipta dilindungi"), which
    any paragraph the alternative matches contains; None for other alternatives, or a literal under 4 letters."""
    match = re.match(r"\.\*(?:\\b)?([\w !,'-]+)", alternative)
    if not match:
        return None
    word = match[1]
    if alternative[match.end() : match.end() + 1] in ("?", "*", "+", "{"):
        word = word[:-1]  # the last letter is optional or repeated
    return word if len(word.strip()) >= 4 else None


def _match_rule(paragraph: str) -> tuple[str, str] | None:
    """The (action, kind) of the first rule that the whole paragraph matches (ignoring a trailing colon), or None."""
    pattern, rules, scans = _paragraph_rules()
    line = paragraph.rstrip(" :")
    match = pattern.fullmatch(line)
    first = next(int(name[1:]) for name, value in match.groupdict().items() if value is not None) if match else None
    folded = line.lower() if folds_like_ascii(line) else None  # an ASCII word is in it iff in its lower case
    for i, lower, word, alternative in scans:
        if first is not None and i >= first:
            break
        present = lower in folded if folded is not None and lower is not None else word.search(line)
        if present and alternative.fullmatch(line):
            first = i
            break
    return rules[first] if first is not None else None


def _strip_end_rules(paragraph: str) -> tuple[str, list[str]]:
    stripped = []
    for pattern, last in _end_rules():
        if last is None or paragraph.rstrip().endswith(last):
            match = pattern.search(paragraph)
            if match and match.start() > 0:
                stripped.append(match.group().strip())
                paragraph = paragraph[: match.start()].rstrip()
    return paragraph, stripped


@functools.cache
def _end_rules() -> tuple[tuple[re.Pattern, str | None], ...]:
    """The strip_end rules, each with the character its match must end on before trailing spaces (``\\)\\s*$``: ")"),
    or None: a paragraph that ends otherwise is not searched (the search tries every position of it)."""
    out = []
    for action, _, pattern in boilerplate_rules():
        if action == "strip_end":
            last = re.search(r"\\([^\w\s])\\s\*\$$", pattern.pattern)
            out.append((pattern, last[1] if last else None))
    return tuple(out)


def _is_title_candidate(paragraph: str) -> bool:
    if paragraph.endswith((".", ":")) or len(paragraph) > 600:  # far longer than any 30-word headline
        return False
    letters = [w for w in count_words(paragraph) if not w.isdigit()]
    return 3 <= len(letters) <= 30 and not _byline(paragraph) and not is_date_line(paragraph)


@functools.lru_cache(maxsize=4096)  # asked again of the same paragraphs (about 9 calls in 20 repeat)
def _split_dateline(paragraph: str) -> tuple[str, str] | None:
    """Split ``"PLACE, OUTLET – Body…"`` into (prefix, body); None if not a dateline."""
    pre_char = r"(?:[^.!?\n]|\.(?=(?i:co|com|id|net|news|or|go)\b))"  # dots only inside a web address
    match = re.match(rf"^(?P<pre>{pre_char}{{2,90}}?){_DASH}(?P<body>\S.*)$", paragraph)
    if not match or not has_words(match["body"], 8):
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


_RESET = frozenset({"chrome", "skip-link", "nav", "breadcrumb", "pop-up", "share", "promo", "read-also"})
_START = frozenset({"date", "byline", "meta", "staff", "photo-credit", "credit", "credit-tag", "caption"})
_READ_HEADING = re.compile(r"\(?\s*Baca\s+(?:Juga|Pula)\s*:?\s*\)?", re.IGNORECASE)
_COUNTER = re.compile(r"(?:Dibaca|Dilihat|Views?)\s*:?\s*[\d.,]+\s*(?:kali|x)?", re.IGNORECASE)
_PUBLISHED = re.compile(r"(?:Diterbitkan|Dipublikasikan|Diposting|Diperbarui|Posted|Published)\b.*\d.*", re.IGNORECASE)
_PHOTO_END = re.compile(r"(?:\((?:Foto|Dok|Ilustrasi)\b[^()]*\)|\b[A-Z]{3,}(?: FOTO)?/[A-Z][\w .]{2,40})\s*$")


def _photo_end(paragraph: str) -> bool:
    """Whether a paragraph ends in a photo credit (``_PHOTO_END``): searched only when it ends in ")" or has a "/"
    among its last 42 characters, where the credit must sit (the search tries every position of a paragraph)."""
    end = paragraph.rstrip()
    return (end.endswith(")") or "/" in end[-42:]) and bool(_PHOTO_END.search(paragraph))


def _meta_kind(paragraph: str) -> str | None:
    """``date`` or ``meta`` for a line of page data (``Senin, 23 September 2024 | Dibaca 356 kali``,
    ``Diposting oleh: Prokopim | Dilihat: 412 kali``, ``Diterbitkan 19 September 2024 oleh Redaksi …``)."""
    if len(paragraph) > 200 or not _DIGIT.search(paragraph):  # page data is short and has numbers
        return None
    pieces = [p.strip() for p in re.split(r"\s+[|•]\s+", paragraph) if p.strip()]
    data = [is_date_line(p) or _COUNTER.fullmatch(p) or _PUBLISHED.fullmatch(p) for p in pieces]
    other_ok = all(
        d
        or re.fullmatch(r"\d{1,2}[:.]\d{2}(?:\s*WIB|\s*WITA|\s*WIT)?|[^:]{2,30}:\s*\S.{0,40}", p)
        or (len(p.split()) <= 4 and not re.search(r"[.!?]$", p))
        for p, d in zip(pieces, data, strict=True)
    )
    if not any(data) or not other_ok or (len(pieces) == 1 and not data[0]):
        return None
    return "date" if any(is_date_line(p) or FULL_DATE.search(p) for p in pieces) else "meta"


def _is_prose(paragraph: str) -> bool:
    return bool(_SENTENCE_END.search(paragraph)) and has_words(paragraph, 8)


def _classify(paragraphs: list[str]) -> list[tuple[str, str | None]]:
    """Each paragraph with the kind of web chrome it is, or None for page text (title, header, body).

    The footer starts at a ``cut`` rule once the story has begun (at the top of a page such a
    line is a menu item); a bare ``Baca Juga`` heading takes the headlines listed under it.
    """
    items: list[tuple[str, str | None]] = []
    started, listing = False, False
    for i, para in enumerate(paragraphs):
        rule = _match_rule(para)
        if listing and rule is None and _is_title_candidate(para):
            items.append((para, "read-also"))
            continue
        listing = False
        if rule and rule[0] == "cut":
            if started:
                return items + [(p, "footer") for p in paragraphs[i:]]
            items.append((para, "nav"))
        elif rule:
            items.append((para, rule[1]))
            listing = rule[1] == "read-also" and bool(_READ_HEADING.fullmatch(para))
        else:
            items.append((para, None if _byline(para) else _meta_kind(para)))
            started = started or _is_prose(para)
    return items


def _title_index(items: list[tuple[str, str | None]]) -> int | None:
    """Index of the headline: the first headline-like line after the last navigation before the story starts.

    Site names and taglines sit above the menu and breadcrumbs; the headline sits below them,
    just before the date, byline, photo or first paragraph.
    """
    candidate = None
    for i, (para, kind) in enumerate(items[:40]):
        starts = (
            kind in _START
            or kind is None
            and (_byline(para) or is_date_line(para) or _split_dateline(para) or _is_prose(para))
        )
        if kind is None and _is_title_candidate(para):
            candidate = i if candidate is None else candidate
        elif starts:
            if candidate is not None:
                return candidate
        elif kind in _RESET or kind is None:
            candidate = None
    return next((i for i, (p, k) in enumerate(items[:8]) if k is None and _is_title_candidate(p)), None)


def split_boilerplate(raw: str) -> Article:
    """Split a normalised article into title, body paragraphs and removed web chrome.

    Returns an ``Article`` whose ``paragraphs`` are the body and whose ``removed`` lists
    ``(kind, text)`` for every piece taken out: the kinds of ``data/boilerplate.csv``
    (breadcrumb, share, read-also, staff, photo-credit, comments, footer, …) and masthead
    (the site's name above the menu), title, dateline, byline, date, caption, chrome.
    """
    art = Article()
    items = _classify([p.strip() for p in raw.split("\n") if p.strip()])
    t = _title_index(items)
    top, rest = (items[:t], items[t + 1 :]) if t is not None else ([], items)
    if t is not None:
        art.title = items[t][0]
    shown = [p for p, k in top if k is None]
    masthead = next((p for p in shown[:2] if len(p.split()) <= 6 and not _SENTENCE_END.search(p)), None)
    for para, kind in top:
        kind = kind or ("masthead" if para == masthead else "date" if is_date_line(para) else "chrome")
        art.removed.append((kind, para))
    chrome = {p for p, _ in top}
    credited = {rest[i - 1][0] for i in range(1, len(rest)) if rest[i][1] == "photo-credit"}
    kept = []
    for para, kind in rest:
        if kind is None and para in chrome | {art.title}:
            kind = "title" if para == art.title else "chrome"  # the page pasted twice
        if kind:
            art.removed.append((kind, para))
        else:
            kept.append(para)

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
        while body and (_byline(body[0]) or is_date_line(body[0]) or (_is_caption(body[0]) and len(body) > 1)):
            header.append(body.pop(0))
    lead = []  # a header paragraph that reads as prose (a teaser sentence) stays in the body
    for para in header:
        if _byline(para):
            art.removed.append(("byline", para))
        elif is_date_line(para):
            art.removed.append(("date", para))
        elif _is_caption(para) or para in credited:
            art.removed.append(("caption", para))
        else:
            lead.append(para)
    body = lead + body

    for para in body:
        if _photo_end(para) and len(count_words(para)) <= 60:
            art.removed.append(("caption", para))  # a photo caption inside the story
            continue
        para, stripped = _strip_end_rules(para)
        art.removed += [("credit-tag", s) for s in stripped]
        if para:
            art.paragraphs.append(para)
    return art
