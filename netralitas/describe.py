"""Alt text for figures: what a matplotlib Figure shows, in a sentence or two, read from its axes.

The HTML reports show every figure as an image; a reader who cannot see it (a screen reader, a text browser,
an image that failed to load) gets its alt text instead (WCAG 2, success criterion 1.1.1). ``describe_figure``
writes that text from the figure itself: its title, what kind of chart it is and its main reading (the largest
and smallest bar, the range of a line, the highest cell of a heatmap), so the text follows the data.
``install`` makes every figure a notebook shows in a Jupyter kernel carry that text as output metadata
(``{"image/png": {"alt": ...}}``), which the report template writes into the ``<img alt>``. The text is in the
reader's language (``$NETRALITAS_LANG``): its phrases come from ``describe_phrases``, the figure's own words
are already translated.
"""

from __future__ import annotations

import math
from collections import Counter

import numpy as np

from .describe_phrases import phrase
from .figure_reading import _axis_names, _clean, _is_numeric, _number, _position, _tick_label, _tick_labels, _title

MAX_CHARS = 400  # alt text is read aloud in full; past this, later panels are only counted
MAX_LINES = 3  # lines described per axes


def _bar_geometry(patch, horizontal: bool) -> tuple[float, float, float]:
    """Centre and extent of a bar along the category axis."""
    if horizontal:
        return patch.get_y() + patch.get_height() / 2, patch.get_y(), patch.get_y() + patch.get_height()
    return patch.get_x() + patch.get_width() / 2, patch.get_x(), patch.get_x() + patch.get_width()


def _describe_bars(ax) -> str | None:
    from matplotlib.container import BarContainer

    containers = [c for c in ax.containers if isinstance(c, BarContainer) and len(c.patches)]
    if not containers:
        return None
    horizontal = getattr(containers[0], "orientation", None) == "horizontal"
    category_axis = ax.yaxis if horizontal else ax.xaxis
    bars = []  # (centre, label, group, value)
    for container in containers:
        group = container.get_label()
        group = "" if not group or group.startswith("_") else _clean(group)
        values = getattr(container, "datavalues", None)
        for i, patch in enumerate(container.patches):
            size = patch.get_width() if horizontal else patch.get_height()
            value = float(values[i]) if values is not None else float(size)
            centre, low, high = _bar_geometry(patch, horizontal)
            label = _tick_label(category_axis, centre, tolerance=abs(high - low) / 2)
            if label is None:
                label = phrase("span", low=_position(category_axis, low), high=_position(category_axis, high))
            if math.isfinite(value):
                bars.append((round(centre, 6), label, group, value))
    if not bars:
        return None
    kind = "hbar" if horizontal else "bar"
    unit = _clean((ax.get_xlabel() if horizontal else ax.get_ylabel()) or "")
    unit = f" ({unit})" if unit else ""
    centres = Counter(b[0] for b in bars)
    if len(containers) > 1 and max(centres.values()) > 1:
        # Stacked bars: read the totals per category, and which part is largest overall.
        totals: dict[str, float] = {}
        parts: Counter = Counter()
        for _, label, group, value in bars:
            totals[label] = totals.get(label, 0.0) + value
            parts[group] += value
        largest = max(totals.items(), key=lambda kv: kv[1])
        smallest = min(totals.items(), key=lambda kv: kv[1])
        text = phrase("stacked", kind=phrase(f"stacked_{kind}"), n=len(totals), parts=len(containers), unit=unit)
        text += phrase("largest_total", **_extremes(largest, smallest))
        group, amount = parts.most_common(1)[0]
        return text + (phrase("largest_part", group=group, amount=_number(amount)) if group else "")
    named = [(f"{label} ({group})" if group else label, value) for _, label, group, value in bars]
    largest = max(named, key=lambda b: b[1])
    smallest = min(named, key=lambda b: b[1])
    text = phrase("bars", kind=phrase(kind), n=len(named), unit=unit)
    if len(named) == 1:
        return f"{text}: {largest[0]} ({_number(largest[1])})"
    return text + phrase("largest", **_extremes(largest, smallest))


def _extremes(largest: tuple[str, float], smallest: tuple[str, float]) -> dict[str, str]:
    """The placeholders of a "largest ..., smallest ..." phrase, from two (label, value) pairs."""
    return {"largest": largest[0], "high": _number(largest[1]), "smallest": smallest[0], "low": _number(smallest[1])}


def _describe_image(ax) -> str | None:
    images = [im for im in ax.images if im.get_visible()]
    if not images:
        return None
    array = np.ma.asarray(images[0].get_array())
    if array.ndim != 2 or array.size == 0:
        height, width = array.shape[:2] if array.ndim >= 2 else (0, 0)
        return phrase("image", width=width, height=height)
    values = np.ma.masked_invalid(array.astype(float))
    rows, cols = values.shape
    square = rows == cols and rows > 1
    if square and np.allclose(np.diag(values.filled(np.nan)), values.max()):
        # A similarity matrix: every item matches itself; the diagonal says nothing.
        values[np.diag_indices(rows)] = np.ma.masked
        note = phrase("off_diagonal")
    else:
        note = ""
    if values.count() == 0:
        return phrase("heatmap", rows=rows, cols=cols)
    high = np.unravel_index(np.ma.argmax(values), values.shape)
    low = np.unravel_index(np.ma.argmin(values), values.shape)

    def cell(index) -> str:
        row = _tick_label(ax.yaxis, float(index[0]), tolerance=0.01)
        col = _tick_label(ax.xaxis, float(index[1]), tolerance=0.01)
        where = phrase("and").join(p for p in (row, col) if p) or phrase("cell", row=index[0] + 1, col=index[1] + 1)
        return f"{where} ({_number(float(values[index]))})"

    return phrase("heatmap", rows=rows, cols=cols) + phrase("highest_cell", note=note, high=cell(high), low=cell(low))


def _row_names(axis, values: np.ndarray) -> list[str | None]:
    """The named tick (a category, an article) each value belongs to: the nearest, within half a step."""
    named = [(loc, text) for loc, text in _tick_labels(axis) if text and not _is_numeric(text)]
    if not named:
        return [None] * len(values)
    locations = np.array([loc for loc, _ in named])
    step = np.min(np.diff(np.sort(locations))) if len(locations) > 1 else 1.0
    names = []
    for value in values:
        i = int(np.argmin(np.abs(locations - value)))
        names.append(named[i][1] if abs(locations[i] - value) <= step / 2 else None)
    return names


def _series_name(collection, colours: dict) -> str:
    """A collection's legend label, or that of an earlier collection drawn in the same colour."""
    paint = collection.get_facecolor()
    paint = paint if len(paint) else collection.get_edgecolor()
    colour = tuple(np.round(np.asarray(paint, dtype=float).ravel()[:4], 3))
    label = collection.get_label()
    if label and not label.startswith("_"):
        colours[colour] = _clean(label)
    return colours.get(colour, "")


def _describe_points(ax) -> str | None:
    from matplotlib.collections import PathCollection

    collections = [c for c in ax.collections if isinstance(c, PathCollection) and c.get_visible()]
    points, series, colours = [], [], {}
    for collection in collections:
        offsets = np.asarray(collection.get_offsets(), dtype=float).reshape(-1, 2)
        name = _series_name(collection, colours)
        keep = np.isfinite(offsets).all(axis=1)
        points.append(offsets[keep])
        series += [name] * int(keep.sum())
    if not points or not sum(len(p) for p in points):
        return None
    points = np.concatenate(points)
    x, y = points[:, 0], points[:, 1]
    names = _row_names(ax.yaxis, y)
    rows = Counter(names)
    if None not in rows and len(rows) > 1:
        if max(rows.values()) > 1:
            (most, n_most), (least, n_least) = rows.most_common()[0], rows.most_common()[-1]
            text = phrase("marks", n=len(points), rows=len(rows), most=most, many=n_most, least=least, few=n_least)
            by_series = Counter(s for s in series if s)
            if len(by_series) > 1:
                top, n_top = by_series.most_common(1)[0]
                text += phrase("series", n=len(by_series), top=top, n_top=n_top)
            return text
        # One point per named row (a timeline): the first and the last.
        first, last = int(np.argmin(x)), int(np.argmax(x))
        start, end = _position(ax.xaxis, x[first]), _position(ax.xaxis, x[last])
        return phrase("timeline", n=len(points), first=names[first], start=start, last=names[last], end=end)
    text = phrase("points", n=len(points), low=_position(ax.xaxis, x.min()), high=_position(ax.xaxis, x.max()))
    if np.ptp(y) > 0:
        text += phrase("points_y", low=_position(ax.yaxis, y.min()), high=_position(ax.yaxis, y.max()))
    return text


def _describe_lines(ax) -> str | None:
    lines = []
    for line in ax.get_lines():
        x, y = (np.asarray(v, dtype=float) for v in line.get_data(orig=False))
        keep = np.isfinite(x) & np.isfinite(y)
        if line.get_visible() and keep.sum() >= 2 and np.ptp(x[keep]) > 0:
            lines.append((line, x[keep], y[keep]))
    if not lines:
        return None
    parts = []
    for line, x, y in lines[:MAX_LINES]:
        label = line.get_label()
        name = "" if not label or label.startswith("_") else f"{_clean(label)}: "
        high, low = int(np.argmax(y)), int(np.argmin(y))
        low_at, high_at = _position(ax.xaxis, x[low]), _position(ax.xaxis, x[high])
        parts.append(
            phrase("line_range", name=name, low=_number(y[low]), low_at=low_at, high=_number(y[high]), high_at=high_at)
        )
    more = phrase("more_lines", n=len(lines) - MAX_LINES) if len(lines) > MAX_LINES else ""
    kind = phrase("line") if len(lines) == 1 else phrase("lines", n=len(lines))
    return f"{kind}: " + "; ".join(parts) + more


def describe_axes(ax) -> str:
    """Describe one Axes: its title, the kind of chart and its main reading."""
    reading = _describe_bars(ax) or _describe_image(ax)  # bars name their value axis; images have none
    names = ""
    if not reading:
        reading = _describe_points(ax) or _describe_lines(ax)
        names = _axis_names(ax) if reading else ""
    text = ": ".join(p for p in (_title(ax), reading) if p)
    if names:
        text += f" ({names})"
    return text


def _is_colorbar(ax) -> bool:
    return ax.get_label() == "<colorbar>" or hasattr(ax, "_colorbar")


def describe_figure(fig) -> str:
    """Return alt text for a matplotlib Figure: its title and the main reading of each panel.

    One or two sentences, read from the figure's own artists (so it follows the data): the
    suptitle or axes titles; for bar charts the largest and smallest bar with their labels and
    values; for heatmaps the highest and lowest cell; for scatter plots the number of points and
    their range (or the busiest row, for a dispersion plot); for lines their range. Panels past
    about 400 characters are counted, not described.

    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> fig = Figure()
    >>> ax = fig.subplots()
    >>> _ = ax.bar(["Sleman", "Bondowoso"], [3, 1])
    >>> _ = ax.set_title("Articles per region")
    >>> describe_figure(fig)
    'Articles per region: bar chart of 2 bars; largest Sleman (3), smallest Bondowoso (1).'
    """
    suptitle = getattr(fig, "_suptitle", None)
    heading = _clean(suptitle.get_text()) if suptitle is not None else ""
    panels = [ax for ax in fig.get_axes() if ax.get_visible() and not _is_colorbar(ax)]
    parts: list[str] = []
    skipped = 0
    length = len(heading)
    for ax in panels:
        text = describe_axes(ax)
        if not text:
            continue
        if parts and length + len(text) > MAX_CHARS:
            skipped += 1
            continue
        parts.append(text)
        length += len(text) + 2
    if not parts and not heading:
        return phrase("nothing")
    body = "; ".join(parts)
    if skipped:
        body += phrase("more_panels" if skipped > 1 else "more_panel", n=skipped)
    if heading and body:
        text = f"{heading}. {body[0].upper()}{body[1:]}" if len(panels) > 1 else f"{heading}. {body}"
    else:
        text = heading or body
    text = text[0].upper() + text[1:]
    return text if text.endswith(".") else text + "."


def _figure_bundle(fig):
    """IPython mime-bundle printer: the PNG the inline backend would show, plus its alt text."""
    from IPython import get_ipython

    shell = get_ipython()
    if shell is None:
        return None
    try:
        printer = shell.display_formatter.formatters["image/png"].lookup(fig)
    except KeyError:
        return None  # PNG is not among the configured figure formats: leave the figure to the others
    result = printer(fig)
    data, metadata = result if isinstance(result, tuple) else (result, {})
    if data is None:
        return None
    try:
        alt = describe_figure(fig)
    except Exception:  # noqa: BLE001 - never lose a figure over its description
        alt = phrase("failed")
    return {"image/png": data}, {"image/png": {**(metadata or {}), "alt": alt}}


def install(shell) -> None:
    """Give every matplotlib figure shown in the Jupyter kernel of IPython ``shell`` alt text, as output metadata.

    Registers an IPython mime-bundle formatter for ``matplotlib.figure.Figure`` that returns the
    PNG the inline backend renders together with ``{"image/png": {"alt": describe_figure(fig)}}``.
    A mime-bundle formatter takes precedence over the PNG formatter the inline backend (re)installs,
    so the order of imports does not matter. Calling it twice is harmless. ``netralitas.kernel``
    calls it, in a kernel only.
    """
    from matplotlib.figure import Figure

    shell.display_formatter.mimebundle_formatter.for_type(Figure, _figure_bundle)
