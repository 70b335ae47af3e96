import importlib.util
import sys
import warnings
from pathlib import Path

import pytest

import utils

# nbformat imports jsonschema, which builds a grammar for the "iri" format check when rfc3987_syntax is
# installed (it is, for JupyterLab): 2-6 s of every test run. No notebook schema uses a "format" keyword,
# so the tests tell jsonschema the package is absent; nothing they check changes.
sys.modules.setdefault("rfc3987_syntax", None)


@pytest.fixture(scope="session")
def corpus():
    """The seed corpus, loaded once (loading the seeds must not warn)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        return utils.load_corpus()


@pytest.fixture
def folder(tmp_path):
    """An empty corpus folder; write articles into it with ``(folder / name).write_text(...)``."""
    path = tmp_path / "seeds"
    path.mkdir()
    return path


@pytest.fixture(scope="session")
def load_script():
    """Import a script of the repository by its path (scripts/ and bench/ are not packages)."""

    def load(relative: str):
        path = Path(__file__).resolve().parent.parent / relative
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load


# --- Notebooks under nbmake (owned with scripts/build_reports.py) -------------------------------------
class _NotebookTimes:
    """One line per notebook with its time: ``notebooks/01_load_and_inspect.ipynb 4.2 s``."""

    @staticmethod
    def pytest_report_teststatus(report, config):
        if report.when == "call" and report.passed and report.nodeid.split("::")[0].endswith(".ipynb"):
            return "passed", f" {report.duration:.1f} s", f"PASSED ({report.duration:.1f} s)"
        return None


def pytest_configure(config):
    """Execute notebooks with the reports' client, and show each notebook's time.

    nbmake builds an ``nbclient.NotebookClient``; ``ReportClient`` (scripts/build_reports.py) polls the
    kernel's sockets in slices, so a missed wake-up cannot hold a cell until its timeout (issue 15), and
    runs the kernel over IPC with its log in a file. Registered as a plugin, since a conftest's own hooks
    would only reach the tests of its folder.
    """
    config.pluginmanager.register(_NotebookTimes(), "netralitas-notebook-times")
    if not config.pluginmanager.has_plugin("nbmake"):  # make unit: no notebooks to execute
        return
    try:
        import nbmake.nb_run

        path = Path(__file__).resolve().parent.parent / "scripts" / "build_reports.py"
        spec = importlib.util.spec_from_file_location("build_reports", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    except Exception as err:  # noqa: BLE001 - the notebooks then run with nbmake's own client
        warnings.warn(f"notebooks run with nbmake's default client: {err}", stacklevel=1)
        return
    nbmake.nb_run.NotebookClient = module.ReportClient


# --- The on-disk cache ------------------------------------------------------------------------------
@pytest.fixture(scope="session", autouse=True)
def fresh_cache(tmp_path_factory):
    """Every test session starts cold: the cache of parsed articles, corpora and tokens lives in a temporary
    folder (kernels started by the notebook tests inherit it), so a test never reads what an earlier run left."""
    import os

    if os.environ.get("NETRALITAS_CACHE", "").lower() in ("0", "off", "false", "no"):
        yield
        return
    previous = os.environ.get("NETRALITAS_CACHE")
    os.environ["NETRALITAS_CACHE"] = str(tmp_path_factory.mktemp("netralitas-cache"))
    yield
    if previous is None:
        os.environ.pop("NETRALITAS_CACHE", None)
    else:
        os.environ["NETRALITAS_CACHE"] = previous
