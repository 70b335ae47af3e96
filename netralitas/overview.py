"""Overview: views that stay readable at any corpus size.

Owns the sizes above which a figure stops drawing one row per article or one panel per region
(``FEW_ARTICLES``, ``FEW_REGIONS``) and the helpers the notebooks use to choose what to show:
``top_regions`` (the regions with the most articles), ``rows_height`` (a figure's height for one
row per item, or for the summary drawn instead), ``largest_rows`` (the rows of a table with the
largest totals), ``short_list`` (a list cut after a few names, saying how many more) and
``shown_note`` (the words that tell a reader what a capped view leaves out). A view that caps
always says so, in the reader's language; the tables and numbers beside it keep every article.
"""

from __future__ import annotations

import pandas as pd

from .i18n import label
from .tables import number

FEW_ARTICLES = 40  # up to this many articles, a figure draws one row per article
FEW_REGIONS = 24  # up to this many regions, a figure draws one bar, row or panel per region


def top_regions(df: pd.DataFrame, n: int = FEW_REGIONS, by: str = "region") -> list[str]:
    """Return the ``n`` groups of column ``by`` with the most articles, in alphabetical order.

    Ties are broken by name, so the choice is the same on every run. With ``n`` or fewer groups,
    every group is returned.

    >>> toy = pd.DataFrame({"region": ["Kudus", "Sleman", "Kudus", "Bondowoso", "Sleman", "Kudus"]})
    >>> top_regions(toy, n=2)
    ['Kudus', 'Sleman']
    >>> top_regions(toy)
    ['Bondowoso', 'Kudus', 'Sleman']
    """
    counts = df[by].value_counts()
    ranked = sorted(counts.items(), key=lambda item: (-item[1], str(item[0])))
    return sorted(name for name, _ in ranked[:n])


def rows_height(n: int, per_row: float, base: float, *, summary: float = 4.5, few: int = FEW_ARTICLES) -> float:
    """Return a figure height in inches: ``per_row`` per item plus ``base`` up to ``few`` items, else ``summary``.

    >>> rows_height(5, 0.4, 1.5), rows_height(5000, 0.4, 1.5)
    (3.5, 4.5)
    """
    return per_row * n + base if n <= few else summary


def largest_rows(table: pd.DataFrame, n: int = FEW_ARTICLES) -> pd.DataFrame:
    """Return ``table`` itself when it has ``n`` rows or fewer, else its ``n`` rows with the largest totals.

    The rows kept are ordered by total, largest first (ties in the table's order).

    >>> t = pd.DataFrame({"a": [1, 5, 2], "b": [0, 1, 9]}, index=["x", "y", "z"])
    >>> largest_rows(t, 2).index.tolist(), largest_rows(t, 3).index.tolist()
    (['z', 'y'], ['x', 'y', 'z'])
    """
    if len(table) <= n:
        return table
    totals = table.sum(axis=1, numeric_only=True)
    return table.loc[totals.sort_values(ascending=False, kind="stable").index[:n]]


def short_list(values, n: int = 5, sep: str = ", ") -> str:
    """Join the first ``n`` non-empty values; say how many more there are.

    >>> short_list(["Kudus", "", "Sleman"]), short_list(list("abcdefg"), 3)
    ('Kudus, Sleman', 'a, b, c (+4 more)')
    """
    values = [str(v) for v in values if str(v)]
    head = sep.join(values[:n])
    if len(values) <= n:
        return head
    return head + " " + label("(+{n} more)").format(n=number(len(values) - n))


def shown_note(shown: int, total: int, what: str = "articles") -> str:
    """Return the words a capped figure adds to its title, or "" when nothing is left out.

    ``what`` is ``articles`` or ``regions``; the note follows the reader's language (``label``).

    >>> shown_note(3, 3), shown_note(24, 514, "regions")
    ('', ' (24 of 514 regions shown)')
    """
    if shown >= total:
        return ""
    return " " + label("({shown} of {total} " + what + " shown)").format(shown=number(shown), total=number(total))
