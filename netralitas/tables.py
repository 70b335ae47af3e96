"""Tables: the styled tables the notebooks show, and numbers written for the reader.

Owns ``show_table`` (no index, rounded numbers, long tables cut with a note, headers in the
reader's language), ``show_kwic`` (concordance lines spread over regions), ``number``, content-based
table ids (for reproducible HTML) and ``show_controls`` (widgets that read as a sentence on a
static page).
"""

from __future__ import annotations

import hashlib

import pandas as pd

from .i18n import label, language


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
    text = [i for i, c in enumerate(shown.columns) if c not in numeric]
    if text:  # words read from the left, numbers line up on the right
        heads = [{"selector": f"th.col_heading.col{i}", "props": "text-align: left;"} for i in text]
        cells = [{"selector": f"td.col{i}", "props": "text-align: left;"} for i in text]
        styler = styler.set_table_styles(heads + cells)
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
