"""Plots: the figures the notebooks share.

Owns the colour-blind-safe palette and each region's colour, article labels, small multiples,
bar charts (of terms, of distinctive terms), word clouds, dispersion plots and heatmaps. Tables
are ``netralitas.tables``; the election timeline is ``netralitas.timeline``.
"""

from __future__ import annotations

import functools
import math
import textwrap
import zlib

import pandas as pd

from .concordance import kwic
from .i18n import label
from .overview import FEW_ARTICLES
from .reference import regencies
from .regions import region_name
from .tables import number

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
    """Return a short label per article for plots: its region, plus the doc_id where regions repeat.

    The doc_id is cut to its first 3 characters, or to as many as keep the labels apart.
    """
    region = df["region"].replace("", "(unknown)")
    repeated = region.duplicated(keep=False)
    longest = int(df["doc_id"].str.len().max()) if len(df) else 3
    for width in range(3, max(3, longest) + 1):
        labels = region.where(~repeated, region + " · " + df["doc_id"].str.slice(0, width))
        if not labels.duplicated().any():
            break
    return labels


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
    """Draw where each pattern occurs along the articles (0 = start, 1 = end).

    Up to ``FEW_ARTICLES`` articles: one row per article, a tick per occurrence, a colour per
    pattern. More: one line per pattern, the share of its occurrences in each twentieth of an
    article, since thousands of rows cannot be read. The y label says which was drawn.
    """
    if len(df) > FEW_ARTICLES:
        edges = [i / 20 for i in range(21)]
        for k, pattern in enumerate(patterns):
            positions = kwic(df, pattern)["position"]
            shares = pd.cut(positions, edges, include_lowest=True).value_counts(sort=False) / max(1, len(positions))
            heights = list(shares.to_numpy()) + [shares.iloc[-1]]  # the last step runs on to 1
            ax.step(edges, heights, where="post", color=PALETTE[k % len(PALETTE)], linewidth=2,
                    label=f"{pattern} ({number(len(positions))})")  # fmt: skip
        ax.set_xlim(-0.02, 1.02)
        ax.set_ylim(bottom=0)
        ax.set_ylabel(label("Share of occurrences (per twentieth of an article)"))
        return
    labels = article_labels(df)
    rows = [(label_, doc) for label_, doc in zip(labels, df["doc_id"], strict=True)]
    for k, pattern in enumerate(patterns):
        hits = kwic(df, pattern)
        for i, (_, doc) in enumerate(rows):
            positions = hits.loc[hits["doc_id"] == doc, "position"]
            y = i + (k - (len(patterns) - 1) / 2) * 0.8 / max(1, len(patterns))
            ax.scatter(positions, [y] * len(positions), marker="|", s=250, color=PALETTE[k % len(PALETTE)],
                       label=pattern if i == 0 else None)  # fmt: skip
    for i in range(len(rows) - 1):
        ax.axhline(i + 0.5, color="0.85", linewidth=0.8)
    ax.set_yticks(range(len(rows)), [label_ for label_, _ in rows])
    ax.set_xlim(-0.02, 1.02)
    ax.invert_yaxis()
    ax.set_ylabel(label("Article"))


def per_article_chart(ax, values, labels, colors, *, fmt: str = "{:,.0f}", integer: bool = False, ylabel=None):
    """Draw one value per article: bars, largest on top, up to ``FEW_ARTICLES`` articles; a histogram above.

    ``values``, ``labels`` and ``colors`` hold one entry per article (colours as for ``bar_chart``).
    Bars are sorted by value, then label. The y label is ``ylabel`` (default: Region) under bars and
    Articles under a histogram; set the x label and the title after.
    """
    values = pd.Series(list(values), dtype=float)
    if len(values) > FEW_ARTICLES:
        ax.hist(values.dropna(), bins=30, color=PALETTE[0], edgecolor="white")
        ax.set_ylabel(label("Articles"))
        return
    table = pd.DataFrame({"label": [str(x) for x in labels], "value": values, "color": list(colors)})
    table = table.sort_values(["value", "label"], ascending=[False, True], kind="stable")
    bar_chart(ax, table["label"], table["value"], list(table["color"]), fmt=fmt, integer=integer)
    ax.set_ylabel(ylabel or label("Region"))


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
