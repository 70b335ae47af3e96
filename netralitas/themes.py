"""Themes: coding articles against the neutrality codebook (``data/themes.csv``).

Owns every match of every theme pattern in context (for coding and validation) and the
rate of each theme per 1,000 words per group.
"""

from __future__ import annotations

import pandas as pd

from .reference import themes
from .text import kwic


def theme_matches(df: pd.DataFrame, codebook: pd.DataFrame | None = None, window: int = 8) -> pd.DataFrame:
    """Return every match of every theme pattern, in context, for coding and validation.

    Columns: doc_id, region, theme, pattern, left, keyword, right, position. Patterns
    are ``kwic`` patterns (word, ``prefix*`` or phrase), ``;``-separated in the codebook.
    """
    codebook = themes() if codebook is None else codebook
    frames = []
    for row in codebook.itertuples():
        for pattern in filter(None, (p.strip() for p in row.patterns.split(";"))):
            hits = kwic(df, pattern, window=window)
            frames.append(hits.assign(theme=row.theme, pattern=pattern))
    columns = ["doc_id", "region", "theme", "pattern", "left", "keyword", "right", "position"]
    if not frames:
        return pd.DataFrame(columns=columns)
    out = pd.concat(frames, ignore_index=True)
    out["region"] = out["doc_id"].map(dict(zip(df["doc_id"], df["region"], strict=True)))
    return out[columns].sort_values(["doc_id", "position", "theme"], ignore_index=True)


def theme_rates(
    df: pd.DataFrame, by: str = "region", matches: pd.DataFrame | None = None, codebook: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return theme matches per 1,000 words for each group (rows: groups, columns: the codebook's themes)."""
    codebook = themes() if codebook is None else codebook
    matches = theme_matches(df, codebook) if matches is None else matches
    words = df.groupby(by)["n_words"].sum()
    group_of = dict(zip(df["doc_id"], df[by], strict=True))
    counts = matches.assign(group=matches["doc_id"].map(group_of)).pivot_table(
        index="group", columns="theme", values="keyword", aggfunc="count", fill_value=0
    )
    counts = counts.reindex(index=words.index, columns=codebook["theme"], fill_value=0)
    return (1000 * counts.div(words, axis=0)).rename_axis(index=by, columns="theme")


def label_themes(table: pd.DataFrame, codebook: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return a copy of a table whose theme columns (``theme`` keys) carry the codebook's readable labels."""
    codebook = themes() if codebook is None else codebook
    labels = dict(zip(codebook["theme"], codebook["label"], strict=True))
    return table.rename(columns=labels)
