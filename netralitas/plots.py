"""Plots: the figures and styled tables the notebooks share.

Owns the colour-blind-safe palette and each region's colour, article labels, bar charts
of terms, word clouds, dispersion plots, KWIC tables and heatmaps.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import math
import re
import textwrap
import zlib

import pandas as pd

from .concordance import kwic
from .elections import election_calendar
from .i18n import label, language
from .reference import regencies
from .regions import region_name

# Okabe & Ito's colour-blind-safe palette, then Paul Tol's muted scheme for larger corpora.
# (Okabe-Ito's yellow is left out: it cannot be read as text on white.)
PALETTE = (
    "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#332288", "#117733",
    "#882255", "#44AA99", "#999933", "#AA4499", "#6699CC", "#CC6677", "#000000", "#888888",
)  # fmt: skip


@functools.cache
def _gazetteer_slots() -> dict[str, int]:
    """Region label -> palette slot: a province's regions take neighbouring slots from a start set by its code."""
    slots = {}
    for province_code, group in regencies().sort_values("code").groupby("province_code", sort=True):
        start = int(province_code) * 3  # 3 is prime to the palette's length: provinces spread over it
        slots[group["province"].iloc[0]] = (start - 1) % len(PALETTE)
        for k, row in enumerate(group.itertuples()):
            slots[region_name(row.regency, row.regency_type, row.province)] = (start + k) % len(PALETTE)
    return slots


def region_color(name: str) -> str:
    """Return the fixed colour of one region, whatever else is in the corpus.

    Regions of one province take neighbouring colours of ``PALETTE`` (so up to 16 regencies of a
    province never share one); a name outside the gazetteer gets a colour from its letters.

    >>> region_color("Sleman"), region_color("Bondowoso")
    ('#44AA99', '#CC79A7')
    """
    slot = _gazetteer_slots().get(name)
    if slot is None:
        slot = zlib.crc32(name.encode("utf-8")) % len(PALETTE)
    return PALETTE[slot]


def region_colors(names) -> dict[str, str]:
    """Return ``{region: colour}`` for the given region names (each region's fixed ``region_color``).

    >>> region_colors(["Sleman", "Bondowoso"])
    {'Bondowoso': '#CC79A7', 'Sleman': '#44AA99'}
    """
    return {name: region_color(name) for name in sorted({str(n) for n in names})}


def small_multiples(n: int, ncols: int = 3, panel: tuple[float, float] = (4.2, 3.2), **kwargs):
    """Return ``(fig, axes)``: a grid of ``n`` panels, ``ncols`` wide, the unused cells of the grid hidden.

    ``axes`` is a flat list of exactly ``n`` axes, in reading order.
    """
    import matplotlib.pyplot as plt

    ncols = max(1, min(ncols, n))
    nrows = max(1, math.ceil(n / ncols))
    fig, grid = plt.subplots(nrows, ncols, figsize=(panel[0] * ncols, panel[1] * nrows), squeeze=False, **kwargs)
    for ax in grid.flat[n:]:
        ax.axis("off")
    return fig, list(grid.flat[:n])


def bar_chart(ax, labels, values, colors, *, fmt: str = "{:,.0f}", integer: bool = False) -> None:
    """Draw horizontal bars, first label on top, each bar in its colour and its value written beside it.

    ``colors`` is one colour or one per bar (e.g. ``[region_color(r) for r in regions]``);
    ``integer=True`` puts ticks on whole numbers only (for counts).
    """
    from matplotlib.ticker import MaxNLocator

    labels, values = [str(x) for x in labels], [float(v) for v in values]
    ax.barh(labels, values, color=colors)
    ax.invert_yaxis()
    high = max(values, default=0) or 1
    for y, value in enumerate(values):
        ax.text(value + high * 0.01, y, fmt.format(value), va="center", fontsize=9)
    ax.set_xlim(0, high * 1.15)
    if integer:
        ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))


def message_panel(ax, title: str, message: str) -> None:
    """Turn a panel into a sentence, for a group with nothing to draw (no term passes, no match)."""
    ax.set_title(title, fontsize=10)
    ax.text(0.5, 0.5, message, ha="center", va="center", wrap=True, transform=ax.transAxes, fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    for spine in ax.spines.values():
        spine.set_visible(False)


def article_labels(df: pd.DataFrame) -> pd.Series:
    """Return a short label per article for plots: its region, plus the doc_id where regions repeat."""
    region = df["region"].replace("", "(unknown)")
    repeated = region.duplicated(keep=False)
    return region.where(~repeated, region + " · " + df["doc_id"].str.slice(0, 3))


def plot_terms(ax, table: pd.DataFrame, value: str = "count", n: int = 15, color: str = PALETTE[0]) -> None:
    """Draw the top ``n`` rows of a term table (columns term and ``value``) as horizontal bars, largest on top.

    Counts get whole-number ticks.
    """
    from matplotlib.ticker import MaxNLocator

    top = table.nlargest(n, value, keep="first").iloc[::-1]
    ax.barh(top["term"], top[value], color=color)
    ax.tick_params(axis="y", labelsize=9)
    ax.margins(y=0.01)
    if value == "count":
        ax.xaxis.set_major_locator(MaxNLocator(nbins="auto", integer=True))


def word_cloud(frequencies: dict[str, float], *, seed: int = 42, color: str | None = None, **options):
    """Return a ``wordcloud.WordCloud`` drawn from term frequencies, the same every time for a given seed.

    Built from frequencies, not raw text, so no collocation phrase repeats its words.
    ``color`` paints every word one colour (a region's); otherwise the colormap is used.
    Uses the font shipped inside the wordcloud package: nothing is downloaded.
    """
    from matplotlib.colors import ListedColormap
    from wordcloud import WordCloud

    dark = ListedColormap(["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#332288", "#882255", "#117733"])
    settings = {"width": 800, "height": 400, "background_color": "white", "max_words": 80, "colormap": dark}
    settings.update(options)
    if color:
        settings["color_func"] = lambda *args, **kwargs: color
    return WordCloud(random_state=seed, **settings).generate_from_frequencies(frequencies)


def plot_dispersion(ax, df: pd.DataFrame, patterns: list[str]) -> None:
    """Draw where each pattern occurs along each article (0 = start, 1 = end), one row per article and pattern."""
    labels = article_labels(df)
    rows = [(label, doc) for label, doc in zip(labels, df["doc_id"], strict=True)]
    for k, pattern in enumerate(patterns):
        hits = kwic(df, pattern)
        for i, (_, doc) in enumerate(rows):
            positions = hits.loc[hits["doc_id"] == doc, "position"]
            y = i + (k - (len(patterns) - 1) / 2) * 0.8 / max(1, len(patterns))
            ax.scatter(positions, [y] * len(positions), marker="|", s=250, color=PALETTE[k % len(PALETTE)],
                       label=pattern if i == 0 else None)  # fmt: skip
    for i in range(len(rows) - 1):
        ax.axhline(i + 0.5, color="0.85", linewidth=0.8)
    ax.set_yticks(range(len(rows)), [label for label, _ in rows])
    ax.set_xlim(-0.02, 1.02)
    ax.invert_yaxis()


def table_id(table: pd.DataFrame, salt: str = "") -> str:
    """Return a short id computed from a table's content, for reproducible HTML (Styler ids are random otherwise)."""
    digest = hashlib.sha1(salt.encode("utf-8"))
    digest.update(table.to_csv().encode("utf-8"))
    return digest.hexdigest()[:10]


def show_table(table: pd.DataFrame, n: int = 15, *, digits: int = 2, caption: str = ""):
    """Return a table styled for people: no index, numbers rounded with thousands separators, at most ``n`` rows.

    A longer table is cut to its first ``n`` rows and the caption says how many there are
    (``first 15 of 35 rows``). Text is escaped (article text is data, never markup) and the
    table's HTML id is computed from its content, so a rebuilt report has the same bytes.
    """
    shown = table.head(n) if n else table
    note = ""
    if len(shown) < len(table):
        note = label("first {shown} of {total} rows").format(shown=number(len(shown)), total=number(len(table)))
    caption = "; ".join(filter(None, [caption, note]))
    numeric = shown.select_dtypes("number").columns
    integer = [c for c in numeric if pd.api.types.is_integer_dtype(shown[c])]
    styler = (
        shown.style.hide(axis="index")
        .format(escape="html", na_rep="")
        .format(number, subset=integer)
        .format(lambda x: number(x, digits), subset=[c for c in numeric if c not in integer])
        .relabel_index([label(str(c)) for c in shown.columns], axis="columns")
        .set_uuid(table_id(shown, caption))
    )
    return styler.set_caption(caption) if caption else styler


def number(value, digits: int = 0) -> str:
    """Return a number written for the reader's language: ``1,234.57`` in English, ``1.234,57`` in Indonesian.

    >>> number(1234.567, 2), number(1200)
    ('1,234.57', '1,200')
    """
    if pd.isna(value):
        return ""
    text = f"{value:,.{digits}f}"
    if language() == "id":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def show_kwic(hits: pd.DataFrame, df: pd.DataFrame | None = None, n: int = 20):
    """Return a KWIC table styled for reading: left context right-aligned, keyword bold, region shown.

    Pass the corpus as ``df`` to add each line's region. When there are more than ``n``
    lines, the sample is spread over the regions (each region's first line, then each one's
    second, …) and kept in text order; the caption says how many lines there are in all.
    """
    table = hits.reset_index(drop=True)
    if df is not None:
        values = dict(zip(df["doc_id"], df["region"], strict=True))
        table.insert(1, "region", table["doc_id"].map(values).fillna(""))
    group = table["region"] if "region" in table else table["doc_id"]
    kind = "regions" if "region" in table else "articles"
    note = ""
    if len(table) > n:
        turn = table.groupby(group, sort=False).cumcount()
        keep = sorted(turn.sort_values(kind="stable").index[:n])
        note = label("{shown} of {total} lines, from {groups} of {all_groups} {kind}").format(
            shown=n, total=len(table), groups=group[keep].nunique(), all_groups=group.nunique(), kind=label(kind)
        )
        table = table.loc[keep]
    shown = table.drop(columns=["position"], errors="ignore")
    return (
        shown.style.hide(axis="index")
        .relabel_index([label(str(c)) for c in shown.columns], axis="columns")
        .format(escape="html")  # article text is data, never markup
        .set_properties(subset=["left"], **{"text-align": "right"})
        .set_properties(subset=["keyword"], **{"font-weight": "bold", "text-align": "center"})
        .set_properties(subset=["right"], **{"text-align": "left"})
        .set_caption(note)
        .set_uuid(table_id(shown, "kwic"))
    )


def plot_heatmap(ax, table: pd.DataFrame, fmt: str = "{:.1f}", cmap: str = "Blues", **kwargs) -> None:
    """Draw a table as a heatmap with each value written in its cell, rows and columns labelled."""
    values = table.to_numpy(dtype=float)
    image = ax.imshow(values, cmap=cmap, aspect="auto", **kwargs)
    ax.set_xticks(range(table.shape[1]), [str(c) for c in table.columns], rotation=35, ha="right")
    ax.set_yticks(range(table.shape[0]), [str(i) for i in table.index])
    finite = values[~pd.isna(values)]
    high = (finite.max() + finite.min()) / 2 if finite.size else 0
    for (i, j), value in pd.DataFrame(values).stack().dropna().items():
        ax.text(
            j, i, fmt.format(value), ha="center", va="center", fontsize=8, color="white" if value > high else "black"
        )
    ax.figure.colorbar(image, ax=ax, shrink=0.8)


def plot_distinctive(table: pd.DataFrame, by: str, groups, colors, *, n: int = 8, tested=None, ncols: int = 3):
    """Return ``(fig, axes)``: one panel per group, its top ``n`` significant terms as bars of their log ratio.

    ``table`` is a ``distinctive_terms`` table (a ``significant`` column; rows in keyness order,
    so terms are ranked by G², the strongest evidence on top); ``groups`` fixes the panels and
    their order; ``colors`` is one colour or ``{group: colour}``. A group with no significant
    term gets a sentence instead of bars, with how many terms were tested when ``tested``
    (``{group: count}``) is given. That sentence and the x label follow the reader's language
    (``label``). The layout is constrained: add a ``fig.suptitle`` and show it, no ``tight_layout`` needed.
    """
    groups = list(groups)
    fig, axes = small_multiples(len(groups), ncols=ncols, panel=(4.4, 0.3 * n + 1.2), layout="constrained")
    for ax, group in zip(axes, groups, strict=True):
        top = table[(table[by] == group) & table["significant"]].head(n)
        if top.empty:
            if tested is not None:
                message = label("No term of the {tested} terms tested passes the adjusted test (p_adj)")
                message = message.format(tested=number(tested.get(group, 0)))
            else:
                message = label("No term passes the adjusted test (p_adj)")
            message_panel(ax, str(group), textwrap.fill(message, 30))
            continue
        color = colors.get(group, PALETTE[0]) if isinstance(colors, dict) else colors
        bar_chart(ax, top["term"], top["log_ratio"], color, fmt="{:.2f}")
        ax.set_ylim(n - 0.5, -0.5)  # n slots in every panel, so bars have one height
        ax.set_title(str(group), fontsize=10)
        ax.set_xlabel(label("Log ratio (log₂, vs the rest)"))
    return fig, axes


class _Controls:
    """Widgets that show as themselves in a live notebook and as a sentence on a static page."""

    def __init__(self, widget, note: str):
        self.widget, self.note = widget, note

    def _repr_mimebundle_(self, **kwargs):
        bundle = self.widget._repr_mimebundle_(**kwargs)
        data = dict(bundle[0] if isinstance(bundle, tuple) else bundle or {})
        data["text/plain"] = self.note
        return data

    def __repr__(self) -> str:
        return self.note


def show_controls(widget, note: str | None = None):
    """Return interactive widgets wrapped for display: live controls in JupyterLab, ``note`` on a static page.

    ``note`` defaults to a sentence in the reader's language (``label``) saying the controls need JupyterLab.

    A static page (an HTML export, a notebook viewer) shows the text of an output when it cannot
    draw the widget; for a bare widget that text is its repr (``VBox(children=(HBox(...``).
    """
    if note is None:
        note = label("Interactive controls: open this notebook in JupyterLab (with a running kernel) to use them.")
    return _Controls(widget, note)


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

    Each dot has its region's colour (``region_color``); ``labels`` (indexed like ``df``)
    names the rows, by default ``article_labels(df)``. Articles without a ``published`` date
    cannot be placed and are left out: count them before. Draw ``stage_bands`` on the same
    axes to see the articles against an election's calendar.
    """
    labels = article_labels(df) if labels is None else labels
    rows = df.assign(row_label=labels).dropna(subset=["published"]).sort_values(["published", "row_label"])
    dots = [region_color(region) for region in rows["region"]]
    ax.scatter(rows["published"], rows["row_label"], s=70, color=dots, edgecolor="white", linewidth=0.8, zorder=3)
    for day, row_label in zip(rows["published"], rows["row_label"], strict=True):
        ax.annotate(_day(day), (day, row_label), xytext=(6, 4), textcoords="offset points", fontsize=8)
    ax.margins(x=0.06, y=0.6 / max(1, len(rows)))
    ax.invert_yaxis()
    ax.set_ylabel(label("Region"))
