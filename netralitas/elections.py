"""Elections: the stages of each election and which election an article speaks of.

Owns the election calendar (``data/election_calendar.csv``: one row per stage of each
election, with English and Indonesian labels and the source of its dates) and the
functions that read it:

- ``election_calendar`` returns the table; ``stage_order`` lists an election's stages in
  calendar order (for sorting tables and drawing timeline bands);
- ``election_stage`` (a label) and ``stage_key`` (a stable key) name the stage a date
  falls in;
- ``election_of`` finds the election an article's text speaks of, ``election_at`` the
  election a date belongs to;
- ``add_election_columns`` adds all of these to a corpus table.

Every day maps to exactly one stage. Within an election the calendar's rows must tile
the days from the first stage to the last without gaps or overlaps (a gap the
regulation leaves, such as the day between the ballot draw and the campaign, is a row
of its own); days before the first row are "Before registration", days after the last
"After the vote". The table is read once and kept for the life of the process.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import re
from typing import NamedTuple

import pandas as pd

from .reference import read_table

CALENDAR_FILE = "election_calendar.csv"

# The stages outside an election's recorded rows: (key, English label, Indonesian label).
BEFORE = ("before_registration", "Before registration", "Sebelum pendaftaran")
AFTER = ("after_vote", "After the vote", "Setelah pemungutan suara")

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
    rf"\b(?:(?P<pilkada>(?i:{_PILKADA}))|(?P<pemilu>(?i:{_PEMILU}))|(?P<generic>(?i:{_GENERIC})))\b"
    r"(?:\s*\([^()\n]{1,20}\))?"  # an acronym in brackets is part of the mention: "pemilihan kepala daerah (Pilkada)"
    rf"(?:(?:[\s,]+(?:{_FILLER})){{0,4}}[\s,]+(?P<year>(?:19|20)\d{{2}})\b)?"
)
_JOINED = re.compile(r"(?i:\s*(?:,|dan|serta|maupun|&)\s*)")


class _Election(NamedTuple):
    name: str
    kind: str  # the name's letters: "pilkada", "pemilu"
    year: int  # the year of the vote
    first: pd.Timestamp
    last: pd.Timestamp


@functools.cache
def _calendar() -> pd.DataFrame:
    """Read and check the calendar once (see ``election_calendar``)."""
    table = read_table(CALENDAR_FILE)
    for column in ("start", "end"):
        table[column] = pd.to_datetime(table[column], format="%Y-%m-%d")
    table = table.sort_values(["election", "start"], kind="stable").reset_index(drop=True)
    backwards = table[table["end"] < table["start"]]
    if not backwards.empty:
        row = backwards.iloc[0]
        raise ValueError(f"data/{CALENDAR_FILE}: {row.election} stage {row.stage!r} ends before it starts")
    for name, rows in table.groupby("election", sort=False):
        if not re.fullmatch(r"[a-z]+\d{4}", name):
            raise ValueError(f"data/{CALENDAR_FILE}: election {name!r} is not a kind and a year (pilkada2024)")
        if rows["stage"].duplicated().any() or "vote" not in set(rows["stage"]):
            raise ValueError(f"data/{CALENDAR_FILE}: {name} needs one 'vote' row and each stage once")
        for before, after in itertools.pairwise(rows.itertuples()):
            if after.start != before.end + pd.Timedelta(days=1):
                raise ValueError(
                    f"data/{CALENDAR_FILE}: {name} stage {after.stage!r} starts {after.start:%Y-%m-%d}, "
                    f"not the day after {before.stage!r} ends ({before.end:%Y-%m-%d}); stages must not overlap "
                    "or leave gaps (give a gap a row of its own)"
                )
    for column in ("label_en", "label_id"):
        labels = table.groupby("stage")[column].nunique()
        if (labels > 1).any():
            raise ValueError(f"data/{CALENDAR_FILE}: stages {list(labels[labels > 1].index)} have several {column}")
    return table


def election_calendar() -> pd.DataFrame:
    """Return the election calendar: one row per stage, ``start`` and ``end`` inclusive Timestamps.

    Columns: election (``pilkada2024``, ``pemilu2024``, ...), stage (a stable key such as
    ``campaign``), label_en, label_id, start, end, source (the regulation, and how the
    dates were checked). Sorted by election and start. A copy: change it freely.

    >>> cal = election_calendar()
    >>> row = cal[(cal.election == "pilkada2024") & (cal.stage == "vote")].iloc[0]
    >>> row.label_id, f"{row.start:%Y-%m-%d}"
    ('Pemungutan suara', '2024-11-27')
    """
    return _calendar().copy()


@functools.cache
def _elections() -> tuple[_Election, ...]:
    """Each election with its kind, vote year and first and last day, by first day."""
    table = _calendar()
    found = []
    for name, rows in table.groupby("election", sort=False):
        vote = rows.loc[rows["stage"] == "vote", "start"].iloc[0]
        found.append(_Election(name, re.match(r"[a-z]+", name).group(), vote.year, rows.start.min(), rows.end.max()))
    return tuple(sorted(found, key=lambda e: (e.first, e.name)))


@functools.cache
def _stages(election: str) -> tuple[tuple[pd.Timestamp, pd.Timestamp, str, str, str], ...]:
    """(start, end, key, English label, Indonesian label) of an election's rows, in order (cached per election)."""
    rows = _calendar()[_calendar()["election"] == election]
    if rows.empty:
        known = ", ".join(e.name for e in _elections())
        raise ValueError(f"unknown election {election!r}; data/{CALENDAR_FILE} has {known}")
    return tuple(zip(rows.start, rows.end, rows.stage, rows.label_en, rows.label_id, strict=True))


def _day(value) -> pd.Timestamp | None:
    """The calendar day of a date, datetime, Timestamp or ISO string; None for None, NaT, NaN or ""."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str | dt.date) and pd.isna(value):
        return None
    day = pd.Timestamp(value)
    if pd.isna(day):
        return None
    return (day.tz_localize(None) if day.tz is not None else day).normalize()


def _stage(date, election: str) -> tuple[str, str, str]:
    """(key, English label, Indonesian label) of the stage ``date`` falls in; empty strings without a date."""
    day = _day(date)
    if day is None or not election:
        return ("", "", "")
    stages = _stages(election)
    if day < stages[0][0]:
        return BEFORE
    return next((stage[2:] for stage in stages if day <= stage[1]), AFTER)


def stage_key(date, election: str = "pilkada2024") -> str:
    """Return the key of the stage ``date`` falls in (``campaign``, ``before_registration``, ...); "" without a date.

    >>> stage_key("2024-11-25"), stage_key("2024-01-01"), stage_key("2025-01-01"), stage_key(None)
    ('quiet_days', 'before_registration', 'after_vote', '')
    """
    return _stage(date, election)[0]


def election_stage(date, election: str = "pilkada2024", lang: str = "en") -> str:
    """Return the label of the stage of ``election`` that ``date`` falls in; "" without a date.

    ``date`` may be a date, datetime, pandas Timestamp or ISO string (a time of day is
    ignored); None, NaT or "" give "" (no date), and so does ``election=""`` (no
    election). ``lang="id"`` gives the Indonesian label. Before the first recorded
    stage the label is "Before registration" (Sebelum pendaftaran), after the last
    "After the vote" (Setelah pemungutan suara); every day in between belongs to exactly
    one row of the calendar, gaps included ("Before the campaign" for the day between
    the ballot draw and the campaign).

    >>> election_stage("2024-09-22"), election_stage("2024-09-22", lang="id")
    ('Candidates set', 'Penetapan pasangan calon')
    >>> election_stage("2024-02-14", election="pemilu2024", lang="id")
    'Pemungutan suara'
    """
    if lang not in ("en", "id"):
        raise ValueError(f"lang must be 'en' or 'id', not {lang!r}")
    return _stage(date, election)[1 if lang == "en" else 2]


def stage_order(election: str | None = "pilkada2024", lang: str | None = None) -> tuple[str, ...]:
    """Return the stages of ``election`` in calendar order, from "before registration" to "after the vote".

    Keys by default, labels with ``lang="en"`` or ``"id"``: use them as the categories of
    an ordered ``pd.Categorical`` to sort a table by stage. ``election=None`` merges the
    stages of every election in the calendar into one order (each election's order is
    kept), for comparing elections stage by stage.

    >>> stage_order()[:3]
    ('before_registration', 'registration_announcement', 'registration')
    >>> stage_order(lang="id")[-3:]
    ('Pemungutan suara', 'Penghitungan dan rekapitulasi', 'Setelah pemungutan suara')
    """
    if lang not in (None, "en", "id"):
        raise ValueError(f"lang must be None, 'en' or 'id', not {lang!r}")
    names = [e.name for e in _elections()] if election is None else [election]
    keys: list[str] = []
    for name in names:
        previous = None
        for _, _, key, _, _ in _stages(name):
            if key not in keys:
                keys.insert(keys.index(previous) + 1 if previous else 0, key)
            previous = key
    labels = {BEFORE[0]: BEFORE, AFTER[0]: AFTER}
    labels.update({stage[2]: stage[2:] for name in names for stage in _stages(name)})
    column = {None: 0, "en": 1, "id": 2}[lang]
    return tuple(labels[key][column] for key in (BEFORE[0], *keys, AFTER[0]))


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
    mentions = list(_MENTION.finditer(text or ""))
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
    rows = []
    for title, text, published, election, source in zip(
        titles, df["text"], df["published"], known, sources, strict=True
    ):
        if not isinstance(election, str) or not isinstance(source, str):  # not found ahead (by the loader)
            election, source = election_and_source(title, text, published)
        rows.append((election, source, *_stage(published, election)))
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
