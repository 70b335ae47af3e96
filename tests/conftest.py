import warnings

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
