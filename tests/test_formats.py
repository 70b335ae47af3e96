"""One folder, many formats: pasted text, saved pages, exports and a web archive load into one table."""

import importlib.util
import json
import shutil
import warnings
from pathlib import Path

import pandas as pd
import pytest

import utils

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXPECTED = json.loads((FIXTURES / "web" / "expected.json").read_text(encoding="utf-8"))["pages"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory):
    """Seeds (.txt), the saved pages (.html), a CSV and a JSONL export and a WARC built from the pages."""
    folder = tmp_path_factory.mktemp("mixed") / "corpus"
    shutil.copytree(utils.corpus_folder(), folder)
    for page in (FIXTURES / "web").glob("*.html"):
        shutil.copy(page, folder)
    for export in (FIXTURES / "exports").iterdir():
        shutil.copy(export, folder)
    spec = importlib.util.spec_from_file_location("build_warc", FIXTURES / "build_warc.py")
    builder = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(builder)
    builder.build_warc(folder / "crawl.warc.gz")
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = utils.load_corpus(folder, metadata=None)
    df.attrs["warnings"] = [str(w.message) for w in caught]
    return df


def test_every_source_kind_loads_into_one_table(mixed):
    counts = mixed["source_kind"].value_counts().to_dict()
    assert counts == {"txt": 5, "html": len(EXPECTED), "warc": 8, "csv": 5, "jsonl": 3}
    assert mixed["doc_id"].is_unique


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_saved_pages_have_the_expected_metadata(mixed, page):
    want = EXPECTED[page]
    row = mixed.set_index("doc_id").loc[page.removesuffix(".html")]
    assert (row["title"], row["published"], row["regency"], row["province"], row["outlet"], row["url"]) == (
        want["title"], pd.Timestamp(want["date"]), want["regency"], want["province"], want["site_name"], want["url"],
    )  # fmt: skip
    assert row["source"] == page and row["title_source"] == "page metadata"


def test_web_archive_records_equal_the_saved_pages(mixed):
    warc = mixed[mixed["source_kind"] == "warc"].set_index("title")
    html = mixed[mixed["source_kind"] == "html"].set_index("title")
    assert warc["source"].str.match(r"crawl\.warc\.gz#<urn:uuid:[0-9a-f-]+>$").all()
    columns = ["published", "region", "outlet", "text"]
    pd.testing.assert_frame_equal(warc.loc[html.index, columns], html[columns])


def test_the_page_date_wins_and_the_text_date_is_kept_in_date_source(mixed):
    row = mixed.set_index("doc_id").loc["bawaslu-lotim"]
    assert row["published"] == pd.Timestamp("2024-08-30")
    assert row["date_source"] == "page metadata (the text says 2024-08-29)"


def test_bad_rows_are_reported_by_file_and_row_and_the_rest_loads(mixed):
    skipped = mixed.attrs["skipped"]
    assert skipped["monitoring.csv row 4"] == "no text"
    assert skipped["monitoring.csv row 6"].startswith("unparseable date 'Selasa kemarin'")
    assert skipped["berita.jsonl line 4"].startswith("not valid JSON")
    assert skipped["crawl.warc.gz"].startswith("25 records read, 8 kept")
    assert sorted(mixed.loc[mixed["source_kind"] == "csv", "source"]) == [
        f"monitoring.csv row {n}" for n in (1, 2, 3, 5, 7)
    ]
    assert any("monitoring.csv row 4" in w for w in mixed.attrs["warnings"])


def test_the_same_article_as_txt_and_html_gives_the_same_region_date_and_quotes(folder):
    shutil.copy(FIXTURES / "web" / "warta-priangan-garut.html", folder)
    shutil.copy(FIXTURES / "web" / "warta-priangan-garut.txt", folder / "garut-pasted.txt")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = utils.load_corpus(folder, metadata=None).set_index("source_kind")
    assert df.loc["txt", "region"] == df.loc["html", "region"] == "Garut"
    assert df.loc["txt", "published"] == df.loc["html", "published"]
    quotes = utils.extract_quotes(df.reset_index())
    by_doc = quotes.groupby("doc_id")[["quote", "speaker"]].apply(lambda q: q.values.tolist())
    assert by_doc["garut-pasted"] == by_doc["warta-priangan-garut"] and len(by_doc["garut-pasted"]) >= 2


@pytest.mark.slow
def test_the_dask_path_equals_the_local_path_on_every_format(mixed):
    pytest.importorskip("dask.distributed")
    import cluster

    folder = Path(mixed.attrs["folder"])
    local = utils.term_frequencies(mixed, "regency", stem=True)
    from dask.distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, host="127.0.0.1", dashboard_address=None) as dask_cluster:
        with Client(dask_cluster) as client:
            on_dask = cluster.term_counts(folder, client=client)
            archive_only = cluster.term_counts(f"file://{folder}/*.warc.gz", client=client)  # an fsspec glob
    pd.testing.assert_frame_equal(on_dask, local)
    warc = mixed[mixed["source_kind"] == "warc"]
    pd.testing.assert_frame_equal(archive_only, utils.term_frequencies(warc, "regency", stem=True))
