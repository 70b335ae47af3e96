import importlib.util
import warnings
from pathlib import Path

import pytest

import utils


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
