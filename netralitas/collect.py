"""Fetching the web pages of a links file, politely, into a cache folder that ``sources.read_records`` reads.

This module owns the project's only networked step; nothing else fetches. Run it from the project folder::

    python -m netralitas.collect links.txt [--out FOLDER] [--delay SECONDS] [--timeout SECONDS] [--retries N]

``links.txt`` holds one URL a line (blank lines and lines starting with ``#`` are ignored). Each page is
saved as ``<sha1 of the URL>.html``, the bytes as received, with a JSON sidecar ``<sha1>.json``: url,
final_url (after redirects), status, content_type and retrieved_at (ISO 8601, UTC). The default folder is
``data/collected/``. A second run fetches only the URLs with no saved page, so an interrupted run resumes;
failures are tried again.

Politeness: robots.txt is read once per host and obeyed (``urllib.robotparser``; a ``Crawl-delay`` longer
than ``--delay`` wins; robots.txt missing (4xx) allows everything, 401/403 or unreachable forbids the host);
requests to one host are at least ``--delay`` seconds apart, redirects included; every request names the
project in its User-Agent; a timeout, a connection error, 429 or a 5xx status is tried again up to
``--retries`` times, waiting 1, 2, 4 … seconds (or ``Retry-After``, up to a minute). A response that is not
HTML (a PDF) is not saved. The run ends by printing each failed URL with its reason; the exit status is 1
if any URL failed (so a script notices) and 0 if every page is saved.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import http.client
import json
import os
import sys
import time
import urllib.error
import urllib.request
import urllib.robotparser
from dataclasses import dataclass
from email.message import Message
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

USER_AGENT = "netralitas/0.1 (+research; contact in README)"
DEFAULT_OUT = Path(__file__).resolve().parent.parent / "data" / "collected"
HTML_TYPES = ("text/html", "application/xhtml+xml")
TRANSIENT = frozenset({429, 500, 502, 503, 504})
MAX_RETRY_AFTER = 60.0


@dataclass(frozen=True)
class Outcome:
    """What happened to one URL: ``saved``, ``present`` (saved by an earlier run) or ``failed`` (with a reason)."""

    url: str
    status: str
    reason: str = ""
    final_url: str = ""


def read_links(path: Path) -> list[str]:
    """Return the URLs of a links file in order, without blanks, ``#`` comments, fragments or repeats."""
    urls = []
    for line in Path(path).read_text(encoding="utf-8-sig").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            url = urldefrag(line)[0]
            if url not in urls:
                urls.append(url)
    return urls


def page_name(url: str) -> str:
    """Return the file stem of a URL's saved page: the SHA-1 of the URL.

    >>> page_name("https://example.org/")
    '166d9d911dbbe419d479a9900b2cb85e6e46aa2d'
    """
    return hashlib.sha1(url.encode("utf-8")).hexdigest()


class RobotsDisallowed(urllib.error.URLError):
    """A URL (or a redirect's target) that robots.txt forbids."""


class _Polite:
    """Per-host state of one run: robots.txt rules and when the next request may go."""

    def __init__(self, delay: float, timeout: float, retries: int, backoff: float):
        self.delay, self.timeout, self.retries, self.backoff = delay, timeout, retries, backoff
        self.robots: dict[str, tuple[urllib.robotparser.RobotFileParser, str]] = {}
        self.next_time: dict[str, float] = {}
        self.host_delay: dict[str, float] = {}
        self.opener = urllib.request.build_opener(_RedirectHandler(self))

    def wait(self, url: str) -> None:
        """Sleep until the URL's host may be asked again, and book the next slot."""
        host = urlsplit(url).netloc
        pause = self.next_time.get(host, 0.0) - time.monotonic()
        if pause > 0:
            time.sleep(pause)
        self.next_time[host] = time.monotonic() + self.host_delay.get(host, self.delay)

    def allowed(self, url: str) -> str:
        """Return ``""`` if robots.txt lets us fetch the URL, else the reason it does not."""
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"not an http(s) URL ({parts.scheme or 'no scheme'})"
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self.robots:
            placeholder = urllib.robotparser.RobotFileParser()
            placeholder.allow_all = True  # while robots.txt itself is fetched (it may redirect)
            self.robots[root] = placeholder, ""
            self.robots[root] = self._read_robots(root)
        rules, trouble = self.robots[root]
        if rules.can_fetch(USER_AGENT, url):
            return ""
        return trouble or "disallowed by robots.txt"

    def _read_robots(self, root: str) -> tuple[urllib.robotparser.RobotFileParser, str]:
        rules = urllib.robotparser.RobotFileParser(root + "/robots.txt")
        try:
            _, body, _, _ = self.fetch(root + "/robots.txt", check=False)
            rules.parse(body.decode("utf-8", errors="replace").splitlines())
            crawl_delay = rules.crawl_delay(USER_AGENT)
            if crawl_delay and float(crawl_delay) > self.delay:
                self.host_delay[urlsplit(root).netloc] = float(crawl_delay)
            return rules, ""
        except urllib.error.HTTPError as err:
            if err.code in (401, 403):
                rules.disallow_all = True
                return rules, f"robots.txt forbids the host (HTTP {err.code})"
            if 400 <= err.code < 500:
                rules.allow_all = True
                return rules, ""
            reason = f"HTTP {err.code}"
        except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
            reason = _reason(err)
        rules.disallow_all = True
        return rules, f"robots.txt unreachable ({reason}), host skipped"

    def fetch(self, url: str, check: bool = True) -> tuple[int, bytes | None, str, str]:
        """Return ``(status, body, content type, final URL)``; a body only for HTML (and robots.txt).

        Transient failures are retried with exponential backoff; anything else raises.
        """
        for attempt in range(self.retries + 1):
            self.wait(url)
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT, "Accept": "text/html,*/*;q=0.5"})
            try:
                with self.opener.open(request, timeout=self.timeout) as response:
                    content_type = response.headers.get("Content-Type", "")
                    wanted = not check or content_type.split(";")[0].strip().lower() in HTML_TYPES
                    body = response.read() if wanted else None
                    return response.status, body, content_type, response.geturl()
            except urllib.error.HTTPError as err:
                if err.code not in TRANSIENT or attempt == self.retries:
                    raise
                pause = _retry_after(err.headers) or self.backoff * 2**attempt
            except RobotsDisallowed:
                raise
            except (urllib.error.URLError, TimeoutError, ConnectionError) as err:
                if not _transient(err) or attempt == self.retries:
                    raise
                pause = self.backoff * 2**attempt
            time.sleep(pause)
        raise AssertionError("unreachable")


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    """Follows redirects only where robots.txt allows, and waits for the new host's turn."""

    def __init__(self, polite: _Polite):
        self.polite = polite

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        reason = self.polite.allowed(newurl)
        if reason:
            raise RobotsDisallowed(f"redirected to {newurl}: {reason}")
        self.polite.wait(newurl)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _transient(err: BaseException) -> bool:
    reason = getattr(err, "reason", err)
    return isinstance(reason, TimeoutError | ConnectionError) or isinstance(err, TimeoutError | ConnectionError)


def _retry_after(headers: Message | None) -> float:
    try:
        return min(float((headers or {}).get("Retry-After", "")), MAX_RETRY_AFTER)
    except ValueError:
        return 0.0


def _reason(err: BaseException) -> str:
    if isinstance(err, urllib.error.HTTPError):
        return f"HTTP {err.code} {err.reason}".strip()
    reason = getattr(err, "reason", err)
    if isinstance(reason, TimeoutError) or isinstance(err, TimeoutError):
        return "timed out"
    return str(reason) or type(reason).__name__


def _write_atomically(path: Path, data: bytes) -> None:
    temporary = path.with_name(path.name + ".part")
    temporary.write_bytes(data)
    os.replace(temporary, path)


def is_saved(url: str, out: Path) -> bool:
    """Return True if an earlier run saved the URL's page (both the page and its sidecar exist)."""
    stem = Path(out) / page_name(url)
    return stem.with_suffix(".html").is_file() and stem.with_suffix(".json").is_file()


def collect(
    urls: list[str],
    out: Path = DEFAULT_OUT,
    *,
    delay: float = 2.0,
    timeout: float = 20.0,
    retries: int = 3,
    backoff: float = 1.0,
    progress: bool = True,
) -> list[Outcome]:
    """Fetch each URL not yet saved in ``out`` and return one ``Outcome`` per URL, in order.

    ``delay``: least seconds between two requests to one host; ``timeout``: seconds to wait for a
    response; ``retries``: further attempts after a transient failure, the n-th after ``backoff * 2**(n-1)``
    seconds. See the module docstring for what is saved and how robots.txt is read.
    """
    from tqdm.auto import tqdm

    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    polite = _Polite(delay, timeout, retries, backoff)
    outcomes = []
    for url in tqdm(urls, desc="collect", unit="page", disable=not progress):
        if is_saved(url, out):
            outcomes.append(Outcome(url, "present"))
            continue
        reason = polite.allowed(url)
        if reason:
            outcomes.append(Outcome(url, "failed", reason))
            continue
        try:
            status, body, content_type, final_url = polite.fetch(url)
        except (urllib.error.URLError, OSError, http.client.HTTPException) as err:
            outcomes.append(Outcome(url, "failed", _reason(err)))
            continue
        if body is None:
            outcomes.append(
                Outcome(url, "failed", f"not an HTML page ({content_type or 'no content type'})", final_url)
            )
            continue
        stem = out / page_name(url)
        sidecar = {
            "url": url, "final_url": final_url, "status": status, "content_type": content_type,
            "retrieved_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds").replace("+00:00", "Z"),
        }  # fmt: skip
        _write_atomically(stem.with_suffix(".html"), body)
        _write_atomically(stem.with_suffix(".json"), json.dumps(sidecar, indent=2).encode("utf-8"))
        outcomes.append(Outcome(url, "saved", final_url=final_url))
    return outcomes


def main(argv: list[str] | None = None) -> int:
    """The command line: fetch the links, print a summary and the failures; return the exit status."""
    parser = argparse.ArgumentParser(
        prog="python -m netralitas.collect",
        description="Fetch the web pages of a links file politely into a cache folder (see netralitas/collect.py).",
    )
    parser.add_argument("links", type=Path, help="a text file with one URL a line")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="cache folder (default: data/collected/)")
    parser.add_argument("--delay", type=float, default=2.0, help="seconds between requests to one host (2)")
    parser.add_argument("--timeout", type=float, default=20.0, help="seconds to wait for a response (20)")
    parser.add_argument("--retries", type=int, default=3, help="further attempts after a transient error (3)")
    args = parser.parse_args(argv)
    try:
        urls = read_links(args.links)
    except OSError as err:
        parser.error(f"cannot read {args.links}: {err.strerror or err}")
    outcomes = collect(urls, args.out, delay=args.delay, timeout=args.timeout, retries=args.retries)
    counts = {status: sum(o.status == status for o in outcomes) for status in ("saved", "present", "failed")}
    print(
        f"{len(outcomes)} URLs: {counts['saved']} saved, {counts['present']} already saved, {counts['failed']} failed"
    )
    for outcome in outcomes:
        if outcome.status == "failed":
            print(f"failed: {outcome.url} — {outcome.reason}")
    return 1 if counts["failed"] else 0


if __name__ == "__main__":
    sys.exit(main())
