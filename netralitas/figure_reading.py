"""Figure reading: a matplotlib axes' words and numbers as a reader of the figure would say them.

Owns the small readings ``netralitas.describe`` builds its alt text from: a number as people read it,
a data coordinate as it reads on its axis (a date, a category's tick label or a number), an axes'
title and the names of its axes in the reader's language.
"""

from __future__ import annotations

import math

from .describe_phrases import phrase


def _number(value: float) -> str:
    """A value as people read it: thousands separators, at most two decimals, no trailing zeros."""
    if value is None or not math.isfinite(value):
        return str(value)
    if float(value).is_integer():
        return f"{int(value):,}"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text if text not in ("0", "-0") else f"{value:.2g}"


def _clean(text: str) -> str:
    return " ".join(str(text).split())


def _is_date_axis(axis) -> bool:
    from matplotlib import dates

    formatter = axis.get_major_formatter()
    return isinstance(formatter, dates.AutoDateFormatter | dates.DateFormatter | dates.ConciseDateFormatter)


def _position(axis, value: float) -> str:
    """A data coordinate as it reads on ``axis``: a date, a category's tick label or a number."""
    if _is_date_axis(axis):
        from matplotlib import dates

        try:
            return dates.num2date(value).date().isoformat()
        except (ValueError, OverflowError):
            return _number(value)
    label = _tick_label(axis, value, tolerance=0.01)
    return label if label is not None else _number(value)


def _tick_labels(axis) -> list[tuple[float, str]]:
    try:
        labels = axis.get_majorticklabels()
        locations = axis.get_majorticklocs()
    except Exception:  # noqa: BLE001 - an axis we cannot read is simply not labelled
        return []
    return [(float(loc), _clean(label.get_text())) for loc, label in zip(locations, labels, strict=False)]


def _tick_label(axis, value: float, tolerance: float) -> str | None:
    """The text of the tick at ``value`` (within ``tolerance``) if it is a word rather than a number."""
    for location, text in _tick_labels(axis):
        if text and abs(location - value) <= tolerance and not _is_numeric(text):
            return text
    return None


def _is_numeric(text: str) -> bool:
    try:
        float(text.replace(",", "").replace("\u2212", "-"))
    except ValueError:
        return False
    return True


def _title(ax) -> str:
    return next((_clean(ax.get_title(loc)) for loc in ("center", "left", "right") if ax.get_title(loc).strip()), "")


def _axis_names(ax) -> str:
    x, y = _clean(ax.get_xlabel()), _clean(ax.get_ylabel())
    parts = [phrase("x_axis", name=x) if x else "", phrase("y_axis", name=y) if y else ""]
    return "; ".join(p for p in parts if p)
