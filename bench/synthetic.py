"""Deterministic synthetic corpora built from the seed articles, for benchmarks and scale tests.

Two kinds, the same ``n`` and ``seed`` always giving byte-identical files:

``recombined``
    Every article is recombined from the seeds' own sentences and paragraphs, is set in a regency
    drawn from the gazetteer (with its capital as dateline), and carries the same kinds of web
    boilerplate the seeds have (pop-ups, captions, bylines, "Baca Juga", share buttons, footers,
    credit tags). Its vocabulary stops growing after a few thousand word types: the seeds' words
    plus the gazetteer's place names.

``growing``
    The same articles (same sentences, regencies, dates and boilerplate, drawn from the same random
    stream), but words of the article body are replaced by new word types at the rate Heaps' law
    predicts for news text, V = K * N**BETA (V distinct word types among the first N tokens, tokens
    counted as ``utils.tokenize(text, stopwords=False)`` of the text ``utils.load_corpus`` keeps).
    Before each paragraph the generator compares the types it has written so far with K * N**BETA
    and replaces as many lower-case content words (never stopwords or place-name words) by new
    types as are missing, and as many again by new types met earlier (early ones more often), so
    new words recur as rare words do in news. New types look like Indonesian words: roots of two or
    three consonant-vowel syllables, bare or with the prefixes and suffixes the stemmer strips
    (meN-, di-, ber-, ter-, peN-, per-...-an, ke-...-an, -kan, -i, -an, -nya), some of them affixed
    forms of the seeds' own roots (which Sastrawi reduces to a known stem), some reduplicated, and
    capitalised names.

Heaps' parameters (bench/heaps.py fits and prints them; least squares of log V on log N, mean V over
24 orders of the articles, N from 100 tokens to the whole text; the test articles as found on
3 December 2026: 23 text fixtures, 8 articles written into tests/test_generality.py and 10 saved web
pages, read by ``utils.load_corpus`` and trafilatura):

=========================================  ========  =====  =====
text                                       tokens    K      BETA
=========================================  ========  =====  =====
the 5 seeds                                   1,642  2.57   0.737
41 test articles                              6,750  3.48   0.703
seeds + test articles                         8,392  3.19   0.715
growing corpus, 1,000 articles, N >= 2,000  428,599  3.14   0.717
=========================================  ========  =====  =====

The generator uses the fit on all real article text, K = 3.18 and BETA = 0.716 (HEAPS_K, HEAPS_BETA;
fitted earlier the same day on 8,797 tokens, before the loader's changes trimmed the fixtures' text).
Below about 2,000 tokens the law asks for more new words than the first paragraphs have words to
replace, so the first article or two fall short of it; from there on the corpus is on the law. The
seeds give about 430 tokens an article, so 1,000 articles hold about 430,000 tokens and 34,000
types, 10,000 articles 4.3 million tokens and 178,000 types, 100,000 articles 43 million tokens and
930,000 types (an earlier attempt that replaced 2% of tokens by new types reached 38,000 types at
10,000 articles). These are extrapolations from 8,392 tokens of real text: in large news corpora the
exponent measured over millions of tokens is usually lower (about 0.5), so the growing corpus errs
towards a larger vocabulary than real news would have at 10,000 articles and beyond. Pass other
values to ``write_corpus(k=..., beta=...)``.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import random
import re
import warnings
from pathlib import Path

import utils

HEAPS_K = 3.18
HEAPS_BETA = 0.716
KINDS = ("recombined", "growing")

OUTLETS = ["Kaltim Today", "Prokalteng", "Jogjaberita", "Antara", "Radar Daerah", "Suara Rakyat", "Harian Nusantara"]
WEEKDAYS = ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"]
HEADS = ["Pj Bupati", "Bupati", "Sekda", "Kepala BKPSDM", "Pj Wali Kota", "Wali Kota"]
NAMES = ["Rahmat Hidayat", "Siti Aminah", "Budi Santoso", "Dewi Lestari", "Agus Salim", "Nur Aini", "Hendra Putra"]
TITLES = [
    "{head} {region} Ingatkan ASN Jaga Netralitas",
    "ASN {region} Diminta Tidak Terlibat Politik Praktis",
    "Pemerintah {region} Gelar Sosialisasi Netralitas ASN Jelang Pilkada",
    "{head} {region} Ajak ASN Sukseskan Pilkada dengan Netral",
]
CHROME_TOP = ["Advertorial", "Site icon {outlet}", "Jangan Tampilkan Lagi Ya, Saya Mau!", ""]
CHROME_BOTTOM = [
    "Share:\n\nTinggalkan Balasan\n\nAlamat email Anda tidak akan dipublikasikan.",
    "Simak berita dan artikel {outlet} lainnya di Google News\n\nBerita Lainnya\n\nJudul lain yang tidak dihitung",
    "Share Berita Ini",
    "Exit mobile version",
]


@functools.cache
def _pools() -> tuple[tuple[str, ...], tuple[str, ...]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seeds = utils.load_corpus(utils.ROOT / "seeds", workers=1)
    # Seed places and their officials become placeholders, filled with each article's own region.
    places = re.compile(
        r"Pemkab Kobar|Sekda Kobar|Kotawaringin Barat|Penajam Paser Utara|Pulang Pisau|Kobar|PPU|Sleman|Bondowoso"
    )
    sentences, quotes = [], []
    for text in seeds["text"]:
        for sentence in utils.sentences(text):
            if any(mark in sentence for mark in '“”"{}'):
                continue
            sentence = places.sub("{region}", sentence)
            (quotes if len(sentence.split()) < 25 else sentences).append(sentence)
    return tuple(sentences), tuple(quotes)


# --- new word types that look Indonesian -------------------------------------------------------


def _weighted(weights: dict[str, float]) -> tuple[str, ...]:
    """The items of a weighted table, each repeated 10 * weight times, for a fast ``rng.choice``."""
    return tuple(item for item, weight in weights.items() for _ in range(round(10 * weight)))


ONSETS = _weighted({"b": 3, "d": 3, "g": 2, "h": 2, "j": 2, "k": 4, "l": 3, "m": 3, "n": 2, "p": 3, "r": 3, "s": 4,
                    "t": 4, "w": 2, "y": 1, "c": 1, "ng": 1, "ny": 1, "kh": 0.3, "sy": 0.3, "": 1.5})  # fmt: skip
VOWELS = _weighted({"a": 6, "i": 3, "u": 3, "e": 3, "o": 2})
MEDIAL_CODAS = _weighted({"": 8, "n": 1, "ng": 0.5, "r": 0.5, "m": 0.3, "s": 0.3, "k": 0.3, "l": 0.2})
FINAL_CODAS = _weighted({"": 5, "n": 2, "ng": 1, "r": 1, "l": 1, "s": 1, "k": 2, "t": 1, "h": 1, "m": 0.5, "p": 0.3})
NAME_ENDINGS = _weighted({"": 6, "wati": 1, "sari": 1, "to": 1, "di": 1, "man": 1, "yah": 0.5, "ni": 0.5})
# prefix, suffix; "N" is the nasal of meN-/peN-, which takes the place of the root's first sound.
AFFIXES = [("meN", ""), ("meN", "kan"), ("meN", "i"), ("di", ""), ("di", "kan"), ("di", "i"), ("ber", ""),
           ("ber", "an"), ("ter", ""), ("peN", ""), ("peN", "an"), ("per", "an"), ("ke", "an"), ("", "an"),
           ("", "nya"), ("se", ""), ("memper", "kan")]  # fmt: skip


def invented_root(rng: random.Random, syllables: int) -> str:
    """Return a root of ``syllables`` consonant-vowel syllables, e.g. ``tolang`` or ``samburi``."""
    parts, coda = [], ""
    for i in range(syllables):
        onset = rng.choice(ONSETS)
        while coda and len(onset) != 1:  # after a closing consonant, one consonant (tam-bun, not tang-ngun)
            onset = rng.choice(ONSETS)
        coda = rng.choice(FINAL_CODAS if i == syllables - 1 else MEDIAL_CODAS)
        parts.append(onset + rng.choice(VOWELS) + coda)
    return "".join(parts)


def affixed(root: str, prefix: str, suffix: str) -> str:
    """Return ``root`` with a prefix and suffix, the nasal of meN-/peN- assimilated as in Indonesian.

    >>> affixed("tulis", "meN", "kan"), affixed("baca", "peN", "an"), affixed("sapu", "meN", "")
    ('menuliskan', 'pembacaan', 'menyapu')
    """
    if prefix.endswith("N"):
        base, first = prefix[:-1], root[0]
        if first in "aiueogh":
            prefix, root = base + "ng", root
        elif first == "k":
            prefix, root = base + "ng", root[1:]
        elif first in "bfv":
            prefix = base + "m"
        elif first == "p":
            prefix, root = base + "m", root[1:]
        elif first in "dcj":
            prefix = base + "n"
        elif first == "t":
            prefix, root = base + "n", root[1:]
        elif first == "s":
            prefix, root = base + "ny", root[1:]
        else:  # l, m, n, r, w, y: me-/pe- alone
            prefix = base
    return prefix + root + suffix


class Vocabulary:
    """Counts the tokens and word types of the article text the loader keeps; in a growing corpus,
    replaces words of that text by new types so that the type count follows V = k * N**beta."""

    def __init__(self, seed: int, grow: bool, k: float = HEAPS_K, beta: float = HEAPS_BETA):
        self.grow, self.k, self.beta = grow, k, beta
        self.tokens, self.types = 0, set()
        self.minted: list[str] = []
        self.rng = random.Random(f"growing-{seed}")
        if grow:
            self.reserved, self.roots = _reserved_words_and_roots()
            self.keep = utils.stopwords_set() | utils.protected_terms()
            self._slot_cache: dict[str, tuple[str, str] | None] = {}

    def observe(self, text: str) -> None:
        words = [w for w in utils.WORD_RE.findall(text.lower()) if len(w) > 1]
        self.tokens += len(words)
        self.types.update(words)

    def vary(self, text: str) -> str:
        """Return ``text`` (counted), with words replaced by new types where Heaps' law asks for more."""
        if not self.grow:
            self.observe(text)
            return text
        words = [w for w in utils.WORD_RE.findall(text.lower()) if len(w) > 1]
        new = len(set(words).difference(self.types))
        missing = int(self.k * (self.tokens + len(words)) ** self.beta) - len(self.types) - new
        if missing > 0:
            chunks = text.split(" ")
            slots = [i for i, chunk in enumerate(chunks) if self._slot(chunk)]
            chosen = self.rng.sample(slots, min(len(slots), 2 * missing))
            for n, i in enumerate(chosen):
                _, punctuation = self._slot(chunks[i])
                chunks[i] = (self._mint() if n < missing else self._reuse()) + punctuation
            text = " ".join(chunks)
        self.observe(text)
        return text

    def _slot(self, chunk: str) -> tuple[str, str] | None:
        """A lower-case content word that may be replaced (not a stopword, not part of a place name)."""
        if chunk not in self._slot_cache:
            match = re.fullmatch(r"([a-z]{3,})([.,;:]?)", chunk)
            ok = match and match[1] not in self.keep
            self._slot_cache[chunk] = (match[1], match[2]) if ok else None
        return self._slot_cache[chunk]

    def _reuse(self) -> str:
        return self.minted[int(len(self.minted) * self.rng.random() ** 2)] if self.minted else self._mint()

    def _mint(self) -> str:
        while True:
            word = self._candidate()
            lower = word.lower()
            if len(lower) > 2 and lower not in self.types and lower not in self.reserved:
                self.minted.append(word)
                self.types.add(lower)  # so it is never minted twice, even before the paragraph is observed
                return word

    def _candidate(self) -> str:
        rng, draw = self.rng, self.rng.random()
        if draw < 0.15:  # an affixed form of a root the seeds use: Sastrawi finds the root
            return affixed(rng.choice(self.roots), *rng.choice(AFFIXES))
        root = invented_root(rng, rng.choice((2, 2, 3, 3, 3)))
        if draw < 0.35:  # a name
            return (root + rng.choice(NAME_ENDINGS)).capitalize()
        if draw < 0.72:  # an affixed form of an unknown root: Sastrawi tries every rule, then gives up
            return affixed(root, *rng.choice(AFFIXES))
        if draw < 0.75:
            return f"{root}-{root}"
        return root


@functools.cache
def _reserved_words_and_roots() -> tuple[frozenset[str], tuple[str, ...]]:
    """Words a new type must not be (the seeds', stopwords, place names) and the seeds' stemmable roots."""
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    sentences, quotes = _pools()
    templates = OUTLETS + WEEKDAYS + HEADS + NAMES + TITLES + CHROME_TOP + CHROME_BOTTOM
    seed_words = {w for text in (*sentences, *quotes, *templates) for w in utils.WORD_RE.findall(text.lower())}
    stop = utils.stopwords_set()
    reserved = frozenset(seed_words | stop | utils.protected_terms())
    stemmer = StemmerFactory().create_stemmer()  # its own, so the project's stem cache stays cold
    stems = {w: stemmer.stem(w) for w in sorted(seed_words) if "-" not in w}
    roots = sorted({s for w, s in stems.items() if s != w and len(s) > 2 and s not in stop and s.isalpha()})
    return reserved, tuple(roots)


# --- articles -------------------------------------------------------------------------------------


def article(rng: random.Random, sentences, quotes, regencies, vocabulary: Vocabulary | None = None) -> str:
    """Return one synthetic article's text; ``vocabulary`` counts (and may vary) the body it writes."""
    return _article(rng, sentences, quotes, regencies, vocabulary or Vocabulary(0, grow=False))[1]


def _article(rng, sentences, quotes, regencies, vocabulary: Vocabulary) -> tuple[str, str]:
    row = regencies.iloc[rng.randrange(len(regencies))]
    kind = "Kabupaten" if row["regency_type"] == "kabupaten" else "Kota"
    region, outlet = row["regency"], rng.choice(OUTLETS)
    head = rng.choice(HEADS)
    head = head.replace("Bupati", "Wali Kota") if kind == "Kota" else head.replace("Wali Kota", "Bupati")
    name = rng.choice(NAMES)
    day, month = rng.randint(1, 28), rng.randint(1, 12)
    weekday = WEEKDAYS[dt.date(2024, month, day).weekday()]
    lines = [rng.choice(CHROME_TOP).format(outlet=outlet), rng.choice(TITLES).format(head=head, region=region)]
    lines.append(f"{head} {region}, {name}, memberikan sambutan, {weekday} ({day}/{month}). (ist)")
    lead = " ".join(rng.sample(sentences, 2)).format(region=region)
    opening = f"Pemerintah {kind} {region} menggelar sosialisasi netralitas ASN pada {weekday} ({day}/{month})."
    vocabulary.observe(opening)
    lines.append(f"{row['capital'].upper()}, {outlet} – {opening} {vocabulary.vary(lead)}")
    for _ in range(rng.randint(3, 8)):
        lines.append(vocabulary.vary(" ".join(rng.sample(sentences, rng.randint(1, 3))).format(region=region)))
        if rng.random() < 0.4:
            verb = rng.choice(["ujar", "kata", "tegas", "jelas"])
            quote = vocabulary.vary(rng.choice(quotes).rstrip(".").format(region=region))
            vocabulary.observe(f"{verb} {name.split()[0]}")
            lines.append(f"“{quote},” {verb} {name.split()[0]}.")
        if rng.random() < 0.15:
            lines.append("(Baca Juga : " + rng.choice(TITLES).format(head=head, region=region) + ")")
    lines[-1] += " (" + rng.choice(["art", "iin", "rwt"]) + "/" + rng.choice(["kpg", "eti", "adv"]) + ")"
    lines.append(rng.choice(CHROME_BOTTOM).format(outlet=outlet))
    return region, "\n\n".join(line for line in lines if line) + "\n"


def write_corpus(
    folder: Path,
    n: int,
    seed: int = 2024,
    kind: str = "recombined",
    *,
    k: float = HEAPS_K,
    beta: float = HEAPS_BETA,
    index: Path | None = None,
) -> Path:
    """Write ``n`` synthetic articles of ``kind`` (``recombined`` or ``growing``) into ``folder`` and return it.

    ``k`` and ``beta`` set the growing corpus's Heaps curve. ``index``, if given, is a JSON file to
    write with the corpus's own account of itself: kind, seed, articles, tokens and types (of the
    article bodies it wrote, the text ``utils.load_corpus`` keeps, tokens as ``utils.tokenize(text,
    stopwords=False)``; exact for a growing corpus, while for a recombined one the loader also drops
    the paragraphs an article repeats, about 1% of the tokens) and each article's regency
    (``{doc_id: regency}``, the one the generator chose).
    """
    if kind not in KINDS:
        raise ValueError(f"unknown corpus kind {kind!r}; choose one of {', '.join(KINDS)}")
    folder.mkdir(parents=True, exist_ok=True)
    sentences, quotes = _pools()
    regencies = utils.regencies()
    rng = random.Random(seed)
    vocabulary = Vocabulary(seed, grow=kind == "growing", k=k, beta=beta)
    regency = {}
    for i in range(n):
        regency[f"{i:06d}"], text = _article(rng, sentences, quotes, regencies, vocabulary)
        (folder / f"{i:06d}.txt").write_text(text, encoding="utf-8")
    if index is not None:
        account = {"kind": kind, "seed": seed, "articles": n, "tokens": vocabulary.tokens}
        account |= {"types": len(vocabulary.types), "k": k, "beta": beta, "regency": regency}
        index.write_text(json.dumps(account, ensure_ascii=False), encoding="utf-8")
    return folder
