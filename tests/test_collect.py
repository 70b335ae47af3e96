"""Tests of netralitas.collect against a local web server on 127.0.0.1 (no other network).

The server runs in a thread on an ephemeral port for this module only, counts every request, and
shuts itself down after a minute at the latest. It serves fixture pages and the awkward cases:
a 404, a redirect, a page slower than the timeout, a PDF, a path robots.txt disallows and a
503 that succeeds when tried again.
"""

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from itertools import pairwise
from pathlib import Path

import pytest

from netralitas import collect, sources

WEB = Path(__file__).resolve().parent / "fixtures" / "web"
EXPECTED = json.loads((WEB / "expected.json").read_text(encoding="utf-8"))["pages"]
ROBOTS = b"User-agent: *\nDisallow: /rahasia/\n"
SLOW = 0.6  # seconds the slow page takes; the tests' timeout is 0.2
DELAY, TIMEOUT = 0.05, 0.2


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the name http.server calls)
        server = self.server
        with server.lock:
            server.hits[self.path] += 1
            server.log.append((time.monotonic(), self.path, self.headers.get("User-Agent")))
            hits = server.hits[self.path]
        if self.path == "/robots.txt":
            self.reply(200, "text/plain", ROBOTS)
        elif self.path.startswith("/berita/") and (WEB / self.path[len("/berita/") :]).is_file():
            self.reply(200, "text/html; charset=utf-8", (WEB / self.path[len("/berita/") :]).read_bytes())
        elif self.path == "/pindah":
            self.reply(301, "text/html", b"", [("Location", "/berita/pemkot-pontianak.html")])
        elif self.path == "/lambat.html":
            time.sleep(SLOW)
            self.reply(200, "text/html", (WEB / "antara-kudus.html").read_bytes())
        elif self.path == "/dokumen.pdf":
            self.reply(200, "application/pdf", b"%PDF-1.4\n%%EOF\n")
        elif self.path == "/sibuk.html" and hits == 1:
            self.reply(503, "text/html", b"<h1>Server sibuk</h1>", [("Retry-After", "0")])
        elif self.path == "/sibuk.html":
            self.reply(200, "text/html; charset=utf-8", (WEB / "bawaslu-lotim.html").read_bytes())
        else:
            self.reply(404, "text/html", b"<h1>Halaman tidak ditemukan</h1>")

    def reply(self, status, content_type, body, headers=()):
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers:
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):  # the client gave up (the slow page)
            pass

    def log_message(self, *args):  # keep the test output quiet
        pass


@pytest.fixture(scope="module")
def site():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    server.hits, server.log, server.lock = Counter(), [], threading.Lock()
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    watchdog = threading.Timer(60, server.shutdown)  # stops by itself even if a test hangs
    watchdog.daemon = True
    watchdog.start()
    server.base = f"http://127.0.0.1:{server.server_address[1]}"
    yield server
    watchdog.cancel()
    server.shutdown()
    server.server_close()


def _links(site, tmp_path) -> Path:
    lines = [
        "# tautan uji", "", f"{site.base}/berita/antara-kudus.html", f"{site.base}/berita/warta-priangan-garut.html",
        f"{site.base}/pindah", f"{site.base}/hilang.html", f"{site.base}/lambat.html", f"{site.base}/dokumen.pdf",
        f"{site.base}/rahasia/memo.html", f"{site.base}/sibuk.html", f"{site.base}/berita/antara-kudus.html#komentar",
        "ftp://127.0.0.1/berkas.txt",
    ]  # fmt: skip
    path = tmp_path / "links.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_read_links_skips_comments_blanks_fragments_and_repeats(site, tmp_path):
    urls = collect.read_links(_links(site, tmp_path))
    assert len(urls) == 9 and urls[0] == f"{site.base}/berita/antara-kudus.html" and urls[-1].startswith("ftp:")


def test_collect_each_outcome_then_resume(site, tmp_path):
    out = tmp_path / "collected"
    urls = collect.read_links(_links(site, tmp_path))
    site.hits.clear()
    site.log.clear()
    started = time.monotonic()
    outcomes = collect.collect(urls, out, delay=DELAY, timeout=TIMEOUT, retries=1, backoff=0.01, progress=False)
    b = site.base
    assert [(o.url, o.status, o.reason) for o in outcomes] == [
        (f"{b}/berita/antara-kudus.html", "saved", ""),
        (f"{b}/berita/warta-priangan-garut.html", "saved", ""),
        (f"{b}/pindah", "saved", ""),
        (f"{b}/hilang.html", "failed", "HTTP 404 Not Found"),
        (f"{b}/lambat.html", "failed", "timed out"),
        (f"{b}/dokumen.pdf", "failed", "not an HTML page (application/pdf)"),
        (f"{b}/rahasia/memo.html", "failed", "disallowed by robots.txt"),
        (f"{b}/sibuk.html", "saved", ""),
        ("ftp://127.0.0.1/berkas.txt", "failed", "not an http(s) URL (ftp)"),
    ]
    assert outcomes[2].final_url == f"{b}/berita/pemkot-pontianak.html"
    assert site.hits == Counter(
        {
            "/robots.txt": 1,
            "/berita/antara-kudus.html": 1,
            "/berita/warta-priangan-garut.html": 1,
            "/pindah": 1,
            "/berita/pemkot-pontianak.html": 1,
            "/hilang.html": 1,
            "/lambat.html": 2,
            "/dokumen.pdf": 1,
            "/sibuk.html": 2,
        }
    )  # fmt: skip  (the slow page and the 503 tried twice; the disallowed path never)
    assert {agent for _, _, agent in site.log} == {collect.USER_AGENT}
    times = [t for t, _, _ in site.log]
    assert min(later - earlier for earlier, later in pairwise(times)) >= 0.5 * DELAY  # one host: spaced out
    assert time.monotonic() - started < 5

    # Saved: the page as served and its sidecar; nothing for failures.
    saved = {o.url: out / collect.page_name(o.url) for o in outcomes if o.status == "saved"}
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{s.name}.{x}" for s in saved.values() for x in ("html", "json")
    )
    stem = saved[f"{b}/pindah"]
    assert stem.with_suffix(".html").read_bytes() == (WEB / "pemkot-pontianak.html").read_bytes()
    sidecar = json.loads(stem.with_suffix(".json").read_text())
    assert {k: v for k, v in sidecar.items() if k != "retrieved_at"} == {
        "url": f"{b}/pindah", "final_url": f"{b}/berita/pemkot-pontianak.html", "status": 200,
        "content_type": "text/html; charset=utf-8",
    }  # fmt: skip
    assert sidecar["retrieved_at"].endswith("Z") and sidecar["retrieved_at"][:2] == "20"

    # Resume: saved pages are not asked for again; failures are tried again.
    before = Counter(site.hits)
    again = collect.collect(urls, out, delay=DELAY, timeout=TIMEOUT, retries=0, backoff=0.01, progress=False)
    assert [o.status for o in again] == ["present", "present", "present", "failed", "failed", "failed", "failed",
                                         "present", "failed"]  # fmt: skip
    new_hits = site.hits - before
    assert new_hits == Counter({"/robots.txt": 1, "/hilang.html": 1, "/lambat.html": 1, "/dokumen.pdf": 1})

    # The cache folder reads as saved pages, with the URL they were fetched from.
    records, problems = sources.read_records(out)
    assert problems == []
    by_url = {r["evidence"]["url"]: r for r in records}
    assert set(by_url) == {f"{b}/berita/antara-kudus.html", f"{b}/berita/warta-priangan-garut.html",
                           f"{b}/berita/pemkot-pontianak.html", f"{b}/sibuk.html"}  # fmt: skip
    assert by_url[f"{b}/sibuk.html"]["evidence"]["title"] == EXPECTED["bawaslu-lotim.html"]["title"]


def test_command_line_prints_failures_and_exit_status(site, tmp_path, capsys):
    links = tmp_path / "links.txt"
    links.write_text(f"{site.base}/berita/sulsel-kini-gowa.html\n{site.base}/hilang.html\n", encoding="utf-8")
    arguments = [str(links), "--out", str(tmp_path / "c"), "--delay", "0.01", "--timeout", "1", "--retries", "0"]
    assert collect.main(arguments) == 1
    printed = capsys.readouterr().out
    assert "2 URLs: 1 saved, 0 already saved, 1 failed" in printed
    assert f"failed: {site.base}/hilang.html — HTTP 404 Not Found" in printed
    links.write_text(f"{site.base}/berita/sulsel-kini-gowa.html\n", encoding="utf-8")
    assert collect.main(arguments) == 0
    assert "1 URLs: 0 saved, 1 already saved, 0 failed" in capsys.readouterr().out


def test_robots_forbidding_or_unreachable_skips_the_host(tmp_path):
    class Forbidden(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            self.server.paths.append(self.path)
            self.send_response(403 if self.path == "/robots.txt" else 200)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Forbidden)
    server.paths = []
    threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/berita.html"
        (outcome,) = collect.collect([url], tmp_path, delay=0, timeout=1, retries=0, progress=False)
        assert (outcome.status, outcome.reason) == ("failed", "robots.txt forbids the host (HTTP 403)")
        assert server.paths == ["/robots.txt"]
    finally:
        server.shutdown()
        server.server_close()
    # Nothing listens on this port any more: robots.txt is unreachable, so the host is skipped.
    (outcome,) = collect.collect([url], tmp_path, delay=0, timeout=1, retries=0, progress=False)
    assert outcome.status == "failed" and outcome.reason.startswith("robots.txt unreachable")
