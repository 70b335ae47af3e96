"""Themes: coding articles against the neutrality codebook (``data/themes.csv``).

Owns every match of every theme pattern, with its place in the text and its context (for
coding and validation), the export of those matches for a human coder (keeping the coder's
work when the matches are written again), and the rate of each theme per 1,000 words per group.
"""

from __future__ import annotations

import warnings
from pathlib import Path

import pandas as pd

from .cache import locked, write_atomically
from .memo import remembered
from .reference import themes
from .text import WORD_RE

MATCH_COLUMNS = ["doc_id", "region", "theme", "pattern", "left", "keyword", "right", "position", "start", "end", "also"]
MATCH_KEY = ["doc_id", "theme", "start", "end"]  # what identifies one coded passage across runs


def _patterns(cell) -> list[tuple[str, ...]]:
    """The ``;``-separated patterns of a codebook cell as lower-case word tuples (a blank cell has none)."""
    if not isinstance(cell, str):
        return []
    return [tuple(p.lower().split()) for p in cell.split(";") if p.strip()]


def _fits(word: str, part: str) -> bool:
    return word.startswith(part[:-1]) if part.endswith("*") else word == part


def _find(
    words: list[str], positions: dict[str, list[int]], parts: tuple[str, ...], by_prefix: dict[str, list[int]]
) -> list[tuple[int, int]]:
    """Word ranges ``(i, j)``, both inclusive, where a pattern's parts match consecutive words.

    ``positions``: where each word occurs; ``by_prefix``: where the words of each ``prefix*`` part occur, sorted.
    """
    first = parts[0]
    starts = by_prefix.get(first, []) if first.endswith("*") else positions.get(first, [])
    n = len(parts)
    return [
        (i, i + n - 1)
        for i in starts
        if i + n <= len(words) and all(_fits(words[i + k], part) for k, part in enumerate(parts[1:], 1))
    ]


class _Prefixes:
    """The codebook's ``prefix*`` parts that a word starts with, found once per distinct word of the corpus."""

    def __init__(self, codebook: list[tuple[str, list, list]]):
        every = [parts for _, patterns, excludes in codebook for parts in patterns + excludes]
        self.parts = sorted({part for parts in every for part in parts if part.endswith("*")})
        self.known: dict[str, tuple[str, ...]] = {}

    def of(self, word: str) -> tuple[str, ...]:
        found = self.known.get(word)
        if found is None:
            found = self.known[word] = tuple(p for p in self.parts if word.startswith(p[:-1]))
        return found


def _leftmost_longest(found: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Overlapping matches reduced to one: the leftmost, the longest of those starting there.

    This is how a regular expression reads an alternation sorted longest-first, so a phrase
    (``pelayanan publik``) wins over the word inside it (``pelayanan``).
    """
    kept: list[tuple[int, int, str]] = []
    for i, j, pattern in sorted(found, key=lambda m: (m[0], -m[1], m[2])):
        if not kept or i > kept[-1][1]:
            kept.append((i, j, pattern))
    return kept


def _doc_matches(text: str, codebook: list[tuple[str, list, list]], window: int, prefixes: _Prefixes) -> list[dict]:
    spans = [(m.start(), m.end()) for m in WORD_RE.finditer(text)]
    words = [text[a:b].lower() for a, b in spans]
    positions: dict[str, list[int]] = {}
    for i, w in enumerate(words):
        positions.setdefault(w, []).append(i)
    by_prefix: dict[str, list[int]] = {}
    for w, found in positions.items():
        for part in prefixes.of(w):
            by_prefix.setdefault(part, []).extend(found)
    for found in by_prefix.values():
        found.sort()
    rows = []
    for theme, patterns, excludes in codebook:
        blocked = [r for parts in excludes for r in _find(words, positions, parts, by_prefix)]
        found = [
            (i, j, " ".join(parts))
            for parts in patterns
            for i, j in _find(words, positions, parts, by_prefix)
            if not any(a <= i and j <= b for a, b in blocked)
        ]
        for i, j, pattern in _leftmost_longest(found):
            start, end = spans[i][0], spans[j][1]
            rows.append(
                {
                    "theme": theme,
                    "pattern": pattern,
                    "left": " ".join(text[spans[max(0, i - window)][0] : start].split()),
                    "keyword": " ".join(text[start:end].split()),
                    "right": " ".join(text[end : spans[min(len(spans) - 1, j + window)][1]].split()),
                    "position": i / max(1, len(spans) - 1),
                    "start": start,
                    "end": end,
                }
            )
    for row in rows:  # a passage two themes claim stays in both, each naming the other
        others = {o["theme"] for o in rows if o["start"] < row["end"] and row["start"] < o["end"]} - {row["theme"]}
        row["also"] = "; ".join(sorted(others))
    return rows


@remembered
def theme_matches(df: pd.DataFrame, codebook: pd.DataFrame | None = None, window: int = 8) -> pd.DataFrame:
    """Return every coded passage: one row per match of a theme, in context, with its place in the text.

    Columns: doc_id, region, theme, pattern (the one that matched), left, keyword, right
    (``window`` words each side), position (0 = start of the article, 1 = end), start and
    end (character offsets of the keyword in ``text``) and also (the other themes that claim
    an overlapping passage, ``; ``-joined, or ""). Patterns are ``kwic`` patterns (word,
    ``prefix*`` or phrase), ``;``-separated in the codebook's ``patterns``; a match inside a
    match of the theme's ``exclude`` patterns is not counted. **One passage counts once per
    theme**: overlapping matches of one theme's patterns become one, the leftmost and, among
    those starting there, the longest (``pelayanan publik``, not also ``pelayanan``).

    >>> toy = pd.DataFrame({"doc_id": ["x"], "text": ["pelayanan publik dan kepercayaan masyarakat"]})
    >>> theme_matches(toy)[["theme", "keyword", "start", "end"]].values.tolist()
    [['public_service', 'pelayanan publik', 0, 16], ['public_trust', 'kepercayaan masyarakat', 21, 43]]
    """
    codebook = themes() if codebook is None else codebook
    book = [
        (row["theme"], _patterns(row["patterns"]), _patterns(row.get("exclude"))) for row in codebook.to_dict("records")
    ]
    region = df["region"] if "region" in df else pd.Series("", index=df.index)
    prefixes = _Prefixes(book)
    rows = [
        {"doc_id": doc_id, "region": reg, **match}
        for doc_id, reg, text in zip(df["doc_id"], region, df["text"], strict=True)
        for match in _doc_matches(text, book, window, prefixes)
    ]
    out = pd.DataFrame(rows, columns=MATCH_COLUMNS)
    return out.sort_values(["doc_id", "start", "theme"], ignore_index=True)


def theme_rates(
    df: pd.DataFrame, by: str = "region", matches: pd.DataFrame | None = None, codebook: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return coded passages per 1,000 words for each group (rows: groups, columns: the codebook's themes).

    The denominator is ``n_words``, every word of the cleaned text (numbers included, stopwords
    kept), summed over the group's articles: rate = 1000 × passages / words. Each passage
    counts once per theme (see ``theme_matches``).
    """
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


def retired_path(path: str | Path) -> Path:
    """Return where ``export_theme_matches`` keeps the coded rows that no longer match: ``<name>_retired.csv``."""
    path = Path(path)
    return path.with_name(f"{path.stem}_retired{path.suffix}")


def _read_coded(path: Path) -> pd.DataFrame:
    """A coder's CSV as text; rows of a file without the key columns cannot be matched, and are retired."""
    if not path.exists():
        return pd.DataFrame(columns=[*MATCH_COLUMNS, "valid"])
    table = pd.read_csv(path, dtype=str, keep_default_na=False)
    if not set(MATCH_KEY) <= set(table.columns):
        added = [c for c in table.columns if c not in MATCH_COLUMNS]
        table = table[(table[added] != "").any(axis=1)] if added else table.iloc[:0]
        warnings.warn(
            f"{path.name}: written without {', '.join(MATCH_KEY)}, so its rows cannot be matched to passages; "
            f"the {len(table)} row(s) a coder filled in are kept in {retired_path(path).name}",
            stacklevel=3,
        )
        return table.assign(start="", end="")
    return table


def export_theme_matches(matches: pd.DataFrame, path: str | Path) -> dict[str, int]:
    """Write ``matches`` to a CSV for human coding, keeping what a coder already entered; return counts.

    Each row gets the ``valid`` value (and any other column a coder added) that the file at
    ``path`` held for the same passage, matched by the key doc_id, theme, start, end; new
    passages get an empty ``valid``. Rows whose passage no longer matches (a pattern or an article
    changed) move to ``retired_path(path)`` with their values instead of being lost, and come
    back, values and all, if the passage matches again. Returns ``{"matches": rows written,
    "coded": rows that carry a coder's value, "retired": rows in the retired file}``.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with locked(path):  # two kernels exporting at once (the two editions of make reports) take turns
        return _export(matches, path)


def _export(matches: pd.DataFrame, path: Path) -> dict[str, int]:
    previous = pd.concat([_read_coded(path), _read_coded(retired_path(path))], ignore_index=True)
    coder_columns = ["valid", *(c for c in previous.columns if c not in MATCH_COLUMNS and c != "valid")]
    previous = previous.reindex(columns=[*MATCH_COLUMNS, *coder_columns], fill_value="")
    previous = previous[~previous.duplicated(MATCH_KEY) | (previous["start"] == "")]  # unkeyed rows all stay
    key = matches[MATCH_KEY].astype(str)
    current = matches.reset_index(drop=True).join(
        key.merge(previous[[*MATCH_KEY, *coder_columns]], on=MATCH_KEY, how="left")[coder_columns].fillna("")
    )
    seen = set(map(tuple, key.to_numpy()))
    gone = previous.loc[[tuple(k) not in seen for k in previous[MATCH_KEY].to_numpy()]]
    retired = gone.sort_values(MATCH_KEY, ignore_index=True)
    _write(current, path)
    if len(retired) or retired_path(path).exists():
        _write(retired, retired_path(path))
    coded = int((current[coder_columns] != "").any(axis=1).sum())
    return {"matches": len(current), "coded": coded, "retired": len(retired)}


def _write(table: pd.DataFrame, path: Path) -> None:
    """Write a CSV under a temporary name, then rename it: a reader never sees half a file."""
    write_atomically(path, lambda temporary: table.to_csv(temporary, index=False))
