"""Time executing every notebook on the seeds, each in a fresh kernel, as the tests and reports do.

Uses the executor of scripts/build_reports.py (the same client, kernel set-up and cell timeout).
For many runs in a row, to catch rare stalls, see bench/repeat_notebooks.py.
Run:  python bench/notebooks.py
"""

import importlib.util
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def _build_reports():
    spec = importlib.util.spec_from_file_location("build_reports", ROOT / "scripts" / "build_reports.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def main() -> None:
    build = _build_reports()
    total = 0.0
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        start = time.perf_counter()
        build.execute(path)
        seconds = time.perf_counter() - start
        total += seconds
        print(f"{path.name:<34}{seconds:>7.1f} s", flush=True)
    print(f"{'all notebooks':<34}{total:>7.1f} s")


if __name__ == "__main__":
    main()
