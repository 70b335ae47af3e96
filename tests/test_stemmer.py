"""netralitas.stemmer: PySastrawi 1.2.1's stem of every word, serial and on a process pool."""

import random

import pytest
from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

from netralitas import stemmer
from netralitas.stemmer import root_words, stem, stem_many

# Stems checked by hand against PySastrawi 1.2.1 (the test below asserts PySastrawi agrees).
EXPECTED = {
    "pemerintahan": "perintah",
    "menjaga": "jaga",
    "relawan": "rawan",
    "netralitas": "netralitas",  # no root: kept
    "pelanggaran": "langgar",
    "menyosialisasikan": "sosialisasi",
    "keberpihakan": "pihak",
    "mempengaruhi": "pengaruh",
    "pemilu": "milu",  # pem-V recoded as m-V: milu is a root
    "berapi": "rap",  # suffix first: berap, then be-rap
    "penganga": "nganga",  # rule 30 offers no root, rule 34 strips pe-
    "mei": "mei",
    "undang-undang": "undang",
    "anak-anaknya": "anak",
    "bekerja-sama": "bekerja-sama",  # halves stem apart: the word is kept
    "kuasa-mu": "kuasa",
    "meniru-nirukan": "tiru",
    "jum'at": "jum at",  # the apostrophe becomes a space, each part stemmed
    "café": "caf",  # so does an accented letter
    "dıa": "dıa",  # dotless i survives PySastrawi's case-insensitive filter
    "": "",
}

# Words that exercise PySastrawi's quirks: short words, clitics after hyphens, odd hyphens,
# characters its normaliser drops or keeps, sentences, capitals.
TRICKY = [
    *EXPECTED, "a", "di", "ke", "se", "kan", "lah", "nya", "ku", "i", "-", "--", "a-", "-a", "x--lah", "a-é-b",
    "anak-anak", "anak-anak-nya", "malaikat-malaikat-nya", "nikmat-Ku", "allah-lah", "menyepak-nyepak",
    "berbalas-balasan", "bolak-balik", "abal-abal", "abal-abal-abal", "ta’aruf", "ſedang", "İstanbul", "Perekonomian",
    "belajar", "pelajar", "pelajaran", "kauhajar", "kupukul", "menerangi", "mengebom", "pengebom", "idealisme",
    "finalisasi", "memperbaiki", "kesepersepuluhnya", "siapakah memberdayakan pembangunan", "pengaruh", "pengaruhnya",
]  # fmt: skip


@pytest.fixture(scope="module")
def sastrawi():
    return StemmerFactory().create_stemmer()


@pytest.fixture(scope="module")
def sample(load_script):
    """About 3,500 distinct words: the tricky ones and up to 400 from each source of scripts/check_stemmer.py."""
    sources = load_script("scripts/check_stemmer.py").word_sources(scale=0.02)
    rng = random.Random(12)
    words = list(TRICKY)
    for source in sources.values():
        words += rng.sample(source, min(len(source), 400))
    return list(dict.fromkeys(words))


def test_expected_stems_are_pysastrawis(sastrawi):
    assert {word: stem(word) for word in EXPECTED} == EXPECTED
    assert {word: sastrawi.stem(word) for word in EXPECTED} == EXPECTED


def test_same_stems_as_pysastrawi_on_a_sample_of_every_source(sample, sastrawi):
    assert len(sample) > 3_000
    assert any("-" in w for w in sample) and any(not w.isascii() for w in sample) and any(len(w) <= 3 for w in sample)
    mismatches = [(w, sastrawi.stem(w), stem(w)) for w in sample if sastrawi.stem(w) != stem(w)]
    assert mismatches == []


def test_stem_many_serial_pool_and_stem_agree(sample, monkeypatch):
    words = sample + sample[:100]  # repeats are stemmed once
    serial = stem_many(words, workers=1)
    assert list(serial) == sample
    assert serial == {word: stem(word) for word in sample}
    assert stem_many(words) == serial  # fewer words than PARALLEL_STEM_FROM: no pool
    monkeypatch.setattr("netralitas.parallel.start_method", lambda: "fork")
    monkeypatch.setitem(stemmer.PARALLEL_STEM_FROM, "fork", 0)
    assert stem_many(words, workers=2) == serial
    assert stem_many(words[:2], workers=3) == {w: serial[w] for w in words[:2]}  # fewer words than workers


def test_stem_many_on_a_fork_server_as_in_a_jupyter_kernel(monkeypatch):
    monkeypatch.setattr("netralitas.parallel.start_method", lambda: "forkserver")
    monkeypatch.setitem(stemmer.PARALLEL_STEM_FROM, "forkserver", 0)
    words = list(EXPECTED)
    assert stem_many(words, workers=2) == EXPECTED


def test_root_words_are_pysastrawis_dictionary():
    roots = root_words()
    assert len(roots) == 29_932
    assert {"perintah", "jaga", "rawan", "abal-abal"} <= roots
    assert "pemerintahan" not in roots
