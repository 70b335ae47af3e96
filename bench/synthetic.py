"""Deterministic synthetic corpora built from the seed articles, for benchmarks and scale tests.

Every article is recombined from the seeds' own sentences and paragraphs, is set in a regency
drawn from the gazetteer (with its capital as dateline), and carries the same kinds of web
boilerplate the seeds have (pop-ups, captions, bylines, "Baca Juga", share buttons, footers,
credit tags). The same ``n`` and ``seed`` always give byte-identical files.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import warnings
from pathlib import Path

import utils

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


def _pools() -> tuple[list[str], list[str]]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        seeds = utils.load_corpus(utils.ROOT / "seeds")
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
    return sentences, quotes


def article(rng: random.Random, sentences: list[str], quotes: list[str], regencies) -> str:
    """Return one synthetic article's text."""
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
    lines.append(f"{row['capital'].upper()}, {outlet} – Pemerintah {kind} {region} menggelar sosialisasi netralitas "
                 f"ASN pada {weekday} ({day}/{month}). {lead}")  # fmt: skip
    for _ in range(rng.randint(3, 8)):
        lines.append(" ".join(rng.sample(sentences, rng.randint(1, 3))).format(region=region))
        if rng.random() < 0.4:
            verb = rng.choice(["ujar", "kata", "tegas", "jelas"])
            quote = rng.choice(quotes).rstrip(".").format(region=region)
            lines.append(f"“{quote},” {verb} {name.split()[0]}.")
        if rng.random() < 0.15:
            lines.append("(Baca Juga : " + rng.choice(TITLES).format(head=head, region=region) + ")")
    lines[-1] += " (" + rng.choice(["art", "iin", "rwt"]) + "/" + rng.choice(["kpg", "eti", "adv"]) + ")"
    lines.append(rng.choice(CHROME_BOTTOM).format(outlet=outlet))
    return "\n\n".join(line for line in lines if line) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 2024) -> Path:
    """Write ``n`` synthetic articles into ``folder`` (created) and return it."""
    folder.mkdir(parents=True, exist_ok=True)
    sentences, quotes = _pools()
    regencies = utils.regencies()
    rng = random.Random(seed)
    for i in range(n):
        (folder / f"{i:06d}.txt").write_text(article(rng, sentences, quotes, regencies), encoding="utf-8")
    return folder
