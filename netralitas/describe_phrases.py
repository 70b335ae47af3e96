"""Phrases of figure alt text (``netralitas.describe``), one table per language: English and Indonesian.

Each entry is a ``str.format`` template for one piece of a reading ("bar chart of 5 bars", "largest X (n)");
``phrase`` picks the table of the reader's language (``netralitas.i18n.language()``, read at each call) and
fills it in. The figure's own words (titles, axis labels, tick labels) and the numbers are passed in as they
are: they are already in the reader's language, and numbers keep one format in both editions. Both tables
have the same keys and placeholders (a test checks it); to add a language, add a table.
"""

from __future__ import annotations

from .i18n import language

PHRASES: dict[str, dict[str, str]] = {
    "en": {
        "x_axis": "x: {name}",
        "y_axis": "y: {name}",
        "span": "{low} to {high}",
        "bar": "bar chart",
        "hbar": "horizontal bar chart",
        "stacked_bar": "stacked bar chart",
        "stacked_hbar": "stacked horizontal bar chart",
        "stacked": "{kind} of {n} bars in {parts} parts{unit}",
        "largest_total": "; largest total {largest} ({high}), smallest {smallest} ({low})",
        "largest_part": "; the largest part overall is {group} ({amount})",
        "bars": "{kind} of {n} bars{unit}",
        "largest": "; largest {largest} ({high}), smallest {smallest} ({low})",
        "image": "an image, {width} by {height} pixels",
        "heatmap": "a heatmap of {rows} by {cols} cells",
        "off_diagonal": " off the diagonal",
        "highest_cell": "; highest{note} {high}, lowest{note} {low}",
        "cell": "row {row}, column {col}",
        "and": " and ",
        "marks": "{n} marks in {rows} rows; most in {most} ({many}), fewest in {least} ({few})",
        "series": "; {n} series, the largest {top} ({n_top})",
        "timeline": "{n} points, one per row; first {first} at {start}, last {last} at {end}",
        "points": "{n} points, x from {low} to {high}",
        "points_y": ", y from {low} to {high}",
        "line_range": "{name}lowest {low} at {low_at}, highest {high} at {high_at}",
        "more_lines": " (and {n} more)",
        "line": "a line",
        "lines": "{n} lines",
        "more_panel": "; and {n} more panel",
        "more_panels": "; and {n} more panels",
        "nothing": "A figure without a title or data the text description could read.",
        "failed": "A figure; its description could not be computed.",
    },
    "id": {
        "x_axis": "sumbu x: {name}",
        "y_axis": "sumbu y: {name}",
        "span": "{low} sampai {high}",
        "bar": "diagram batang",
        "hbar": "diagram batang horizontal",
        "stacked_bar": "diagram batang bertumpuk",
        "stacked_hbar": "diagram batang bertumpuk horizontal",
        "stacked": "{kind} berisi {n} batang dalam {parts} bagian{unit}",
        "largest_total": "; total terbesar {largest} ({high}), terkecil {smallest} ({low})",
        "largest_part": "; bagian terbesar secara keseluruhan adalah {group} ({amount})",
        "bars": "{kind} berisi {n} batang{unit}",
        "largest": "; terbesar {largest} ({high}), terkecil {smallest} ({low})",
        "image": "gambar berukuran {width} × {height} piksel",
        "heatmap": "peta panas (heatmap) {rows} × {cols} sel",
        "off_diagonal": " di luar diagonal",
        "highest_cell": "; tertinggi{note} {high}, terendah{note} {low}",
        "cell": "baris {row}, kolom {col}",
        "and": " dan ",
        "marks": "{n} penanda dalam {rows} baris; paling banyak di {most} ({many}), paling sedikit di {least} ({few})",
        "series": "; {n} seri data, yang terbesar {top} ({n_top})",
        "timeline": "{n} titik, satu per baris; pertama {first} pada {start}, terakhir {last} pada {end}",
        "points": "{n} titik, x dari {low} sampai {high}",
        "points_y": ", y dari {low} sampai {high}",
        "line_range": "{name}terendah {low} pada {low_at}, tertinggi {high} pada {high_at}",
        "more_lines": " (dan {n} garis lainnya)",
        "line": "satu garis",
        "lines": "{n} garis",
        "more_panel": "; dan {n} panel lainnya",
        "more_panels": "; dan {n} panel lainnya",
        "nothing": "Gambar tanpa judul ataupun data yang dapat dibaca untuk deskripsi teksnya.",
        "failed": "Gambar; deskripsinya tidak dapat disusun.",
    },
}


def phrase(key: str, **values) -> str:
    """Return the phrase ``key`` in the reader's language, its placeholders filled with ``values``.

    >>> PHRASES["id"]["span"].format(low="2020", high="2024")
    '2020 sampai 2024'
    """
    return PHRASES[language()][key].format(**values)
