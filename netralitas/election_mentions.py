"""Election mentions: which election an article speaks of, and its stage on the publication date.

- ``election_of`` finds the election an article's text speaks of (weighed mentions, see its
  docstring), ``election_at`` the election a date belongs to (``netralitas.elections`` holds the
  calendar both read);
- ``add_election_columns`` adds the election, how it was found and the stage to a corpus table.
"""

from __future__ import annotations

import re

import pandas as pd

from .elections import _day, _Election, _elections, _stage
from .text import folds_like_ascii

# Weights of a mention in election_of (see its docstring).
WEIGHT_NAMED = 3  # a kind of election with its year: "Pilkada 2024", "Pemilu 2024", "Pilpres 2024"
WEIGHT_KIND = 2  # a kind of election without a year: "Pilkada", "pemilihan kepala daerah", "Pileg"
WEIGHT_GENERIC = 1  # the election season: "tahun politik (2024)", "pesta demokrasi (2024)"

_PILKADA = (
    r"pilkada|pemilukada|pemilihan\s+(?:umum\s+)?kepala\s+daerah|pilbup|pilwali|pilwalkot|pilgub"
    r"|pemilihan\s+(?:gubernur|bupati|wali\s*kota)"
)
_PEMILU = r"pemilu|pemilihan\s+umum|pilpres|pileg|pemilihan\s+(?:presiden|legislatif)"
_GENERIC = r"tahun\s+politik|pesta\s+demokrasi"
# Words allowed between a mention and its year: "Pilkada serentak tahun 2024", "Pilgub Jawa Barat 2024".
# A capitalised word counts (a place name), but not "Nomor" (a law's number) nor another mention.
_FILLER = rf"(?i:serentak|nasional|lanjutan|tahun|thn\.?|th\.?)|(?!(?i:nomor|no|{_PILKADA}|{_PEMILU})\b)[A-Z][\w-]*"
_MENTION = re.compile(
    r"(?=[PpTt])"  # every kind above starts with p or t: this quick test spares the slower ones at most positions
    rf"\b(?:(?P<pilkada>(?i:{_PILKADA}))|(?P<pemilu>(?i:{_PEMILU}))|(?P<generic>(?i:{_GENERIC})))\b"
    r"(?:\s*\([^()\n]{1,20}\))?"  # an acronym in brackets is part of the mention: "pemilihan kepala daerah (Pilkada)"
    rf"(?:(?:[\s,]+(?:{_FILLER})){{0,4}}[\s,]+(?P<year>(?:19|20)\d{{2}})\b)?"
)
_JOINED = re.compile(r"(?i:\s*(?:,|dan|serta|maupun|&)\s*)")
_STARTS = ("pil", "pemil", "tahun", "pesta")  # every kind above starts with one of these, in any case


def _mentions(text: str) -> list[re.Match]:
    """``list(_MENTION.finditer(text))``, in about 60% of the time: the pattern is tried only where the lower-cased
    text has one of ``_STARTS`` (found by ``str.find``), not at every p and t of the text."""
    if not folds_like_ascii(text):
        return list(_MENTION.finditer(text))
    lower, starts = text.lower(), set()
    for start in _STARTS:
        at = lower.find(start)
        while at >= 0:
            starts.add(at)
            at = lower.find(start, at + 1)
    found, end = [], 0
    for at in sorted(starts):
        if at >= end and (match := _MENTION.match(text, at)):  # matches do not overlap, as with finditer
            found.append(match)
            end = match.end()
    return found


def _nearest(candidates: list[_Election], day: pd.Timestamp | None) -> str:
    """The candidate running on ``day``, else the next to begin, else the last to end; "" if none."""
    if not candidates:
        return ""
    if day is None:
        return candidates[0].name
    running = [e for e in candidates if e.first <= day <= e.last]
    upcoming = sorted((e for e in candidates if e.first > day), key=lambda e: e.first)
    past = sorted((e for e in candidates if e.last < day), key=lambda e: e.last)
    return (running or upcoming or past[::-1])[0].name


def election_at(date) -> str:
    """Return the election a date belongs to: the one whose stages are running, else the next to begin; "" if none.

    Used when an article names no election: a date between two elections belongs to
    the next one (an article of April 2024 leads up to the Pilkada of November 2024).
    A date after the last election in the calendar, or no date, gives "".

    >>> election_at("2023-03-09"), election_at("2024-04-15"), election_at("2030-01-01")
    ('pemilu2024', 'pilkada2024', '')
    """
    day = _day(date)
    if day is None:
        return ""
    return _nearest([e for e in _elections() if e.last >= day], day)


def election_of(text: str, published=None) -> str:
    """Return the election an article's text speaks of (``pilkada2024``, ``pemilu2024``, ...), or "".

    Every mention in the text votes for one election, with a weight:

    - a kind of election with its year, ``Pilkada (serentak) (tahun) 2024``, ``Pilgub
      Jawa Barat 2024``, ``Pemilu 2024``, ``Pemilihan Umum (Pemilu) 2024``, ``Pilpres
      2024``, ``Pileg 2024``: that election, weight 3. Pilkada, Pemilukada, pemilihan
      (umum) kepala daerah, Pilbup, Pilwali, Pilgub and pemilihan gubernur/bupati/wali
      kota are one kind; Pemilu, pemilihan umum, Pilpres, Pileg and pemilihan presiden/
      legislatif the other. ``Pemilu dan Pilkada 2024`` gives both the year.
    - a kind without a year (``Pilkada``, ``pemilihan kepala daerah``): the election of
      that kind running at the publication date, else the next to begin, else the last
      to end; weight 2.
    - the season, ``tahun politik`` or ``pesta demokrasi``, with or without a year: the
      election of any kind (voting in that year, if given) chosen the same way; weight 1.
      So an article of March 2023 on "tahun politik 2024" speaks of the Pemilu of
      February 2024 (whose stages have begun), one of September 2024 of the Pilkada.

    The election with the largest total wins; a tie goes to the election running at
    the publication date, else the next to begin, else the last to end (without a date,
    to the one mentioned first). Limits: without a publication date a mention without a
    year cannot be placed and is ignored; a year not in the calendar (``Pilkada 2029``)
    is ignored; a mention of a past election as a comparison ("seperti Pilkada 2020")
    still counts for it; typos ("pemilihan kepada daerah") and other wordings are missed.

    >>> election_of("ASN wajib netral dalam Pilkada serentak tahun 2024.")
    'pilkada2024'
    >>> election_of("Menjelang tahun politik 2024, ASN diminta netral.", published="2023-03-09")
    'pemilu2024'
    >>> election_of("Netralitas ASN jelang Pilkada.", published="2024-09-14"), election_of("Netralitas ASN.")
    ('pilkada2024', '')
    """
    day = _day(published)
    elections = _elections()
    votes: dict[str, int] = {}
    order: list[str] = []
    mentions = _mentions(text or "")
    years = [m["year"] for m in mentions]
    for i in range(len(mentions) - 2, -1, -1):  # "Pemilu dan Pilkada 2024": the year serves both
        between = (text or "")[mentions[i].end() : mentions[i + 1].start()]
        if years[i] is None and _JOINED.fullmatch(between):
            years[i] = years[i + 1]
    for mention, year in zip(mentions, years, strict=True):
        kind = "generic" if mention["generic"] else ("pilkada" if mention["pilkada"] else "pemilu")
        candidates = [e for e in elections if kind in ("generic", e.kind) and (year is None or e.year == int(year))]
        if year is None and day is None:
            continue
        if kind == "generic":
            name, weight = _nearest(candidates, day), WEIGHT_GENERIC
        elif year is None:
            name, weight = _nearest(candidates, day), WEIGHT_KIND
        else:
            name, weight = (candidates[0].name if candidates else ""), WEIGHT_NAMED
        if name:
            votes[name] = votes.get(name, 0) + weight
            order.append(name)
    if not votes:
        return ""
    best = max(votes.values())
    tied = [e for e in elections if votes.get(e.name) == best]
    if len(tied) == 1:
        return tied[0].name
    return _nearest(tied, day) if day is not None else next(n for n in order if votes[n] == best)


def add_election_columns(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of a corpus table with the election each article speaks of and the stage of its date.

    Needs ``text`` and ``published`` (``title`` is read too when present). Columns ``election`` and
    ``election_source`` already present (the loader finds them while parsing) are kept. Adds:

    - ``election``: ``election_of(title + text, published)``; when the text names no
      election, ``election_at(published)`` (the election the date belongs to);
    - ``election_source``: ``"text"`` or ``"date"`` (how ``election`` was found), ``""``
      when there is neither a mention nor a date in an election's reach;
    - ``stage_key``, ``stage`` (English label) and ``stage_id`` (Indonesian label): the
      stage of ``published`` in that election, ``""`` without an election or a date.

    The input is not changed.
    """
    missing = [c for c in ("text", "published") if c not in df.columns]
    if missing:
        raise ValueError(f"add_election_columns needs the columns {missing}")
    titles = df["title"] if "title" in df.columns else pd.Series("", index=df.index)
    known = df["election"] if "election" in df.columns else pd.Series(None, index=df.index)
    sources = df["election_source"] if "election_source" in df.columns else pd.Series(None, index=df.index)
    rows, stages = [], {}  # stages: a corpus has few distinct dates, and a date's stage takes 10 µs to find
    texts = df["text"]
    for i, (title, published, election, source) in enumerate(zip(titles, df["published"], known, sources, strict=True)):
        if not isinstance(election, str) or not isinstance(source, str):  # not found ahead (by the loader)
            election, source = election_and_source(title, texts.iat[i], published)  # a text only where needed
        stage = stages.get((published, election))
        if stage is None:
            stage = stages[published, election] = _stage(published, election)
        rows.append((election, source, *stage))
    columns = ["election", "election_source", "stage_key", "stage", "stage_id"]
    return df.assign(**{column: [row[i] for row in rows] for i, column in enumerate(columns)})


def election_and_source(title: str, text: str, published) -> tuple[str, str]:
    """Return ``(election, how it was found)`` for one article: ``"text"``, ``"date"`` or ``""``.

    The election the title and text speak of (``election_of``), else the one its date belongs to.
    """
    election = election_of("\n".join(p for p in (title, text) if isinstance(p, str)), published)
    source = "text" if election else ""
    if not election and (election := election_at(published)):
        source = "date"
    return election, source
