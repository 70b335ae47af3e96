"""Execute every notebook once and write static HTML reports to reports/.

For each ``notebooks/NN_name.ipynb``: ``reports/NN_name.html`` (with code, for learners) and
``reports/NN_name.reader.html`` (outputs and prose only), plus ``reports/index.html`` (the teaching
path) and ``reports/glossary.html``. The pages need no network: the template drops the CDN scripts
of JupyterLab's, figures are embedded, interactive widgets are replaced by a note. Article text
reaches the pages only through escaped outputs, never as markup. Links between notebooks point at
the matching report, every page links back to the index, every figure has alt text.

Two builds of the same corpus give the same bytes: Styler table ids, memory addresses and machine
paths are normalised, and the build date is ``SOURCE_DATE_EPOCH`` when that is set.

Each cell may run for at most ``--timeout`` seconds (default 180, or ``NETRALITAS_CELL_TIMEOUT``);
a cell that fails or stalls stops the build with a message naming the notebook and the cell.

Two editions: English in reports/ from notebooks/, and Bahasa Indonesia in reports/id/ from the
translated notebooks (``netralitas.i18n.build`` writes them to build/notebooks-id/ first). Every page
links to the same page in the other language. ``execute_report`` runs one notebook, ``render_pages``
makes its two pages (in a thread of its own, while the kernels run the next notebooks), and
``write_edition`` writes an edition; ``main`` builds both unless told one (``--lang en`` or ``--lang id``),
running ``--jobs`` notebooks at once (default 2 on two cores), every English one before the Indonesian
ones (``Schedule``): those then read the slow steps' results from the memo (``netralitas.memo``) instead
of computing them again.
Run:  python scripts/build_reports.py [--out DIR] [--lang all|en|id] [--timeout SECONDS] [--jobs N] [notebook ...]
"""

import argparse
import asyncio
import concurrent.futures
import copy
import datetime as dt
import functools
import html
import os
import re
import shutil
import sys
import tempfile
import threading
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
from bs4 import BeautifulSoup
from jupyter_core.utils import run_sync
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionComplete, CellExecutionError, CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter

import utils
from netralitas import i18n
from netralitas.i18n import LANGUAGES

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
REPORTS = ROOT / "reports"
README = ROOT / "README.md"
TEMPLATES = Path(__file__).resolve().parent / "templates"
CELL_TIMEOUT = int(os.environ.get("NETRALITAS_CELL_TIMEOUT", "180"))
WIDGET_MIME = "application/vnd.jupyter.widget-view+json"


# ---------------------------------------------------------------------------
# Executing a notebook
# ---------------------------------------------------------------------------


class ReportClient(NotebookClient):
    """An nbclient that never sleeps on a reply that has already arrived, and keeps the kernel quiet.

    The stall of issue 15: nbclient waits for a cell's ``execute_reply`` with one long poll of the shell
    socket (as long as the cell timeout). When a cell drives ipywidgets Output widgets, nbclient's own
    Output-widget model sends ``comm_msg`` updates to the kernel on that same shell socket while the poll
    is pending; now and then the reply then arrives without the poll waking up (pyzmq's asyncio poller
    misses the edge-triggered ZMQ_FD notification), and the reply sits unread until the poll times out:
    60 s, 600 s. Here the shell and IOPub sockets are polled in slices of ``POLL`` seconds up to the same
    deadline; every new poll checks the socket's queue first, so a missed wake-up costs at most one slice,
    and a cell that really hangs still fails at the timeout.

    Also: the kernel talks over IPC sockets in a private folder (nothing listens on the network, and
    ipykernel does not print "Kernel is running over TCP without encryption"), and its own log (for
    instance tornado's "Got events for closed stream" at shut-down) goes to a file; its last lines are kept
    in ``kernel_said`` for the error message when a notebook fails.
    """

    POLL = 1.0

    def __init__(self, nb, km=None, **kw):
        super().__init__(nb, km=km, **kw)
        self.sockets = Path(tempfile.mkdtemp(prefix="netralitas-kernel-"))
        self.kernel_log = self.sockets / "kernel.log"
        self.kernel_said = ""  # the end of the kernel's log, kept after the files are removed

    def create_kernel_manager(self):
        km = super().create_kernel_manager()
        km.transport = "ipc"
        km.ip = str(self.sockets / "kernel")
        return km

    async def async_start_new_kernel(self, **kwargs):
        log = self.kernel_log.open("ab")
        try:
            await super().async_start_new_kernel(**{"stdout": log, "stderr": log, **kwargs})
        finally:
            log.close()  # the kernel holds its own copy of the descriptor

    def kernel_log_tail(self, lines: int = 15) -> str:
        try:
            text = self.kernel_log.read_text(encoding="utf-8", errors="replace")
        except OSError:
            return ""
        return "\n".join(text.strip().splitlines()[-lines:])

    async def async_execute(self, reset_kc: bool = False, **kwargs):
        try:
            return await super().async_execute(reset_kc=reset_kc, **kwargs)
        finally:
            self.kernel_said = self.kernel_log_tail()
            shutil.rmtree(self.sockets, ignore_errors=True)

    execute = run_sync(async_execute)

    async def _async_poll_for_reply(self, msg_id, cell, timeout, task_poll_output_msg, task_poll_kernel_alive):
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            remaining = None if deadline is None else deadline - time.monotonic()
            if remaining is not None and remaining <= 0:
                task_poll_kernel_alive.cancel()
                await self._async_check_alive()
                reply = await self._async_handle_timeout(timeout, cell)  # raises unless interrupt_on_timeout
                if reply is not None:
                    reply["parent_header"] = {"msg_id": msg_id}
                    return reply
                deadline = None  # interrupted: wait for the kernel's answer to the interrupt
                continue
            wait = self.POLL if remaining is None else max(0.0, min(self.POLL, remaining))
            if not await self.kc.shell_channel.socket.poll(int(wait * 1000)):
                continue
            msg = await self.kc.shell_channel.get_msg(timeout=0)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if self.record_timing:
                cell["metadata"]["execution"]["shell.execute_reply"] = _timestamp(msg)
            try:
                await asyncio.wait_for(task_poll_output_msg, self.iopub_timeout)
            except TimeoutError:
                if self.raise_on_iopub_timeout:
                    task_poll_kernel_alive.cancel()
                    raise CellTimeoutError.error_from_timeout_and_cell(
                        "Timeout waiting for IOPub output", self.iopub_timeout, cell
                    ) from None
                self.log.warning("Timeout waiting for IOPub output")
            task_poll_kernel_alive.cancel()
            return msg

    async def _async_poll_output_msg(self, parent_msg_id, cell, cell_index):
        channel = self.kc.iopub_channel
        while True:
            if not await channel.socket.poll(int(self.POLL * 1000)):
                continue
            msg = await channel.get_msg(timeout=0)
            if msg["parent_header"].get("msg_id") == parent_msg_id:
                try:
                    self.process_message(msg, cell, cell_index)  # raises CellExecutionComplete at idle
                except CellExecutionComplete:
                    return


def _timestamp(msg) -> str:
    date = msg.get("header", {}).get("date")
    return date.isoformat() if hasattr(date, "isoformat") else str(date or "")


def _cell_summary(cell) -> str:
    first = next((line.strip() for line in cell.source.splitlines() if line.strip()), "")
    return first if len(first) <= 60 else first[:57] + "..."


def execute(
    path: Path,
    *,
    timeout: int = CELL_TIMEOUT,
    hooks: dict[str, Callable] | None = None,
    env: dict[str, str] | None = None,
):
    """Run a notebook top to bottom in a fresh kernel, in its own folder; return the executed notebook.

    Raises SystemExit naming the notebook and the cell if a cell raises, runs longer than ``timeout``
    seconds, or the kernel dies. ``hooks`` are nbclient's callbacks (``on_cell_start=...``, ...);
    ``env`` adds environment variables for the kernel (``NETRALITAS_LANG`` for an edition).
    """
    nb = nbformat.read(path, as_version=4)
    running: dict[str, int] = {}
    hooks = dict(hooks or {})
    user_start = hooks.pop("on_cell_start", None)

    async def on_cell_start(cell, cell_index):
        running["index"] = cell_index
        if user_start is not None:
            result = user_start(cell=cell, cell_index=cell_index)
            if asyncio.iscoroutine(result):
                await result

    client = ReportClient(
        nb,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_start=on_cell_start,
        **hooks,
    )

    def where() -> str:
        index = running.get("index")
        return f"cell {index} ({_cell_summary(nb.cells[index])})" if index is not None else "before the first cell"

    def kernel_said() -> str:
        return f"\nThe kernel's own log ends:\n{client.kernel_said}" if client.kernel_said else ""

    try:
        client.execute(**({"env": {**os.environ, **env}} if env else {}))
    except CellTimeoutError:
        raise SystemExit(f"FAILED {path.name}, {where()}: still running after {timeout} s (the cell timeout)") from None
    except CellExecutionError as err:
        index = next((i for i, c in enumerate(nb.cells) if _has_error(c)), running.get("index"))
        running["index"] = index
        raise SystemExit(f"FAILED {path.name}, {where()}:\n{err}") from None
    except DeadKernelError:
        raise SystemExit(f"FAILED {path.name}, {where()}: the kernel died{kernel_said()}") from None
    except RuntimeError as err:  # the kernel did not start or answer
        raise SystemExit(f"FAILED {path.name}, {where()}: {err}{kernel_said()}") from None
    return nb


def _has_error(cell) -> bool:
    return any(o.get("output_type") == "error" for o in cell.get("outputs", []))


# ---------------------------------------------------------------------------
# Reading a notebook: title, purpose, teaching time
# ---------------------------------------------------------------------------


@dataclass
class Report:
    """One notebook as the index lists it."""

    stem: str
    title: str
    purpose: str
    time_text: str  # as the notebook states it: "30 minutes", "open-ended; 20 minutes for the exercises"
    minutes: int | None  # when the stated time is a duration
    seconds: float = 0.0  # how long it took to execute

    @property
    def number(self) -> str:
        return self.stem.split("_", 1)[0]

    def href(self, with_code: bool) -> str:
        return f"{self.stem}.html" if with_code else f"{self.stem}.reader.html"


_TIME = re.compile(
    r"^(?:about\s+|sekitar\s+|~\s*)?(\d+(?:[.,]\d+)?)\s*(min|minutes?|menit|h|hours?|jam)\b", re.IGNORECASE
)
_STATED = re.compile(r"(?:estimated\s+time|perkiraan\s+waktu)[\s:*_]*(.+)", re.IGNORECASE)


def estimated_time(text: str) -> tuple[str, int | None]:
    """The "Estimated time" (Indonesian: "Perkiraan waktu") a notebook states, as written and in minutes
    (None if not a duration).

    >>> estimated_time("**Estimated time:** 30 minutes.")
    ('30 minutes', 30)
    >>> estimated_time("**Perkiraan waktu:** 1,5 jam.")
    ('1,5 jam', 90)
    >>> estimated_time("**Estimated time:** open-ended; 20 minutes for the exercises.")
    ('open-ended; 20 minutes for the exercises', None)
    """
    match = _STATED.search(text)
    if not match:
        return "", None
    stated = re.sub(r"[*_]", "", match.group(1)).strip().rstrip(".").strip()
    duration = _TIME.match(stated)
    if not duration:
        return stated, None
    amount = float(duration.group(1).replace(",", "."))
    return stated, round(amount * 60 if duration.group(2).lower().startswith(("h", "j")) else amount)


def _plain(markdown: str) -> str:
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", markdown)  # links -> their text
    return re.sub(r"[*`]|(?<!\w)_|_(?!\w)", "", text)  # drop emphasis marks, keep snake_case names


def describe(nb: nbformat.NotebookNode, path: Path) -> Report:
    """Title (the ``# NN · Title`` heading), purpose (the first prose paragraph) and teaching time."""
    markdown = [c.source for c in nb.cells if c.cell_type == "markdown"]
    first = markdown[0] if markdown else ""
    blocks = [" ".join(line.strip() for line in block.splitlines()) for block in re.split(r"\n\s*\n", first)]
    title = next((b.lstrip("# ").strip() for b in blocks if b.startswith("# ")), path.stem)
    prose = next((b for b in blocks if b and not b.startswith(("#", "- ", "**", ">"))), "")
    stated, minutes = next((estimated_time(m) for m in markdown if _STATED.search(m)), ("", None))
    return Report(path.stem, _plain(title), _plain(prose), stated, minutes)


def workshop_route(readme: str, reports: list[Report]) -> tuple[list[Report], str] | None:
    """The short workshop the README proposes ("a single workshop can do 01, 04 and 05 in three hours")."""
    match = re.search(
        r"workshop[^.]*?\b(\d{2}(?:\s*(?:,|and|→|->|&)\s*\d{2})+)[^.]*?\bin\s+([\w.-]+\s+hours?)",
        " ".join(readme.split()),
        re.IGNORECASE,
    )
    if not match:
        return None
    by_number = {r.number: r for r in reports}
    route = [by_number[n] for n in re.findall(r"\d{2}", match.group(1)) if n in by_number]
    return (route, match.group(2)) if len(route) > 1 else None


_NUMBER_WORDS_ID = {"one": "satu", "two": "dua", "three": "tiga", "four": "empat", "five": "lima", "six": "enam"}


def workshop_length(hours: str, lang: str = "en") -> str:
    """The README's "three hours" as a title says it: "three-hour" (en), "tiga jam" (id)."""
    amount = re.sub(r"\s+hours?$", "", hours.strip(), flags=re.IGNORECASE)
    if lang == "id":
        return f"{_NUMBER_WORDS_ID.get(amount.lower(), amount)} jam"
    return f"{amount}-hour"


# ---------------------------------------------------------------------------
# Outputs made static and reproducible
# ---------------------------------------------------------------------------


def _widget_note(strings: dict) -> nbformat.NotebookNode:
    return nbformat.v4.new_output(
        "display_data", data={"text/html": f'<p class="widget-note">{html.escape(strings["widget"])}</p>'}
    )


def _machine_paths() -> list[tuple[str, str]]:
    """Absolute paths of this machine, longest first, and what a page shows instead."""
    pairs = {str(ROOT): ".", str(Path.home()): "~"}
    try:
        corpus = Path(utils.corpus_folder()).resolve()
        pairs.setdefault(str(corpus), corpus.name if not corpus.is_relative_to(ROOT) else str(corpus.relative_to(ROOT)))
    except Exception:  # noqa: BLE001 - the safety net must not break the build
        pass
    pairs[tempfile.gettempdir()] = "$TMPDIR"
    return sorted(((k, v) for k, v in pairs.items() if len(k) > 1), key=lambda kv: -len(kv[0]))


_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{6,16}\b")
_KERNEL_FOLDER = re.compile(r"\bipykernel_\d+(?=[/\\])")  # a warning's cell file: the folder carries the kernel's pid
_STYLER_ID = re.compile(r'\bid="T_([0-9a-f]{5,32})"')


def _normalise_text(text: str, paths: list[tuple[str, str]], uuids: dict[str, str]) -> str:
    for absolute, shown in paths:
        text = text.replace(absolute + os.sep, "" if shown == "." else shown + os.sep)
        text = re.sub(re.escape(absolute) + r"(?![\w.-])", lambda _, shown=shown: shown, text)
    text = _ADDRESS.sub("at 0x…", text)
    text = _KERNEL_FOLDER.sub("ipykernel", text)
    for uuid in _STYLER_ID.findall(text):
        uuids.setdefault(uuid, f"s{len(uuids) + 1}")
    for uuid, stable in uuids.items():
        text = re.sub(rf"\bT_{uuid}(?![0-9a-zA-Z])", f"T_{stable}", text)
    return text


def _luminance(colour: str) -> float:
    """Relative luminance of a #rrggbb or #rgb colour (WCAG 2)."""
    hex_ = colour.lstrip("#")
    hex_ = "".join(c * 2 for c in hex_) if len(hex_) == 3 else hex_[:6]
    channels = [int(hex_[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2 contrast ratio of two colours, from 1 to 21.

    >>> round(contrast("#000000", "#ffffff"), 1)
    21.0
    """
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


_CELL_COLOURS = re.compile(
    r"(background-color:\s*)(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})(;\s*color:\s*)(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3})"
)


def readable_cells(css: str) -> str:
    """Table cell colours (pandas ``background_gradient``) with text that reads on its background.

    Where a cell's text has less than 4.5:1 contrast with its background (WCAG 2 AA), the text becomes
    black or white, whichever contrasts more.
    """

    def fix(match: re.Match) -> str:
        background, text = match.group(2), match.group(4)
        if contrast(background, text) >= 4.5:
            return match.group(0)
        better = max(("#000000", "#ffffff"), key=lambda c: contrast(background, c))
        return match.group(1) + background + match.group(3) + better

    return _CELL_COLOURS.sub(fix, css)


def static_outputs(nb: nbformat.NotebookNode, strings: dict) -> nbformat.NotebookNode:
    """A copy of an executed notebook whose outputs read the same on every machine and every run.

    Widget views become a note (their state needs a kernel); pandas Styler ids (``T_`` + random uuid)
    are numbered in order of appearance; absolute paths lose this machine's prefix; ``at 0x7f..``
    memory addresses are blanked; table cells coloured by value get text that contrasts with them;
    consecutive pieces of one stream (stdout, stderr) become one block, as the kernel's timing splits them.
    """
    nb = copy.deepcopy(nb)
    nb.metadata.pop("widgets", None)  # widget state is not shown offline, and would carry article text in a script
    paths, uuids = _machine_paths(), {}
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        outputs = []
        for output in cell.get("outputs", []):
            data = output.get("data", {})
            if WIDGET_MIME in data:
                if not outputs or outputs[-1].get("data", {}).get("text/html", "").find("widget-note") < 0:
                    outputs.append(_widget_note(strings))
                continue
            if output.get("output_type") == "stream":
                text = _normalise_text(output["text"], paths, uuids)
                previous = outputs[-1] if outputs else {}
                if previous.get("output_type") == "stream" and previous.get("name") == output.get("name"):
                    previous["text"] += text  # one block however the kernel happened to flush it
                    continue
                output["text"] = text
            elif output.get("output_type") == "error":
                output["traceback"] = [_normalise_text(t, paths, uuids) for t in output.get("traceback", [])]
            for mime in ("text/plain", "text/html", "text/markdown"):
                if mime in data:
                    value = data[mime]
                    value = "".join(value) if isinstance(value, list) else value
                    data[mime] = _normalise_text(value, paths, uuids)
            if "text/html" in data:
                data["text/html"] = readable_cells(data["text/html"])
            outputs.append(output)
        cell.outputs = outputs
    return nb


# ---------------------------------------------------------------------------
# HTML
# ---------------------------------------------------------------------------

# The interface text of each edition (a key a language lacks falls back to English); the notebooks carry
# their own text. Values ending in _html are markup.
STRINGS = {
    "en": {
        "language_name": "English",
        "site": "netralitas",
        "index": "All reports",
        "with_code": "Report with code",
        "reader": "Reader version",
        "previous": "Previous",
        "next": "Next",
        "nav_label": "Reports",
        "nav_bottom_label": "Next steps",
        "widget": "Interactive control: it needs a running Python kernel (open the notebook in JupyterLab). "
        "The default view is shown above.",
        "index_title": "netralitas · reports",
        "tagline": "How Indonesian regional governments talk to their civil servants (ASN) about political neutrality",
        "intro_html": "The corpus is regional news articles from Indonesia, copied from web pages as plain text, in "
        "which an official urges civil servants to stay neutral before the 2024 regional elections (Pilkada). Each "
        "notebook below is one step of the analysis, from loading the articles to comparing the regions' messages "
        "and their speakers. The <em>reader version</em> of each report hides the code; the <em>report with "
        'code</em> is for learners. New to the vocabulary? See the <a href="glossary.html">glossary of Indonesian '
        "civic and administrative terms</a>.",
        "built_html": "Built {date} from <strong>{articles}</strong> articles about <strong>{regions}</strong> "
        "regions.",
        "path": "The teaching path",
        "path_caption": "The notebooks in reading order, with the time each one states",
        "col_order": "order",
        "col_notebook": "notebook",
        "col_time": "time",
        "col_purpose": "what it answers",
        "no_time": "not stated",
        "total": "In all about {time}",
        "plus": "plus",
        "workshop": "A {length} workshop",
        "workshop_note": "The notebooks' own estimates add up to {time}; the rest of the session is for discussion "
        "and the exercises.",
        "skipped": "Files left out of the corpus",
        "skipped_note": "These files in the corpus folder were not read as articles; each reason says why.",
        "col_file": "file",
        "col_reason": "reason",
        "none_skipped": "Every file in the corpus folder was read as an article.",
        "glossary_title": "netralitas · glossary",
        "glossary": "Glossary",
        "glossary_note_html": "Indonesian civic and administrative terms in the articles, from "
        "<code>data/glossary.csv</code>.",
        "hours_minutes": "{h} h {m:02d} min",
        "minutes": "{m} min",
        "language_label": "This page in another language",
    },
    "id": {
        "language_name": "Bahasa Indonesia",
        "index": "Semua laporan",
        "with_code": "Laporan dengan kode",
        "reader": "Versi baca",
        "previous": "Sebelumnya",
        "next": "Berikutnya",
        "nav_label": "Laporan",
        "nav_bottom_label": "Langkah berikutnya",
        "widget": "Kontrol interaktif: perlu kernel Python yang sedang berjalan (buka notebook ini di JupyterLab). "
        "Tampilan bawaannya ada di atas.",
        "index_title": "netralitas · laporan",
        "tagline": "Cara pemerintah daerah di Indonesia berbicara kepada aparatur sipil negara (ASN) tentang "
        "netralitas politik",
        "intro_html": "Korpusnya adalah berita daerah dari Indonesia, disalin dari halaman web sebagai teks polos, "
        "yang memuat imbauan pejabat agar ASN menjaga netralitas menjelang Pilkada 2024. Setiap notebook di bawah "
        "ini adalah satu langkah analisis, mulai dari memuat berita sampai membandingkan pesan antardaerah dan "
        "para penuturnya. <em>Versi baca</em> setiap laporan menyembunyikan kode; <em>laporan dengan kode</em> "
        'ditujukan bagi pembelajar. Belum akrab dengan istilahnya? Lihat <a href="glossary.html">glosarium '
        "istilah pemerintahan dan kewarganegaraan</a>.",
        "built_html": "Dibuat {date} dari <strong>{articles}</strong> berita tentang <strong>{regions}</strong> "
        "daerah.",
        "path": "Alur belajar",
        "path_caption": "Notebook menurut urutan baca, dengan perkiraan waktu yang dinyatakan masing-masing",
        "col_order": "urutan",
        "col_notebook": "notebook",
        "col_time": "waktu",
        "col_purpose": "pertanyaan yang dijawab",
        "no_time": "tidak disebutkan",
        "total": "Seluruhnya sekitar {time}",
        "plus": "ditambah",
        "workshop": "Lokakarya {length}",
        "workshop_note": "Perkiraan waktu notebook-notebook ini berjumlah {time}; sisa sesi untuk diskusi dan latihan.",
        "skipped": "Berkas yang tidak masuk korpus",
        "skipped_note": "Berkas-berkas di folder korpus ini tidak dibaca sebagai berita; alasannya ada di "
        "sampingnya (dalam bahasa Inggris, seperti yang dicetak pemuat korpus).",
        "col_file": "berkas",
        "col_reason": "alasan",
        "none_skipped": "Semua berkas di folder korpus terbaca sebagai berita.",
        "glossary_title": "netralitas · glosarium",
        "glossary": "Glosarium",
        "glossary_note_html": "Istilah pemerintahan dan kewarganegaraan Indonesia yang muncul dalam berita, dari "
        "<code>data/glossary.csv</code>.",
        "hours_minutes": "{h} jam {m:02d} menit",
        "minutes": "{m} menit",
        "language_label": "Halaman ini dalam bahasa lain",
        "glossary_columns": {
            "term": "istilah",
            "indonesian": "kepanjangan",
            "english": "padanan bahasa Inggris",
            "note": "catatan (bahasa Inggris)",
        },
    },
}


@dataclass(frozen=True)
class OtherEdition:
    """The edition in the other language, for the link on every page to the same page there."""

    lang: str
    prefix: str  # from this edition's folder to the other's: "id/" or "../"

    def link(self, href: str) -> str:
        name = STRINGS[self.lang]["language_name"]
        return f'<a href="{html.escape(self.prefix + href)}" hreflang="{self.lang}" lang="{self.lang}">{name}</a>'


def _language_nav(href: str, other: OtherEdition | None, strings: dict) -> str:
    if other is None:
        return ""
    label = html.escape(strings["language_label"])
    return f'<nav class="report-nav language-nav" aria-label="{label}">{other.link(href)}</nav>'


def _nav(
    report: Report,
    reports: list[Report],
    with_code: bool,
    strings: dict,
    where: str,
    edition: OtherEdition | None = None,
) -> str:
    i = reports.index(report)
    other = report.href(not with_code)
    links = [f'<a href="index.html">← {html.escape(strings["index"])}</a>']
    if where == "top":
        label = strings["reader"] if with_code else strings["with_code"]
        links.append(f'<a href="{html.escape(other)}">{html.escape(label)}</a>')
        if edition is not None:
            links.append(edition.link(report.href(with_code)))
    if i > 0:
        prev = reports[i - 1]
        links.append(f'<a href="{prev.href(with_code)}">{strings["previous"]}: {html.escape(prev.title)}</a>')
    if i + 1 < len(reports):
        nxt = reports[i + 1]
        links.append(f'<a href="{nxt.href(with_code)}">{strings["next"]}: {html.escape(nxt.title)} →</a>')
    label = strings["nav_label"] if where == "top" else strings["nav_bottom_label"]
    return f'<nav class="report-nav" aria-label="{label}">' + " · ".join(links) + "</nav>"


def _rewrite_links(soup: BeautifulSoup, folder: Path, with_code: bool) -> list[str]:
    """Point links to sibling notebooks (``02_cleaning.ipynb#x``) at their reports; return the missing ones."""
    unknown = []
    for a in soup.find_all("a", href=True):
        href = a["href"]
        match = re.fullmatch(r"(?:\./)?([^/#?]+)\.ipynb(#.*)?", href)
        if match:
            if (folder / f"{match.group(1)}.ipynb").exists():
                suffix = ".html" if with_code else ".reader.html"
                a["href"] = match.group(1) + suffix + (match.group(2) or "")
            else:
                unknown.append(href)
    return unknown


_EXPORTING = threading.Lock()


@functools.cache
def _exporter(with_code: bool, lang: str) -> HTMLExporter:
    """The HTML exporter of one kind of page, made once: making one compiles its templates (about a second)."""
    exporter = HTMLExporter(
        template_name="offline",
        extra_template_basedirs=[str(TEMPLATES)],
        exclude_input=not with_code,
        language_code=lang,
    )
    exporter.exclude_input_prompt = not with_code
    exporter.exclude_output_prompt = True
    return exporter


def to_html(
    nb: nbformat.NotebookNode,
    report: Report,
    reports: list[Report],
    *,
    with_code: bool,
    folder: Path = NOTEBOOKS,
    lang: str = "en",
    strings: dict | None = None,
    edition: OtherEdition | None = None,
) -> tuple[str, list[str]]:
    """One report page and the notebook links it could not resolve."""
    strings = strings or STRINGS["en"]
    resources = {
        "metadata": {"name": report.title},
        "netralitas": {
            "nav_top": _nav(report, reports, with_code, strings, "top", edition),
            "nav_bottom": _nav(report, reports, with_code, strings, "bottom"),
        },
    }
    nb = copy.deepcopy(nb)
    nb.metadata.pop("title", None)
    with _EXPORTING:  # one page at a time: an exporter keeps state while it converts
        body, _ = _exporter(with_code, lang).from_notebook_node(nb, resources=resources)
    soup = BeautifulSoup(body, features="html.parser")
    unknown = _rewrite_links(soup, folder, with_code)
    return str(soup), unknown


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem; color: #1f1f1f;
       line-height: 1.45; }
h1 { margin-bottom: .2rem; } .meta { color: #4a4a4a; }
a { color: #0050a0; text-decoration: underline; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; margin: .5rem 0 1.5rem; }
caption { text-align: left; font-weight: 600; padding: .3rem 0; color: #1f1f1f; }
th, td { text-align: left; padding: .35rem .5rem; border-bottom: 1px solid #ccc; vertical-align: top; }
th { background: #eee; }
td.num { text-align: right; white-space: nowrap; }
.route { font-size: 1.05rem; padding: .6rem .8rem; border-left: 4px solid #0050a0; background: #f3f6fa; }
"""


def page(title: str, body: str, lang: str = "en") -> str:
    return f"""<!DOCTYPE html>
<html lang="{html.escape(lang)}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(title)}</title>
<style>{PAGE_STYLE}</style></head>
<body>
{body}
</body></html>
"""


def build_date() -> dt.date:
    """The build date: SOURCE_DATE_EPOCH (reproducible-builds.org) when set, else today."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date()
    return dt.date.today()


def _minutes(minutes: int, strings: dict | None = None) -> str:
    t = strings or STRINGS["en"]
    hours, rest = divmod(minutes, 60)
    return t["hours_minutes"].format(h=hours, m=rest) if hours else t["minutes"].format(m=rest)


def index_page(
    reports: list[Report],
    corpus,
    *,
    lang: str = "en",
    strings: dict | None = None,
    edition: OtherEdition | None = None,
) -> str:
    """The index: the teaching path with each notebook's time, the workshop route, the skipped files."""
    t = {**STRINGS["en"], **(strings or {})}
    e = html.escape
    rows = []
    for n, r in enumerate(reports, 1):
        rows.append(
            f"""<tr><td class="num">{n}</td>
<td><strong>{e(r.title)}</strong><br><a href="{e(r.href(True))}">{e(t["with_code"])}</a> ·
<a href="{e(r.href(False))}">{e(t["reader"])}</a></td>
<td>{e(r.time_text or t["no_time"])}</td><td>{e(r.purpose)}</td></tr>"""
        )
    timed = [r.minutes for r in reports if r.minutes is not None]
    untimed = [r for r in reports if r.minutes is None]
    total = t["total"].format(time=_minutes(sum(timed), t)) if timed else ""
    if total and untimed:
        total += f", {t['plus']} " + ", ".join(f"{e(r.number)} ({e(r.time_text or t['no_time'])})" for r in untimed)
    route = workshop_route(README.read_text(encoding="utf-8") if README.exists() else "", reports)
    workshop = ""
    if route:
        steps, length = route
        arrows = " → ".join(f'<a href="{e(r.href(True))}">{e(r.title)}</a>' for r in steps)
        note = t["workshop_note"].format(time=_minutes(sum(r.minutes or 0 for r in steps), t))
        workshop = f"""<h2 id="workshop">{e(t["workshop"].format(length=workshop_length(length, lang)))}</h2>
<p class="route">{arrows}</p>
<p>{e(note)}</p>"""
    skipped = corpus.attrs.get("skipped", {}) or {}
    if skipped:
        items = "\n".join(
            f"<tr><td><code>{e(str(f))}</code></td><td>{e(str(why))}</td></tr>" for f, why in skipped.items()
        )
        skipped_html = f"""<h2 id="skipped">{e(t["skipped"])}</h2>
<p>{e(t["skipped_note"])}</p>
<table><thead><tr><th scope="col">{e(t["col_file"])}</th><th scope="col">{e(t["col_reason"])}</th></tr></thead>
<tbody>
{items}
</tbody></table>"""
    else:
        skipped_html = f'<p class="meta" id="skipped">{e(t["none_skipped"])}</p>'
    n_regions = corpus["region"].nunique() if "region" in corpus else 0
    built = t["built_html"].format(date=build_date().isoformat(), articles=len(corpus), regions=n_regions)
    body = f"""{_language_nav("index.html", edition, t)}
<main>
<h1>{e(t["site"])}</h1>
<p class="meta">{e(t["tagline"])}</p>
<p>{t["intro_html"]}</p>
<p class="meta">{built}</p>
<h2 id="path">{e(t["path"])}</h2>
<table><caption>{e(t["path_caption"])}</caption>
<thead><tr><th scope="col">{e(t["col_order"])}</th><th scope="col">{e(t["col_notebook"])}</th>
<th scope="col">{e(t["col_time"])}</th><th scope="col">{e(t["col_purpose"])}</th></tr></thead><tbody>
{chr(10).join(rows)}
</tbody></table>
<p>{total}.</p>
{workshop}
{skipped_html}
</main>"""
    return page(t["index_title"], body, lang)


def glossary_page(*, lang: str = "en", strings: dict | None = None, edition: OtherEdition | None = None) -> str:
    """The glossary of Indonesian civic terms (data/glossary.csv) as a table."""
    t = {**STRINGS["en"], **(strings or {})}
    table = utils.glossary()
    rows = "\n".join(
        "<tr>" + "".join(f"<td>{html.escape(str(v))}</td>" for v in row) + "</tr>"
        for row in table.itertuples(index=False)
    )
    names = t.get("glossary_columns", {})
    head = "".join(f'<th scope="col">{html.escape(names.get(c, c))}</th>' for c in table.columns)
    back = f'<a href="index.html">← {html.escape(t["index"])}</a>'
    if edition is not None:
        back += " · " + edition.link("glossary.html")
    body = f"""<nav aria-label="{html.escape(t["nav_label"])}" class="report-nav">{back}</nav>
<main>
<h1>{html.escape(t["glossary"])}</h1>
<p class="meta">{t["glossary_note_html"]}</p>
<table><thead><tr>{head}</tr></thead><tbody>
{rows}
</tbody></table>
</main>"""
    return page(t["glossary_title"], body, lang)


# ---------------------------------------------------------------------------
# One edition
# ---------------------------------------------------------------------------


def load_corpus_quietly():
    """The corpus as the notebooks see it; its warnings are reported by the build, not repeated."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return utils.load_corpus()


def announce(notebooks: list[Path], *, lang: str, timeout: int, echo: Callable[[str], None], corpus) -> None:
    """Say which corpus an edition describes, the files it skipped, and what is about to run."""
    echo(f"{STRINGS[lang]['language_name']} edition")
    echo(f"corpus: {len(corpus)} articles from {_shown_path(utils.corpus_folder())}")
    for name, reason in (corpus.attrs.get("skipped", {}) or {}).items():
        echo(f"  skipped {name}: {reason}")
    echo(f"executing {len(notebooks)} notebooks, each cell at most {timeout} s (NETRALITAS_CELL_TIMEOUT)")


def execute_report(
    path: Path, *, lang: str, timeout: int, echo: Callable[[str], None]
) -> tuple[Report, nbformat.NotebookNode]:
    """Execute one notebook in a fresh kernel; return its report entry and its outputs made static."""
    strings = {**STRINGS["en"], **STRINGS.get(lang, {})}
    start = time.perf_counter()
    nb = execute(path, timeout=timeout, env={"NETRALITAS_LANG": lang})
    report = describe(nb, path)
    report.seconds = time.perf_counter() - start
    echo(f"  {path.name:<34}{report.seconds:6.1f} s")
    return report, static_outputs(nb, strings)


def render_pages(
    nb: nbformat.NotebookNode,
    report: Report,
    reports: list[Report],
    *,
    folder: Path,
    lang: str,
    edition: OtherEdition | None,
) -> list[tuple[str, str, list[str]]]:
    """A notebook's two pages, with code and for readers: (file name, HTML, links it could not resolve)."""
    strings = {**STRINGS["en"], **STRINGS.get(lang, {})}
    pages = []
    for with_code in (True, False):
        text, unknown = to_html(
            nb, report, reports, with_code=with_code, folder=folder, lang=lang, strings=strings, edition=edition
        )
        pages.append((report.href(with_code), text, unknown if with_code else []))
    return pages


def write_edition(
    reports: list[Report],
    pages: dict[str, list[tuple[str, str, list[str]]]],
    out: Path,
    *,
    lang: str,
    echo: Callable[[str], None],
    edition: OtherEdition | None,
    corpus,
) -> None:
    """Write an edition's pages (``render_pages`` of each report, by stem), its index and its glossary to ``out``."""
    strings = {**STRINGS["en"], **STRINGS.get(lang, {})}
    out.mkdir(parents=True, exist_ok=True)
    for report in reports:
        for name, text, unknown in pages[report.stem]:
            (out / name).write_text(text, encoding="utf-8")
            for href in unknown:
                echo(f"  warning: {report.stem} links to {href}, which is not a notebook of this folder")
    index = index_page(reports, corpus, lang=lang, strings=strings, edition=edition)
    (out / "index.html").write_text(index, encoding="utf-8")
    (out / "glossary.html").write_text(glossary_page(lang=lang, strings=strings, edition=edition), encoding="utf-8")


class Schedule:
    """Which notebook a free kernel runs next, for the editions of one build.

    The first edition's notebooks in their order; then each other edition's notebooks once their twin
    in the first edition has finished (the twin's slow steps are then in the memo to read), the one
    whose twin took longest first, so that the longest does not end up running alone at the end.
    """

    def __init__(self, tasks: list[tuple[str, Path]]):
        self.pending = list(tasks)
        self.first = tasks[0][0] if tasks else None
        self.seconds: dict[str, float] = {}  # the first edition's time for each notebook
        self.lock = threading.Lock()

    def next(self) -> tuple[str, Path] | None:
        with self.lock:
            if not self.pending:
                return None
            first = [task for task in self.pending if task[0] == self.first]
            ready = [task for task in self.pending if task[1].stem in self.seconds]
            if first:
                task = first[0]
            elif ready:
                task = max(ready, key=lambda task: self.seconds[task[1].stem])
            else:  # every twin still running: the first in order
                task = self.pending[0]
            self.pending.remove(task)
            return task

    def finished(self, task: tuple[str, Path], seconds: float) -> None:
        with self.lock:
            if task[0] == self.first:
                self.seconds[task[1].stem] = seconds


def _tagged(lang: str) -> Callable[[str], None]:
    return lambda line: print(f"[{lang}] {line}", flush=True)


def _shown_path(path) -> str:
    path = Path(path).resolve()
    return str(path.relative_to(ROOT)) + "/" if path.is_relative_to(ROOT) else str(path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", help="notebook file names (default: all numbered notebooks)")
    parser.add_argument("--out", type=Path, default=REPORTS, help="output folder (default: reports/)")
    parser.add_argument(
        "--lang", default="all", choices=["all", *LANGUAGES], help="both editions (all, the default) or one"
    )
    parser.add_argument("--timeout", type=int, default=CELL_TIMEOUT, help=f"seconds per cell (default {CELL_TIMEOUT})")
    parser.add_argument(
        "--jobs",
        type=int,
        default=min(2, os.cpu_count() or 1),
        help="notebooks executed at once, each in its own kernel (default: 2 where there are 2 cores)",
    )
    args = parser.parse_args(argv)
    languages = list(LANGUAGES) if args.lang == "all" else [args.lang]
    jobs = max(1, args.jobs)
    start = time.perf_counter()
    plans = []
    for lang in languages:
        folder = NOTEBOOKS if lang == "en" else translated_notebooks(lang)
        names = args.notebooks
        paths = [folder / Path(n).name for n in names] if names else sorted(folder.glob("[0-9][0-9]_*.ipynb"))
        out = args.out if lang == "en" else args.out / lang
        edition = None
        if len(languages) > 1:  # each page links to its twin in the other edition
            edition = OtherEdition("id", "id/") if lang == "en" else OtherEdition("en", "../")
        plans.append((lang, paths, out, edition))
    # Titles, purposes and times come from the notebooks' prose, the same before and after running them:
    # read now, so that each notebook's pages (which link to the others by title) are made as soon as it
    # has run, while the kernels run the rest.
    reports = {lang: [describe(nbformat.read(path, as_version=4), path) for path in paths] for lang, paths, *_ in plans}
    corpus = load_corpus_quietly()  # once, before any kernel starts: parsing may use a process pool
    echoes = {lang: print if jobs == 1 else _tagged(lang) for lang, *_ in plans}
    for lang, paths, *_ in plans:
        announce(paths, lang=lang, timeout=args.timeout, echo=echoes[lang], corpus=corpus)
    # Every notebook of every edition is one job; ``jobs`` kernels run at once (see Schedule for the order).
    schedule = Schedule([(lang, path) for lang, paths, *_ in plans for path in paths])
    editions = {lang: edition for lang, _, _, edition in plans}
    pages, errors = {}, []
    renderer = concurrent.futures.ThreadPoolExecutor(max_workers=1)  # pages are made one at a time, meanwhile

    def work() -> None:
        while not errors:
            task = schedule.next()
            if task is None:
                return
            lang, path = task
            try:
                report, nb = execute_report(path, lang=lang, timeout=args.timeout, echo=echoes[lang])
            except BaseException as error:  # a notebook that failed stops the build: no other notebook starts
                errors.append(error)
                return
            schedule.finished(task, report.seconds)  # the time execute_report measured
            listed = reports[lang]
            entry = listed[[r.stem for r in listed].index(path.stem)]
            pages[task] = renderer.submit(
                render_pages, nb, entry, listed, folder=path.parent, lang=lang, edition=editions[lang]
            )

    workers = [threading.Thread(target=work, daemon=True) for _ in range(jobs)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    if errors:
        renderer.shutdown(cancel_futures=True)
        raise errors[0]
    made = {task: future.result() for task, future in pages.items()}
    renderer.shutdown()
    n_pages = 0
    for lang, paths, out, edition in plans:
        written = {path.stem: made[(lang, path)] for path in paths}
        write_edition(reports[lang], written, out, lang=lang, echo=echoes[lang], edition=edition, corpus=corpus)
        echoes[lang](f"{STRINGS[lang]['language_name']} edition -> {_shown_path(out)}")
        n_pages += 2 * len(paths) + 2
    seconds = time.perf_counter() - start
    print(f"wrote {n_pages} pages to {_shown_path(args.out)} in {seconds:.0f} s", flush=True)


def translated_notebooks(lang: str) -> Path:
    """Build the ``lang`` edition of the notebooks (from translations/) into build/notebooks-LANG/."""
    folder = ROOT / "build" / f"notebooks-{lang}"
    shutil.rmtree(folder, ignore_errors=True)
    i18n.build(lang, folder)
    return folder


if __name__ == "__main__":
    sys.stdout.reconfigure(line_buffering=True)
    main()
