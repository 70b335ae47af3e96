"""Timeline: publication dates drawn against the election calendar.

Owns the colours of the election stages, their shaded bands behind a date axis (``stage_bands``)
with labels in the reader's language, and the dots of the articles (``plot_timeline``).
"""

from __future__ import annotations

import itertools
import re
import zlib

import pandas as pd

from .elections import election_calendar
from .i18n import label, language
from .overview import FEW_ARTICLES
from .plots import PALETTE, article_labels, region_color

# Paul Tol's light scheme (colour-blind-safe), one colour per stage of several days, the same in every
# election; the campaign takes the strongest. A stage not listed here takes a colour from its name.
STAGE_COLORS = {
    "party_registration": "#AAAA00", "legislative_nomination": "#44BB99", "registration_announcement": "#EEDD88",
    "registration": "#FFAABB", "verification": "#99DDFF", "pre_campaign": "#DDDDDD", "campaign": "#EE8866",
    "quiet_days": "#BBCC33", "counting": "#77AADD",
}  # fmt: skip
_ONE_DAY_STYLES = ((0, (4, 2)), (0, (1, 1.5)), (0, (6, 1.5, 1, 1.5)), (0, (2, 3)))
_MONTHS_ID = {"May": "Mei", "Aug": "Agu", "Oct": "Okt", "Dec": "Des"}


def _months(text: str, lang: str | None = None) -> str:
    """Return ``text`` with English month abbreviations (``%b``) in the reader's language."""
    if (lang or language()) != "id":
        return text
    return re.sub(r"[A-Z][a-z]{2}", lambda m: _MONTHS_ID.get(m.group(), m.group()), text)


def _day(day, fmt: str = "%d %b %Y", lang: str | None = None) -> str:
    """Return a date as written in the reader's language: ``09 Oct 2024`` in English, ``09 Okt 2024`` in Indonesian."""
    return _months(f"{day:{fmt}}", lang)


def election_label(election: str) -> str:
    """Return an election key as people write it, in the reader's language (``label``).

    Pilkada and Pemilu are their names in both languages; another kind takes its ``data/labels.csv`` entry.

    >>> election_label("pilkada2024"), election_label("pemilu2019")
    ('Pilkada 2024', 'Pemilu 2019')
    """
    kind, year = re.fullmatch(r"([a-z]+)(\d{4})", election).groups()
    return f"{label(kind.capitalize())} {year}"


def stage_bands(ax, election: str, *, lang: str | None = None, alpha: float = 0.45, legend_columns: int = 2) -> None:
    """Draw the stages of an election behind a date axis, with a legend of stage labels and dates below it.

    Each stage of several days is a shaded band (``STAGE_COLORS``, low opacity, drawn behind
    the data); a one-day stage is a vertical line: the vote solid and dark, the others
    dashed grey in different dash patterns. Labels are the calendar's Indonesian
    (``lang="id"``) or English stage labels with their dates, in the reader's language
    (``language()``) unless ``lang`` is given; the legend's title names the
    election and the KPU regulation of its schedule (``election_calendar``'s ``source``).
    The x-axis gets concise date ticks and takes in the whole calendar of the election.
    """
    import matplotlib.dates as mdates
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.transforms import ScaledTranslation

    table = election_calendar()
    rows = table[table["election"] == election]
    if rows.empty:
        raise ValueError(f"no stages for election {election!r} in the election calendar")
    lang = lang or language()
    handles, dashes = [], itertools.cycle(_ONE_DAY_STYLES)
    for row in rows.itertuples():
        name = row.label_id if lang == "id" else row.label_en
        if row.start == row.end:
            vote = row.stage == "vote"
            style = {"color": "black", "linewidth": 2} if vote else {"color": "0.4", "linestyle": next(dashes)}
            ax.axvline(row.start, zorder=1, **style)
            handles.append(Line2D([], [], label=f"{name} ({_day(row.start, lang=lang)})", **style))
        else:
            color = STAGE_COLORS.get(row.stage) or PALETTE[zlib.crc32(row.stage.encode()) % len(PALETTE)]
            ax.axvspan(row.start, row.end + pd.Timedelta(days=1), color=color, alpha=alpha, linewidth=0, zorder=0)
            first = _day(row.start, "%d %b", lang) + (f" {row.start:%Y}" if row.start.year != row.end.year else "")
            dates = f"{first} – {_day(row.end, lang=lang)}"
            handles.append(Patch(facecolor=color, alpha=alpha, label=f"{name} ({dates})"))
    regulation = re.search(r"PKPU \d+/\d{4}", " ".join(rows["source"]))
    title = label("Stages of {election}", lang).format(election=election_label(election))
    title += f" ({regulation.group()})" if regulation else ""
    below = ax.transAxes + ScaledTranslation(0, -0.35, ax.figure.dpi_scale_trans)  # under the date ticks
    ax.legend(handles=handles, title=title, loc="upper left", bbox_to_anchor=(0, 0), bbox_transform=below,
              ncols=legend_columns, fontsize=8, title_fontsize=9, frameon=False, alignment="left")  # fmt: skip
    locator = mdates.AutoDateLocator()
    ax.xaxis.set_major_locator(locator)
    formatter = mdates.ConciseDateFormatter(locator, offset_formats=["", *["%Y"] * 5])
    if lang == "id":  # month names of the ticks in Indonesian too

        def format_ticks(values, english=formatter.format_ticks):
            return [_months(text, lang) for text in english(values)]

        formatter.format_ticks = format_ticks
    ax.xaxis.set_major_formatter(formatter)


def plot_timeline(ax, df: pd.DataFrame, labels: pd.Series | None = None) -> None:
    """Draw one dot per dated article on a date axis, a row per article (earliest on top), its date beside it.

    Above ``FEW_ARTICLES`` dated articles, thousands of rows cannot be read: bars of articles
    per week (weeks starting on Monday) are drawn instead.

    Each dot has its region's colour (``region_color``); ``labels`` (indexed like ``df``)
    names the rows, by default ``article_labels(df)``. Articles without a ``published`` date
    cannot be placed and are left out: count them before. Draw ``stage_bands`` on the same
    axes to see the articles against an election's calendar.
    """
    if df["published"].notna().sum() > FEW_ARTICLES:
        _plot_weeks(ax, df)
        return
    labels = article_labels(df) if labels is None else labels
    rows = df.assign(row_label=labels).dropna(subset=["published"]).sort_values(["published", "row_label"])
    dots = [region_color(region) for region in rows["region"]]
    ax.scatter(rows["published"], rows["row_label"], s=70, color=dots, edgecolor="white", linewidth=0.8, zorder=3)
    for day, row_label in zip(rows["published"], rows["row_label"], strict=True):
        ax.annotate(_day(day), (day, row_label), xytext=(6, 4), textcoords="offset points", fontsize=8)
    ax.margins(x=0.06, y=0.6 / max(1, len(rows)))
    ax.invert_yaxis()
    ax.set_ylabel(label("Region"))


def _plot_weeks(ax, df: pd.DataFrame) -> None:
    """Bars of dated articles per week (Monday to Sunday), each bar starting on its Monday."""
    days = pd.to_datetime(df["published"].dropna())
    mondays = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    weeks = mondays.value_counts().sort_index()
    ax.bar(weeks.index, weeks.to_numpy(), width=7, align="edge", color=PALETTE[0], edgecolor="white", zorder=3)
    ax.set_ylabel(label("Articles per week"))
    ax.margins(x=0.03)
