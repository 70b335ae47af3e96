"""The whole analysis on an enlarged corpus: eight new regions plus unreadable files.

Copies seeds/ to a temporary folder, adds articles written for this test (kabupaten and kota,
shared names, capital-town datelines, several provinces, one file in Windows-1252) and files that
are not articles, then executes every notebook against it through NETRALITAS_SEEDS.
"""

import re
import shutil
import warnings
from pathlib import Path

import pytest

import utils

pytestmark = pytest.mark.slow  # executes every notebook on an enlarged corpus

ROOT = Path(__file__).resolve().parent.parent

NEW_ARTICLES = {
    "100_kota_kupang.txt": (
        "Pj Wali Kota Kupang Minta ASN Tidak Ikut Kampanye\n\n"
        "KUPANG, Victory News – Penjabat Wali Kota Kupang Linus Lusi meminta seluruh ASN Pemerintah Kota Kupang "
        "tidak ikut kampanye pasangan calon pada Pilkada 2024, Senin (2/9/2024).\n\n"
        "“ASN wajib netral. Silakan gunakan hak pilih di bilik suara,” kata Linus di Balai Kota Kupang.\n\n"
        "Ia menambahkan, pelanggaran netralitas akan dilaporkan kepada Bawaslu Kota Kupang.\n"
    ),
    "101_kab_kupang.txt": (
        "Sekda Kabupaten Kupang Ingatkan Sanksi Pelanggaran Netralitas\n\n"
        "OELAMASI – Pemkab Kupang menggelar apel netralitas ASN pada Kamis (5/9). Sekretaris Daerah Kabupaten "
        "Kupang Obed Kadji mengingatkan sanksi disiplin bagi ASN yang terlibat politik praktis menjelang Pilkada "
        "2024.\n\n"
        "“Sanksinya tegas, mulai teguran sampai pemberhentian,” tegas Obed.\n"
    ),
    "102_lebak.txt": (
        "Pemkab Lebak Minta ASN Jaga Jempol di Media Sosial\n\n"
        "RANGKASBITUNG (ANTARA) - Pemerintah Kabupaten Lebak meminta ASN tidak mengunggah dukungan kepada calon "
        "kepala daerah di media sosial menjelang Pilkada 2024, Rabu (21/8/2024).\n\n"
        '"Jangan sampai jempol membuat karier berakhir," kata Sekretaris Daerah Lebak Budi Santoso.\n'
    ),
    "103_kota_bandung.txt": (
        "Wali Kota Bandung Teken Pakta Integritas Netralitas ASN\n\n"
        "Redaksi — Prabu News 12 September 2024 09:30\n\n"
        "Pemerintah Kota Bandung menggelar penandatanganan pakta integritas netralitas ASN di Balai Kota. Pj Wali "
        "Kota Bandung Bambang Tirtoyuliono meminta ASN menjaga kepercayaan masyarakat.\n\n"
        "“Kepercayaan publik adalah modal pelayanan kita,” ujar Bambang.\n"
    ),
    "104_kukar.txt": (
        "Bawaslu Kukar Sosialisasi Netralitas ASN di Kecamatan\n\n"
        "TENGGARONG – Bawaslu Kabupaten Kutai Kartanegara menggelar sosialisasi netralitas ASN bagi camat dan lurah "
        "pada Selasa (10/9/2024).\n\n"
        "“Pengawasan netralitas tidak bisa hanya oleh Bawaslu,” kata Ketua Bawaslu Kukar Teguh Wibowo.\n"
    ),
    "105_makassar.txt": (
        "ASN Pemkot Makassar Diingatkan Soal Netralitas\n\n"
        "MAKASSAR, Fajar – Wali Kota Makassar Mohammad Ramdhan Pomanto mengingatkan ASN lingkup Pemkot Makassar "
        "agar tidak memihak pada Pilkada 2024, Jumat (13/9/2024).\n\n"
        "“Profesionalisme ASN diuji di tahun politik,” ujar Danny.\n"
    ),
    "106_sbd.txt": (
        "Pj Bupati SBD Ajak ASN Netral dan Profesional\n\n"
        "TAMBOLAKA, Pos Kupang – Penjabat Bupati Sumba Barat Daya meminta ASN menjaga integritas dan netralitas "
        "selama tahapan Pilkada 2024 pada Senin (16/9).\n\n"
        "“Pelayanan publik tidak boleh terganggu oleh politik,” tegasnya.\n"
    ),
    "107_aceh_besar.txt": (
        "Pemkab Aceh Besar Gelar Sosialisasi Netralitas ASN\n\n"
        "KOTA JANTHO, Serambinews – Pemerintah Kabupaten Aceh Besar menggelar sosialisasi netralitas ASN di "
        "Kota Jantho pada Rabu (18/9/2024). Kegiatan dibuka oleh Pj Bupati Aceh Besar Muhammad Iswanto.\n\n"
        "“Netralitas ASN adalah harga mati,” kata Iswanto.\n"
    ),
}
EXPECTED_REGIONS = {  # file: (regency, regency_type, province)
    "100_kota_kupang.txt": ("Kupang", "kota", "Nusa Tenggara Timur"),
    "101_kab_kupang.txt": ("Kupang", "kabupaten", "Nusa Tenggara Timur"),
    "102_lebak.txt": ("Lebak", "kabupaten", "Banten"),
    "103_kota_bandung.txt": ("Bandung", "kota", "Jawa Barat"),
    "104_kukar.txt": ("Kutai Kartanegara", "kabupaten", "Kalimantan Timur"),
    "105_makassar.txt": ("Makassar", "kota", "Sulawesi Selatan"),
    "106_sbd.txt": ("Sumba Barat Daya", "kabupaten", "Nusa Tenggara Timur"),
    "107_aceh_besar.txt": ("Aceh Besar", "kabupaten", "Aceh"),
}
BAD_FILES = {"200_empty.txt": b"", "201_binary.txt": b"\x00\x01PK\x03\x04" * 40, "202_chrome.txt": b"Share:\n\nMenu\n"}


@pytest.fixture(scope="module")
def enlarged(tmp_path_factory):
    folder = tmp_path_factory.mktemp("enlarged") / "seeds"
    shutil.copytree(utils.corpus_folder(), folder)
    for name, text in NEW_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "104_kukar.txt").write_bytes(NEW_ARTICLES["104_kukar.txt"].encode("cp1252"))
    for name, data in BAD_FILES.items():
        (folder / name).write_bytes(data)
    return folder


def test_enlarged_corpus_loads_every_article(enlarged):
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        df = utils.load_corpus(enlarged)
    assert len(df) == 5 + len(NEW_ARTICLES)
    assert set(df.attrs["skipped"]) == set(BAD_FILES)
    regions = df.set_index("file")[["regency", "regency_type", "province"]]
    for name, expected in EXPECTED_REGIONS.items():
        assert tuple(regions.loc[name]) == expected, name
    assert df["published"].notna().all()
    assert df["region"].nunique() == len(df)  # Kota and Kabupaten Kupang stay apart
    quotes = utils.extract_quotes(df)
    assert set(quotes["doc_id"]) == set(df["doc_id"])
    text = dict(zip(df["doc_id"], df["text"], strict=True))
    offices = {s: utils.speaker_office(s, text[d]) for d, s in zip(quotes["doc_id"], quotes["speaker"], strict=True)}
    assert offices["Linus Lusi"] == offices["Bambang Tirtoyuliono"] == "Pj Wali Kota"
    assert offices["Obed Kadji"] == "Sekda" and offices["Muhammad Iswanto"] == "Pj Bupati"


# What each notebook must show of the eight new regions: every one where it has a table or figure per region;
# in the keyword-in-context notebook, those whose article says netral* (its first search).
EVERY_REGION = ("01_", "03_", "05_", "06_")


def _says_netral(file: str) -> bool:
    return re.search(r"\bnetral", NEW_ARTICLES[file], re.IGNORECASE) is not None


def shown_text(nb) -> str:
    """What a reader sees of the executed notebook: text and HTML outputs, and the figures' alt text."""
    parts = []
    for cell in nb.cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            data = output.get("data", {})
            parts += [str(data.get("text/plain", "")), str(data.get("text/html", "")), output.get("text", "")]
            parts.append(str(output.get("metadata", {}).get("image/png", {}).get("alt", "")))
    return "\n".join(parts)


@pytest.mark.parametrize("notebook", sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb")))
def test_notebook_runs_on_enlarged_corpus(enlarged, notebook, monkeypatch, tmp_path, load_script):
    monkeypatch.setenv("NETRALITAS_SEEDS", str(enlarged))
    monkeypatch.setenv("NETRALITAS_DERIVED", str(tmp_path / "derived"))
    nb = load_script("scripts/build_reports.py").execute(ROOT / "notebooks" / notebook, timeout=300)
    shown = shown_text(nb)
    labels = {file: utils.region_name(*region) for file, region in EXPECTED_REGIONS.items()}
    if notebook.startswith(EVERY_REGION):
        expected = set(labels.values())
    elif notebook.startswith("04_"):
        expected = {label for file, label in labels.items() if _says_netral(file)}
        assert 0 < len(expected) < len(labels), "the test articles should include some without netral*"
    else:
        expected = set()
    missing = sorted(label for label in expected if label not in shown)
    assert not missing, f"{notebook} does not show {missing}"
    if notebook.startswith("01_"):
        for name in BAD_FILES:  # the skipped files, each named
            assert name in shown, f"notebook 01 does not name the skipped file {name}"
    if notebook.startswith("05_"):
        assert "Kota Kupang" in shown and "Kabupaten Kupang" in shown
        assert (tmp_path / "derived" / "theme_matches.csv").exists()
