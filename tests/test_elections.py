"""Tests of netralitas.elections: the calendar, the stage of a date, the election an article speaks of."""

import datetime as dt
import doctest

import numpy as np
import pandas as pd
import pytest

from netralitas import elections
from netralitas.election_mentions import add_election_columns, election_at, election_of
from netralitas.elections import election_calendar, election_stage, stage_key, stage_order
from netralitas.reference import ROOT

# The calendar as it should read, written out by hand (dates checked against the sources in data/README.md).
EXPECTED = {
    "pilkada2018": [
        ("registration", "2018-01-08", "2018-01-10"),
        ("verification", "2018-01-11", "2018-02-11"),
        ("candidates_set", "2018-02-12", "2018-02-12"),
        ("ballot_numbers", "2018-02-13", "2018-02-13"),
        ("pre_campaign", "2018-02-14", "2018-02-14"),
        ("campaign", "2018-02-15", "2018-06-23"),
        ("quiet_days", "2018-06-24", "2018-06-26"),
        ("vote", "2018-06-27", "2018-06-27"),
        ("counting", "2018-06-28", "2018-07-09"),
    ],
    "pemilu2019": [
        ("registration", "2018-08-04", "2018-08-10"),
        ("verification", "2018-08-11", "2018-09-19"),
        ("candidates_set", "2018-09-20", "2018-09-20"),
        ("ballot_numbers", "2018-09-21", "2018-09-21"),
        ("pre_campaign", "2018-09-22", "2018-09-22"),
        ("campaign", "2018-09-23", "2019-04-13"),
        ("quiet_days", "2019-04-14", "2019-04-16"),
        ("vote", "2019-04-17", "2019-04-17"),
        ("counting", "2019-04-18", "2019-05-22"),
    ],
    "pilkada2020": [
        ("registration_announcement", "2020-08-28", "2020-09-03"),
        ("registration", "2020-09-04", "2020-09-06"),
        ("verification", "2020-09-07", "2020-09-22"),
        ("candidates_set", "2020-09-23", "2020-09-23"),
        ("ballot_numbers", "2020-09-24", "2020-09-24"),
        ("pre_campaign", "2020-09-25", "2020-09-25"),
        ("campaign", "2020-09-26", "2020-12-05"),
        ("quiet_days", "2020-12-06", "2020-12-08"),
        ("vote", "2020-12-09", "2020-12-09"),
        ("counting", "2020-12-10", "2020-12-26"),
    ],
    "pemilu2024": [
        ("party_registration", "2022-07-29", "2022-12-13"),
        ("parties_set", "2022-12-14", "2022-12-14"),
        ("legislative_nomination", "2022-12-15", "2023-10-15"),
        ("registration_announcement", "2023-10-16", "2023-10-18"),
        ("registration", "2023-10-19", "2023-10-25"),
        ("verification", "2023-10-26", "2023-11-12"),
        ("candidates_set", "2023-11-13", "2023-11-13"),
        ("ballot_numbers", "2023-11-14", "2023-11-14"),
        ("pre_campaign", "2023-11-15", "2023-11-27"),
        ("campaign", "2023-11-28", "2024-02-10"),
        ("quiet_days", "2024-02-11", "2024-02-13"),
        ("vote", "2024-02-14", "2024-02-14"),
        ("counting", "2024-02-15", "2024-03-20"),
    ],
    "pilkada2024": [
        ("registration_announcement", "2024-08-24", "2024-08-26"),
        ("registration", "2024-08-27", "2024-08-29"),
        ("verification", "2024-08-30", "2024-09-21"),
        ("candidates_set", "2024-09-22", "2024-09-22"),
        ("ballot_numbers", "2024-09-23", "2024-09-23"),
        ("pre_campaign", "2024-09-24", "2024-09-24"),
        ("campaign", "2024-09-25", "2024-11-23"),
        ("quiet_days", "2024-11-24", "2024-11-26"),
        ("vote", "2024-11-27", "2024-11-27"),
        ("counting", "2024-11-28", "2024-12-16"),
    ],
}
LABELS = {
    "before_registration": ("Before registration", "Sebelum pendaftaran"),
    "party_registration": ("Registration and verification of parties", "Pendaftaran dan verifikasi partai politik"),
    "parties_set": ("Parties set", "Penetapan partai politik peserta pemilu"),
    "legislative_nomination": ("Nomination of legislative candidates", "Pencalonan anggota legislatif"),
    "registration_announcement": ("Announcement of registration", "Pengumuman pendaftaran"),
    "registration": ("Candidate registration", "Pendaftaran pasangan calon"),
    "verification": ("Verification of candidates", "Penelitian persyaratan calon"),
    "candidates_set": ("Candidates set", "Penetapan pasangan calon"),
    "ballot_numbers": ("Ballot numbers drawn", "Pengundian nomor urut"),
    "pre_campaign": ("Before the campaign", "Menjelang kampanye"),
    "campaign": ("Campaign period", "Masa kampanye"),
    "quiet_days": ("Quiet days", "Masa tenang"),
    "vote": ("Vote", "Pemungutan suara"),
    "counting": ("Counting and recapitulation", "Penghitungan dan rekapitulasi"),
    "after_vote": ("After the vote", "Setelah pemungutan suara"),
}
DAY = pd.Timedelta(days=1)


def boundary_days():
    """(election, day, expected key): first and last day of every stage and the day before and after it."""
    cases = []
    for election, rows in EXPECTED.items():
        keys = ["before_registration"] + [key for key, _, _ in rows] + ["after_vote"]
        for i, (key, start, end) in enumerate(rows, start=1):
            start, end = pd.Timestamp(start), pd.Timestamp(end)
            cases += [
                (election, start - DAY, keys[i - 1]),
                (election, start, key),
                (election, end, key),
                (election, end + DAY, keys[i + 1]),
            ]
    return cases


# ---- the calendar -----------------------------------------------------------------------------------------------


def test_calendar_rows_are_the_expected_stages():
    cal = election_calendar()
    assert list(cal.columns) == ["election", "stage", "label_en", "label_id", "start", "end", "source"]
    assert pd.api.types.is_datetime64_any_dtype(cal["start"]) and pd.api.types.is_datetime64_any_dtype(cal["end"])
    found = {
        election: [(r.stage, f"{r.start:%Y-%m-%d}", f"{r.end:%Y-%m-%d}") for r in rows.itertuples()]
        for election, rows in cal.groupby("election")
    }
    assert found == EXPECTED


def test_calendar_labels_and_sources():
    cal = election_calendar()
    for row in cal.itertuples():
        assert (row.label_en, row.label_id) == LABELS[row.stage]
        # every row says where its dates come from and how far they were checked
        assert row.source.startswith("Gap:") or "Checked in secondary sources only" in row.source, row.source


def test_calendar_rows_tile_each_election():
    for _election, rows in election_calendar().groupby("election"):
        assert (rows["end"] >= rows["start"]).all()
        assert (rows["start"].iloc[1:].to_numpy() == (rows["end"].iloc[:-1] + DAY).to_numpy()).all()


def test_calendar_is_a_copy():
    cal = election_calendar()
    cal.loc[:, "label_en"] = "changed"
    assert election_calendar()["label_en"].ne("changed").all()
    assert election_stage("2024-11-27") == "Vote"


@pytest.mark.parametrize(
    "rows, message",
    [
        ([("x2024", "vote", "2024-01-02", "2024-01-01")], "ends before it starts"),
        ([("x2024", "campaign", "2024-01-01", "2024-01-05"), ("x2024", "vote", "2024-01-05", "2024-01-05")], "overlap"),
        ([("x2024", "campaign", "2024-01-01", "2024-01-03"), ("x2024", "vote", "2024-01-05", "2024-01-05")], "gaps"),
        ([("x2024", "campaign", "2024-01-01", "2024-01-03")], "needs one 'vote' row"),
        ([("election", "vote", "2024-01-01", "2024-01-01")], "not a kind and a year"),
    ],
)
def test_calendar_errors_name_the_file(monkeypatch, rows, message):
    table = pd.DataFrame(rows, columns=["election", "stage", "start", "end"]).assign(
        label_en="x", label_id="x", source="x"
    )
    monkeypatch.setattr(elections, "read_table", lambda name: table.copy())
    with pytest.raises(ValueError, match=message) as error:
        elections._calendar.__wrapped__()
    assert "election_calendar.csv" in str(error.value)


# ---- the stage of a date -----------------------------------------------------------------------------------------

PILKADA_2024_ID = [
    ("2024-08-23", "Sebelum pendaftaran"),
    ("2024-08-24", "Pengumuman pendaftaran"),
    ("2024-08-26", "Pengumuman pendaftaran"),
    ("2024-08-27", "Pendaftaran pasangan calon"),
    ("2024-08-29", "Pendaftaran pasangan calon"),
    ("2024-08-30", "Penelitian persyaratan calon"),
    ("2024-09-21", "Penelitian persyaratan calon"),
    ("2024-09-22", "Penetapan pasangan calon"),
    ("2024-09-23", "Pengundian nomor urut"),
    ("2024-09-24", "Menjelang kampanye"),
    ("2024-09-25", "Masa kampanye"),
    ("2024-11-23", "Masa kampanye"),
    ("2024-11-24", "Masa tenang"),
    ("2024-11-26", "Masa tenang"),
    ("2024-11-27", "Pemungutan suara"),
    ("2024-11-28", "Penghitungan dan rekapitulasi"),
    ("2024-12-16", "Penghitungan dan rekapitulasi"),
    ("2024-12-17", "Setelah pemungutan suara"),
]


@pytest.mark.parametrize("day, label", PILKADA_2024_ID)
def test_pilkada_2024_boundaries_in_indonesian(day, label):
    assert election_stage(day, lang="id") == label


@pytest.mark.parametrize("election, day, key", boundary_days())
def test_every_boundary_day_of_every_stage(election, day, key):
    assert stage_key(day, election) == key
    assert election_stage(day, election) == LABELS[key][0]
    assert election_stage(day, election, lang="id") == LABELS[key][1]


@pytest.mark.parametrize(
    "value",
    [
        "2024-11-27",
        "2024-11-27T23:59:00",
        dt.date(2024, 11, 27),
        dt.datetime(2024, 11, 27, 23, 59),
        pd.Timestamp("2024-11-27 08:00"),
        pd.Timestamp("2024-11-27 23:00", tz="Asia/Makassar"),
        np.datetime64("2024-11-27"),
    ],
)
def test_any_kind_of_date(value):
    assert election_stage(value) == "Vote"


@pytest.mark.parametrize("value", [None, pd.NaT, np.nan, "", "  ", np.datetime64("NaT")])
def test_no_date_gives_no_stage(value):
    assert election_stage(value) == ""
    assert election_stage(value, lang="id") == ""
    assert stage_key(value) == ""


def test_far_outside_and_no_election():
    assert election_stage("1999-06-07") == "Before registration"
    assert election_stage("2031-01-01", lang="id") == "Setelah pemungutan suara"
    # the same day is in different stages of different elections
    assert election_stage("2024-02-14", "pemilu2024") == "Vote"
    assert election_stage("2024-02-14", "pilkada2024") == "Before registration"
    assert election_stage("2024-02-14", "pilkada2020") == "After the vote"
    assert election_stage("2024-02-14", election="") == ""


def test_bad_arguments():
    with pytest.raises(ValueError, match="unknown election 'pilkada2029'.*pilkada2024"):
        election_stage("2024-09-01", "pilkada2029")
    with pytest.raises(ValueError, match="lang"):
        election_stage("2024-09-01", lang="fr")
    with pytest.raises(ValueError, match="lang"):
        stage_order(lang="fr")


def test_stage_order():
    assert stage_order() == (
        "before_registration",
        "registration_announcement",
        "registration",
        "verification",
        "candidates_set",
        "ballot_numbers",
        "pre_campaign",
        "campaign",
        "quiet_days",
        "vote",
        "counting",
        "after_vote",
    )
    assert stage_order("pilkada2018", lang="en")[:3] == (
        "Before registration",
        "Candidate registration",
        "Verification of candidates",
    )
    assert stage_order("pemilu2024", lang="id")[1] == "Pendaftaran dan verifikasi partai politik"
    merged = stage_order(None)
    assert merged[:4] == ("before_registration", "party_registration", "parties_set", "legislative_nomination")
    assert len(merged) == len(LABELS) == len(set(merged))
    for election in EXPECTED:  # each election's order is kept in the merged one
        own = stage_order(election)
        assert [key for key in merged if key in own] == list(own)


def test_stage_order_sorts_a_table():
    days = pd.Series(["2024-11-27", "2024-08-01", "2024-10-01", "2024-12-31"])
    labels = days.map(lambda d: election_stage(d, lang="id"))
    ordered = pd.Categorical(labels, categories=stage_order(lang="id"), ordered=True)
    assert list(labels[np.argsort(ordered.codes, kind="stable")]) == [
        "Sebelum pendaftaran",
        "Masa kampanye",
        "Pemungutan suara",
        "Setelah pemungutan suara",
    ]


# ---- which election ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, published, expected",
    [
        ("ASN wajib netral dalam Pilkada 2024.", None, "pilkada2024"),
        ("ASN wajib netral dalam Pilkada serentak 2024.", None, "pilkada2024"),
        ("Sukseskan pilkada serentak tahun 2024 ini.", None, "pilkada2024"),
        ("Jelang Pilgub Kalimantan Tengah 2024, ASN diingatkan.", None, "pilkada2024"),
        ("Pilbup dan Pilwali berlangsung bersamaan.", "2024-10-01", "pilkada2024"),
        ("Menjelang pemilihan kepala daerah (Pilkada), ASN harus netral.", "2024-09-14", "pilkada2024"),
        ("Netralitas ASN pada Pemilu 2024 diawasi Bawaslu.", None, "pemilu2024"),
        ("Pemilihan Umum (Pemilu) 2024 digelar 14 Februari.", None, "pemilu2024"),
        ("Pilpres dan Pileg digelar serentak.", "2023-12-01", "pemilu2024"),
        ("ASN dilarang berkampanye di Pilpres 2019.", None, "pemilu2019"),
        ("Pelanggaran netralitas pada Pilkada 2020 di masa pandemi.", None, "pilkada2020"),
        ("Pilkada serentak 2018 digelar di 171 daerah.", None, "pilkada2018"),
        ("Pemilukada 2018 berjalan lancar.", None, "pilkada2018"),
        # the year of a kind decides over the publication date
        ("Evaluasi Pilkada 2020 menjadi pelajaran.", "2024-09-01", "pilkada2020"),
        # a kind without a year is placed by the publication date: running, else next, else the last
        ("ASN harus netral dalam Pilkada.", "2020-10-01", "pilkada2020"),
        ("ASN harus netral dalam Pilkada.", "2022-05-01", "pilkada2024"),
        ("ASN harus netral dalam Pemilu.", "2024-09-01", "pemilu2024"),
        # ... and cannot be placed without one
        ("ASN harus netral dalam Pilkada.", None, ""),
        # the season: tahun politik with a year, by the date
        ("Menjelang tahun politik 2024 ASN diminta netral.", "2023-03-09", "pemilu2024"),
        ("Menjelang tahun politik 2024 ASN diminta netral.", "2024-09-14", "pilkada2024"),
        ("Menjelang tahun politik 2024 ASN diminta netral.", None, "pemilu2024"),
        ("Pesta demokrasi sudah dekat.", "2020-11-01", "pilkada2020"),
        # mixed mentions are weighed: two named Pilkada outweigh one named Pemilu
        ("Pilkada 2024 berbeda dengan Pemilu 2024. Pilkada 2024 memilih kepala daerah.", "2023-01-01", "pilkada2024"),
        # a named election outweighs the season
        ("Di tahun politik 2024, ASN harus netral pada Pilkada 2024.", "2023-03-01", "pilkada2024"),
        # a tie goes to the election running at the date, else the next to begin
        ("Pemilu dan Pilkada 2024 menuntut netralitas ASN.", "2023-03-01", "pemilu2024"),
        ("Pemilu dan Pilkada 2024 menuntut netralitas ASN.", "2024-09-01", "pilkada2024"),
        ("Pemilu dan Pilkada 2024 menuntut netralitas ASN.", "2024-05-01", "pilkada2024"),
        # without a date, to the one mentioned first
        ("Pilkada 2024 dan Pemilu 2024.", None, "pilkada2024"),
        ("Pemilu 2024 dan Pilkada 2024.", None, "pemilu2024"),
        # a law's number is not the election's year; an unknown year is ignored
        ("Sesuai UU Pilkada Nomor 10 Tahun 2016, ASN wajib netral.", "2024-09-01", "pilkada2024"),
        ("Pilkada 2029 masih lama.", "2024-09-01", ""),
        # none
        ("Pemkab menandatangani kerja sama dengan universitas.", "2024-09-06", ""),
        ("", "2024-09-06", ""),
        (None, None, ""),
    ],
)
def test_election_of(text, published, expected):
    assert election_of(text, published) == expected


def test_an_acronym_in_brackets_is_one_mention():
    # "pemilihan kepala daerah (Pilkada)" counts once (weight 2), so one named Pemilu (3) still wins
    text = "Menjelang pemilihan kepala daerah (Pilkada), ingat pelajaran Pemilu 2024."
    assert election_of(text, "2024-09-01") == "pemilu2024"


def test_election_at():
    assert election_at("2018-03-01") == "pilkada2018"
    assert election_at("2018-07-20") == "pemilu2019"  # between the two: the next to begin
    assert election_at("2019-05-22") == "pemilu2019"
    assert election_at("2019-05-23") == "pilkada2020"
    assert election_at("2022-07-28") == "pemilu2024"
    assert election_at("2024-03-20") == "pemilu2024"
    assert election_at("2024-03-21") == "pilkada2024"
    assert election_at("2024-12-16") == "pilkada2024"
    assert election_at("2024-12-17") == ""
    assert election_at(None) == "" and election_at(pd.NaT) == ""


SEEDS = {  # file: (publication date as the article gives it, election its text names)
    "000_e51a75aeac87a185.txt": ("2024-09-06", ""),  # a cooperation signing; neutrality, but no election named
    "001_f293ffa3f2c07be2.txt": ("2024-09-14", "pilkada2024"),
    "002_fa4c3561f057b763.txt": ("2023-03-09", "pemilu2024"),  # "tahun politik 2024", March 2023
    "003_c1aa0bfe970e2495.txt": ("2024-10-09", "pilkada2024"),
    "004_db7dacb79e96e77b.txt": ("2024-09-03", "pilkada2024"),
}


@pytest.mark.parametrize("name", sorted(SEEDS))
def test_election_of_the_seeds(name):
    published, expected = SEEDS[name]
    text = (ROOT / "seeds" / name).read_text(encoding="utf-8")
    assert election_of(text, published) == expected


def test_seed_002_would_be_the_pilkada_if_published_in_september_2024():
    text = (ROOT / "seeds" / "002_fa4c3561f057b763.txt").read_text(encoding="utf-8")
    assert election_of(text, "2024-09-01") == "pilkada2024"


# ---- the columns -------------------------------------------------------------------------------------------------


def test_add_election_columns_on_the_seeds(corpus):
    corpus = corpus.drop(columns=["election", "election_source", "stage_key", "stage", "stage_id"])
    before = corpus.copy(deep=True)
    out = add_election_columns(corpus)
    pd.testing.assert_frame_equal(corpus, before)  # the input is not changed
    assert out is not corpus and "election" not in corpus.columns
    got = out.set_index("file")[["election", "election_source", "stage_key", "stage", "stage_id"]]
    assert got.loc["000_e51a75aeac87a185.txt"].tolist() == [
        "pilkada2024",
        "date",
        "verification",
        "Verification of candidates",
        "Penelitian persyaratan calon",
    ]
    assert got.loc["002_fa4c3561f057b763.txt"].tolist() == [
        "pemilu2024",
        "text",
        "legislative_nomination",
        "Nomination of legislative candidates",
        "Pencalonan anggota legislatif",
    ]
    assert got.loc["003_c1aa0bfe970e2495.txt", "stage_id"] == "Masa kampanye"
    for name in ("001_f293ffa3f2c07be2.txt", "004_db7dacb79e96e77b.txt"):
        assert got.loc[name].tolist() == ["pilkada2024", "text", "verification", *LABELS["verification"]]
    others = got.drop(index="002_fa4c3561f057b763.txt")
    assert (others["election"] == "pilkada2024").all()
    assert got.loc["002_fa4c3561f057b763.txt", "stage"] not in set(others["stage"])


def test_add_election_columns_on_a_table_written_here():
    df = pd.DataFrame(
        {
            "title": ["Netralitas ASN jelang Pilkada", None, "Rapat", "Rapat"],
            "text": ["ASN harus netral.", "Pemilu 2024 sudah dekat.", "Rapat koordinasi.", None],
            "published": pd.to_datetime(["2024-11-25", None, "2025-03-01", "2024-02-14"]),
        }
    )
    before = df.copy(deep=True)
    out = add_election_columns(df)
    pd.testing.assert_frame_equal(df, before)
    assert out["election"].tolist() == ["pilkada2024", "pemilu2024", "", "pemilu2024"]
    assert out["election_source"].tolist() == ["text", "text", "", "date"]
    assert out["stage_key"].tolist() == ["quiet_days", "", "", "vote"]
    assert out["stage"].tolist() == ["Quiet days", "", "", "Vote"]
    assert out["stage_id"].tolist() == ["Masa tenang", "", "", "Pemungutan suara"]
    assert list(out.columns[: len(df.columns)]) == list(df.columns)


def test_add_election_columns_needs_text_and_published():
    with pytest.raises(ValueError, match="published"):
        add_election_columns(pd.DataFrame({"text": ["Pilkada 2024"]}))
    empty = add_election_columns(pd.DataFrame({"text": [], "published": []}))
    assert len(empty) == 0 and "stage_id" in empty.columns


def test_docstring_examples():
    result = doctest.testmod(elections)
    assert result.attempted > 0 and result.failed == 0
