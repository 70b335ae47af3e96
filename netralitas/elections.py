"""Elections: the calendar of each election and the stage a date falls in.

Owns the election calendar (``data/election_calendar.csv``: one row per stage of each
election, with English and Indonesian labels and the source of its dates) and the
functions that read it (the election an article speaks of is ``netralitas.election_mentions``):

- ``election_calendar`` returns the table; ``stage_order`` lists an election's stages in
  calendar order (for sorting tables and drawing timeline bands);
- ``election_stage`` (a label) and ``stage_key`` (a stable key) name the stage a date
  falls in;

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
