"""Execute notebooks many times in a row, each run in a fresh kernel, to catch rare stalls.

For every notebook: N runs (default 30), one line per run, then a table with the median, the slowest run and
slowest/median; a run slower than 3x the median (or one that failed) is flagged with where its time went
(kernel start-up, the slowest cell, shut-down), so a stall can be pinned to a phase.

By default notebooks are executed exactly as ``make reports`` executes them (scripts/build_reports.py);
``--plain`` uses a bare ``nbclient.NotebookClient`` with its defaults instead, as the build did before issue 15,
to compare the two.

``--trace DIR`` (with ``--plain``) logs every message the client receives, with its time, and keeps the logs
of flagged runs and of runs in which a wait lasted over 10 s: each such wait says whether the awaited
message was already queued on the socket (a missed wake-up) or not (a busy or stuck kernel).

Run:  python bench/repeat_notebooks.py [notebook ...] [--runs 30] [--timeout 120] [--plain [--trace DIR]]
"""

from __future__ import annotations

import argparse
import asyncio
import importlib.util
import re
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import nbformat
import zmq
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"
SLOW = 3.0  # a run slower than SLOW x the median is flagged


@dataclass
class Run:
    seconds: float
    startup: float = 0.0  # until the kernel answered kernel_info
    shutdown: float = 0.0  # after the last cell, until the kernel was shut down
    cells: dict[int, float] = field(default_factory=dict)  # cell index -> seconds
    error: str = ""

    def where(self) -> str:
        parts = [f"start-up {self.startup:.1f} s"]
        if self.cells:
            index, seconds = max(self.cells.items(), key=lambda item: item[1])
            parts.append(f"slowest cell {index} {seconds:.1f} s")
        parts.append(f"shut-down {self.shutdown:.1f} s")
        return ", ".join(parts) + (f"; {self.error}" if self.error else "")


def _build_module():
    path = ROOT / "scripts" / "build_reports.py"
    spec = importlib.util.spec_from_file_location("build_reports", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


class Tracer:
    """Logs every message the client receives, with its time, to a file (``--trace``)."""

    def __init__(self, path: Path, start: float):
        self.file = path.open("w", encoding="utf-8")
        self.start = start

    def write(self, text: str) -> None:
        self.file.write(f"{time.perf_counter() - self.start:9.3f} {text}\n")
        self.file.flush()

    def wrap(self, kc) -> None:
        for name in ("shell", "iopub", "control"):
            channel = getattr(kc, f"{name}_channel")
            original = channel.get_msg

            async def get_msg(timeout=None, _original=original, _name=name, _channel=channel):
                if timeout is None or timeout > 10:
                    # Look, without taking anything, whether a message sits unread while we wait.
                    async def watch():
                        await asyncio.sleep(10)
                        pending = _channel.socket.get(zmq.EVENTS) & zmq.POLLIN
                        self.write(f"{_name:<7} still waiting after 10 s; message already queued: {bool(pending)}")

                    watcher = asyncio.ensure_future(watch())
                else:
                    watcher = None
                try:
                    msg = await _original(timeout=timeout)
                except BaseException as err:
                    self.write(f"{_name:<7} {type(err).__name__} after waiting {timeout}")
                    raise
                finally:
                    if watcher:
                        watcher.cancel()
                content = msg.get("content", {})
                detail = content.get("execution_state") or content.get("status") or content.get("name") or ""
                parent = msg.get("parent_header", {}).get("msg_id", "")[-12:]
                self.write(f"{_name:<7} {msg['msg_type']:<22} {detail:<8} parent ..{parent}")
                return msg

            channel.get_msg = get_msg
        execute = kc.execute

        def traced_execute(code, *args, **kwargs):
            msg_id = execute(code, *args, **kwargs)
            self.write(f"send    execute_request         ..{msg_id[-12:]} {code.splitlines()[0][:50]!r}")
            return msg_id

        kc.execute = traced_execute


def _error_line(err: BaseException) -> str:
    """The line of an error that says what went wrong (nbclient puts the cell's source first)."""
    lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in str(err).strip().splitlines()]
    lines = [line for line in lines if line]
    if not lines:
        return type(err).__name__
    if lines[0].startswith("FAILED"):  # the build's own message names notebook and cell
        return lines[0][:200]
    return next((line for line in reversed(lines) if re.match(r"[\w.]+(Error|Exception|Interrupt)\b", line)), lines[0])[
        :200
    ]


def run_once(path: Path, *, timeout: int, build=None, trace: Path | None = None, trace_kernel: bool = False) -> Run:
    """Execute one notebook in a fresh kernel and time its phases (``build``: scripts/build_reports.py)."""
    nb = nbformat.read(path, as_version=4)
    start = time.perf_counter()
    marks: dict[str, float] = {}
    cells: dict[int, float] = {}
    last = [start]
    tracer = Tracer(trace.with_suffix(".client.log"), start) if trace else None
    kernel_log = trace.with_suffix(".kernel.log").open("w") if trace else None
    extra = {"extra_arguments": ["--debug"]} if trace and trace_kernel else {}
    launch = {"stdout": kernel_log, "stderr": kernel_log} if trace else {}
    client_box: list = []

    def ready(**_):
        marks["ready"] = last[0] = time.perf_counter()
        if tracer and client_box:
            tracer.write("kernel ready")
            tracer.wrap(client_box[0].kc)

    def cell_start(cell, cell_index, **_):
        last[0] = time.perf_counter()
        if tracer and cell.cell_type == "code":
            tracer.write(f"cell {cell_index} starts")

    def cell_done(cell, cell_index, **_):
        now = time.perf_counter()
        cells[cell_index] = now - last[0]
        marks["last_cell"] = now

    hooks = {"on_notebook_start": ready, "on_cell_start": cell_start, "on_cell_executed": cell_done}
    error = ""
    try:
        if build is None:
            resources = {"metadata": {"path": str(path.parent)}}
            client = NotebookClient(nb, timeout=timeout, kernel_name="python3", resources=resources, **hooks, **extra)
            client_box.append(client)
            client.execute(**launch)
        else:
            build.execute(path, timeout=timeout, hooks=hooks)
    except BaseException as err:  # noqa: BLE001 - a failed run is data here, unless the user pressed Ctrl-C
        if isinstance(err, KeyboardInterrupt):
            raise
        error = _error_line(err)
    end = time.perf_counter()
    if tracer:
        tracer.write(f"end {error}")
        tracer.file.close()
        kernel_log.close()
    ready_at = marks.get("ready", end)
    return Run(
        seconds=end - start,
        startup=ready_at - start,
        shutdown=(end - marks["last_cell"]) if "last_cell" in marks and not error else 0.0,
        cells=cells,
        error=error,
    )


def summarise(name: str, runs: list[Run]) -> tuple[str, list[str]]:
    times = [r.seconds for r in runs]
    median = statistics.median(times)
    slowest = max(times)
    row = f"{name:<34}{len(runs):>5}{median:>9.1f}{slowest:>9.1f}{slowest / median:>8.1f}x"
    flags = [
        f"  {name} run {i}: {r.seconds:.1f} s ({r.seconds / median:.1f}x median): {r.where()}"
        for i, r in enumerate(runs, 1)
        if r.error or r.seconds > SLOW * median
    ]
    return row + f"{len(flags):>8}", flags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="notebooks (default: every notebooks/NN_*.ipynb)")
    parser.add_argument("--runs", type=int, default=30, help="runs per notebook (default 30)")
    parser.add_argument("--timeout", type=int, default=120, help="per-cell timeout in seconds (default 120)")
    parser.add_argument("--plain", action="store_true", help="bare nbclient defaults instead of the build's way")
    parser.add_argument("--trace", type=Path, help="(with --plain) message logs of flagged runs, in this folder")
    parser.add_argument("--trace-kernel", action="store_true", help="(with --trace) the kernel logs at debug level")
    args = parser.parse_args(argv)
    if args.trace and not args.plain:
        parser.error("--trace needs --plain (it wraps a bare nbclient)")
    if args.trace:
        args.trace.mkdir(parents=True, exist_ok=True)
    paths = args.notebooks or sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb"))
    build = None if args.plain else _build_module()
    how = "bare nbclient" if args.plain else "as scripts/build_reports.py executes"
    print(f"{len(paths)} notebook(s) x {args.runs} runs, fresh kernel each, {how}; cell timeout {args.timeout} s")
    rows, flags = [], []
    for path in paths:
        runs = []
        for i in range(1, args.runs + 1):
            trace = args.trace / f"{path.stem}-run{i:03}" if args.trace else None
            run = run_once(
                path.resolve(), timeout=args.timeout, build=build, trace=trace, trace_kernel=args.trace_kernel
            )
            runs.append(run)
            waited = trace and "still waiting" in trace.with_suffix(".client.log").read_text()
            if (
                trace
                and not waited
                and not run.error
                and run.seconds < SLOW * statistics.median(r.seconds for r in runs)
            ):
                for suffix in (".client.log", ".kernel.log"):
                    trace.with_suffix(suffix).unlink()
            note = f"  FAILED: {run.error}" if run.error else ""
            print(f"{path.name:<34} run {i:>3}/{args.runs} {run.seconds:7.1f} s{note}", flush=True)
        row, flagged = summarise(path.name, runs)
        rows.append(row)
        flags += flagged
    print(f"\n{'notebook':<34}{'runs':>5}{'median':>9}{'slowest':>9}{'ratio':>9}{'flagged':>8}")
    print("\n".join(rows))
    print(f"\nFlagged runs (failed, or slower than {SLOW:g}x the median): {len(flags)}")
    print("\n".join(flags))
    return 1 if flags else 0


if __name__ == "__main__":
    sys.exit(main())
