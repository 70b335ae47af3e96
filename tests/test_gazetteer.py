"""The gazetteer in data/ is complete and consistent."""

import utils


def test_counts_match_kemendagri():
    reg = utils.regencies()
    assert len(utils.provinces()) == 38
    assert len(reg) == 514
    assert (reg["regency_type"] == "kabupaten").sum() == 416
    assert (reg["regency_type"] == "kota").sum() == 98


def test_every_regency_has_province_and_capital():
    reg = utils.regencies()
    assert (reg["capital"] != "").all()
    assert set(reg["province"]) == set(utils.provinces()["province"])
    assert reg["code"].is_unique


def test_display_spellings():
    reg = utils.regencies().set_index("code")
    assert reg.at["34.04", "province"] == "DI Yogyakarta"
    assert reg.at["62.71", "regency"] == "Palangka Raya"
    assert reg.at["31.01", "regency"] == "Kepulauan Seribu"
    assert reg.at["36.02", "capital"] == "Rangkasbitung"
    assert "Kobar" in reg.at["62.01", "abbreviations"].split(";")


def test_shared_names_are_kept_apart():
    reg = utils.regencies()
    bekasi = reg[reg["regency"] == "Bekasi"].set_index("regency_type")
    assert bekasi.at["kabupaten", "capital"] == "Cikarang"
    assert bekasi.at["kota", "capital"] == "Bekasi"
    shared = reg.groupby("regency")["regency_type"].nunique()
    assert {"Kupang", "Tegal", "Bekasi", "Malang", "Bogor"} <= set(shared[shared == 2].index)


def test_kota_jantho_is_a_kecamatan_not_a_kota():
    kec = utils.kecamatan()
    assert kec.loc[kec["kecamatan"] == "Kota Jantho", "regency_code"].tolist() == ["11.06"]
    assert "Kota Jantho" not in set(utils.regencies()["regency"])
