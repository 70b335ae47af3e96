"""Time executing every notebook on the seeds, each in a fresh kernel, as the tests and reports do.

Run:  python bench/notebooks.py
"""

import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"


def main() -> None:
    total = 0.0
    for path in sorted(NOTEBOOKS.glob("[0-9][0-9]_*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        start = time.perf_counter()
        NotebookClient(
            nb, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}}
        ).execute()
        seconds = time.perf_counter() - start
        total += seconds
        print(f"{path.name:<34}{seconds:>7.1f} s")
    print(f"{'all notebooks':<34}{total:>7.1f} s")


if __name__ == "__main__":
    main()
