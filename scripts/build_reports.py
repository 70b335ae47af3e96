"""Execute every notebook once and write static HTML reports to reports/.

For each ``notebooks/NN_name.ipynb``: ``reports/NN_name.html`` (with code, for learners)
and ``reports/NN_name.reader.html`` (outputs and prose only), plus ``reports/index.html``.
The pages need no network: the template drops the CDN scripts of JupyterLab's.

Exits non-zero, naming the notebook and the cell, if any notebook fails.
Run:  python scripts/build_reports.py [notebook ...]
"""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
import warnings
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbconvert import HTMLExporter

import utils

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
TEMPLATES = Path(__file__).resolve().parent / "templates"


def execute(path: Path) -> nbformat.NotebookNode:
    """Run a notebook top to bottom in its own folder; raise SystemExit naming the failing cell."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    try:
        client.execute()
    except CellExecutionError as err:
        index = next((i for i, c in enumerate(nb.cells) if c.get("outputs") and _has_error(c)), None)
        where = f"cell {index}" if index is not None else "a cell"
        raise SystemExit(f"FAILED {path.name}, {where}:\n{err}") from None
    return nb


def _has_error(cell) -> bool:
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


def to_html(nb: nbformat.NotebookNode, *, with_code: bool) -> str:
    exporter = HTMLExporter(
        template_name="offline", extra_template_basedirs=[str(TEMPLATES)], exclude_input=not with_code
    )
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    body, _ = exporter.from_notebook_node(nb)
    return body


def describe(nb: nbformat.NotebookNode, path: Path) -> tuple[str, str]:
    """Title (the first heading) and purpose (the first prose paragraph) of a notebook."""
    first = next((c.source for c in nb.cells if c.cell_type == "markdown"), "")
    blocks = [" ".join(line.strip() for line in block.splitlines()) for block in re.split(r"\n\s*\n", first)]
    title = next((b.lstrip("# ") for b in blocks if b.startswith("#")), path.stem)
    prose = next((b for b in blocks if b and not b.startswith(("#", "- ", "**", ">"))), "")
    return title, re.sub(r"[*_`]", "", prose)


def index_page(cards: list[dict], n_articles: int) -> str:
    built = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    items = "\n".join(
        f"""<article class="card">
  <h2>{html.escape(c["title"])}</h2>
  <p>{html.escape(c["purpose"])}</p>
  <p class="links"><a href="{c["full"]}">Report with code</a> · <a href="{c["reader"]}">Reader version</a></p>
</article>"""
        for c in cards
    )
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>netralitas · reports</title>
<style>
body {{ font-family: system-ui, sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #222; }}
h1 {{ margin-bottom: .2rem; }} .meta {{ color: #555; }}
.cards {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 1rem; }}
.card {{ border: 1px solid #ccc; border-radius: 8px; padding: 1rem; background: #fafafa; }}
.card h2 {{ font-size: 1.1rem; margin-top: 0; }} a {{ color: #0057a8; }}
</style></head>
<body>
<h1>netralitas</h1>
<p class="meta">How Indonesian regional governments talk to their civil servants (ASN) about political neutrality</p>
<p>The corpus is regional news articles from Indonesia, copied from web pages as plain text, in which an
official urges ASN to stay neutral before the 2024 regional elections (Pilkada). Each notebook below is one
step of the analysis, from loading the articles to comparing the regions' messages.</p>
<p class="meta">Built {built} from <strong>{n_articles}</strong> articles.</p>
<div class="cards">
{items}
</div>
</body></html>
"""


def main(names: list[str]) -> None:
    REPORTS.mkdir(exist_ok=True)
    paths = [NOTEBOOKS / n for n in names] if names else sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    cards = []
    for path in paths:
        print(f"executing {path.name} …", flush=True)
        nb = execute(path)
        full, reader = f"{path.stem}.html", f"{path.stem}.reader.html"
        (REPORTS / full).write_text(to_html(nb, with_code=True), encoding="utf-8")
        (REPORTS / reader).write_text(to_html(nb, with_code=False), encoding="utf-8")
        title, purpose = describe(nb, path)
        cards.append({"title": title, "purpose": purpose, "full": full, "reader": reader})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        n_articles = len(utils.load_corpus())
    (REPORTS / "index.html").write_text(index_page(cards, n_articles), encoding="utf-8")
    print(f"wrote {len(cards) * 2 + 1} pages to {REPORTS.relative_to(ROOT)}/")


if __name__ == "__main__":
    main(sys.argv[1:])
