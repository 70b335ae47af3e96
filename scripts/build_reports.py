"""Execute every notebook once and write static HTML reports to reports/.

For each ``notebooks/NN_name.ipynb``: ``reports/NN_name.html`` (with code, for learners)
and ``reports/NN_name.reader.html`` (outputs and prose only), plus ``reports/index.html``
and ``reports/glossary.html``. The pages need no network: the template drops the CDN
scripts of JupyterLab's, and figures are embedded. Article text reaches the pages only
through escaped outputs, never as markup.

Exits non-zero, naming the notebook and the cell, if any notebook fails.
Run:  python scripts/build_reports.py [--out DIR] [notebook ...]
"""

from __future__ import annotations

import argparse
import copy
import datetime as dt
import html
import re
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
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)  # widget state is not shown offline, and would carry article text in a script
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
    return title, re.sub(r"[*`]|(?<!\w)_|_(?!\w)", "", prose)  # drop emphasis marks, keep snake_case names


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #222;
       line-height: 1.45; }
h1 { margin-bottom: .2rem; } .meta { color: #555; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(18rem, 1fr)); gap: 1rem; }
.card { border: 1px solid #ccc; border-radius: 8px; padding: 1rem; background: #fafafa; }
.card h2 { font-size: 1.1rem; margin-top: 0; } a { color: #0057a8; }
table { border-collapse: collapse; width: 100%; font-size: .92rem; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ddd; vertical-align: top; }
th { background: #f0f0f0; }
"""


def page(title: str, body: str) -> str:
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{PAGE_STYLE}</style></head>
<body>
{body}
</body></html>
"""


def index_page(cards: list[dict], n_articles: int, n_regions: int) -> str:
    built = dt.datetime.now().strftime("%Y-%m-%d %H:%M")
    items = "\n".join(
        f"""<article class="card">
  <h2>{html.escape(c["title"])}</h2>
  <p>{html.escape(c["purpose"])}</p>
  <p class="links"><a href="{html.escape(c["full"])}">Report with code</a> ·
  <a href="{html.escape(c["reader"])}">Reader version</a></p>
</article>"""
        for c in cards
    )
    body = f"""<h1>netralitas</h1>
<p class="meta">How Indonesian regional governments talk to their civil servants (ASN) about political neutrality</p>
<p>The corpus is regional news articles from Indonesia, copied from web pages as plain text, in which an
official urges civil servants to stay neutral before the 2024 regional elections (Pilkada). Each notebook below is
one step of the analysis, from loading the articles to comparing the regions' messages and their speakers.
The <em>reader version</em> of each report hides the code; the <em>report with code</em> is for learners.
New to the vocabulary? See the <a href="glossary.html">glossary of Indonesian civic and administrative terms</a>.</p>
<p class="meta">Built {built} from <strong>{n_articles}</strong> articles about <strong>{n_regions}</strong>
regions.</p>
<div class="cards">
{items}
</div>"""
    return page("netralitas · reports", body)


def glossary_page() -> str:
    table = utils.glossary()
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    head = "".join(f"<th>{html.escape(c)}</th>" for c in table.columns)
    body = f"""<p><a href="index.html">← all reports</a></p>
<h1>Glossary</h1>
<p class="meta">Indonesian civic and administrative terms in the articles, from <code>data/glossary.csv</code>.</p>
<table><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table>"""
    return page("netralitas · glossary", body)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook file names (default: all numbered notebooks)")
    parser.add_argument("--out", type=Path, default=REPORTS, help="output folder (default: reports/)")
    args = parser.parse_args(argv)
    out = args.out
    out.mkdir(parents=True, exist_ok=True)
    names = args.notebooks
    paths = [NOTEBOOKS / n for n in names] if names else sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    cards = []
    for path in paths:
        print(f"executing {path.name} …", flush=True)
        nb = execute(path)
        full, reader = f"{path.stem}.html", f"{path.stem}.reader.html"
        (out / full).write_text(to_html(nb, with_code=True), encoding="utf-8")
        (out / reader).write_text(to_html(nb, with_code=False), encoding="utf-8")
        title, purpose = describe(nb, path)
        cards.append({"title": title, "purpose": purpose, "full": full, "reader": reader})
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        corpus = utils.load_corpus()
    (out / "index.html").write_text(index_page(cards, len(corpus), corpus["region"].nunique()), encoding="utf-8")
    (out / "glossary.html").write_text(glossary_page(), encoding="utf-8")
    print(f"wrote {len(cards) * 2 + 2} pages to {out}/")


if __name__ == "__main__":
    main()
