"""Score the article parser and the quote extractor against hand-written ground truth.

The ground truth is ``tests/fixtures/articles/expected.json`` (its ``conventions`` say how it was
written): for each article in ``tune/`` (the parser may be tuned against these) and ``heldout/``
(never tuned against; they measure the targets) the metadata a reader would give, every direct
quote with its speaker and office, the web chrome that must not stay in the text and strings
that must never be returned as a speaker.

For each folder it prints:

- quotes found (recall): expected quotes matched one-to-one by an extracted quote of the same
  article whose words overlap enough (Dice coefficient of the word multisets >= 0.6, best pairs
  first); precision: extracted quotes that match an expected one;
- right person: matched quotes whose speaker equals the expected one (case and spacing aside),
  over all expected quotes (a missed quote is not attributed) and over the found ones;
- non-person speakers: every extracted speaker that is empty, a pronoun, a place, an institution,
  a headline or listed in ``not_speakers``, each listed;
- office accuracy: matched quotes whose ``utils.speaker_office`` equals the expected office,
  after abbreviating institutions (``data/institutions.csv``) and writing Penjabat as Pj;
- metadata accuracy per field (title, outlet, published, regency, regency_type, province) and
  chrome strings left in the clean text.

Run:  python scripts/score_quotes.py [--details] [folder ...]
      (default folders: tests/fixtures/articles/tune and tests/fixtures/articles/heldout)
"""

from __future__ import annotations

import argparse
import csv
import functools
import json
import re
import warnings
from collections import Counter
from pathlib import Path

import pandas as pd

import utils

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = ROOT / "tests" / "fixtures" / "articles"
EXPECTED = ARTICLES / "expected.json"
FOLDERS = ("tune", "heldout")
FIELDS = ("title", "outlet", "published", "regency", "regency_type", "province")
MATCH_THRESHOLD = 0.6  # Dice overlap of word multisets for a found quote to count as an expected one

PRONOUNS = frozenset("ia dia beliau mereka nya saya kami kita aku".split())
PLACE_PREFIXES = frozenset(
    "kabupaten kab kota provinsi prov pemkab pemkot pemprov pemda kecamatan desa kelurahan".split()
)
INSTITUTION_HEADS = frozenset(
    "pemkab pemkot pemprov pemda pemerintah bawaslu kpu kasn bkn bkd bkpsdm bkpsdmd diskominfo diskominfostandi "
    "diskominfosantik dinas badan inspektorat satgas humas prokopim setda dprd panwascam panwaslu opd "
    "kemendagri kementerian redaksi antara".split()
)
HEADLINE_VERBS = frozenset(
    "minta ajak ingatkan imbau larang gelar tetapkan temukan bentuk tegaskan pantau resmikan salurkan tinjau terima "
    "awasi sosialisasikan kumpulkan ancam tertibkan rekrut siapkan ikuti padati dongkrak naik turun jaga".split()
)


# ---------------------------------------------------------------------------
# Ground truth
# ---------------------------------------------------------------------------


def load_expected(path: Path = EXPECTED) -> dict[tuple[str, str], dict]:
    """Return the expected articles keyed by (folder name, file name)."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return {(a["folder"], a["file"]): a for a in data["articles"]}


# ---------------------------------------------------------------------------
# Normalisation and comparison
# ---------------------------------------------------------------------------


def words(text: str) -> list[str]:
    """Lower-cased word tokens of a text (punctuation and quote marks dropped)."""
    return re.findall(r"\w+", text.casefold())


def overlap(a: str, b: str) -> float:
    """Dice coefficient of the word multisets of two texts: 2|A∩B| / (|A| + |B|)."""
    wa, wb = Counter(words(a)), Counter(words(b))
    total = sum(wa.values()) + sum(wb.values())
    return 2 * sum((wa & wb).values()) / total if total else 0.0


def match_quotes(expected: list[str], found: list[str]) -> dict[int, int]:
    """Pair expected with found quotes one to one, best overlaps first; return {expected index: found index}."""
    pairs = sorted(
        ((overlap(e, f), i, j) for i, e in enumerate(expected) for j, f in enumerate(found)),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in pairs:
        if score < MATCH_THRESHOLD:
            break
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    return matched


def norm_speaker(name: str) -> str:
    """A speaker compared case- and space-insensitively, surrounding punctuation dropped."""
    return " ".join(str(name or "").strip(" ,.;:").casefold().split())


@functools.cache
def _institutions() -> tuple[tuple[str, str], ...]:
    with open(ROOT / "data" / "institutions.csv", encoding="utf-8") as f:
        rows = [(r["long_name"], r["acronym"]) for r in csv.DictReader(f)]
    return tuple(sorted(rows, key=lambda p: -len(p[0])))


@functools.cache
def _institution_names() -> frozenset[str]:
    roles = {"sekda"}  # Sekretaris Daerah is an office held by a person
    return frozenset(name.casefold() for pair in _institutions() for name in pair) - roles


def norm_office(office: str) -> str:
    """An office compared after abbreviating institutions and writing Penjabat as Pj (case and punctuation aside)."""
    text = re.sub(r"\([^()]*\)", " ", str(office or ""))
    text = re.sub(r"\bSekretaris Daerah Provinsi\b", "Sekdaprov", text, flags=re.IGNORECASE)
    for long_name, acronym in _institutions():
        text = re.sub(rf"\b{re.escape(long_name)}\b", acronym, text, flags=re.IGNORECASE)
    text = re.sub(r"\bPenjabat\b", "Pj", text, flags=re.IGNORECASE)
    text = re.sub(r"\bWali\s*kota\b", "Wali Kota", text, flags=re.IGNORECASE)
    return " ".join(w for w in words(text) if w != "dan")


def norm_outlet(name: str) -> str:
    """An outlet name without case, spaces, punctuation, a leading 'Redaksi' or a domain ending."""
    text = str(name or "").casefold().strip()
    text = re.sub(r"^(?:redaksi|tim redaksi)\s+", "", text)
    text = re.sub(r"^(?:https?://)?(?:www\.)?", "", text)
    text = re.sub(r"\.(?:co\.id|com|id|co|net|org|or\.id|go\.id)$", "", text)
    return re.sub(r"[\W_]+", "", text)


def norm_title(title: str) -> str:
    text = str(title or "").replace("“", '"').replace("”", '"').replace("’", "'")
    return " ".join(text.casefold().split())


def _iso(value) -> str:
    return "" if value is None or pd.isna(value) else pd.Timestamp(value).date().isoformat()


def field_matches(field: str, got, article: dict) -> bool:
    """Whether a parsed metadata value equals the expected one for ``field``."""
    if field == "outlet":
        return norm_outlet(got) in {norm_outlet(o) for o in [article["outlet"], *article.get("outlet_also", [])]}
    if field == "published":
        return _iso(got) == article["published"]
    if field == "title":
        return norm_title(got) == norm_title(article["title"])
    return str(got or "") == article[field]


# ---------------------------------------------------------------------------
# Non-person speakers
# ---------------------------------------------------------------------------


@functools.cache
def _place_names(table: str, columns: tuple[str, ...]) -> frozenset[str]:
    with open(ROOT / "data" / table, encoding="utf-8") as f:
        return frozenset(
            v.casefold() for row in csv.DictReader(f) for c in columns for v in re.split(r"[;|]", row[c] or "") if v
        )


def _is_place(tokens: list[str]) -> bool:
    """A regency, province or capital, bare or prefixed (Kota Bekasi); a kecamatan only when prefixed."""
    big = _place_names("regencies.csv", ("regency", "capital", "abbreviations", "aliases")) | _place_names(
        "provinces.csv", ("province", "capital", "abbreviations", "aliases")
    )
    rest = [t for t in tokens if t not in PLACE_PREFIXES]
    if not rest:
        return False
    name = " ".join(rest)
    return name in big or (len(rest) < len(tokens) and name in _place_names("kecamatan.csv", ("kecamatan",)))


def non_person(speaker: str, not_speakers: list[str] = (), people: list[str] = ()) -> str:
    """Why a speaker is not a person ('' when it may be one): empty, pronoun, listed, place, institution, headline.

    ``people`` are the article's named speakers: a part of one of their names (``Bima`` for Bima
    Prasetya) is a person named short, a wrong attribution rather than a non-person, even when it
    is also a place name.

    >>> non_person("Kota Bekasi"), non_person("Ketua Bawaslu Kukar"), non_person("Ia"), non_person("")
    ('place', '', 'pronoun', 'empty')
    """
    text = norm_speaker(speaker)
    if not text:
        return "empty"
    if text.startswith("anonim:"):
        return ""
    tokens = words(text)
    if text in PRONOUNS or (tokens and all(t in PRONOUNS for t in tokens)):
        return "pronoun"
    if text in {norm_speaker(s) for s in not_speakers}:
        return "listed"
    if any(set(tokens) <= set(words(person)) for person in people):
        return ""
    if _is_place(tokens):
        return "place"
    if (tokens and tokens[0] in INSTITUTION_HEADS) or text in _institution_names():
        return "institution"
    if any(t in HEADLINE_VERBS for t in tokens[1:]):
        return "headline"
    return ""


# ---------------------------------------------------------------------------
# Scoring
# ---------------------------------------------------------------------------


def load(folder: Path) -> tuple[pd.DataFrame, list[str]]:
    """Load a folder with ``utils.load_corpus`` (no metadata overrides); return the corpus and its warnings."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        df = utils.load_corpus(folder, metadata=None)
    return df, [str(w.message) for w in caught]


def score_folder(folder: Path, expected: dict[tuple[str, str], dict] | None = None) -> dict:
    """Compare one folder with the ground truth; return counts and, for details, every miss."""
    expected = load_expected() if expected is None else expected
    folder = Path(folder)
    df, warned = load(folder)
    quotes = utils.extract_quotes(df)
    result = {
        "folder": folder.name,
        "articles": 0,
        "expected": 0,
        "found": 0,
        "matched": 0,
        "right_person": 0,
        "right_office": 0,
        "non_person": [],
        "missed": [],
        "wrong_person": [],
        "wrong_office": [],
        "unexpected": [],
        "fields": {f: [0, 0] for f in FIELDS},
        "field_errors": [],
        "chrome": [0, 0],
        "chrome_left": [],
        "warnings": warned,
        "no_truth": [],
    }
    for row in df.itertuples():
        article = expected.get((folder.name, row.file))
        if article is None:
            result["no_truth"].append(row.file)
            continue
        result["articles"] += 1
        for field in FIELDS:
            got = getattr(row, field)
            ok = field_matches(field, got, article)
            result["fields"][field][0] += ok
            result["fields"][field][1] += 1
            if not ok:
                shown = _iso(got) if field == "published" else got
                result["field_errors"].append((row.file, field, article[field], shown))
        for chrome in article["chrome"]:
            result["chrome"][1] += 1
            if chrome in row.text:
                result["chrome_left"].append((row.file, chrome))
            else:
                result["chrome"][0] += 1
        mine = quotes[quotes["doc_id"] == row.doc_id].reset_index(drop=True)
        found = list(mine["quote"])
        want = article["quotes"]
        pairs = match_quotes([q["quote"] for q in want], found)
        result["expected"] += len(want)
        result["found"] += len(found)
        result["matched"] += len(pairs)
        people = [q["speaker"] for q in article["quotes"] if not q["speaker"].startswith("anonim:")]
        for j, speaker in enumerate(mine["speaker"]):
            reason = non_person(speaker, article["not_speakers"], people)
            if reason:
                result["non_person"].append((row.file, reason, speaker, found[j]))
        for i, q in enumerate(want):
            if i not in pairs:
                result["missed"].append((row.file, q["quote"], q["speaker"]))
                continue
            got = mine.loc[pairs[i], "speaker"]
            if norm_speaker(got) == norm_speaker(q["speaker"]):
                result["right_person"] += 1
            else:
                result["wrong_person"].append((row.file, q["quote"], q["speaker"], got))
            office = utils.speaker_office(got, row.text) if got else ""
            if norm_office(office) == norm_office(q["office"]):
                result["right_office"] += 1
            else:
                result["wrong_office"].append((row.file, q["speaker"], q["office"], got, office))
        used = set(pairs.values())
        extra = [j for j in range(len(found)) if j not in used]
        result["unexpected"] += [(row.file, found[j], mine.loc[j, "speaker"]) for j in extra]
    return result


def rates(result: dict) -> dict[str, float]:
    """The headline rates of one folder's result (NaN where a denominator is zero)."""

    def share(a: int, b: int) -> float:
        return a / b if b else float("nan")

    return {
        "recall": share(result["matched"], result["expected"]),
        "precision": share(result["matched"], result["found"]),
        "right_person": share(result["right_person"], result["expected"]),
        "right_person_of_found": share(result["right_person"], result["matched"]),
        "office": share(result["right_office"], result["matched"]),
        "non_person": len(result["non_person"]),
        **{f"meta_{f}": share(*result["fields"][f]) for f in FIELDS},
        "chrome_removed": share(*result["chrome"]),
    }


# ---------------------------------------------------------------------------
# Report
# ---------------------------------------------------------------------------


def _pct(a: int, b: int) -> str:
    return f"{a}/{b} = {a / b:.1%}" if b else f"{a}/{b}"


def report(result: dict, details: bool = False) -> str:
    """The printed report of one folder."""
    r = result
    lines = [
        f"== {r['folder']} ({r['articles']} articles, {r['expected']} expected quotes, {r['found']} extracted)",
        f"quotes found (recall)      {_pct(r['matched'], r['expected'])}",
        f"precision                  {_pct(r['matched'], r['found'])}",
        f"right person               {_pct(r['right_person'], r['expected'])} of expected; "
        f"{_pct(r['right_person'], r['matched'])} of found",
        f"office accuracy            {_pct(r['right_office'], r['matched'])} of found",
        f"non-person speakers        {len(r['non_person'])}",
    ]
    lines += [f"    {file}: {why}: {speaker!r}  <- {quote[:60]!r}" for file, why, speaker, quote in r["non_person"]]
    lines.append("metadata accuracy")
    lines += [f"    {f:<13} {_pct(*r['fields'][f])}" for f in FIELDS]
    lines.append(f"chrome removed             {_pct(*r['chrome'])}")
    if r["no_truth"]:
        lines.append(f"files without ground truth: {', '.join(r['no_truth'])}")
    if details:
        lines.append("-- metadata errors (file, field, expected, got)")
        lines += [f"    {file}: {field}: {want!r} != {got!r}" for file, field, want, got in r["field_errors"]]
        lines.append("-- missed quotes (file, quote, speaker)")
        lines += [f"    {file}: {quote[:70]!r} ({speaker})" for file, quote, speaker in r["missed"]]
        lines.append("-- extracted quotes matching nothing (file, quote, speaker)")
        lines += [f"    {file}: {quote[:70]!r} ({speaker!r})" for file, quote, speaker in r["unexpected"]]
        lines.append("-- wrong person (file, quote, expected, got)")
        lines += [f"    {file}: {quote[:50]!r}: {want!r} != {got!r}" for file, quote, want, got in r["wrong_person"]]
        lines.append("-- wrong office (file, expected speaker, expected office, got speaker, got office)")
        lines += [f"    {f}: {ws} ({wo!r}) != {gs!r} ({go!r})" for f, ws, wo, gs, go in r["wrong_office"]]
        lines.append("-- chrome left in text (file, string)")
        lines += [f"    {file}: {chrome!r}" for file, chrome in r["chrome_left"]]
        lines.append("-- warnings while loading")
        lines += [f"    {w}" for w in r["warnings"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folders", nargs="*", type=Path, help="article folders (default: tune and heldout)")
    parser.add_argument("--details", action="store_true", help="list every miss, not only the scores")
    args = parser.parse_args(argv)
    expected = load_expected()
    for folder in args.folders or [ARTICLES / name for name in FOLDERS]:
        print(report(score_folder(folder, expected), details=args.details))
        print()


if __name__ == "__main__":
    main()
