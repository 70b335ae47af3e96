"""Tokens, stemming, frequencies, n-grams, KWIC and word clouds on small inputs."""

import math
import subprocess
import sys
from collections import Counter
from pathlib import Path

import nbformat
import numpy as np
import pandas as pd
import pytest

import utils

ROOT = Path(__file__).resolve().parent.parent


def frame(*texts, regions=None):
    return pd.DataFrame(
        {
            "doc_id": [f"d{i}" for i in range(len(texts))],
            "text": list(texts),
            "region": regions or ["A"] * len(texts),
        }
    )


# --- tokenize ----------------------------------------------------------------


def test_tokenize_without_stopword_removal():
    text = "Netralitas ASN diatur Undang-Undang Nomor 20 Tahun 2023, kata Pj Bupati."
    assert utils.tokenize(text, stopwords=False) == [
        "netralitas", "asn", "diatur", "undang-undang", "nomor", "tahun", "kata", "pj", "bupati",
    ]  # fmt: skip


def test_tokenize_removes_stopwords_and_project_additions():
    text = "“ASN tidak boleh terlibat dalam politik praktis,” ujarnya. Baca juga: berita lain."
    assert utils.tokenize(text) == ["asn", "terlibat", "politik", "praktis"]


def test_tokenize_drops_numbers_single_letters_and_punctuation():
    assert utils.tokenize("S.H. 2024 (ASN) - 17/8 ... pihak-pihak", stopwords=False) == ["asn", "pihak-pihak"]


def test_tokenize_with_stemming():
    text = "Menjaga netralitas pelayanan publik di Bekasi dan Penajam bersama relawan"
    assert utils.tokenize(text, stem=True) == ["jaga", "netralitas", "layan", "publik", "bekasi", "penajam", "relawan"]


def test_stopword_sources():
    stop = utils.stopwords_set()
    assert {"yang", "dan", "di"} <= stop  # stopwordsiso
    assert {"ujarnya", "baca", "share", "tegasnya"} <= stop  # data/stopwords_extra.txt
    assert "netralitas" not in stop and "politik" not in stop


# --- stemming ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "protected", "unprotected"),
    [
        ("relawan", "relawan", "rawan"),
        ("bekasi", "bekasi", "bekas"),
        ("penajam", "penajam", "najam"),
        ("pemalang", "pemalang", "malang"),
        ("menjaga", "jaga", "jaga"),
        ("pemerintahan", "perintah", "perintah"),
    ],
)
def test_stem_word_with_and_without_protect_list(word, protected, unprotected):
    assert utils.stem_word(word) == protected
    assert utils.stem_word(word, protect=False) == unprotected


def test_protect_list_covers_acronyms_and_every_place_name():
    protected = utils.protected_terms()
    assert {"asn", "pilkada", "bawaslu", "kasn", "bkpsdm", "pj", "sekda", "opd", "skb", "apbd"} <= protected
    assert {"kotawaringin", "penajam", "sleman", "bondowoso", "pisau", "rangkasbitung", "kobar", "kalteng"} <= protected
    for name in utils.regencies()["regency"]:
        assert all(w.lower() in protected for w in utils.WORD_RE.findall(name)), name


def test_stemming_is_cached_per_word():
    utils.stem_word.cache_clear()
    utils.clear_caches()
    assert utils.tokenize("menjaga menjaga menjaga dijaga", stem=True) == ["jaga"] * 4
    assert utils.tokenize("menjaga dijaga", stem=True) == ["jaga"] * 2
    info = utils.stem_word.cache_info()
    assert (info.misses, info.hits) == (2, 0)  # the stemmer saw each distinct word once


# --- n-grams and frequencies ------------------------------------------------


def test_ngrams():
    assert utils.ngrams(["a", "b", "c", "d"], 3) == ["a b c", "b c d"]
    assert utils.ngrams(["a"], 2) == []


def test_doc_ngrams_stay_in_sentences_and_trim_stopwords():
    df = frame("ASN tidak boleh terlibat politik praktis. Politik praktis dilarang.")
    bigrams = utils.doc_ngrams(df, 2)[0]
    assert bigrams == ["terlibat politik", "politik praktis", "politik praktis", "praktis dilarang"]
    trigrams = utils.doc_ngrams(df, 3)[0]
    assert "asn tidak boleh" not in trigrams  # ends in a stopword
    assert "praktis politik praktis" not in trigrams  # would cross the sentence break


def test_term_frequencies_overall_and_by_group():
    df = frame("netralitas asn asn", "asn politik", regions=["A", "B"])
    overall = utils.term_frequencies(df)
    assert overall.to_dict("list") == {
        "term": ["asn", "netralitas", "politik"],
        "count": [3, 1, 1],
        "per_1000": [600.0, 200.0, 200.0],
    }
    by = utils.term_frequencies(df, "region")
    assert by[["region", "term", "count"]].values.tolist() == [
        ["A", "asn", 2], ["A", "netralitas", 1], ["B", "asn", 1], ["B", "politik", 1],
    ]  # fmt: skip
    assert by.loc[by["region"] == "A", "per_1000"].round(1).tolist() == [666.7, 333.3]


# --- KWIC ----------------------------------------------------------------------

KWIC_TEXT = "Bupati meminta ASN menjaga Netralitas. Netral berarti tidak terlibat politik praktis sama sekali."


def test_kwic_word_prefix_and_phrase():
    df = frame(KWIC_TEXT)
    word = utils.kwic(df, "netralitas", window=2)
    assert word[["doc_id", "left", "keyword", "right"]].values.tolist() == [
        ["d0", "ASN menjaga", "Netralitas", ". Netral berarti"]
    ]  # noqa: E501
    prefix = utils.kwic(df, "netral*", window=1)
    assert prefix["keyword"].tolist() == ["Netralitas", "Netral"]
    assert prefix["left"].tolist() == ["menjaga", "Netralitas."]
    phrase = utils.kwic(df, "politik praktis", window=3)
    assert phrase.iloc[0][["left", "keyword", "right"]].tolist() == [
        "berarti tidak terlibat",
        "politik praktis",
        "sama sekali",
    ]  # noqa: E501
    assert phrase.iloc[0]["position"] == pytest.approx(9 / 12)  # word 9 of 0..12


def test_kwic_edges_and_no_match():
    df = frame(KWIC_TEXT)
    first = utils.kwic(df, "bupati", window=3).iloc[0]
    assert (first["left"], first["position"]) == ("", 0.0)
    assert utils.kwic(df, "kampanye").empty
    assert list(utils.kwic(df, "kampanye").columns) == ["doc_id", "left", "keyword", "right", "position"]
    with pytest.raises(ValueError):
        utils.kwic(df, "  ")


def test_kwic_root_pattern_finds_affixed_forms_only():
    df = frame("Netral, netralitas, kenetralan, ketidaknetralan, menetralkan, netralitasnya; sentral, netizen.")
    found = utils.kwic(df, "~netral", window=0)["keyword"].tolist()
    assert found == ["Netral", "netralitas", "kenetralan", "ketidaknetralan", "menetralkan", "netralitasnya"]
    assert utils.kwic(df, "netral*")["keyword"].str.lower().tolist() == ["netral", "netralitas", "netralitasnya"]
    phrase = frame("ASN wajib menjaga netralitas dan tidak berpihak.")
    assert utils.kwic(phrase, "~jaga ~netral")["keyword"].tolist() == ["menjaga netralitas"]
    with pytest.raises(ValueError):
        utils.kwic(df, "~netral*")


def test_kwic_headlines_marks_the_part():
    df = frame("Netralitas dijaga.").assign(title=["ASN Jaga Netralitas"])
    hits = utils.kwic(df, "netralitas", window=1, headlines=True)
    assert list(hits.columns) == ["doc_id", "part", "left", "keyword", "right", "position"]
    assert hits[["part", "left", "right"]].values.tolist() == [["title", "Jaga", ""], ["text", "", "dijaga"]]
    assert pd.isna(hits["position"].iloc[0]) and hits["position"].iloc[1] == 0.0
    assert "part" not in utils.kwic(df, "netralitas").columns


# --- word clouds and offline use ---------------------------------------------


def test_word_cloud_is_deterministic():
    freqs = {"asn": 10, "netralitas": 7, "politik": 5, "integritas": 3, "publik": 2}
    first = utils.word_cloud(freqs, seed=7, width=300, height=150).to_array()
    second = utils.word_cloud(freqs, seed=7, width=300, height=150).to_array()
    other = utils.word_cloud(freqs, seed=8, width=300, height=150).to_array()
    assert np.array_equal(first, second)
    assert not np.array_equal(first, other)


@pytest.mark.slow
def test_pipeline_runs_with_the_network_blocked():
    script = """
import socket
def refuse(*args, **kwargs):
    raise OSError("network disabled in this test")
socket.socket.connect = refuse
socket.create_connection = refuse
import utils
corpus = utils.load_corpus()
tokens = utils.doc_tokens(corpus, stem=True)
utils.word_cloud(dict(utils.term_frequencies(corpus, terms=tokens)[["term", "count"]].values), width=200, height=100)
from nltk.collocations import BigramCollocationFinder
BigramCollocationFinder.from_documents(tokens)
print(sum(map(len, tokens)))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 500


def test_nothing_downloads_data_at_run_time():
    code = {path.name: path.read_text(encoding="utf-8") for path in [ROOT / "utils.py", *ROOT.glob("scripts/*.py")]}
    for path in ROOT.glob("notebooks/*.ipynb"):
        cells = nbformat.read(path, as_version=4).cells
        code[path.name] = "\n".join(c.source for c in cells if c.cell_type == "code")
    for name, source in code.items():
        for call in ("nltk.download(", "word_tokenize(", "sent_tokenize(", "stopwords.words("):
            assert call not in source, f"{name} calls {call}"


def test_keyness_from_a_term_frequency_table_equals_keyness_from_tokens():
    df = frame("netral netral netral asn politik", "asn asn asn netral politik", "politik politik politik asn",
               regions=["A", "B", "B"])  # fmt: skip
    tokens = utils.doc_tokens(df)
    direct = utils.keyness(df, "region", terms=tokens, min_freq=1)
    reused = utils.keyness(df, "region", counts=utils.term_frequencies(df, "region", terms=tokens), min_freq=1)
    pd.testing.assert_frame_equal(direct, reused)
    a = direct.set_index(["region", "term"]).loc[("A", "netral")]
    assert (a["count"], a["count_rest"]) == (3, 1)
    assert a["log_ratio"] == pytest.approx(math.log2((3 / 5) / (1 / 9)))  # 5 tokens in A, 9 in the rest
    assert a["g2"] > 0 and direct.set_index(["region", "term"]).loc[("A", "asn"), "g2"] < 0


def test_theme_rates_follow_the_codebook_given():
    df = frame("Hoaks dan kampanye hitam di media sosial.", "ASN netral.", regions=["A", "B"]).assign(n_words=[7, 2])
    codebook = pd.DataFrame(
        {"theme": ["hoax", "campaign"], "label": ["Hoaks", "Kampanye"], "description": ["", ""],
         "patterns": ["hoaks;berita bohong", "kampanye*"]}
    )  # fmt: skip
    rates = utils.theme_rates(df, codebook=codebook)
    assert list(rates.columns) == ["hoax", "campaign"]
    assert rates.loc["A"].round(1).tolist() == [142.9, 142.9] and rates.loc["B"].tolist() == [0.0, 0.0]


def _expected_frequencies(terms: pd.Series, keys: list) -> list[tuple]:
    """term_frequencies' rows computed by hand: a Counter per group, sorted by (group, -count, term)."""
    rows = []
    for key in sorted(set(keys)):
        counter = Counter(t for lists, k in zip(terms, keys, strict=True) if k == key for t in lists)
        total = sum(counter.values())
        ordered = sorted(counter.items(), key=lambda kv: (-kv[1], kv[0]))
        rows += [(key, term, n, 1000 * n / total) for term, n in ordered]
    return rows


@pytest.mark.parametrize(
    "keys",
    [["B", "A", "B", "C"], [2024, 2019, 2024, 7]],  # text groups, and number groups keep their type
)
def test_term_frequencies_match_a_counter_sorted_by_hand(keys):
    terms = pd.Series(
        [
            ["étape", "zona", "Zona", "asn", "asn", "é", "e"],  # code-point order: 'Z' < 'a' < 'e' < 'é'
            ["netral", "asn", "netral"],
            ["zona", "asn", "zona", "Ásn", "asn"],
            [],
        ]
    )
    df = pd.DataFrame({"g": keys})
    table = utils.term_frequencies(df, "g", terms=terms)
    assert list(table.itertuples(index=False, name=None)) == _expected_frequencies(terms, keys)
    assert table["g"].dtype == pd.Series(keys).dtype
    assert list(table.columns) == ["g", "term", "count", "per_1000"]


def test_term_frequencies_of_terms_that_are_not_text():
    terms = pd.Series([[("asn", "netral"), ("asn", "netral"), ("pns",)], [("pns",)]])
    table = utils.term_frequencies(pd.DataFrame({"g": ["A", "A"]}), terms=terms)
    assert table.values.tolist() == [[("asn", "netral"), 2, 500.0], [("pns",), 2, 500.0]]
    empty = utils.term_frequencies(pd.DataFrame({"g": ["A"]}), "g", terms=pd.Series([[]]))
    assert empty.empty and list(empty.columns) == ["g", "term", "count", "per_1000"]
