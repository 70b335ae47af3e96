"""Tests of netralitas.sources: saved pages, pasted text, exports and web archives against the fixtures.

The fixtures (tests/fixtures/) are invented articles in the markup of Indonesian news sites;
web/expected.json holds what each page should give. The test WARC is built here from them
(tests/fixtures/build_warc.py), not committed.
"""

import csv
import datetime as dt
import importlib.util
import json
import re
import shutil
from collections import Counter
from pathlib import Path

import pytest

import utils
from netralitas import sources
from netralitas import warc as web_archives

FIXTURES = Path(__file__).resolve().parent / "fixtures"
WEB = FIXTURES / "web"
EXPORTS = FIXTURES / "exports"
EXPECTED = json.loads((WEB / "expected.json").read_text(encoding="utf-8"))["pages"]
PAGES = sorted(EXPECTED)

# Page furniture that must not reach the text: share bars, related links, comments, navigation, pop-ups.
CHROME = [
    "Bagikan", "Baca Juga", "Baca juga", "Beranda", "Berita Terkait", "Berita Lainnya", "Terpopuler",
    "Komentar", "Tinggalkan Balasan", "Facebook", "Twitter", "Salin Link", "Izinkan", "Nanti Saja",
    "Aktifkan notifikasi", "Ilustrasi", "Pos-pos Terbaru", "Sebelumnya:", "Lompat ke konten", "Skip to content",
    "Terkait", "Kategori", "Harga cabai", "Pedoman Media Siber",
]  # fmt: skip
COMMENTS = [
    "Semoga bukan cuma apel", "Setuju pisan", "Laporan ke Bawaslu teh", "Grup RT saya",
    "yang honorer juga harus diingatkan", "Bansos pakai stiker", "Daeng Rudi",
]  # fmt: skip


@pytest.fixture(scope="module")
def pages():
    """Each saved page read once: {file name: record}."""
    found = {}
    for name in PAGES:
        records, problems = sources.read_html(WEB / name)
        assert problems == []
        (found[name],) = records
    return found


def _region(art) -> tuple[str, str, str]:
    """(regency, regency_type, province) of a parsed article, names from the gazetteer."""
    if not art.regency_code:
        return "", "", art.province
    row = utils.regencies().set_index("code").loc[art.regency_code]
    return row["regency"], row["regency_type"], art.province


def _quotes(art) -> list[tuple[str, str]]:
    return [(q["quote"], q["speaker"]) for q in utils.quotes_in_text("\n".join(art.paragraphs))]


# --- saved web pages ---------------------------------------------------------------


@pytest.mark.parametrize("name", PAGES)
def test_page_evidence_is_the_pages_metadata(pages, name):
    expected = EXPECTED[name]
    record = pages[name]
    assert record["source"] == name and record["source_kind"] == "html"
    assert record["evidence"] == {k: expected[k] for k in ("title", "date", "site_name", "url", "author")}


@pytest.mark.parametrize("name", PAGES)
def test_page_text_has_title_first_and_no_chrome(pages, name):
    raw = pages[name]["raw"]
    assert raw.split("\n")[0] == EXPECTED[name]["title"]
    assert raw.count(EXPECTED[name]["title"]) == 1
    assert raw == utils.normalize_text(raw)
    leaked = [s for s in CHROME + COMMENTS if s in raw]
    assert leaked == []


@pytest.mark.parametrize("name", PAGES)
def test_parser_reads_title_date_region_and_quotes_from_page_text(pages, name):
    expected = EXPECTED[name]
    art = utils.parse_article(pages[name]["raw"])
    assert art.title == expected["title"]
    assert str(art.published) == expected.get("parsed_date", expected["date"])
    assert _region(art) == (expected["regency"], expected["regency_type"], expected["province"])
    assert art.dateline == expected["dateline"]
    assert _quotes(art) == [(q["text"], q.get("parser_speaker", q["speaker"])) for q in expected["quotes"]]


def test_event_date_in_text_and_publication_date_in_metadata_can_differ(pages):
    record = pages["bawaslu-lotim.html"]
    assert record["evidence"]["date"] == "2024-08-30"
    assert utils.parse_article(record["raw"]).published == dt.date(2024, 8, 29)  # "Kamis (29/8)", the meeting


@pytest.mark.parametrize("name", [n for n in PAGES if "pasted_as" in EXPECTED[n]])
def test_pasted_text_and_saved_page_give_the_same_quotes_region_and_date(pages, name):
    (pasted,), problems = sources.read_txt(WEB / EXPECTED[name]["pasted_as"])
    assert problems == []
    assert pasted["source_kind"] == "txt" and pasted["evidence"] == dict.fromkeys(pasted["evidence"], "")
    from_text, from_page = utils.parse_article(pasted["raw"]), utils.parse_article(pages[name]["raw"])
    assert _quotes(from_text) == _quotes(from_page) and len(_quotes(from_page)) == len(EXPECTED[name]["quotes"])
    assert _region(from_text) == _region(from_page)
    assert from_text.published == from_page.published


def test_sidecar_url_and_charset_win_over_the_page(tmp_path):
    shutil.copy(WEB / "pemkot-pontianak.html", tmp_path / "0a1b.html")
    page = (tmp_path / "0a1b.html").read_text(encoding="utf-8").replace('<meta charset="utf-8">', "")
    (tmp_path / "0a1b.html").write_bytes(page.encode("cp1252", errors="replace"))
    sidecar = {
        "url": "http://a.example/x",
        "final_url": "http://a.example/y",
        "content_type": "text/html; charset=windows-1252",
    }
    (tmp_path / "0a1b.json").write_text(json.dumps(sidecar), encoding="utf-8")
    (record,), problems = sources.read_html(tmp_path / "0a1b.html")
    assert problems == [] and record["evidence"]["url"] == "http://a.example/y"
    assert "“Warga yang datang ke kantor kelurahan" in record["raw"]  # curly quotes decoded as Windows-1252


def test_page_without_article_is_a_problem(tmp_path):
    (tmp_path / "foto.html").write_text("<html><body><script>x = 1;</script><img src='a.jpg'></body></html>")
    assert sources.read_html(tmp_path / "foto.html") == ([], [("foto.html", "no article text found in the page")])


def test_folder_reads_pages_and_text_and_reports_what_it_cannot(tmp_path):
    records, problems = sources.read_records(WEB)
    assert sorted(r["source"] for r in records) == sorted([*PAGES, "warta-priangan-garut.txt"])
    assert problems == [
        ("README.md", "not a supported format (.md)"),
        ("expected.json", "a JSON dict, not a list of articles"),
    ]
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / "sub").mkdir()
    (tmp_path / "empty.txt").write_bytes(b"")
    assert sources.read_records(tmp_path) == (
        [],
        [("empty.txt", "empty file"), ("notes.docx", "not a supported format (.docx)"),
         ("sub", "a folder, not read (folders are not read recursively)")],
    )  # fmt: skip


def test_reading_prints_nothing(capsys):
    sources.read_records(WEB / "antara-kudus.html")
    sources.read_records(EXPORTS)
    assert capsys.readouterr() == ("", "")


# --- exports -----------------------------------------------------------------------

CSV_ROWS = {  # data row -> (regency, regency_type, province, date in the export)
    1: ("Bogor", "kota", "Jawa Barat", "2024-09-10"),
    2: ("Jember", "kabupaten", "Jawa Timur", "2024-09-12"),
    3: ("Palangka Raya", "kota", "Kalimantan Tengah", "2024-09-18"),
    5: ("Kutai Kartanegara", "kabupaten", "Kalimantan Timur", "2024-09-23"),
    7: ("Bantul", "kabupaten", "DI Yogyakarta", "2024-10-01"),
}
CSV_PROBLEMS = [
    ("row 4", "no text"),
    ("row 6", "unparseable date 'Selasa kemarin' (expected e.g. 2024-09-02, 2/9/2024 or 2 September 2024)"),
]


def _check_monitoring_rows(records, problems, name, kind):
    assert [r["source"] for r in records] == [f"{name} row {n}" for n in CSV_ROWS]
    assert problems == [(f"{name} {where}", reason) for where, reason in CSV_PROBLEMS]
    for record, (regency, kind_of_regency, province, date) in zip(records, CSV_ROWS.values(), strict=True):
        art = utils.parse_article(record["raw"])
        assert record["source_kind"] == kind and record["evidence"]["date"] == date
        assert record["raw"].split("\n")[0] == art.title == record["evidence"]["title"]
        assert _region(art) == (regency, kind_of_regency, province)
        assert str(art.published) == date and len(_quotes(art)) == 1


def test_csv_rows_load_and_bad_rows_are_reported_by_row():
    records, problems = sources.read_records(EXPORTS / "monitoring.csv")
    _check_monitoring_rows(records, problems, "monitoring.csv", "csv")
    assert records[0]["evidence"] == {
        "title": "Pj Wali Kota Bogor Minta Lurah Tak Ikut Deklarasi Paslon",
        "date": "2024-09-10",
        "site_name": "Radar Bogor Raya",
        "url": "https://radarbogorraya.id/2024/09/10/pj-wali-kota-bogor-minta-lurah-tak-ikut-deklarasi",
        "author": "",
    }


def test_parquet_made_from_the_csv_loads_the_same_rows(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    with (EXPORTS / "monitoring.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    pq.write_table(pa.Table.from_pylist(rows), tmp_path / "monitoring.parquet")
    records, problems = sources.read_records(tmp_path / "monitoring.parquet")
    _check_monitoring_rows(records, problems, "monitoring.parquet", "parquet")


def test_parquet_date_and_timestamp_columns(tmp_path):
    import pyarrow as pa
    import pyarrow.parquet as pq

    text = ["KUDUS - Isi berita satu tentang netralitas ASN yang cukup panjang.", "Isi dua.", "Isi tiga."]
    dates = pa.array([dt.date(2024, 9, 2), None, None], pa.date32())
    times = pa.array([None, dt.datetime(2024, 9, 3, 23, 0), None], pa.timestamp("s"))
    table = pa.table({"Body": text, "tanggal": dates, "published_at": times})
    pq.write_table(table, tmp_path / "x.parquet")
    records, problems = sources.read_parquet(tmp_path / "x.parquet")
    assert problems == [] and [r["evidence"]["date"] for r in records] == ["2024-09-02", "2024-09-03", ""]
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really")
    assert sources.read_parquet(tmp_path / "broken.parquet")[1][0][1].startswith("not a readable parquet file")


def test_csv_with_semicolons_extra_fields_and_no_text_column(tmp_path):
    (tmp_path / "excel.csv").write_bytes(
        "Judul;Tanggal;Isi Berita\r\nASN Diminta Netral;2 Oktober 2024;PATI – Isi berita.\r\n"
        "Baris geser;3/10/2024;isi;lebih\r\n".encode("cp1252")
    )
    records, problems = sources.read_csv(tmp_path / "excel.csv")
    assert [(r["source"], r["evidence"]["date"], r["raw"]) for r in records] == [
        ("excel.csv row 1", "2024-10-02", "ASN Diminta Netral\n\nPATI – Isi berita.")
    ]
    assert problems == [("excel.csv row 2", "1 more field(s) than the header")]
    (tmp_path / "links.csv").write_text("url,judul\nhttps://a.example,Judul\n")
    assert sources.read_csv(tmp_path / "links.csv") == (
        [],
        [("links.csv", f"no text column (expected one of {', '.join(sources.TEXT_COLUMNS)})")],
    )


def test_jsonl_lines_load_and_bad_lines_are_reported_by_line():
    records, problems = sources.read_records(EXPORTS / "berita.jsonl")
    assert [r["source"] for r in records] == ["berita.jsonl line 1", "berita.jsonl line 2", "berita.jsonl line 5"]
    assert [p[0] for p in problems] == ["berita.jsonl line 3", "berita.jsonl line 4"]
    assert problems[0][1] == "text (column 'content') is int, not text"
    assert problems[1][1].startswith("not valid JSON")
    first = records[0]["evidence"]
    assert (first["date"], first["site_name"], first["author"]) == ("2024-10-08", "Delta News", "Fitri Handayani")
    regions = [_region(utils.parse_article(r["raw"])) for r in records]
    assert regions == [("Sidoarjo", "kabupaten", "Jawa Timur"), ("Denpasar", "kota", "Bali"),
                       ("Ogan Komering Ilir", "kabupaten", "Sumatera Selatan")]  # fmt: skip


def test_json_list_of_objects(tmp_path):
    lines = (EXPORTS / "berita.jsonl").read_text(encoding="utf-8").splitlines()
    items = [json.loads(lines[0]), "bukan objek", json.loads(lines[1])]
    (tmp_path / "export.json").write_text(json.dumps(items), encoding="utf-8")
    records, problems = sources.read_records(tmp_path / "export.json")
    assert [r["source"] for r in records] == ["export.json row 1", "export.json row 3"]
    assert problems == [("export.json row 2", "a str, not an object with named fields")]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2024-09-02T14:35:00+07:00", "2024-09-02"), ("2024-10-03 08:45:11", "2024-10-03"), ("24/10/2024", "2024-10-24"),
     ("Senin, 14 Oktober 2024 09:12 WIB", "2024-10-14"), ("3 Okt 2024 | 10.12", "2024-10-03"),
     ("21 Agustus 2024", "2024-08-21"), (dt.datetime(2024, 1, 2, 3, 4), "2024-01-02"), ("", ""), (None, ""),
     (float("nan"), "")],
)  # fmt: skip
def test_parse_date(value, expected):
    assert sources.parse_date(value) == expected


@pytest.mark.parametrize("value", ["09/25/2024", "2024-02-30", "kemarin", "Senin (2/9)", 20240902])
def test_parse_date_rejects(value):
    with pytest.raises(ValueError):
        sources.parse_date(value)


# --- web archives --------------------------------------------------------------------


@pytest.fixture(scope="module")
def warc(tmp_path_factory):
    """The test WARC, built by tests/fixtures/build_warc.py."""
    spec = importlib.util.spec_from_file_location("build_warc", FIXTURES / "build_warc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    folder = tmp_path_factory.mktemp("warc")
    path = module.build_warc(folder / "crawl.warc.gz")
    again = module.build_warc(folder / "again.warc.gz")
    assert path.read_bytes() == again.read_bytes()  # deterministic
    return path


def test_warc_yields_exactly_the_neutrality_pages(warc, pages):
    records, problems, counts = sources.read_warc(warc)
    assert problems == []
    assert counts == Counter({
        "records": 25, "kept": 8, "not a response": 9, "HTTP status not 2xx": 1, "not HTML": 2,
        "no neutrality vocabulary": 1, "no neutrality vocabulary outside links": 1, "not Indonesian": 2,
        "no neutrality vocabulary in the article text": 1,
    })  # fmt: skip
    assert [r["evidence"]["url"] for r in records] == [EXPECTED[n]["url"] for n in PAGES]
    for record, name in zip(records, PAGES, strict=True):
        assert re.fullmatch(r"crawl\.warc\.gz#<urn:uuid:[0-9a-f-]{36}>", record["source"])
        assert record["source_kind"] == "warc"
        assert (record["raw"], record["evidence"]) == (pages[name]["raw"], pages[name]["evidence"])


def test_warc_summary_is_reported_as_a_problem_of_the_file(warc):
    records, problems = sources.read_records(warc)
    assert len(records) == 8
    assert problems == [
        ("crawl.warc.gz", "25 records read, 8 kept; skipped: 9 not a response, 1 HTTP status not 2xx, 2 not HTML, "
         "1 no neutrality vocabulary, 1 no neutrality vocabulary outside links, 2 not Indonesian, "
         "1 no neutrality vocabulary in the article text")
    ]  # fmt: skip


def test_warc_filters_can_be_turned_off_or_changed(warc):
    titles = lambda records: sorted(r["evidence"]["title"] for r in records)  # noqa: E731
    no_prefilter, _, counts = sources.read_warc(warc, prefilter=None)
    assert len(no_prefilter) == 11 and counts["not Indonesian"] == 2  # the sport, food and economy pages come in
    assert {"Persikas Tahan Imbang Tuan Rumah, Pelatih Puji Mental Pemain Muda"} < set(titles(no_prefilter))
    everything, _, _ = sources.read_warc(warc, prefilter=None, language=None)
    assert len(everything) == 13
    sport, _, _ = sources.read_warc(warc, prefilter=re.compile(rb"Persikas"))
    assert titles(sport) == ["Persikas Tahan Imbang Tuan Rumah, Pelatih Puji Mental Pemain Muda"]
    with pytest.raises(ValueError, match="only 'id'"):
        sources.read_warc(warc, language="ms")


def test_language_share_separates_indonesian_from_english_and_dutch():
    texts = {p.name: web_archives.page_text(p.read_bytes()) for p in FIXTURES.glob("*/*.html")}
    share = {name: web_archives.indonesian_share(text) for name, text in texts.items()}
    indonesian = min(v for k, v in share.items() if k not in ("english.html", "belanda.html"))
    assert indonesian > 2 * web_archives.LANGUAGE_THRESHOLD
    assert max(share["english.html"], share["belanda.html"]) < web_archives.LANGUAGE_THRESHOLD / 5


def test_damaged_warc_keeps_what_was_read_and_reports_the_rest(warc, tmp_path):
    data = warc.read_bytes()
    (tmp_path / "cut.warc.gz").write_bytes(data[: len(data) // 2])
    records, problems, counts = sources.read_warc(tmp_path / "cut.warc.gz")
    assert 0 < len(records) < 8 and counts["records"] < 25
    assert [p[0] for p in problems] == ["cut.warc.gz"] and problems[0][1].startswith("not a readable WARC file after")
    (tmp_path / "empty.warc").write_bytes(b"")
    assert sources.read_records(tmp_path / "empty.warc")[1][0] == ("empty.warc", "no WARC records found")
