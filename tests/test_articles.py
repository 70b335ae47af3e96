"""Articles written with their ground truth before any tuning (issue 11 point 5, issue 15 point 3).

``tests/fixtures/articles/tune/`` may be tuned against; ``heldout/`` never is: it measures the
targets. The expected values are in ``tests/fixtures/articles/expected.json`` (its ``conventions``
say how they were written); ``scripts/score_quotes.py`` prints the same comparison as scores.

Tests that fail on today's parser are marked ``xfail(strict=True)`` one by one: when a fix makes
one pass, strict xfail reports it as a failure, and its mark (or its entry in the sets below)
must be removed.
"""

from __future__ import annotations

import json
import re
import shutil
import warnings
from pathlib import Path

import pytest

import utils

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
EXPECTED = json.loads((ARTICLES / "expected.json").read_text(encoding="utf-8"))["articles"]
FIELDS = ("title", "outlet", "published", "regency", "regency_type", "province")
NOT_YET = "issue 11/15: not yet handled"

# (folder/file, field) pairs the parser gets wrong today (measured once on the held-out folder, not tuned).
METADATA_FAILS = {
    ("heldout/h03_antara.txt", "outlet"),
}
# Files whose clean text still holds some of their chrome strings today.
CHROME_FAILS = {
    "heldout/h02_portal_humas.txt",
    "heldout/h04_bawaslu.txt",
    "heldout/h10_harian_share_komentar.txt",
}


def _name(article: dict) -> str:
    return f"{article['folder']}/{article['file']}"


def _case(*values, failing: bool, test_id: str):
    marks = [pytest.mark.xfail(strict=True, reason=NOT_YET)] if failing else []
    return pytest.param(*values, marks=marks, id=test_id)


METADATA_CASES = [
    _case(a, field, failing=(_name(a), field) in METADATA_FAILS, test_id=f"{_name(a)}-{field}")
    for a in EXPECTED
    for field in FIELDS
]
CHROME_CASES = [_case(a, failing=_name(a) in CHROME_FAILS, test_id=_name(a)) for a in EXPECTED]
DUPLICATE = next(a for a in EXPECTED if a.get("duplicate"))


@pytest.fixture(scope="module")
def score(load_script):
    """The scoring script (matching, normalisation and non-person rules live there, used by both)."""
    return load_script("scripts/score_quotes.py")


@pytest.fixture(scope="module")
def corpora(score):
    """Both folders loaded once: {folder name: corpus DataFrame}."""
    return {name: score.load(ARTICLES / name)[0] for name in ("tune", "heldout")}


@pytest.fixture(scope="module")
def heldout(score):
    """The held-out folder scored against its ground truth (``score_folder``'s result dict)."""
    return score.score_folder(ARTICLES / "heldout")


def _row(corpora, article):
    df = corpora[article["folder"]]
    rows = df[df["file"] == article["file"]]
    assert len(rows) == 1, f"{_name(article)} was not loaded"
    return rows.iloc[0]


# ---------------------------------------------------------------------------
# The ground truth itself
# ---------------------------------------------------------------------------


def test_ground_truth_matches_the_files():
    """Each folder holds exactly its expected files; every expected quote, speaker and chrome string is in its file."""
    gazetteer = {(r.regency, r.regency_type): r.province for r in utils.regencies().itertuples()}
    for folder in ("tune", "heldout"):
        on_disk = sorted(p.name for p in (ARTICLES / folder).glob("*.txt"))
        assert on_disk == sorted(a["file"] for a in EXPECTED if a["folder"] == folder)
    for article in EXPECTED:
        raw = (ARTICLES / article["folder"] / article["file"]).read_text(encoding="utf-8")
        spans = {(m.group(1) or m.group(2)).rstrip(" ,") for m in re.finditer(r"“([^“”\n]+)”|\"([^\"\n]+)\"", raw)}
        for q in article["quotes"]:
            assert q["quote"] in spans, (_name(article), q["quote"])
            assert q["speaker"].removeprefix("anonim: ") in raw, (_name(article), q["speaker"])
        assert all(c in raw for c in article["chrome"]), _name(article)
        if article["regency"]:
            assert gazetteer[(article["regency"], article["regency_type"])] == article["province"]


def test_scorer_matches_quotes_one_to_one_and_names_non_persons(score):
    expected = ["ASN harus netral dan profesional", "Ini janji kita."]
    found = ["Ini janji kita", "ASN harus netral dan profesional, kata dia", "Ini janji kita"]
    assert score.match_quotes(expected, found) == {0: 1, 1: 0}
    cases = {
        "": "empty",
        "Ia": "pronoun",
        "Kota Bekasi": "place",
        "Bawaslu Kukar": "institution",
        "Bupati Sleman Minta ASN Netral": "headline",
        "Ketua Bawaslu": "",
        "Raja Fadillah": "",
    }
    assert {s: score.non_person(s) for s in cases} == cases
    assert score.non_person("Bima", people=["Bima Prasetya"]) == ""


# ---------------------------------------------------------------------------
# Metadata and chrome
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(("article", "field"), METADATA_CASES)
def test_metadata(corpora, score, article, field):
    row = _row(corpora, article)
    assert score.field_matches(field, row[field], article), f"{field}: got {row[field]!r}, expected {article[field]!r}"


@pytest.mark.parametrize("article", CHROME_CASES)
def test_chrome_is_removed(corpora, article):
    text = _row(corpora, article)["text"]
    left = [c for c in article["chrome"] if c in text]
    assert not left, f"chrome left in the text: {left}"


# ---------------------------------------------------------------------------
# The page pasted twice (issue 15)
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def duplicate_folder(tmp_path_factory):
    folder = tmp_path_factory.mktemp("duplicate")
    shutil.copy(ARTICLES / DUPLICATE["folder"] / DUPLICATE["file"], folder)
    return folder


def test_duplicate_paste_is_warned_by_file_name(duplicate_folder):
    name = DUPLICATE["file"]
    with pytest.warns(UserWarning, match=re.escape(name)) as record:
        utils.load_corpus(duplicate_folder, metadata=None)
    about_repeat = [str(w.message) for w in record if name in str(w.message) and "could not find" not in str(w.message)]
    assert about_repeat, "the file is named only in other warnings"


def test_duplicate_paste_paragraphs_count_once(duplicate_folder):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        df = utils.load_corpus(duplicate_folder, metadata=None)
    paragraphs = [p.strip() for p in df.loc[0, "text"].split("\n\n") if p.strip()]
    assert len(paragraphs) == len(set(paragraphs)), "paragraphs repeated"
    assert [df.loc[0, "text"].count(q["quote"]) for q in DUPLICATE["quotes"]] == [1] * len(DUPLICATE["quotes"])
    assert len(utils.extract_quotes(df)) == len(DUPLICATE["quotes"])


# ---------------------------------------------------------------------------
# Quote targets on the held-out folder (issue 11)
# ---------------------------------------------------------------------------


def test_heldout_quotes_found(score, heldout):
    assert score.rates(heldout)["recall"] >= 0.95, heldout["missed"]


def test_heldout_quotes_attributed_to_the_right_person(score, heldout):
    assert score.rates(heldout)["right_person"] >= 0.90, heldout["wrong_person"]


def test_heldout_no_non_person_speakers(heldout):
    assert heldout["non_person"] == []


# ---------------------------------------------------------------------------
# Web chrome, title and outlet on small hand-written pages (issue 15 point 3)
# ---------------------------------------------------------------------------

STORY = (
    "BEKASI – Penjabat Wali Kota Bekasi Rahmat Setiadi melarang ASN menjadi admin akun relawan pasangan calon "
    "pada Pilkada 2024, Kamis (12/9/2024).\n\n"
    "“Kami sudah kantongi beberapa nama akun,” ujar Rahmat."
)


def _page(*lines: str) -> str:
    return "\n\n".join(lines)


def test_title_is_the_headline_below_the_menu_not_the_site_name():
    art = utils.parse_article(
        _page("Dapatkan notifikasi berita terbaru? Izinkan Nanti", "Suara Patriot", "Metropolitan", "Politik",
              "Beranda / Metropolitan / Kota Bekasi", "Pj Wali Kota Bekasi Larang ASN Jadi Admin Akun Relawan",
              "Kamis, 12 September 2024 | 14:05 WIB", STORY)
    )  # fmt: skip
    assert art.title == "Pj Wali Kota Bekasi Larang ASN Jadi Admin Akun Relawan"
    kinds = dict((text, kind) for kind, text in art.removed)
    assert kinds["Beranda / Metropolitan / Kota Bekasi"] == "breadcrumb"
    assert kinds["Dapatkan notifikasi berita terbaru? Izinkan Nanti"] == "pop-up"
    assert kinds["Suara Patriot"] == "masthead" and art.outlet == "Suara Patriot"


@pytest.mark.parametrize(
    ("chrome", "kind"),
    [
        ("Home › Daerah › Deli Serdang", "breadcrumb"),
        ("Beranda » Berita » Pemerintahan", "breadcrumb"),
        ("Langsung ke konten", "skip-link"),
        ("Bagikan: Facebook Twitter WhatsApp Telegram Salin Tautan", "share"),
        ("Bagikan ini:", "share"),
        ("Tulis komentar", "comments"),
        ("0 Komentar", "comments"),
        ("Editor: Rina", "staff"),
        ("Penulis dan Foto: Humas Bawaslu Kukar", "staff"),
        ("Foto: Humas Pemkab Cirebon", "photo-credit"),
        ("Ilustrasi", "photo-credit"),
        ("(Prokopim)", "credit"),
        ("(dai/dai)", "credit-tag"),
        ("Dibaca 356 kali", "meta"),
        ("Seluruh hak cipta dilindungi.", "copyright"),
        ("Ternate | Tidore | Halmahera | Nasional", "nav"),
    ],
)
def test_chrome_line_is_removed_with_its_kind(chrome, kind):
    after = "Rahmat memastikan temuan itu akan diteruskan ke Bawaslu Kota Bekasi hari ini."
    art = utils.parse_article(_page("Pj Wali Kota Bekasi Larang ASN Jadi Admin Akun Relawan", STORY, chrome, after))
    assert (kind, chrome) in art.removed
    assert chrome not in "\n".join(art.paragraphs)


def test_read_also_heading_takes_the_headlines_under_it():
    art = utils.parse_article(
        _page("Pj Wali Kota Bekasi Larang ASN Jadi Admin Akun Relawan", STORY, "Baca Juga",
              "Bupati Bekasi Ingatkan Kades Tak Ikut Kampanye", "Ribuan Warga Padati Car Free Day",
              "Rahmat memastikan temuan itu akan diteruskan ke Bawaslu Kota Bekasi hari ini.")
    )  # fmt: skip
    body = "\n".join(art.paragraphs)
    assert "Bupati Bekasi Ingatkan" not in body and "Car Free Day" not in body
    assert body.endswith("Bawaslu Kota Bekasi hari ini.")


def test_outlet_line_wins_over_editor_name_and_a_menu_word_does_not_cut_the_page():
    art = utils.parse_article(
        _page("Berita Terkini", "Pj Wali Kota Bekasi Larang ASN Jadi Admin Akun Relawan", "Editor: Rina",
              "Reporter: Yusuf Maulana", STORY, "Redaksi Sumut Terkini", "Berita Terkait", "KPU Gelar Debat")
    )  # fmt: skip
    assert art.outlet == "Sumut Terkini"
    assert "Kami sudah kantongi" in "\n".join(art.paragraphs)
    assert "KPU Gelar Debat" not in "\n".join(art.paragraphs)


def test_wire_credit_gives_antara_and_a_weekday_is_never_an_outlet():
    wire = STORY.replace("BEKASI –", "BEKASI (ANTARA) -")
    assert utils.parse_article(_page("Pemkot Bekasi Larang ASN Jadi Admin Akun Relawan", wire)).outlet == "Antara"
    art = utils.parse_article(
        _page("Pemkot Bekasi Larang ASN Jadi Admin Akun Relawan", "Humas Pemkot | Kamis, 12 September 2024", STORY)
    )
    assert art.outlet != "Kamis"
