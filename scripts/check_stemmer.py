"""Check netralitas.stemmer against PySastrawi 1.2.1 on 200,000+ distinct words, and time both.

Prints the number of words per source, the mismatches (the first 20 shown), the throughput of
both stemmers on one core (median of 5 runs, fresh stemmers) on unknown words (PySastrawi finds
no root: names, typos, loanwords) and on known derived words (stemmed to a root), and the
time of ``stem_many`` serial and on a pool, by number of words (for ``PARALLEL_STEM_FROM``).

    .venv/bin/python scripts/check_stemmer.py            # every source, about 250,000 words
    .venv/bin/python scripts/check_stemmer.py --scale 0.1

The sources (``word_sources``) are also the test sample of tests/test_stemmer.py:

- ``sastrawi_tests``: the inputs and expected stems of PySastrawi's own functional tests
  (tests/FunctionalTests/Stemmer/StemmerTest.py of github.com/har07/PySastrawi), as data;
- ``seeds``, ``fixtures``, ``data``: every word of seeds/*.txt, of the text files under tests/
  and of data/ (place names, codebook, glossary);
- ``affixed_roots``: every root of the dictionary, bare and with random affix combinations the
  rules allow (prefix chains with their sound changes, -kan/-an/-i, -ku/-mu/-nya, -lah/-kah/-tah/-pun,
  -is/-isme/-isasi);
- ``random``: random words of Indonesian-like syllables, some with affixes;
- ``short``: every string of one to three letters a-z;
- ``hyphenated``: reduplications (``anak-anak``, ``berbalas-balasan``, ``meniru-nirukan``), clitics
  after a hyphen (``kuasa-mu``), compounds and three-part words;
- ``affix_soup``: random strings of affixes, roots and root ends, letters, hyphens, digits and
  stray characters, to exercise the rules' interactions;
- ``accented``: words with accented letters (``café``, ``ı``, ``ſ``), apostrophes (``jum'at``,
  ``ta’aruf``) and capitals.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing
import os
import random
import re
import resource
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from netralitas import stemmer  # noqa: E402

_LETTER = "a-zA-Z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
WORD_RE = re.compile(rf"[{_LETTER}]+(?:[-'’][{_LETTER}]+)*")  # the project's word pattern

# Inputs and expected stems of PySastrawi's functional tests (data, not code).
SASTRAWI_TEST_WORDS = (
    """
mei bui nilai hancurlah benarkah apatah siapapun jubahku bajumu celananya hantui belikan jualan bukumukah
miliknyalah kulitkupun berikanku sakitimu beriannya kasihilah dibuang kesakitan sesuap teriakanmu beradu
berambut bersuara berdaerah belajar bekerja beternak terasing teraup tergerak terpuruk teterbang melipat
meringkas mewarnai meyakinkan membangun memfitnah memvonis memperbaru mempelajar meminum memukul mencinta
mendua menjauh menziarah menuklir menangkap menggila menghajar mengqasar mengudara mengupas menyuarakan
mempopulerkan pewarna peyoga peradilan perumahan permuka perdaerah pembangun pemfitnah pemvonis peminum
pemukul pencinta pendua penjauh penziarah penuklir penangkap penggila penghajar pengqasar pengudara pengupas
penyuara pelajar pelabuh petarung terpercaya pekerja peserta mempengaruhi mengkritik bersekolah bertahan
mencapai dimulai petani terabai mensyaratkan mensyukuri mengebom mempromosikan memproteksi memprediksi
pengkajian pengebom bersembunyi bersembunyilah pelanggan pelaku pelangganmukah pelakunyalah perbaikan
kebaikannya bisikan menerangi berimanlah memuaskan berpelanggan bermakanan menyala menyanyikan menyatakannya
penyanyi penyawaan rerata lelembut lemigas kinerja buku-buku berbalas-balasan bolak-balik bertebaran
terasingkan membangunkan mencintai menduakan menjauhi menggilai pembangunan marwan subarkah memberdayakan
persemakmuran keberuntunganmu kesepersepuluhnya Perekonomian menahan peranan memberikan medannya sebagai
bagian berbadan abdullah budayawan karyawati idealis idealisme finalisasi mentaati meniru-nirukan
menyepak-nyepak melewati menganga kupukul kauhajar kuasa-Mu malaikat-malaikat-Nya nikmat-Ku allah-lah
hancur benar apa siapa jubah baju beli celana hantu jual buku milik kulit sakit kasih buang suap beri
rambut adu suara daerah ajar kerja ternak asing raup gerak puruk terbang lipat ringkas warna yakin bangun
fitnah vonis baru tangkap kupas minum pukul cinta dua jauh ziarah nuklir gila hajar qasar udara populer
yoga adil rumah muka labuh tarung tebar indah daya untung sepuluh ekonomi makmur telah serta percaya
pengaruh kritik seko sekolah tahan capa capai mula mulai petan tani aba abai balas balik peran medan syukur
syarat bom promosi proteksi prediksi kaji sembunyi langgan laku baik terang iman bisik taat puas makan
nyala nyanyi nyata nyawa rata lembut ligas budaya karya ideal final tiru sepak kuasa malaikat nikmat lewat
nganga teria
""".split()
    + [
        "siapakah memberdayakan pembangunan",
        "Cinta telah bertebaran.Keduanya saling mencintai.",
        "(Cinta telah bertebaran)\n\n\n\nKeduanya saling mencintai.",
    ]
)

VOWELS = "aiueo"
PREFIX_CHAINS = [
    ("meN",), ("peN",), ("ber",), ("ter",), ("per",), ("di",), ("ke",), ("se",), ("ku",), ("kau",),
    ("meN", "per"), ("di", "per"), ("ke", "ber"), ("meN", "ber"), ("di", "ber"), ("ke", "ter"), ("se", "peN"),
    ("ke", "peN"), ("meN", "ke"), ("ter", "peN"), ("meN", "peN"), ("ber", "ke"), ("se", "ber"), ("ke", "se"),
]  # fmt: skip
DERIVATIONAL = ["", "", "kan", "an", "i", "is", "isme", "isasi"]
POSSESSIVES = ["", "", "", "nya", "ku", "mu"]
PARTICLES = ["", "", "", "lah", "kah", "tah", "pun"]
ACCENTED = "àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿāăēĕėęěğīıłńňōőœřśşšſţťūůűųźżžǎǐǒǔḍḥḳṃṅṇṛṣṭẓạảấầẹẽếịọốờụủứỳ"


def add_prefix(prefix: str, word: str) -> list[str]:
    """Return the forms of a prefix before a word, with the sound changes of meN-, peN-, ber-, ter-, per-.

    >>> add_prefix("meN", "pukul"), add_prefix("peN", "sapu"), add_prefix("ber", "kerja")
    (['memukul', 'mempukul'], ['penyapu', 'pensapu'], ['bekerja', 'berkerja'])
    """
    if not word:
        return [prefix.lower()]
    if prefix in ("meN", "peN"):
        base = prefix[:2]
        first, second = word[0], word[1:2]
        if first in VOWELS:
            return [base + "ng" + word, base + "nge" + word]
        if first == "k":
            return [base + "ng" + word[1:], base + "ng" + word]
        if first in "ghqx":
            return [base + "ng" + word]
        if first == "p":
            return [base + "m" + word[1:], base + "m" + word]
        if first in "bfv":
            return [base + "m" + word]
        if first == "t":
            return [base + "n" + word[1:], base + "n" + word]
        if first == "s" and second != "y":
            return [base + "ny" + word[1:], base + "n" + word]
        if first in "cdjsz":
            return [base + "n" + word]
        return [base + word, base + "nge" + word]
    if prefix in ("ber", "ter", "per"):
        if first_syllable_er(word) or word[0] == "r":
            return [prefix[:2] + word, prefix + word]
        return [prefix + word] + (["bel" + word] if prefix == "ber" and word[0] in VOWELS else [])
    return [prefix + word]


def first_syllable_er(word: str) -> bool:
    """Whether the word's first syllable ends in -er (kerja, ternak), which takes be-/te-/pe- not ber-."""
    return len(word) > 3 and word[0] not in VOWELS and word[1:3] == "er"


def affixed(root: str, rng: random.Random) -> list[str]:
    """Return the forms of a root with one random prefix chain and suffix combination."""
    forms = [root + rng.choice(DERIVATIONAL) + rng.choice(POSSESSIVES) + rng.choice(PARTICLES)]
    for prefix in reversed(rng.choice(PREFIX_CHAINS)):
        forms = [new for form in forms for new in add_prefix(prefix, form)]
    return forms


def affixed_roots(roots: list[str], rng: random.Random, per_root: int) -> list[str]:
    """Every root, bare and in ``per_root`` random affix combinations (each with its sound-change variants)."""
    words = []
    for root in roots:
        words.append(root)
        for _ in range(per_root):
            words += affixed(root, rng)
    return words


def random_word(rng: random.Random) -> str:
    """Return a random word of Indonesian-like syllables, sometimes with an affix."""
    onsets = ["", "", *"bcdfghjklmnprstwyz", "ng", "ny", "sy", "kh", "tr", "pr", "bl", "st"]
    codas = ["", "", "", *"nrlsktmph", "ng"]
    word = "".join(rng.choice(onsets) + rng.choice(VOWELS) + rng.choice(codas) for _ in range(rng.randint(1, 4)))
    if rng.random() < 0.4:
        word = rng.choice(["me", "mem", "men", "meng", "meny", "pe", "pen", "peng", "ber", "ter", "di", "ke"]) + word
    if rng.random() < 0.4:
        word += rng.choice(["kan", "an", "i", "nya", "lah", "ku", "isasi", "is", "annya", "kannya"])
    return word


AFFIX_PIECES = [
    *"me mem men meng meny pe pem pen peng peny per ber be bel ter te di ke se ku kau kan an i is isme isasi".split(),
    *"nya ku mu lah kah tah pun er el em in k r ng ny e a - - 0 ' ı ſ é".split(), " ",
]  # fmt: skip


def affix_soup(roots: list[str], rng: random.Random) -> str:
    """Return a random string of affixes, roots, root ends, letters, hyphens and stray characters."""
    parts = []
    for _ in range(rng.randint(1, 6)):
        x = rng.random()
        if x < 0.55:
            parts.append(rng.choice(AFFIX_PIECES))
        elif x < 0.85:
            parts.append(rng.choice(roots)[rng.choice([0, 0, 1, 2]) :])
        else:
            parts.append(rng.choice("abcdefghijklmnopqrstuvwxyz"))
    return "".join(parts)


def hyphenated(root: str, other: str, rng: random.Random) -> str:
    """Return one hyphenated form of a root: reduplication, a clitic after a hyphen, or a compound."""
    derived = affixed(root, rng)[0]
    choices = [
        f"{root}-{root}",
        f"{derived}-{root}",
        f"{root}-{derived}",
        f"{derived}-{derived}",
        f"{root}-{rng.choice(['nya', 'ku', 'mu', 'lah', 'kah', 'pun', 'tah'])}",
        f"{root}-{root}-{rng.choice(['nya', 'ku', 'mu', 'lah', 'an'])}",
        f"{derived}-{derived[2:]}",  # meniru-niru, menyepak-nyepak
        f"{root}-{other}",
        f"{other}-{derived}-{root}",
    ]
    return rng.choice(choices)


def accented(word: str, rng: random.Random) -> str:
    """Return a word with an accented letter, an apostrophe or capitals in it."""
    i = rng.randrange(len(word))
    choice = rng.randrange(5)
    if choice == 0:
        return word[:i] + rng.choice(ACCENTED) + word[i + 1 :]
    if choice == 1:
        return word[:i] + rng.choice(ACCENTED) + word[i:]
    if choice == 2 and 0 < i < len(word) - 1:
        return word[:i] + rng.choice("'’") + word[i:]
    if choice == 3:
        return word.capitalize() if rng.random() < 0.5 else word.upper()
    return word + rng.choice(["-" + rng.choice(ACCENTED), rng.choice(ACCENTED)])


def words_in_files(paths: list[Path]) -> list[str]:
    """Return the distinct lower-cased words (the project's ``WORD_RE``) of text files, in order met."""
    words: dict[str, None] = {}
    for path in paths:
        text = path.read_text(encoding="utf-8", errors="replace").lower()
        words.update(dict.fromkeys(WORD_RE.findall(text)))
    return list(words)


def word_sources(scale: float = 1.0, seed: int = 12) -> dict[str, list[str]]:
    """Return the check's words by source; ``scale`` shrinks the generated sources (1.0: about 250,000 words)."""
    rng = random.Random(seed)
    roots = sorted(stemmer.root_words())
    sample = rng.sample(roots, max(1, int(len(roots) * min(scale, 1.0))))
    text_files = {".txt", ".html", ".json", ".jsonl", ".csv", ".md"}
    sources = {
        "sastrawi_tests": SASTRAWI_TEST_WORDS,
        "seeds": words_in_files(sorted((ROOT / "seeds").glob("*.txt"))),
        "fixtures": words_in_files(sorted(p for p in (ROOT / "tests").rglob("*") if p.suffix in text_files)),
        "data": words_in_files(sorted(p for p in (ROOT / "data").rglob("*") if p.suffix in text_files)),
        "affixed_roots": affixed_roots(sample, rng, per_root=3),
        "random": [random_word(rng) for _ in range(int(30_000 * scale))],
        "short": [w for w in _all_strings(3) if scale >= 1.0 or rng.random() < scale],
        "hyphenated": [hyphenated(rng.choice(roots), rng.choice(roots), rng) for _ in range(int(15_000 * scale))],
    }
    sources["affix_soup"] = [affix_soup(roots, rng) for _ in range(int(20_000 * scale))]
    pool = [w for source in ("seeds", "affixed_roots", "hyphenated", "sastrawi_tests") for w in sources[source]]
    sources["accented"] = [accented(rng.choice(pool), rng) for _ in range(int(6_000 * scale))]
    seen: set[str] = set()
    for name, words in sources.items():  # each word counted under the first source that has it
        sources[name] = [w for w in dict.fromkeys(words) if w not in seen and not seen.add(w)]
    return sources


def _all_strings(length: int) -> list[str]:
    words = [""]
    out = []
    for _ in range(length):
        words = [w + c for w in words for c in "abcdefghijklmnopqrstuvwxyz"]
        out += words
    return out


# ---------------------------------------------------------------------------
# Comparison (both cores) and timing (one core)
# ---------------------------------------------------------------------------


def _sastrawi_stemmer():
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    return StemmerFactory().create_stemmer()


def _compare_chunk(words: list[str]) -> list[tuple[str, str, str]]:
    """Return (word, PySastrawi's stem, ours) for every word of the chunk."""
    reference = _sastrawi_stemmer()
    return [(w, reference.stem(w), stemmer.stem(w)) for w in words]


def compare(words: list[str], workers: int) -> list[tuple[str, str, str]]:
    """Return (word, PySastrawi's stem, ours) for every word, on ``workers`` processes."""
    chunks = [words[i : i + 5_000] for i in range(0, len(words), 5_000)]
    stemmer.root_words()
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        return [row for rows in pool.imap(_compare_chunk, chunks) for row in rows]


def throughputs(words: list[str]) -> dict[str, tuple[float, float]]:
    """Return {"PySastrawi" | "ours": (words per second, words per CPU second)}, medians of 5 runs.

    The two stemmers run in turn (PySastrawi, ours, PySastrawi, ...), so a change in the machine's
    load hits both alike; each PySastrawi run gets a fresh stemmer (an empty cache). Ours keeps no
    cache; both dictionaries are loaded before the clock starts.
    """
    runs: dict[str, list[tuple[float, float]]] = {"PySastrawi": [], "ours": []}
    for _ in range(5):
        for name, stem in (("PySastrawi", _sastrawi_stemmer().stem), ("ours", stemmer.stem)):
            start, cpu = time.perf_counter(), time.process_time()
            for word in words:
                stem(word)
            runs[name].append((len(words) / (time.perf_counter() - start), len(words) / (time.process_time() - cpu)))
    return {name: tuple(statistics.median(column) for column in zip(*rows, strict=True)) for name, rows in runs.items()}


def pool_timings(words: list[str], sizes: list[int], method: str) -> list[tuple[int, float, float, float, float]]:
    """Return stem_many's (words, serial s, pool s, serial CPU s, CPU s of the busier pool process), medians of 5.

    The pool is forced at every size, started by ``method`` ("fork", or "forkserver" as in Jupyter).
    On free cores a pool takes about as long as its busier process; this process and its forked
    worker are measured apart (resource usage), which stays meaningful on a busy machine where
    wall-clock times do not. A fork server's workers are not children of this process: their CPU
    time is unknown (nan).
    """
    import netralitas.parallel

    rows = []
    thresholds, choose = stemmer.PARALLEL_STEM_FROM, netralitas.parallel.start_method
    try:
        stemmer.PARALLEL_STEM_FROM = dict.fromkeys(thresholds, 0)
        netralitas.parallel.start_method = lambda: method
        for size in sizes:
            runs = [_pool_run(words[:size]) for _ in range(5)]
            rows.append((size, *(statistics.median(column) for column in zip(*runs, strict=True))))
    finally:
        stemmer.PARALLEL_STEM_FROM, netralitas.parallel.start_method = thresholds, choose
    return rows


def _pool_run(words: list[str]) -> tuple[float, float, float, float]:
    start, cpu = time.perf_counter(), time.process_time()
    stemmer.stem_many(words, workers=1)
    serial, serial_cpu = time.perf_counter() - start, time.process_time() - cpu
    start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    stemmer.stem_many(words, workers=2)
    pooled, parent_cpu, child_cpu = time.perf_counter() - start, time.process_time() - cpu, _children_cpu() - children
    return serial, pooled, serial_cpu, max(parent_cpu, child_cpu) if child_cpu > 0 else math.nan


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", type=float, default=1.0, help="size of the generated sources (1.0: full)")
    parser.add_argument("--workers", type=int, default=2, help="processes for the comparison")
    parser.add_argument("--bench-words", type=int, default=5_000, help="words per throughput run")
    args = parser.parse_args(argv)

    sources = word_sources(args.scale)
    words = [w for source in sources.values() for w in source]
    print(f"{len(words):,} distinct words")
    for name, source in sources.items():
        print(f"  {name:<15}{len(source):>9,}")

    start = time.perf_counter()
    rows = compare(words, args.workers)
    mismatches = [row for row in rows if row[1] != row[2]]
    print(f"\ncompared in {time.perf_counter() - start:.0f} s on {args.workers} processes")
    print(f"mismatches: {len(mismatches):,} of {len(rows):,} words")
    for word, theirs, ours in mismatches[:20]:
        print(f"  {word!r}: PySastrawi {theirs!r}, ours {ours!r}")

    roots = stemmer.root_words()
    rng = random.Random(5)
    real = {w for name in ("sastrawi_tests", "seeds", "fixtures", "data") for w in sources[name]}
    unknown = [w for w, theirs, _ in rows if theirs == w and w not in roots]
    derived = [w for w, theirs, _ in rows if theirs != w and theirs in roots and w not in roots]
    print(
        f"\nthroughput on one core, medians of 5 runs (load average {os.getloadavg()[0]:.1f}, {os.cpu_count()} cores)"
    )
    print(f"  {'words/s':<36}{'PySastrawi':>11}{'ours':>10}{'×':>7}   per CPU second: PySastrawi, ours, ×")
    for name, pool in (
        ("unknown, every source", unknown),
        ("unknown, real text", [w for w in unknown if w in real]),
        ("known derived, every source", derived),
        ("known derived, real text", [w for w in derived if w in real]),
    ):
        sample = rng.sample(pool, min(args.bench_words, len(pool)))
        (theirs, theirs_cpu), (ours, ours_cpu) = throughputs(sample).values()
        print(
            f"  {name:<28}{len(sample):>8,}{theirs:>11,.0f}{ours:>10,.0f}{ours / theirs:>7.1f}"
            f"   {theirs_cpu:>10,.0f}{ours_cpu:>10,.0f}{ours_cpu / theirs_cpu:>7.1f}"
        )

    print(f"\nstem_many on 2 processes against serial, medians of 5 (load average {os.getloadavg()[0]:.1f} on")
    print(f"{os.cpu_count()} cores; PARALLEL_STEM_FROM = {stemmer.PARALLEL_STEM_FROM}):")
    print(f"  {'':<11}{'words':>8}{'serial':>9}{'pool':>9}{'×':>6}   CPU: serial, busier pool process, ×")
    mixed = rng.sample(words, min(len(words), 100_000))
    for method, sizes in (("fork", [2_000, 5_000, 10_000, 20_000, 50_000, 100_000]), ("forkserver", [20_000, 50_000])):
        for size, serial, pooled, serial_cpu, busier_cpu in pool_timings(mixed, sizes, method):
            cpu = f"{serial_cpu * 1e3:6.0f} ms {busier_cpu * 1e3:6.0f} ms  ×{serial_cpu / busier_cpu:.2f}"
            print(
                f"  {method:<11}{size:>8,}{serial * 1e3:6.0f} ms{pooled * 1e3:6.0f} ms{serial / pooled:6.2f}   "
                + ("(workers not children of this process)" if math.isnan(busier_cpu) else cpu)
            )
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
