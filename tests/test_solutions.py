"""Every "Try it" solution of every notebook runs, after the notebook's own cells, and what it claims holds.

A solution is the fenced ```python block inside a ``<details><summary>Solution N</summary>`` block of a
notebook's markdown. The test appends each solution as a code cell to an in-memory copy of the notebook,
followed by a check cell where the solution's text states a result (the check recomputes it
independently, or reads the values the solution produced), and executes the whole notebook in one kernel.
Slow: each notebook runs in full.
"""

import re
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
SOLUTION = re.compile(r"<details>\s*<summary>\s*Solution (\d+)\s*</summary>(.*?)</details>", re.DOTALL)
CODE = re.compile(r"```python\n(.*?)```", re.DOTALL)

# Checks of what a solution's text claims, keyed by notebook number and solution number. Each runs in the
# notebook's kernel right after the solution, so it can read the notebook's and the solution's variables.
CHECKS = {
    ("01", 2): """
_body = {p.strip() for p in row["text"].split("\\n") if p.strip()}
_removed = audit[audit["doc_id"] == lost.idxmax()]["text"]
assert len(_removed) and not any(t.strip() in _body for t in _removed) and row["n_words"] > 0
""",
    ("01", 3): """
assert test.attrs["skipped"].get("bad.txt") == "empty file", test.attrs["skipped"]
""",
    ("02", 2): """
import re as _re
_word = r"(?<![^\\W\\d_])(?<![^\\W\\d_][-'’])asn(?![^\\W\\d_])(?![-'’][^\\W\\d_])"  # whole word, not in a-b
assert total - without_asn == sum(len(_re.findall(_word, t, _re.IGNORECASE)) for t in corpus["text"]) > 0
""",
    ("03", 1): """
assert utils.stem_word("menjaga") == utils.stem_word("dijaga") == "jaga"
assert utils.stem_word("pelayanan") == utils.stem_word("melayani") == "layan"
_stemmed = utils.term_frequencies(corpus, stem=True).set_index("term")["count"]
_plain = overall.set_index("term")["count"]
assert _stemmed["layan"] >= _plain.get("pelayanan", 0) + _plain.get("melayani", 0)
""",
    ("03", 3): """
_top = finder.score_ngrams(BigramAssocMeasures.pmi)[0][0]
assert finder.ngram_fd[_top] == finder.word_fd[_top[0]] == finder.word_fd[_top[1]] == 2, _top
""",
    ("04", 1): """
_late = set()
for _doc, _text in zip(corpus["doc_id"], corpus["text"]):
    _words = [w.lower() for w in utils.WORD_RE.findall(_text)]
    _first = next((i for i, w in enumerate(_words) if w.startswith("netral")), None)
    if _first is None or _first / max(1, len(_words) - 1) >= 1 / 3:
        _late.add(_doc)
assert _late == set(corpus.loc[~corpus["doc_id"].isin(early), "doc_id"])
""",
    ("04", 2): """
assert len(must_not) and "politik" in " ".join(must_not["right"]).lower()
""",
    ("04", 3): """
assert len(utils.kwic(corpus, "menjaga netral*")) > 0
""",
    ("05", 1): """
_tops = with_names[with_names["significant"]].groupby("region")["term"].first()
_named = sum(term in utils.proper_noun_terms(corpus) for term in _tops)
assert _named > len(_tops) / 2, _tops.to_dict()
""",
    ("05", 2): """
import re as _re
_found = utils.theme_matches(corpus, codebook=extra).query("theme == 'hoaks'")
_pattern = r"\\b(?:berita\\W+bohong|disinformasi|hoaks|hoax)\\b"
assert len(_found) == sum(len(_re.findall(_pattern, t, _re.IGNORECASE)) for t in corpus["text"])
""",
    ("05", 3): """
_counts = {}
for _members, _groups in zip(phrases["members"], phrases["groups"]):
    for _m in _members.split("; "):
        _n, _own = _counts.get(_m, (0, 0))
        _counts[_m] = (_n + 1, _own + (_groups == 1))
_expected = {m: own / n for m, (n, own) in _counts.items() if own}
_got = (own / total).dropna().to_dict()
assert _got.keys() == _expected.keys() and all(abs(_got[k] - _expected[k]) < 1e-12 for k in _got)
""",
    ("05", 4): """
_again = pd.read_csv(copy, keep_default_na=False)
assert _again.loc[0, "valid"] == "yes" and (_again["valid"] != "").sum() == 1
assert utils.export_theme_matches(matches, copy)["coded"] == 1
""",
    ("06", 3): """
_words, _article_words = {}, {}
_n_words = dict(zip(corpus["doc_id"], corpus["n_words"]))
for _doc, _type, _n in zip(quotes["doc_id"], quotes["office_type"], quotes["n_words"]):
    _words[_type] = _words.get(_type, 0) + _n
    _article_words.setdefault(_type, {})[_doc] = _n_words[_doc]
_expected = {t: _words[t] / sum(_article_words[t].values()) for t in _words}
_got = share_by_type.to_dict()
assert _got.keys() == _expected.keys() and all(abs(_got[t] - _expected[t]) < 1e-12 for t in _got)
assert all(0 < v <= 1 for v in _got.values())
""",
    ("07", 1): """
import re as _re
_rate = {r: 0.0 for r in regions}
for _region, _text in zip(corpus["region"], corpus["text"]):
    _rate[_region] += 1000 * len(_re.findall(r"\\bintegritas\\b", _text, _re.IGNORECASE)) / words[_region]
assert top == max(sorted(_rate), key=_rate.get), (top, _rate)
""",
    ("07", 2): """
assert (only_one["count_rest"] == 0).all() and (only_one["g2"] > 0).all()
""",
    ("07", 3): """
_per_region = {r: (quotes["region"] == r).sum() for r in set(quotes["region"])}
assert _per_region[busiest] == max(_per_region.values())
""",
}


def solutions(nb) -> list[tuple[int, str]]:
    """The notebook's solutions in order: (number, code); a solution written in words only has code ""."""
    found = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            for number, body in SOLUTION.findall(cell.source):
                found.append((int(number), "\n".join(block.strip() for block in CODE.findall(body))))
    return found


def with_solutions(nb, number: str):
    """A copy of the notebook with each solution (and the check of its claims) appended as code cells."""
    nb = nbformat.from_dict(nb)
    for n, code in solutions(nb):
        for kind, source in (("solution", code), ("check", CHECKS.get((number, n), "").strip())):
            if source:
                cell = nbformat.v4.new_code_cell(source)
                cell["id"] = f"{kind}-{n}"
                nb.cells.append(cell)
    return nb


def test_every_notebook_has_solutions():
    for path in NOTEBOOKS:
        found = solutions(nbformat.read(path, as_version=4))
        assert len(found) >= 2, f"{path.name}: {len(found)} solutions"
        assert [n for n, _ in found] == list(range(1, len(found) + 1)), path.name
        assert any(code for _, code in found), f"{path.name}: no solution has code"


def test_every_check_belongs_to_a_solution():
    numbers = {path.name[:2]: path for path in NOTEBOOKS}
    for notebook, n in CHECKS:
        assert notebook in numbers, notebook
        assert n in [m for m, _ in solutions(nbformat.read(numbers[notebook], as_version=4))], (notebook, n)


@pytest.mark.slow
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_solutions_run_after_the_notebook(path, monkeypatch, tmp_path, load_script):
    monkeypatch.setenv("NETRALITAS_DERIVED", str(tmp_path / "derived"))  # the kernel inherits it
    nb = with_solutions(nbformat.read(path, as_version=4), path.name[:2])
    try:
        client_class = load_script("scripts/build_reports.py").ReportClient
    except Exception:  # noqa: BLE001 - nbclient's own client runs the notebook just as well, if slower to notice stalls
        client_class = NotebookClient
    client = client_class(nb, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    ran = {cell["id"] for cell in nb.cells if cell.cell_type == "code" and cell.get("execution_count")}
    expected = {f"solution-{n}" for n, code in solutions(nb) if code}
    assert expected <= ran, f"{path.name}: solutions not run: {sorted(expected - ran)}"
