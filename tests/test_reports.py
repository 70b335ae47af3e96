"""The HTML reports: built from a corpus with hostile article text, escaped, offline, and loud on failure."""

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

import utils

ROOT = Path(__file__).resolve().parent.parent
PAYLOAD_TITLE = '<script>alert("judul")</script> Bupati Sleman Ajak ASN Jaga Netralitas'
HOSTILE = (
    f"{PAYLOAD_TITLE}\n\n"
    "SLEMAN, Harian Jogja – <img src=x onerror=\"document.body.setAttribute('data-pwned','1')\"> Pemerintah "
    "Kabupaten Sleman mengumpulkan ASN pada Jumat (6/9/2024) untuk membahas netralitas menjelang Pilkada 2024.\n\n"
    "“<script>alert('kutipan')</script> ASN harus netral dan profesional,” kata Bupati Sleman.\n"
)


class Page(HTMLParser):
    """Collects what a browser would run or fetch, and the visible text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.in_script = False
        self.scripts, self.handlers, self.fetches, self.text = [], [], [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_script = tag == "script"
        self.handlers += [f"{tag} {k}={v}" for k, v in attrs.items() if k.startswith("on")]
        if tag == "img" and attrs.get("src") == "x":
            self.handlers.append("img src=x")
        link_fetches = tag == "link" and attrs.get("rel") in ("stylesheet", "preload", "modulepreload")
        for key in ("src", "data") + (("href",) if link_fetches else ()):
            value = attrs.get(key) or ""
            if value.startswith(("http://", "https://", "//")):
                self.fetches.append(f"{tag} {key}={value}")

    def handle_endtag(self, tag):
        if tag == "script":
            self.in_script = False

    def handle_data(self, data):
        if self.in_script:
            self.scripts.append(data)
            for marker in ("import(", "fetch(", "XMLHttpRequest", "https://cdn"):
                if marker in data and "http" in data:
                    self.fetches.append(f"script uses {marker}")
        else:
            self.text.append(data)


@pytest.fixture(scope="module")
def hostile_reports(tmp_path_factory, load_script):
    base = tmp_path_factory.mktemp("hostile")
    seeds = base / "seeds"
    shutil.copytree(utils.corpus_folder(), seeds)
    (seeds / "999_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = base / "reports"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("NETRALITAS_SEEDS", str(seeds))
        mp.setenv("NETRALITAS_DERIVED", str(base / "derived"))
        mp.setattr(utils, "SEEDS", seeds)
        load_script("scripts/build_reports.py").main(["--out", str(out)])
    return out


def test_every_page_is_built(hostile_reports):
    notebooks = sorted(p.stem for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    built = {p.name for p in hostile_reports.glob("*.html")}
    assert {"index.html", "glossary.html"} <= built
    for stem in notebooks:
        assert {f"{stem}.html", f"{stem}.reader.html"} <= built
    index = (hostile_reports / "index.html").read_text(encoding="utf-8")
    assert "<strong>6</strong> articles" in index
    assert all(f'href="{stem}.reader.html"' in index for stem in notebooks)


def test_article_text_is_shown_as_text_never_run(hostile_reports):
    shown_somewhere = False
    for path in sorted(hostile_reports.glob("*.html")):
        page = Page()
        page.feed(path.read_text(encoding="utf-8"))
        assert not page.handlers, f"{path.name}: {page.handlers[:3]}"
        assert not any("alert(" in s for s in page.scripts), f"{path.name} runs article text"
        text = "".join(page.text)
        shown_somewhere |= '<script>alert("judul")</script>' in text
    assert shown_somewhere, "the hostile title should appear, escaped, as visible text"


def test_pages_fetch_nothing_from_the_network(hostile_reports):
    for path in sorted(hostile_reports.glob("*.html")):
        source = path.read_text(encoding="utf-8")
        page = Page()
        page.feed(source)
        assert not page.fetches, f"{path.name}: {page.fetches[:3]}"
        assert "@import url(http" not in source and "url(https://" not in source, path.name


def test_figures_are_embedded(hostile_reports):
    source = (hostile_reports / "03_term_frequency.reader.html").read_text(encoding="utf-8")
    assert source.count("data:image/png;base64,") >= 4
    assert '<img src="http' not in source


@pytest.mark.skipif(shutil.which("chromium") is None, reason="Debian chromium not installed")
def test_browser_does_not_run_article_text(hostile_reports):
    for name in ("01_load_and_inspect.html", "04_keywords_in_context.reader.html"):
        result = subprocess.run(
            ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
             "--disable-component-update", "--disable-sync", "--no-first-run", "--dump-dom",
             f"file://{hostile_reports / name}"],
            capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-500:]
        assert "<body" in result.stdout
        assert "data-pwned" not in result.stdout


def test_a_failing_notebook_stops_the_build_naming_notebook_and_cell(tmp_path, load_script):
    nb = nbformat.v4.new_notebook(
        cells=[
            nbformat.v4.new_markdown_cell("# 99 · Broken"),
            nbformat.v4.new_code_cell("x = 1"),
            nbformat.v4.new_code_cell("1 / 0"),
        ]  # fmt: skip
    )
    path = tmp_path / "99_broken.ipynb"
    nbformat.write(nb, path)
    with pytest.raises(SystemExit) as failure:
        load_script("scripts/build_reports.py").execute(path)
    message = str(failure.value)
    assert "99_broken.ipynb" in message and "cell 2" in message and "ZeroDivisionError" in message
