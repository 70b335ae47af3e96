"""Outlets: which news outlet published an article, from the pieces of web chrome around it.

Owns ``find_outlet``: the outlet a byline, the dateline, an outlet line (``Redaksi Sumut Terkini``),
the masthead, a syndication or copyright line or a ``Site icon`` line names, most trusted first,
then an agency credit (``Tim Konten BKPSDM``); staff lines (``Editor:``, ``Reporter:``) never.
"""

from __future__ import annotations

import re

from .article import BYLINE, Article
from .dates import FULL_DATE, WEEKDAY_RE
from .reference import institutions, regencies
from .regions import dateline_place

_DOMAIN = re.compile(r"^([\w-]+?)(?:\.(?:co\.id|com|co|id|net|or\.id|go\.id|news|web\.id))+$", re.IGNORECASE)


def _clean_outlet(name: str, recase: bool = True) -> str:
    """Tidy an outlet name; ``recase`` turns shouted dateline words (``PROKALTENG.CO``) into ``Prokalteng``."""
    name = name.strip(" ,.-–—|()[]")
    domain = _DOMAIN.match(name)
    if domain:
        name = domain.group(1)
    name = re.sub(r"^(?:Tim\s+)?Redaksi\s+", "", name, flags=re.IGNORECASE)
    if not recase:
        return name
    shouted = name.isupper() and len(name.split()) > 1  # NUSA BUNGA POS: every word recased
    acronyms = {acronym for _, acronym in institutions()}
    return " ".join(
        w.capitalize() if w.isupper() and (len(w) > 4 or shouted) and w not in acronyms else w for w in name.split()
    )


_AGENCY = re.compile(
    r"\b(BKPSDMD?|BKPP|BKD|Diskominfo\w*|Kominfo|Humas|Prokopim|Setda|Bawaslu|KPU|Inspektorat)\b", re.I
)


_OUTLET_LINE = re.compile(r"(?:\boleh\s+)?(?:Tim\s+)?Redaksi\s+(?P<name>[^\d—–|:\n]{2,40})$", re.IGNORECASE)
_SYNDICATED = re.compile(
    r"Artikel ini (?:telah )?(?:tayang|terbit|dimuat|ditayangkan) di (?P<name>[^.,\n]+?)(?: dengan judul\b|[.,]|$)"
)


def _copyright_owner(text: str) -> str:
    """The owner a copyright line names (``© 2024 Suara Patriot. Seluruh hak cipta dilindungi.`` → Suara Patriot)."""
    if not re.match(r"(?:Copyright|Hak Cipta|©)", text, re.IGNORECASE):
        return ""
    name = re.sub(r"Copyright|Hak Cipta|©|\(c\)|\b(?:19|20)\d{2}\b", " ", text, flags=re.IGNORECASE)
    name = re.split(r"\.\s|\.$|\s\|\s|,", name.strip())[0].strip(" .")
    ok = name[:1].isupper() and len(name.split()) <= 6 and not re.search(r"dilindungi|reserved", name, re.I)
    return name if ok else ""


def _outlet_candidates(art: Article, first_line: str) -> list[str]:
    """Outlet names the page gives, most trusted first: byline, dateline, outlet line, masthead, syndication
    line, copyright line, ``Site icon``."""
    found = []
    for kind, text in art.removed:
        if kind == "byline" and not re.fullmatch(WEEKDAY_RE, BYLINE.match(text)["outlet"].strip(), re.IGNORECASE):
            found.append(BYLINE.match(text)["outlet"])
    if art.dateline:
        parts = [p.strip() for p in re.split(r"\s*,\s*|\s*\(|\)", art.dateline) if p.strip()]
        parts = [p for p in parts if not (FULL_DATE.search(p) or re.fullmatch(rf"{WEEKDAY_RE}", p, re.I))]
        found += [p for p in parts if _DOMAIN.match(p)] + [p for p in parts if not dateline_place(p)]
    found += [m["name"] for m in (_OUTLET_LINE.search(text) for _, text in art.removed) if m]
    found += [text for kind, text in art.removed if kind == "masthead"]
    found += [m["name"] for m in (_SYNDICATED.match(text) for _, text in art.removed) if m]
    found += [_copyright_owner(text) for _, text in art.removed]
    icon = re.match(r"Site icon\s+(.+)", first_line)
    found += [icon.group(1)] if icon else []
    return [_clean_outlet(name) for name in found if name.strip()]


def find_outlet(art: Article, first_line: str, regency: str) -> str:
    """Return the outlet: a byline, the dateline, an outlet line (``Redaksi Sumut Terkini``), the site's masthead,
    a syndication or copyright line, a ``Site icon`` line, then an agency credit (``Tim Konten BKPSDM``).

    Staff lines (``Editor: Rina``, ``Reporter: …``, ``Foto: …``) name people, never the outlet. When
    two sources spell the same name, the spaced one is shown (``SUMUTTERKINI`` → ``Sumut Terkini``).
    """
    candidates = _outlet_candidates(art, first_line)
    if candidates:
        squash = lambda name: re.sub(r"[\W_]+", "", name).casefold()  # noqa: E731
        same = [c for c in candidates if squash(c) == squash(candidates[0])]
        return max(same, key=lambda c: (c.count(" "), -same.index(c)))
    for kind, text in art.removed:
        if kind == "credit" and (text.startswith("[") or text.startswith("Tim ") or _AGENCY.search(text)):
            name = re.sub(r"^\W*(?:Tim\s+(?:Konten|Redaksi|Humas|Liputan|Media|Publikasi)\s+)", "", text).strip(" []()")
            name = re.split(r"\s*[|/]\s*", name)[-1]
            name = re.sub(r"^ADV\s+", "", name)
            if _AGENCY.search(name) and regency and regency.casefold() not in name.casefold():
                rows = regencies()[regencies()["regency"] == regency]
                abbreviations = {a for value in rows["abbreviations"] for a in value.split(";")}
                if not any(a and a in name.split() for a in abbreviations):
                    name = f"{name} {regency}"
            if name:
                return _clean_outlet(name, recase=False)
    return ""
