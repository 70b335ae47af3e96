"""The HTML reports: built from a corpus with hostile article text, escaped, offline, loud on failure,
navigable, reproducible to the byte, and accessible (alt text, axe-core's WCAG 2 AA rules in chromium)."""

import contextlib
import io
import re
import shutil
import subprocess
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nbformat
import pytest

import utils

# builds every report (executes the notebooks): make test runs these, make unit leaves them out
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
]  # fmt: skip
PAYLOAD_TITLE = '<script>alert("judul")</script> Bupati Sleman Ajak ASN Jaga Netralitas'
HOSTILE = (
    f"{PAYLOAD_TITLE}\n\n"
    "SLEMAN, Harian Jogja – <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> Pemerintah "
    "Kabupaten Sleman mengumpulkan ASN pada Jumat (6/9/2024) untuk membahas netralitas menjelang Pilkada 2024.\n\n"
    "“<script>alert('kutipan')</script> ASN harus netral dan profesional,” kata Bupati Sleman.\n"
)
EMPTY_FILE = "998_empty.txt"  # not an article: the index and the console must both say so
PLACEHOLDER_ALT = "No description has been provided for this image"


class Page(HTMLParser):
    """Collects what a browser would run or fetch, the visible text, the links, ids and images."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_script = self.in_title = False
        self.scripts, self.handlers, self.fetches, self.text = [], [], [], []
        self.links, self.ids, self.images, self.title, self.lang = [], set(), [], "", None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        self.in_script = tag == "script"
        self.in_title = tag == "title"
        self.handlers += [f"{tag} {k}={v}" for k, v in attrs.items() if k.startswith("on")]
        if tag == "img" and attrs.get("src") == "x":
            self.handlers.append("img src=x")
        link_fetches = tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "modulepreload")
        for key in ("src", "data") + (("href",) if link_fetches else ()):
            value = attrs.get(key) or ""
            if value.startswith(("http://", "https://", "//")):
                self.fetches.append(f"{tag} {key}={value}")
        for key in ("href", "src"):
            if attrs.get(key) is not None:
                self.links.append((tag, attrs[key]))
        for key in ("id", "name"):
            if attrs.get(key):
                self.ids.add(attrs[key])
        if tag == "img":
            self.images.append(attrs)

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.in_title:
            self.title += data
        if self.in_script:
            self.scripts.append(data)
            for marker in ("import(", "fetch(", "XMLHttpRequest", "https://cdn"):
                if marker in data and "http" in data:
                    self.fetches.append(f"script uses {marker}")
        else:
            self.text.append(data)


def parse(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory, load_script):
    """Every report, built from the seeds plus a hostile article and an empty file; the console kept."""
    base = tmp_path_factory.mktemp("hostile")
    seeds = base / "seeds"
    shutil.copytree(utils.corpus_folder(), seeds)
    (seeds / "999_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (seeds / EMPTY_FILE).write_text("", encoding="utf-8")
    out = base / "reports"
    console = io.StringIO()
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NETRALITAS_SEEDS", str(seeds))
        mp.setenv("NETRALITAS_DERIVED", str(base / "derived"))
        with contextlib.redirect_stdout(console):
            load_script("scripts/build_reports.py").main(["--out", str(out)])
    (out.parent / "console.txt").write_text(console.getvalue(), encoding="utf-8")
    return out


def pages_of(reports: Path) -> list[Path]:
    """Every page of both editions: reports/*.html (English) and reports/id/*.html (Bahasa Indonesia)."""
    return sorted(reports.rglob("*.html"))


def test_every_page_is_built_in_both_languages(hostile_reports):
    for edition in (hostile_reports, hostile_reports / "id"):
        built = {p.name for p in edition.glob("*.html")}
        assert {"index.html", "glossary.html"} <= built
        for stem in NOTEBOOKS:
            assert {f"{stem}.html", f"{stem}.reader.html"} <= built
        assert all(f'href="{stem}.reader.html"' in (edition / "index.html").read_text() for stem in NOTEBOOKS)
    assert "<strong>6</strong> articles" in (hostile_reports / "index.html").read_text(encoding="utf-8")
    assert "<strong>6</strong> berita" in (hostile_reports / "id" / "index.html").read_text(encoding="utf-8")


def test_every_page_states_its_language_and_links_to_its_twin(hostile_reports):
    """<html lang> is the edition's, and each page links to the same page in the other language."""
    english = sorted(p.name for p in hostile_reports.glob("*.html"))
    assert english == sorted(p.name for p in (hostile_reports / "id").glob("*.html"))
    for name in english:
        page_en, page_id = parse(hostile_reports / name), parse(hostile_reports / "id" / name)
        assert (page_en.lang, page_id.lang) == ("en", "id"), name
        assert ("a", f"id/{name}") in page_en.links, f"{name} does not link to its Indonesian twin"
        assert ("a", f"../{name}") in page_id.links, f"id/{name} does not link to its English twin"


def test_the_indonesian_edition_speaks_indonesian(hostile_reports, tmp_path):
    from netralitas import i18n

    index = (hostile_reports / "id" / "index.html").read_text(encoding="utf-8")
    assert "Alur belajar" in index and "Lokakarya tiga jam" in index and "Berkas yang tidak masuk korpus" in index
    assert re.search(r"Seluruhnya sekitar \d+ jam \d\d menit", index), "the total time in Indonesian"
    for path in i18n.build("id", tmp_path):
        heading = next(line[2:] for line in nbformat.read(path, 4).cells[0].source.splitlines() if line[:2] == "# ")
        page = parse(hostile_reports / "id" / f"{path.stem}.reader.html")
        assert page.title.strip() == heading.strip().replace("`", "").replace("*", "")
        assert ("a", "index.html") in page.links
        assert heading.strip() in index, f"{path.stem}: the Indonesian title is not in the Indonesian index"
        text = "".join(page.text)
        assert "Perkiraan waktu" in text and "Estimated time" not in text, path.stem


def test_the_build_prints_one_line_per_notebook_and_the_skipped_files(hostile_reports):
    console = (hostile_reports.parent / "console.txt").read_text(encoding="utf-8")
    timed = re.findall(r"^(?:\[(en|id)\] )?\s*(\d\d_\w+)\.ipynb\s+\d+\.\d s$", console, re.MULTILINE)
    assert sorted(stem for _, stem in timed) == sorted(NOTEBOOKS * 2), console  # once per edition
    tags = {tag for tag, _ in timed}
    assert tags in ({""}, {"en", "id"}), "built one edition after the other, or both at once, each line tagged"
    assert f"skipped {EMPTY_FILE}:" in console
    assert "without encryption" not in console and "closed stream" not in console


def test_article_text_is_shown_as_text_never_run(hostile_reports):
    shown_somewhere = False
    for path in pages_of(hostile_reports):
        page = parse(path)
        assert not page.handlers, f"{path.name}: {page.handlers[:3]}"
        assert not any("alert(" in s for s in page.scripts), f"{path.name} runs article text"
        text = "".join(page.text)
        shown_somewhere |= '<script>alert("judul")</script>' in text
    assert shown_somewhere, "the hostile title should appear, escaped, as visible text"


def test_pages_fetch_nothing_from_the_network(hostile_reports):
    for path in pages_of(hostile_reports):
        source = path.read_text(encoding="utf-8")
        page = parse(path)
        assert not page.fetches, f"{path.name}: {page.fetches[:3]}"
        assert "@import url(http" not in source and "url(https://" not in source, path.name


def test_figures_are_embedded(hostile_reports):
    source = (hostile_reports / "03_term_frequency.reader.html").read_text(encoding="utf-8")
    assert source.count("data:image/png;base64,") >= 4
    assert '<img src="http' not in source


# --- Navigation -------------------------------------------------------------------------------------


def test_every_link_resolves_to_a_file_or_an_anchor(hostile_reports):
    """Every link of every page of both editions, the links between the languages included."""
    checked = 0
    pages = {p.relative_to(hostile_reports).as_posix(): parse(p) for p in pages_of(hostile_reports)}
    for name, page in sorted(pages.items()):
        folder = (hostile_reports / name).parent
        for tag, link in page.links:
            if link.startswith(("data:", "mailto:")):
                continue
            parts = urlsplit(link)
            assert not parts.scheme and not parts.netloc, f"{name}: <{tag}> points off the page set: {link}"
            path = (folder / unquote(parts.path)).resolve() if parts.path else hostile_reports / name
            assert path.is_file(), f"{name}: <{tag}> {link}: no file {path}"
            assert path.is_relative_to(hostile_reports.resolve()), f"{name}: {link} leaves the reports"
            target = path.relative_to(hostile_reports.resolve()).as_posix()
            if parts.fragment:
                ids = pages[target].ids if target in pages else set()
                # Browsers try the fragment as written, then percent-decoded (HTML, "indicated part").
                found = parts.fragment in ids or unquote(parts.fragment) in ids
                assert found, f"{name}: {link}: no anchor #{parts.fragment} in {target}"
            checked += 1
    assert checked > 20 * len(NOTEBOOKS)


def test_each_report_has_its_title_a_way_back_and_a_way_on(hostile_reports):
    for i, stem in enumerate(NOTEBOOKS):
        heading = next(
            line[2:].strip()
            for line in nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", 4).cells[0].source.splitlines()
            if line.startswith("# ")
        )
        for suffix, other in ((".html", ".reader.html"), (".reader.html", ".html")):
            page = parse(hostile_reports / f"{stem}{suffix}")
            hrefs = {href for tag, href in page.links if tag == "a"}
            assert page.title.strip() == heading.replace("`", "").replace("*", "")
            assert "index.html" in hrefs and f"{stem}{other}" in hrefs
            if i + 1 < len(NOTEBOOKS):  # "Where next": the next report of the same kind
                assert f"{NOTEBOOKS[i + 1]}{suffix}" in hrefs, f"{stem}{suffix} does not lead on"
            assert not any(h.endswith(".ipynb") or ".ipynb#" in h for h in hrefs), f"{stem}{suffix}: {hrefs}"


def test_cross_links_between_notebooks_lead_to_the_matching_report(hostile_reports):
    linked = 0
    for stem in NOTEBOOKS:
        sources = "\n".join(c.source for c in nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", 4).cells)
        for target in set(re.findall(r"\]\((\d\d_[\w-]+)\.ipynb", sources)):
            for suffix in (".html", ".reader.html"):
                hrefs = {h for t, h in parse(hostile_reports / f"{stem}{suffix}").links if t == "a"}
                assert f"{target}{suffix}" in hrefs, f"{stem}{suffix} should link to {target}{suffix}"
                linked += 1
    assert linked, "the notebooks link to each other; those links should have been found"


def test_index_shows_the_teaching_path_and_the_skipped_files(hostile_reports, load_script):
    build = load_script("scripts/build_reports.py")
    index = (hostile_reports / "index.html").read_text(encoding="utf-8")
    positions = [index.find(f'href="{stem}.html"') for stem in NOTEBOOKS]
    assert positions == sorted(positions) and min(positions) > 0, "notebooks in reading order"
    for stem in NOTEBOOKS:
        markdown = [c.source for c in nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", 4).cells]
        stated = next(build.estimated_time(m)[0] for m in markdown if "stimated time" in m)
        assert stated and stated in index, f"{stem}: its estimated time ({stated!r}) is not in the index"
    route = build.workshop_route((ROOT / "README.md").read_text(encoding="utf-8"), build_reports_list(build))
    assert route, "the README's workshop route should be found"
    shown = re.search(r'<p class="route">(.*?)</p>', index, re.DOTALL).group(1)
    assert [r.stem for r in route[0]] == re.findall(r'href="([\w-]+)\.html"', shown)
    assert EMPTY_FILE in index and "Files left out" in index


def build_reports_list(build):
    return [build.describe(nbformat.read(p, 4), p) for p in sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))]


def test_estimated_time_reads_what_the_notebook_states(load_script):
    estimated_time = load_script("scripts/build_reports.py").estimated_time
    assert estimated_time("**Learning goals**\n- x\n\n**Estimated time:** 45 minutes.") == ("45 minutes", 45)
    assert estimated_time("Estimated time: about 1.5 hours") == ("about 1.5 hours", 90)
    assert estimated_time("**Estimated time:** open-ended; 20 minutes for the exercises.")[1] is None
    assert estimated_time("no time here") == ("", None)


# --- Failures are loud ------------------------------------------------------------------------------


def failing_run(tmp_path, load_script, name: str, title: str, code: str, **kw) -> str:
    """Execute a two-cell notebook (``x = 1``, then ``code``) through the reports' executor; return its message."""
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell(f"# {title}"),
            nbformat.v4.new_code_cell("x = 1"),
            nbformat.v4.new_code_cell(code),
        ]
    )
    path = tmp_path / name
    nbformat.write(nb, path)
    with pytest.raises(SystemExit) as failure:
        load_script("scripts/build_reports.py").execute(path, **kw)
    return str(failure.value)


def test_a_failing_notebook_stops_the_build_naming_notebook_and_cell(tmp_path, load_script):
    message = failing_run(tmp_path, load_script, "99_broken.ipynb", "99 · Broken", "1 / 0")
    assert "99_broken.ipynb" in message and "cell 2" in message and "ZeroDivisionError" in message


def test_a_stuck_cell_fails_at_the_cell_timeout_naming_notebook_and_cell(tmp_path, load_script):
    start = time.monotonic()
    message = failing_run(
        tmp_path, load_script, "98_stuck.ipynb", "98 · Stuck", "import time\ntime.sleep(600)", timeout=3
    )
    assert time.monotonic() - start < 60
    assert "98_stuck.ipynb" in message and "cell 2 (import time)" in message and "3 s" in message


def test_a_warning_comes_before_what_the_cell_prints_after_it(tmp_path, load_script):
    """A kernel sends printed lines and warnings in separate batches: without care, a warning raised just
    before a print came out after it when the cell ended quickly, and before it when it did not (two
    builds of the same 10k reports differed so). With ``utils`` imported, a warning keeps its place."""
    code = 'warnings.warn("first, a warning")\nprint("then a printed line")'
    nb = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell("import warnings\n\nimport utils"), nbformat.v4.new_code_cell(code)]
    )
    path = tmp_path / "97_order.ipynb"
    nbformat.write(nb, path)
    for _ in range(3):
        outputs = load_script("scripts/build_reports.py").execute(path, timeout=60).cells[1].outputs
        assert [(o.name, o.text.strip().splitlines()[0].split(": ")[-1]) for o in outputs] == [
            ("stderr", "first, a warning"),
            ("stdout", "then a printed line"),
        ]


def test_a_warning_names_its_cell_file_without_the_kernels_process_id(load_script):
    build = load_script("scripts/build_reports.py")
    line = "{}/ipykernel_{}/3577488251.py:9: UserWarning: 001504.txt: paragraphs repeat"
    shown = [
        build._normalise_text(line.format(tmp, pid), [(tmp, "$TMPDIR")], {})
        for tmp, pid in (("/tmp", 5689), ("/var/tmp", 7179))
    ]
    assert shown == ["$TMPDIR/ipykernel/3577488251.py:9: UserWarning: 001504.txt: paragraphs repeat"] * 2


def test_the_schedule_runs_the_first_edition_then_each_twin_longest_first(load_script):
    schedule = load_script("scripts/build_reports.py").Schedule(
        [(lang, Path(f"{n}.ipynb")) for lang in ("en", "id") for n in ("01_a", "02_b", "03_c")]
    )
    picked = [schedule.next(), schedule.next()]
    schedule.finished(picked[1], 5.0)  # en 02 done; en 01 still running
    picked += [schedule.next(), schedule.next()]  # en 03, then id 02: the only twin finished
    schedule.finished(picked[0], 10.0)
    schedule.finished(picked[2], 1.0)
    picked += [schedule.next(), schedule.next(), schedule.next()]
    assert [(lang, path.stem) for lang, path in picked[:6]] == [
        ("en", "01_a"), ("en", "02_b"), ("en", "03_c"), ("id", "02_b"), ("id", "01_a"), ("id", "03_c")
    ]  # fmt: skip
    assert picked[6] is None


def test_a_failing_notebook_stops_the_pool_before_the_next_notebook_starts(tmp_path, load_script, monkeypatch):
    folder = tmp_path / "notebooks"
    folder.mkdir()
    marker = tmp_path / "third.ran"
    cells = {
        "01_slow.ipynb": "import time\ntime.sleep(8)",  # still running when 02 fails
        "02_broken.ipynb": "1 / 0",
        "03_never.ipynb": f"open({str(marker)!r}, 'w').close()",
    }
    for name, code in cells.items():
        title = nbformat.v4.new_markdown_cell(f"# {name[:2]} · {name}")
        nbformat.write(nbformat.v4.new_notebook(cells=[title, nbformat.v4.new_code_cell(code)]), folder / name)
    build = load_script("scripts/build_reports.py")
    monkeypatch.setattr(build, "NOTEBOOKS", folder)
    with pytest.raises(SystemExit) as failure:
        build.main(["--out", str(tmp_path / "out"), "--lang", "en", "--jobs", "2"])
    assert "02_broken.ipynb" in str(failure.value) and "ZeroDivisionError" in str(failure.value)
    assert not marker.exists(), "the notebook after the failure never started"
    assert not (tmp_path / "out" / "index.html").exists()


# --- Static and reproducible ------------------------------------------------------------------------


def test_no_page_shows_a_machine_path_or_a_widget_repr(hostile_reports):
    seeds = str(hostile_reports.parent / "seeds")
    for path in pages_of(hostile_reports):
        text = "".join(parse(path).text)
        for absolute in (str(ROOT), seeds, str(Path.home()) + "/"):
            assert absolute not in text, f"{path.name} shows {absolute}"
        if path.name.endswith(".reader.html"):  # no code there, so a widget's name can only be its repr
            assert not re.search(r"\b(?:VBox|HBox|Combobox|Dropdown|IntSlider)\(", text), f"{path.name}: a widget repr"
    widgets = [p for p in pages_of(hostile_reports) if 'class="widget-note"' in p.read_text(encoding="utf-8")]
    explorer = [s for s in NOTEBOOKS if "ipywidgets" in (ROOT / "notebooks" / f"{s}.ipynb").read_text()]
    assert len(widgets) == 2 * 2 * len(explorer), "each page with widgets, in each language, says they need a kernel"


def test_two_builds_give_the_same_bytes(tmp_path, load_script, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1725580800")  # 2024-09-06
    monkeypatch.setenv("NETRALITAS_DERIVED", str(tmp_path / "derived"))
    build = load_script("scripts/build_reports.py")
    chosen = [n for n in NOTEBOOKS if n.startswith(("01_", "04_"))] or NOTEBOOKS[:2]
    with contextlib.redirect_stdout(io.StringIO()):
        for out in ("a", "b"):
            build.main(["--out", str(tmp_path / out), *(f"{n}.ipynb" for n in chosen)])
    first, second = pages_of(tmp_path / "a"), pages_of(tmp_path / "b")
    names = [p.relative_to(tmp_path / "a").as_posix() for p in first]
    assert names == [p.relative_to(tmp_path / "b").as_posix() for p in second]
    assert len(first) == 2 * (2 * len(chosen) + 2), "both languages"
    for name, a, b in zip(names, first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), f"{name} differs between two builds"
    assert "Built 2024-09-06" in (tmp_path / "a" / "index.html").read_text(encoding="utf-8")
    assert "Dibuat 2024-09-06" in (tmp_path / "a" / "id" / "index.html").read_text(encoding="utf-8")


# --- Accessible -------------------------------------------------------------------------------------


def test_every_figure_has_alt_text_saying_what_it_shows(hostile_reports):
    alts = []
    for path in pages_of(hostile_reports):
        for image in parse(path).images:
            alt = (image.get("alt") or "").strip()
            assert alt and alt != PLACEHOLDER_ALT, f"{path.name}: an image without alt text"
            alts.append(alt)
    assert alts
    # Titles the notebooks set as plain string literals: each figure that has one is described by it.
    titles = set()
    for stem in NOTEBOOKS:
        code = "\n".join(c.source for c in nbformat.read(ROOT / "notebooks" / f"{stem}.ipynb", 4).cells)
        titles |= set(re.findall(r"\.(?:set_title|suptitle)\(\s*\"([^\"{}]{8,})\"\s*[,)]", code))
    assert any(title in alt for title in titles for alt in alts), "no figure's alt text names its title"


def described_bars(xlabel: str) -> str:
    """The alt text of a three-bar chart of regions, its x axis labelled ``xlabel``."""
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from netralitas.describe import describe_figure

    fig = Figure()
    ax = fig.subplots()
    ax.barh(["Sleman", "Bondowoso", "Pulang Pisau"], [12.5, 3.25, 7])
    ax.set_title("Netralitas per wilayah")
    ax.set_xlabel(xlabel)
    return describe_figure(fig)


def test_describe_figure_names_title_and_main_reading():
    text = described_bars("per 1,000 words")
    assert text.startswith("Netralitas per wilayah")
    assert "largest Sleman (12.5)" in text and "smallest Bondowoso (3.25)" in text and "per 1,000 words" in text


ENGLISH_WORDS = re.compile(r"\b(largest|smallest|bars?|chart|stacked|points?|lines?|from|to|at|first|last|more)\b")


def test_describe_figure_reads_a_bar_chart_in_indonesian(monkeypatch):
    monkeypatch.setenv("NETRALITAS_LANG", "id")
    text = described_bars("per 1.000 kata")
    assert text == (
        "Netralitas per wilayah: diagram batang horizontal berisi 3 batang (per 1.000 kata); "
        "terbesar Sleman (12.5), terkecil Bondowoso (3.25)."
    )
    assert not ENGLISH_WORDS.search(text.lower())


def test_describe_figure_reads_points_and_a_line_in_indonesian(monkeypatch):
    import datetime

    import matplotlib

    matplotlib.use("Agg")
    from matplotlib.figure import Figure

    from netralitas.describe import describe_figure

    monkeypatch.setenv("NETRALITAS_LANG", "id")
    fig = Figure()
    timeline, counts = fig.subplots(1, 2)
    fig.suptitle("Linimasa pemberitaan")
    days = [datetime.date(2024, 9, d) for d in (3, 1, 7)]
    timeline.scatter(days, [0, 1, 2])
    timeline.set_yticks([0, 1, 2], ["Sleman", "Bondowoso", "Kupang"])
    timeline.set_xlabel("tanggal terbit")
    counts.plot(sorted(days), [2, 5, 1])
    counts.set_ylabel("artikel")
    counts.set_xticks(sorted(days))
    text = describe_figure(fig)
    assert text == (
        "Linimasa pemberitaan. 3 titik, satu per baris; pertama Bondowoso pada 2024-09-01, terakhir Kupang pada "
        "2024-09-07 (sumbu x: tanggal terbit); satu garis: terendah 1 pada 2024-09-07, tertinggi 5 pada 2024-09-03 "
        "(sumbu y: artikel)."
    )
    assert not ENGLISH_WORDS.search(text.lower())


def test_describe_phrases_have_the_same_placeholders_in_every_language():
    from string import Formatter

    from netralitas.describe_phrases import PHRASES
    from netralitas.i18n import LANGUAGES

    def placeholders(template: str) -> set[str]:
        return {field for _, field, _, _ in Formatter().parse(template) if field is not None}

    assert set(PHRASES) == set(LANGUAGES), "a phrase table per language"
    english = PHRASES["en"]
    for lang, table in PHRASES.items():
        assert table.keys() == english.keys(), lang
        assert all(placeholders(table[key]) == placeholders(english[key]) for key in english), lang


def _offline(route):
    """Pages open from disk; anything else they asked for would be a defect (and is refused)."""
    if route.request.url.startswith(("file:", "data:")):
        route.continue_()
    else:
        route.abort()


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (.ci/run installs it)")
def test_pages_pass_axe_wcag2_aa_serious_and_critical_rules(hostile_reports):
    from axe_playwright_python.sync_playwright import Axe
    from playwright.sync_api import sync_playwright

    options = {
        "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
        "resultTypes": ["violations"],
    }
    problems = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            page.route("**/*", _offline)
            for path in pages_of(hostile_reports):
                page.goto(path.as_uri())
                result = Axe().run(page, options=options)
                for violation in result.response["violations"]:
                    if violation["impact"] in ("serious", "critical"):
                        node = violation["nodes"][0]
                        problems.append(
                            f"{path.relative_to(hostile_reports)}: {violation['id']} ({len(violation['nodes'])}x), "
                            f"e.g. {node['target']}: "
                            f"{node.get('failureSummary', '').splitlines()[-1][:160]}"
                        )
        finally:
            browser.close()
    assert not problems, "\n".join(problems)


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian chromium not installed (.ci/run installs it)")
def test_browser_does_not_run_article_text(hostile_reports):
    for name in ("01_load_and_inspect.html", "04_keywords_in_context.reader.html"):
        result = subprocess.run(
            [CHROMIUM, "--headless", *CHROMIUM_ARGS, "--dump-dom", f"file://{hostile_reports / name}"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-500:]
        assert "<body" in result.stdout
        assert "data-pwned" not in result.stdout
