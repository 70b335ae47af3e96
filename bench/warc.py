"""How fast ``netralitas.sources.read_warc`` reads a web archive, with the byte prefilter on and off.

Writes a synthetic WARC built from the test fixtures (``tests/fixtures/build_warc.py``): by default 2,000
response records, 5 % of them the neutrality pages of ``tests/fixtures/web/``, 70 % unrelated Indonesian
pages (in turn the sport page, the food page whose menu links to Pilkada 2024 and the economy page with Pilkada
in a sidebar note), 15 % English and Dutch pages about the elections and 10 % JPEG images,
shuffled with a fixed seed, each page's bytes made unique. Then times ``read_warc`` on it, one process (one
core), several runs each way, and prints the median records per second of wall time and per CPU-second::

    .venv/bin/python bench/warc.py [--records 2000] [--runs 3]
"""

from __future__ import annotations

import argparse
import importlib.util
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netralitas import sources  # noqa: E402


def _build_warc_module():
    spec = importlib.util.spec_from_file_location("build_warc", ROOT / "tests" / "fixtures" / "build_warc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def synthetic_warc(out: Path, n: int, seed: int = 13) -> tuple[Path, int]:
    """Write ``n`` response records (plus a warcinfo) to ``out``; return the path and the neutrality pages' count."""
    build = _build_warc_module()
    neutral = [html for _, _, html in build.neutrality_pages()]
    unrelated = {name: html for name, _, html in build.unrelated_pages()}
    indonesian = [unrelated["olahraga.html"], unrelated["kuliner.html"], unrelated["ekonomi.html"]]
    foreign = [unrelated["english.html"], unrelated["belanda.html"]]
    rng = random.Random(seed)
    kinds = ["neutral"] * round(0.05 * n) + ["indonesian"] * round(0.70 * n) + ["foreign"] * round(0.15 * n)
    kinds += ["image"] * (n - len(kinds))
    rng.shuffle(kinds)
    entries = []
    for i, kind in enumerate(kinds):
        url = f"https://bench.example/{kind}/{i}"
        if kind == "image":
            entries.append(("response", url, "200 OK", "image/jpeg", build.JPEG, []))
            continue
        pool = {"neutral": neutral, "indonesian": indonesian, "foreign": foreign}[kind]
        html = pool[i % len(pool)].replace(b"</body>", f"<!-- {i} --></body>".encode())
        entries.append(("response", url, "200 OK", "text/html; charset=utf-8", html, []))
    return build.write_warc(out, entries), kinds.count("neutral")


def time_runs(path: Path, runs: int, prefilter) -> tuple[float, float, str]:
    """Median wall and CPU seconds of ``runs`` readings, and what the reader kept and skipped."""
    walls, cpus, summaries = [], [], set()
    for _ in range(runs):
        wall, cpu = time.perf_counter(), time.process_time()
        _, _, counts = sources.read_warc(path, prefilter=prefilter, progress=False)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        summaries.add(sources.warc_summary(counts))
    assert len(summaries) == 1, "runs disagree"
    return statistics.median(walls), statistics.median(cpus), summaries.pop()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--records", type=int, default=2000, help="response records in the synthetic WARC")
    parser.add_argument("--runs", type=int, default=3, help="runs each way; the median is printed")
    args = parser.parse_args(argv)
    sources.read_warc(_build_warc_module().build_warc(Path(tempfile.mkdtemp()) / "warm.warc.gz"), progress=False)
    with tempfile.TemporaryDirectory() as folder:
        path, neutral = synthetic_warc(Path(folder) / "bench.warc.gz", args.records)
        n = args.records + 1  # with the warcinfo record
        size = path.stat().st_size / 2**20
        print(f"synthetic WARC: {n:,} records ({neutral} neutrality pages), {size:.1f} MiB gzipped")
        print(f"median of {args.runs} runs, one process")
        print(f"{'prefilter':<10} {'wall s':>8} {'CPU s':>8} {'records/s':>10} {'rec/CPU-s':>10}")
        summaries = []
        for label, prefilter in (("on", sources.DEFAULT_PREFILTER), ("off", None)):
            wall, cpu, summary = time_runs(path, args.runs, prefilter)
            print(f"{label:<10} {wall:8.2f} {cpu:8.2f} {n / wall:10,.0f} {n / cpu:10,.0f}")
            summaries.append(f"prefilter {label}: {summary}")
        print("\n".join(summaries))


if __name__ == "__main__":
    main()
