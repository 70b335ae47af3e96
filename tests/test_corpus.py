"""utils.load_corpus on the seeds, on articles in other formats, and on bad input."""

import datetime as dt
import doctest
import os
import subprocess
import sys
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import utils

ROOT = Path(__file__).resolve().parents[1]

SEEDS = {
    "000": ("Pemkab Kobar Lakukan Penandatanganan Kerja sama Kemitraan dengan Untag Surabaya", "MMC Kobar",
            "2024-09-06", "Kotawaringin Barat", "Kalimantan Tengah"),
    "001": ("Pj Bupati PPU Ingatkan ASN untuk Jaga Netralitas di Tahun Politik", "Kaltim Today",
            "2024-09-14", "Penajam Paser Utara", "Kalimantan Timur"),
    "002": ("Buka Workshop Penguatan Kompetensi dan Kinerja JPT Pratama, Bupati Ajak ASN Sleman Perkuat Netralitas",
            "Jogjaberita", "2023-03-09", "Sleman", "DI Yogyakarta"),
    "003": ("Integritas dan Netralitas Pilar Penting Menuju Profesionalisme", "BKPSDM Bondowoso",
            "2024-10-09", "Bondowoso", "Jawa Timur"),
    "004": ("ASN Diminta Tunjukkan Netralitas dalam Sukseskan Pilkada", "Prokalteng",
            "2024-09-03", "Pulang Pisau", "Kalimantan Tengah"),
}  # fmt: skip


def row(df, prefix):
    return df[df["doc_id"].str.startswith(prefix)].iloc[0]


# --- the seeds ---------------------------------------------------------------


def test_one_row_per_seed_in_file_order(corpus):
    assert [d[:3] for d in corpus["doc_id"]] == list(SEEDS)
    assert corpus["file"].tolist() == sorted(p.name for p in utils.corpus_folder().glob("*.txt"))
    assert corpus.attrs["skipped"] == {}


@pytest.mark.parametrize("prefix", SEEDS)
def test_seed_metadata(corpus, prefix):
    title, outlet, published, regency, province = SEEDS[prefix]
    r = row(corpus, prefix)
    assert r["title"] == title
    assert r["outlet"] == outlet
    assert r["published"] == pd.Timestamp(published)
    assert r["regency"] == regency
    assert r["regency_type"] == "kabupaten"
    assert r["province"] == province


def test_column_types(corpus):
    assert pd.api.types.is_datetime64_any_dtype(corpus["published"])
    assert (corpus["published"] == corpus["published"].dt.normalize()).all()
    assert pd.api.types.is_integer_dtype(corpus["n_words"])
    expected = {"doc_id", "file", "title", "outlet", "published", "regency", "regency_type", "province",
                "text", "raw", "n_words", "removed"}  # fmt: skip
    assert expected <= set(corpus.columns)


def test_raw_is_the_decoded_file(corpus):
    for r in corpus.itertuples():
        on_disk = (utils.corpus_folder() / r.file).read_text(encoding="utf-8")
        assert r.raw == utils.normalize_text(on_disk)


@pytest.mark.parametrize(
    "chrome",
    ["Baca Juga", "Share", "Tinggalkan Balasan", "Exit mobile version", "(art/kpg)", "(iin/eti)", "Google News",
     "Advertorial", "Site icon", "Jangan Tampilkan", "Berita Lainnya", "Tim Konten", "Alamat email", "RWT |",
     "Muhammad Razil Fauzan", "(ist)", "Fauzan/Kaltimtoday", "MMC Kobar -", "PROKALTENG.CO"],
)  # fmt: skip
def test_text_has_no_web_chrome(corpus, chrome):
    for r in corpus.itertuples():
        assert chrome not in r.text, f"{r.doc_id} still contains {chrome!r}"
        assert r.title not in r.text


def test_text_keeps_paragraphs_and_story(corpus):
    bondowoso = row(corpus, "003")["text"]
    assert bondowoso.startswith("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia Kabupaten Bondowoso")
    assert bondowoso.count("\n\n") == 4  # five paragraphs
    assert row(corpus, "004")["text"].startswith("Penjabat (Pj) Bupati Pulang Pisau Hj Nunu Andriani menegaskan")
    assert row(corpus, "000")["text"].startswith("Pemerintah Kabupaten (Pemkab) Kotawaringin Barat (Kobar)")
    assert "\u00a0" not in "".join(corpus["text"])


def test_word_counts(corpus, folder):
    assert corpus["n_words"].tolist() == [401, 382, 291, 307, 280]
    body = (
        "SLEMAN, Harian Jogja – Pj Bupati meminta 1.200 ASN tetap netral di Pilkada 2024 (27/11), "
        "termasuk di media sosial: non-partisan, kata-kata pun dijaga."
    )
    (folder / "a.txt").write_text("Bupati Sleman Minta ASN Netral\n\n" + body, encoding="utf-8")
    # Counted by hand (21): Pj Bupati meminta 1 200 ASN tetap netral di Pilkada 2024 27 11 termasuk di
    # media sosial non-partisan kata-kata pun dijaga
    with pytest.warns(UserWarning, match="a.txt: could not find published"):
        assert utils.load_corpus(folder, metadata=None)["n_words"].tolist() == [21]


def test_boilerplate_audit(corpus):
    audit = utils.boilerplate_audit(corpus)
    kinds = audit.groupby("doc_id")["kind"].apply(set)
    assert {"byline", "caption", "dateline", "credit", "promo", "footer"} <= kinds[row(corpus, "001")["doc_id"]]
    assert {"read-also", "caption", "dateline"} <= kinds[row(corpus, "000")["doc_id"]]
    assert ("credit-tag", "(art/kpg)") in row(corpus, "004")["removed"]
    assert list(audit.columns) == ["doc_id", "kind", "text", "n_words"]


def test_date_sources(corpus):
    sources = dict(zip([d[:3] for d in corpus["doc_id"]], corpus["date_source"], strict=True))
    assert sources["001"] == "byline"
    assert sources["003"] == "dateline"
    assert sources["002"] == "weekday date, year inferred from the article"
    assert sources["000"] == "weekday date, year inferred from the corpus"


# --- quotes ----------------------------------------------------------------


def test_quote_counts(corpus):
    quotes = utils.extract_quotes(corpus)
    counts = quotes.groupby("doc_id").size().reindex(corpus["doc_id"], fill_value=0)
    assert counts.tolist() == [5, 5, 3, 1, 4]


def test_quote_speakers(corpus):
    quotes = utils.extract_quotes(corpus)
    speakers = quotes.groupby("doc_id")["speaker"].apply(list)
    assert speakers[row(corpus, "000")["doc_id"]] == ["Rody Iskandar"] * 5
    assert speakers[row(corpus, "001")["doc_id"]] == ["Makmur Marbun"] * 5
    # the Bupati quoted first is Kustini, named in the next paragraph: one speaker, not two (issue 11)
    assert speakers[row(corpus, "002")["doc_id"]] == ["Kustini", "Kustini", "Agus Pramusinto"]
    assert speakers[row(corpus, "003")["doc_id"]] == ["Kepala BKPSDM"]
    assert speakers[row(corpus, "004")["doc_id"]] == ["Nunu Andriani"] * 4


def test_scare_quotes_are_not_speech(corpus):
    quotes = utils.extract_quotes(corpus)
    assert "Daftar Hitam" in row(corpus, "002")["text"]
    assert not quotes["quote"].str.contains("Daftar Hitam").any()
    assert quotes.loc[0, "quote"].startswith("Tuntutan peningkatan layanan")
    assert not quotes["quote"].str.endswith(",").any()


def test_quotes_on_small_text():
    text = (
        'Pj Bupati Lebak, Budi Santoso, hadir. "ASN wajib netral," kata Budi.\n'
        "Ia menegaskan hal itu. “Silakan memilih di bilik suara,” tegasnya.\n"
        "Ketua Bawaslu mengatakan, “Kami mengawasi media sosial.”\n"
        "Istilah “tim sukses” sering dipakai."
    )
    quotes = utils.quotes_in_text(text)
    assert [(q["speaker"], q["attribution"]) for q in quotes] == [
        ("Budi Santoso", "after"),
        ("Budi Santoso", "after"),
        ("Ketua Bawaslu", "before"),
    ]


# --- dates -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "month", "weekday", "reference", "year"),
    [
        (9, 3, 3, 2024, 2023),  # Kamis (9/3) in an article about the 2024 election
        (6, 9, 4, 2024, 2024),  # Jumat (6/9)
        (3, 9, 1, 2024, 2024),  # Selasa (3/9)
        (29, 2, 3, 2025, 2024),  # Kamis (29/2): only leap years have it
        (6, 9, 4, 2026, 2024),  # nearest Friday 6 September before 2026
        (6, 9, None, 2022, 2022),  # no weekday: the reference year
    ],
)
def test_infer_year(day, month, weekday, reference, year):
    assert utils.infer_year(day, month, weekday, reference) == year


ARTICLE = "Judul Berita Netralitas ASN Daerah\n\n{dateline}, Harian Jogja - Pemerintah Kabupaten Sleman mengumpulkan ASN {date} untuk membahas netralitas menjelang Pilkada 2024 di aula."  # noqa: E501


@pytest.mark.parametrize(
    ("dateline", "date", "expected"),
    [
        ("SLEMAN", "pada Jumat (6/9)", "2024-09-06"),
        ("SLEMAN", "pada (21/8/2024)", "2024-08-21"),
        ("SLEMAN", "pada Jumat, 6 September 2024", "2024-09-06"),
        ("SLEMAN", "pada Rabu (21/8/2024)", "2024-08-21"),
        ("Rabu 9 Oktober 2024", "hari ini", "2024-10-09"),
        ("SLEMAN", "pada Jum'at (6/9)", "2024-09-06"),
    ],
)
def test_date_formats(folder, dateline, date, expected):
    (folder / "a.txt").write_text(ARTICLE.format(dateline=dateline, date=date), encoding="utf-8")
    df = utils.load_corpus(folder)
    assert df.loc[0, "published"] == pd.Timestamp(expected)
    assert df.loc[0, "regency"] == "Sleman"


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("06/09/2024 10:00 WIB", "2024-09-06"),
        ("2024-09-06 10:00", "2024-09-06"),
        ("Jumat, 6 September 2024 | 10:15 WITA", "2024-09-06"),
        ("Kamis, 5/9/2024", "2024-09-05"),
    ],
)
def test_date_lines_at_the_top(folder, header, expected):
    text = (
        f"{header}\n\nBupati Sleman Minta ASN Netral di Pilkada\n\nHarian Jogja - Bupati Sleman meminta seluruh ASN "
        "menjaga netralitas menjelang pemungutan suara 27 November 2024 di Kabupaten Sleman."
    )
    (folder / "a.txt").write_text(text, encoding="utf-8")
    df = utils.load_corpus(folder)
    assert df.loc[0, "title"] == "Bupati Sleman Minta ASN Netral di Pilkada"
    assert df.loc[0, "published"] == pd.Timestamp(expected)
    assert header not in df.loc[0, "text"]


def test_date_only_in_byline(folder):
    text = (
        "Bupati Sleman Minta ASN Netral di Pilkada\n\nRedaksi — Harian Jogja 2 September 2024 08:00\n\n"
        "Bupati Sleman meminta ASN menjaga netralitas. Pemungutan suara digelar 27 November 2024 nanti di seluruh"
        " wilayah Kabupaten Sleman."
    )
    (folder / "a.txt").write_text(text, encoding="utf-8")
    df = utils.load_corpus(folder)
    assert df.loc[0, "published"] == pd.Timestamp("2024-09-02")
    assert df.loc[0, "outlet"] == "Harian Jogja"
    assert "Redaksi" not in df.loc[0, "text"]


def test_missing_date_is_reported(folder):
    (folder / "a.txt").write_text(ARTICLE.format(dateline="SLEMAN", date="kemarin"), encoding="utf-8")
    with pytest.warns(UserWarning, match=r"a\.txt: could not find .*published"):
        df = utils.load_corpus(folder)
    assert pd.isna(df.loc[0, "published"])


# --- articles in other formats ---------------------------------------------

OTHER_FORMATS = {
    "antara_lebak.txt": (
        "Beranda\nPemkab Lebak Minta ASN Tidak Unggah Dukungan Calon di Media Sosial\n\n"
        "RANGKASBITUNG (ANTARA) - Pemerintah Kabupaten Lebak meminta seluruh aparatur sipil negara (ASN) tidak "
        "mengunggah dukungan kepada pasangan calon di media sosial menjelang Pilkada 2024, Rabu (21/8/2024).\n\n"
        '"Kami minta ASN menahan diri," kata Sekretaris Daerah Lebak Budi Santoso di Rangkasbitung.\n\n'
        "Budi menegaskan bahwa sanksi diatur dalam SKB lima lembaga.\n\n"
        '"Sanksinya mulai dari teguran sampai penundaan kenaikan pangkat," ujarnya.\n\n'
        "Pewarta: Mulyana\nEditor: Rina\nCopyright © ANTARA 2024\n"
    ),
    "pemprov_kaltim.txt": (
        "Pj Gubernur Kaltim Ingatkan ASN Pemprov Jaga Netralitas\n\nRedaksi — Niaga Asia 5 September 2024 10:15\n\n"
        "SAMARINDA – Penjabat Gubernur Kalimantan Timur Akmal Malik meminta seluruh ASN di lingkungan Pemprov "
        "Kaltim menjaga netralitas menjelang pemungutan suara pada 27 November 2024.\n\n"
        "“ASN itu pelayan publik, bukan tim sukses,” tegas Akmal saat apel pagi.\n\n"
        "Baca juga: Bawaslu Kaltim Terima 12 Laporan Netralitas ASN\n\nBagikan:\n"
    ),
    "kota_bekasi.txt": (
        "Wali Kota Bekasi Ajak ASN Netral\r\n\r\nBEKASI - Pemerintah Kota Bekasi mengumpulkan seluruh kepala OPD "
        "untuk menandatangani pakta integritas netralitas ASN, Senin, 2 September 2024.\r\n\r\n"
        "“Saya minta semua pegawai menjaga jarak dengan tim kampanye,” ujar Pj Wali Kota Bekasi Gani Muhamad.\r\n"
    ),
    "kab_bekasi.txt": (
        "\ufeffBupati Bekasi Kumpulkan Camat Bahas Netralitas\n\nCIKARANG, Beritacikarang.com — Pemkab Bekasi "
        "mengumpulkan 23 camat untuk membahas netralitas ASN pada Kamis (5/9).\n\nPj Bupati Bekasi Dedy Supriyadi "
        "meminta camat mengawasi kepala desa agar tidak ikut berkampanye dalam Pilkada 2024.\n"
    ),
    "tenggarong.txt": (
        "Bawaslu Kukar Sosialisasi Netralitas ASN di Kecamatan\n\nTENGGARONG – Bawaslu Kabupaten Kutai Kartanegara "
        "menggelar sosialisasi netralitas ASN bagi camat dan lurah pada Selasa (10/9/2024).\n\n"
        "“Pengawasan netralitas tidak bisa hanya oleh Bawaslu,” kata Ketua Bawaslu Kukar Teguh Wibowo.\n"
    ),
}
EXPECTED = {  # title, outlet, published, regency, regency_type, province, speakers
    "antara_lebak": ("Pemkab Lebak Minta ASN Tidak Unggah Dukungan Calon di Media Sosial", "Antara", "2024-08-21",
                     "Lebak", "kabupaten", "Banten", ["Budi Santoso", "Budi Santoso"]),
    "pemprov_kaltim": ("Pj Gubernur Kaltim Ingatkan ASN Pemprov Jaga Netralitas", "Niaga Asia", "2024-09-05",
                       "", "", "Kalimantan Timur", ["Akmal Malik"]),
    "kota_bekasi": ("Wali Kota Bekasi Ajak ASN Netral", "", "2024-09-02", "Bekasi", "kota", "Jawa Barat",
                    ["Gani Muhamad"]),
    "kab_bekasi": ("Bupati Bekasi Kumpulkan Camat Bahas Netralitas", "Beritacikarang", "2024-09-05", "Bekasi",
                   "kabupaten", "Jawa Barat", []),
    "tenggarong": ("Bawaslu Kukar Sosialisasi Netralitas ASN di Kecamatan", "", "2024-09-10", "Kutai Kartanegara",
                   "kabupaten", "Kalimantan Timur", ["Teguh Wibowo"]),
}  # fmt: skip


@pytest.fixture
def other_formats(folder):
    for name, text in OTHER_FORMATS.items():
        (folder / name).write_bytes(text.encode("utf-8"))
    # the Tenggarong release arrives in Windows-1252, as older newsroom systems save it
    (folder / "tenggarong.txt").write_bytes(OTHER_FORMATS["tenggarong.txt"].encode("cp1252"))
    with pytest.warns(UserWarning, match="could not find outlet"):
        return utils.load_corpus(folder)


@pytest.mark.parametrize("doc_id", EXPECTED)
def test_other_formats(other_formats, doc_id):
    title, outlet, published, regency, regency_type, province, speakers = EXPECTED[doc_id]
    r = other_formats.set_index("doc_id").loc[doc_id]
    assert (r["title"], r["outlet"], r["published"]) == (title, outlet, pd.Timestamp(published))
    assert (r["regency"], r["regency_type"], r["province"]) == (regency, regency_type, province)
    quotes = utils.extract_quotes(other_formats)
    assert quotes.loc[quotes["doc_id"] == doc_id, "speaker"].tolist() == speakers
    for chrome in ("Pewarta", "Copyright", "Baca juga", "Bagikan", "Beranda", "\r", "\ufeff"):
        assert chrome not in r["text"]


def test_province_article_keeps_province_and_no_regency(other_formats):
    r = other_formats.set_index("doc_id").loc["pemprov_kaltim"]
    assert r["regency"] == "" and r["regency_code"] == "" and r["region"] == "Kalimantan Timur"


def test_region_evidence_weighting():
    # a university named after a city does not make the article about that city
    code, province = utils.resolve_region("Pemkab Kobar Teken Kerja Sama dengan Untag Surabaya", "", "",
                                          "Universitas Tujuh Belas Agustus (Untag) Surabaya hadir.")  # fmt: skip
    assert (code, province) == ("62.01", "Kalimantan Tengah")
    # a capital-town dateline resolves to its regency
    assert utils.resolve_region("", "RANGKASBITUNG", "", "ASN diminta netral.")[0] == "36.02"
    assert utils.resolve_region("", "Wates", "", "ASN diminta netral.")[0] == "34.01"


# --- bad input -----------------------------------------------------------------

GOOD = ARTICLE.format(dateline="SLEMAN", date="pada Jumat (6/9)")


def test_bad_files_are_skipped_and_reported(folder):
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "blank.txt").write_text("  \n\t\n \u00a0\n", encoding="utf-8")
    (folder / "picture.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (folder / "chrome.txt").write_text("Share:\n\nExit mobile version\n\nBerita Lainnya\n\nSatu dua tiga", "utf-8")
    (folder / "notes.md").write_text("# notes", encoding="utf-8")
    os.symlink(folder / "missing-target.txt", folder / "dangling.txt")
    (folder / "drafts.txt").mkdir()
    (folder / "drafts").mkdir()
    with pytest.warns(UserWarning) as record:
        df = utils.load_corpus(folder)
    assert df["file"].tolist() == ["good.txt"]
    skipped = df.attrs["skipped"]
    assert skipped["empty.txt"] == "empty file"
    assert skipped["blank.txt"] == "only whitespace"
    assert skipped["picture.txt"].startswith("binary file")
    assert skipped["chrome.txt"] == "no article text after removing web boilerplate"
    assert skipped["notes.md"].startswith("not a supported format (.txt, .html")
    assert skipped["dangling.txt"].startswith("cannot be read")
    assert skipped["drafts.txt"] == skipped["drafts"] == "a folder, not a file"
    messages = " ".join(str(w.message) for w in record)
    for name in skipped:
        assert f"skipped {name}:" in messages


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [("utf-8", "\n"), ("utf-8-sig", "\n"), ("utf-8", "\r\n"), ("cp1252", "\r\n"), ("utf-16", "\n")],
)
def test_encodings_decode_to_the_same_text(folder, encoding, newline):
    text = GOOD.replace("Pemerintah", "“Pemerintah”\u00a0–").replace("\n", newline) + " Café."
    (folder / "a.txt").write_bytes(text.encode(encoding))
    df = utils.load_corpus(folder)
    assert "“Pemerintah” – Kabupaten Sleman" in df.loc[0, "text"]
    assert df.loc[0, "text"].endswith("Café.")
    assert df.loc[0, "regency"] == "Sleman"


def test_decode_bytes():
    assert utils.decode_bytes("ASN “netral”".encode("cp1252")) == ("ASN “netral”", "cp1252")
    assert utils.decode_bytes("\ufeffASN".encode()) == ("ASN", "utf-8")
    with pytest.raises(ValueError, match="binary"):
        utils.decode_bytes(b"\x00\x01\x02")


def test_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="corpus folder not found"):
        utils.load_corpus(tmp_path / "nope")


def test_default_folder_from_any_working_directory(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert len(utils.load_corpus()) == len(SEEDS)


# --- metadata overrides ------------------------------------------------------


def test_metadata_overrides_win_and_are_reported(folder, tmp_path):
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD, encoding="utf-8")
    table = tmp_path / "metadata.csv"
    table.write_text(
        "file,title,outlet,published,regency,regency_type,province\n"
        "a.txt,,Harian Jogja,2024-09-07,Bekasi,kota,\n"
        "ghost.txt,,Nobody,,,,\n",
        encoding="utf-8",
    )
    with pytest.warns(UserWarning) as record:
        df = utils.load_corpus(folder, metadata=table).set_index("file")
    a, b = df.loc["a.txt"], df.loc["b.txt"]
    assert (a["outlet"], a["published"]) == ("Harian Jogja", pd.Timestamp("2024-09-07"))
    assert (a["regency"], a["regency_type"], a["province"], a["regency_code"]) == ("Bekasi", "kota", "Jawa Barat",
                                                                                   "32.75")  # fmt: skip
    assert a["title"] == "Judul Berita Netralitas ASN Daerah"  # blank cells change nothing
    assert a["overridden"] == ["outlet", "published", "regency", "regency_type"]
    assert b["regency"] == "Sleman" and b["overridden"] == []
    messages = " ".join(str(w.message) for w in record)
    assert "overrides applied: a.txt (outlet, published, regency, regency_type)" in messages
    assert "ghost.txt" in messages


def test_no_metadata_file_is_fine(folder, tmp_path):
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    df = utils.load_corpus(folder, metadata=tmp_path / "absent.csv")
    assert df.loc[0, "overridden"] == []


# --- docs ------------------------------------------------------------------------


def test_doctests():
    """Every example in every module's docstrings runs and gives what it shows."""
    import importlib
    import pkgutil

    import netralitas

    attempted = 0
    for info in pkgutil.iter_modules(netralitas.__path__):
        module = importlib.import_module(f"netralitas.{info.name}")
        result = doctest.testmod(module)
        assert result.failed == 0, info.name
        attempted += result.attempted
    assert attempted > 20


def test_published_is_a_date_not_a_time(corpus):
    assert all(isinstance(d, pd.Timestamp) and d.time() == dt.time(0) for d in corpus["published"])


def test_text_is_nfc_with_plain_spaces():
    assert utils.normalize_text("Cafe\u0301\u00a0di\u202fSleman\u200b") == "Café di Sleman"
    assert utils.normalize_text("a\r\nb\rc") == "a\nb\nc"


def test_runs_of_spaces_and_tabs_become_one_space():
    assert utils.normalize_text("a  b\tc \t d\t\te f") == "a b c d e f"
    assert utils.normalize_text(" \tASN\u00a0 netral  \n\t x") == "ASN netral\nx"


# --- the quick paths of the parser give what the plain ones give -----------------

FIXTURE_LINES = sorted(
    {line.strip() for path in (ROOT / "tests" / "fixtures" / "articles").rglob("*.txt")
     for line in path.read_text(encoding="utf-8").split("\n") if line.strip()}
)  # fmt: skip
LINES_WRITTEN_HERE = [
    "Mau dapat notifikasi berita terbaru? Izinkan", "Klik di sini, Saya Mau!", "saya mau", "Saya Mau bertanya",
    "Konten ini hak cipta dilindungi undang-undang", "Hak cipta dilindungi", "ſaya mau", "Baca Juga: Saya Mau",
    "Beranda / Daerah / Saya Mau", "Copyright 2024 hak cipta dilindungi", "Tim Redaksi notifikasi?",
    "Aktifkan notifikasi?", "notifikasi", "Bupati: ASN wajib netral | Pilkada | 2024", "Komentar:", "",
    "Word-by-word: non-partisan, ASN’s 2024 (6/9) _x_ é 12a", "foo_bar -- baz'", "a-b-c d--e ’x",
]  # fmt: skip


def test_boilerplate_rules_match_as_one_pattern_would():
    """``_match_rule`` tries the ``.*word`` alternatives apart: the same rule as the rules joined in one pattern."""
    import re

    from netralitas.article import _match_rule
    from netralitas.reference import boilerplate_rules

    rules = [(action, kind, p.pattern) for action, kind, p in boilerplate_rules() if action != "strip_end"]
    joined = re.compile("|".join(f"(?P<r{i}>{p})" for i, (_, _, p) in enumerate(rules)), re.IGNORECASE)

    def one_pattern(line):
        match = joined.fullmatch(line.rstrip(" :"))
        if not match:
            return None
        return rules[next(int(name[1:]) for name, value in match.groupdict().items() if value is not None)][:2]

    lines = FIXTURE_LINES + LINES_WRITTEN_HERE
    found = [_match_rule(line) for line in lines]
    assert found == [one_pattern(line) for line in lines]
    assert found[len(FIXTURE_LINES) : len(FIXTURE_LINES) + 4] == [("drop", "pop-up")] * 3 + [None]
    assert sum(f is not None for f in found) > 100  # the fixtures' web chrome


def test_count_words_counts_what_words_finds():
    from netralitas.text import count_words, words

    lines = FIXTURE_LINES + LINES_WRITTEN_HERE
    assert [count_words(line) for line in lines] == [len(words(line)) for line in lines]
    assert count_words("Word-by-word: non-partisan, ASN’s 2024 (6/9) _x_ é 12a") == 9


def test_the_table_made_a_column_at_a_time_equals_the_table_made_at_once():
    import copy

    from netralitas.loader import _table

    rows = [
        {"doc_id": "a", "published": dt.date(2024, 9, 6), "removed": [("byline", "x")], "n_words": 3, "text": "ASN."},
        {"doc_id": "b", "published": None, "removed": [], "n_words": 0, "text": "Netral – “kata”"},  # no election key
    ]
    rows[0]["election"] = "pilkada2024"
    columns = ["doc_id", "published", "removed", "n_words", "text", "election"]
    expected = pd.DataFrame(copy.deepcopy(rows), columns=columns)
    pd.testing.assert_frame_equal(_table(rows, columns), expected)
    assert rows == [{}, {}]  # every value taken out of its row
    pd.testing.assert_frame_equal(_table([], columns), pd.DataFrame([], columns=columns))


def test_pages_kept_as_utf8_bytes_make_the_same_column_as_the_strings():
    from netralitas.loader import _pages

    pages = ["Bupati: “ASN netral” – Pilkada 2024", "ASCII only", "é" * 3, ""]
    mixed = [pages[0].encode("utf-8"), pages[1], pages[2].encode("utf-8"), pages[3]]
    pd.testing.assert_series_equal(_pages(mixed), pd.Series(pages))
    pd.testing.assert_series_equal(_pages([b"a", np.nan]), pd.Series(["a", np.nan]))


def test_pages_with_several_missing_and_bad_bytes():
    from netralitas.loader import _pages

    values = [None, b"satu", None, None, "dua \u2013 tiga", b"", None, None, None, b"empat"]  # nulls past one byte
    expected = pd.Series([np.nan, "satu", np.nan, np.nan, "dua \u2013 tiga", "", np.nan, np.nan, np.nan, "empat"])
    pd.testing.assert_series_equal(_pages(values), expected)
    with pytest.raises(Exception, match="(?i)utf-?8"):
        _pages([b"ok", "\u00e9".encode("latin-1")])


def test_pages_kept_in_stores_make_the_same_column_in_any_order():
    """Pages from two stores, out of order, or loose (read from the cache), make the column in order, one chunk."""
    from netralitas.loader import _pages, _PageStore

    one, two = _PageStore(), _PageStore()
    first = [one.add(v) for v in ("a – 1", b"b", None, "d")]
    second = [two.add(v) for v in (b"e", "", "g \u201ch\u201d")]
    values = [first[0], first[1], second[2], b"loose", None, first[3], first[2], second[0], second[1], "string"]
    expected = ["a – 1", "b", "g \u201ch\u201d", "loose", np.nan, "d", np.nan, "e", "", "string"]
    column = _pages(values)
    pd.testing.assert_series_equal(column, pd.Series(expected))
    assert values == [] and column.array._pa_array.num_chunks == 1  # a column of chunks is slow to index
    with pytest.raises(AssertionError):
        one.add("too late")  # its array is made


def test_pages_of_one_store_in_order_share_its_buffer():
    import pyarrow as pa

    from netralitas.loader import _pages, _PageStore

    store = _PageStore()
    values = [store.add(("Bupati – ASN netral " * 50 + str(i)).encode()) for i in range(1000)]
    column = _pages(values)
    assert column.iloc[999].endswith("netral 999") and column.str.len().tolist()[::333] == [1001, 1003, 1003, 1003]
    data = column.array._pa_array.chunk(0).buffers()[2]
    assert data.address == pa.py_buffer(store.data).address  # the bytes as appended, not a copy


def test_a_column_of_pages_holds_little_beside_the_pages_while_it_is_made():
    """Made from 200 MB of pages, the column briefly holds at most about as much again (Arrow's builder held 2.4x)."""
    code = (
        "import threading, time\n"
        "from netralitas.loader import _pages\n"
        "def rss():\n"
        "    return int(open('/proc/self/statm').read().split()[1]) * 4096 / 2**20\n"
        "pages = [('Bupati \u2013 \u201cASN netral\u201d ' * 80 + str(i)).encode() for i in range(80_000)]\n"
        "size = sum(map(len, pages)) / 2**20\n"
        "peak, done = [0.0], threading.Event()\n"
        "def watch():\n"
        "    while not done.is_set():\n"
        "        peak[0] = max(peak[0], rss())\n"
        "        time.sleep(0.001)\n"
        "watcher = threading.Thread(target=watch)\n"
        "before = rss()\n"
        "watcher.start()\n"
        "column = _pages(pages)\n"
        "done.set()\n"
        "watcher.join()\n"
        "print(size, peak[0] - before)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT)
    size, extra = map(float, out.stdout.split())
    assert size > 150 and extra < 1.3 * size


def test_pages_without_arrow_strings_are_python_strings():
    """With pandas' string inference off (a deprecated option, still honoured), the pages are decoded one by one."""
    from netralitas.loader import _pages

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        with pd.option_context("future.infer_string", False):
            column = _pages([b"Bupati \xe2\x80\x93 ASN", "netral"])
            expected = pd.Series(["Bupati – ASN", "netral"])
    pd.testing.assert_series_equal(column, expected)
    assert column.dtype == object
