"""Quotes: direct speech in an article, who said it, and in which office.

Owns the attribution verbs (``ujar``, ``kata``, ``menegaskan`` …), the quote spans, the
split of a phrase into role and name (``Pj Bupati PPU Makmur Marbun``), the fullest written
form of a name, offices (``speaker_office``, ``office_type``) and the split of a text into
speech and narrative.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from .reference import institutions, provinces, regencies
from .text import stopwords_set, words

POST_VERBS = (
    "ujar kata tegas terang jelas pinta tandas tutup ucap sebut imbuh tambah papar ungkap lanjut "
    "pungkas urai tutur seru ajak harap sambung timpal jawab aku beber kilah pesan"
).split()
PRE_VERBS = (
    "mengatakan menegaskan menekankan menjelaskan menyampaikan mengungkapkan menambahkan berkata "
    "mengingatkan meminta mengajak berharap memaparkan menuturkan menyebutkan mengimbau berpesan "
    "melanjutkan menerangkan menandaskan mengungkap menyebut menilai mengaku membeberkan"
).split()
ROLE_WORDS = frozenset(
    "Bupati Wakil Pj Penjabat Plt Plh Sekda Sekretaris Kepala Ketua Wali Walikota Gubernur Camat "
    "Kadis Kabid Kabag Kasubbag Kasi Narasumber Direktur Menteri Anggota Kapolres Kapolda Dandim "
    "Komisioner Asisten Staf Inspektur Lurah Kades Presiden Pimpinan Koordinator Pejabat Perwakilan "
    "Deputi Dirjen Kabupaten Kota Provinsi Daerah Badan Dinas Bagian Pemerintah Kantor".split()
)
HONORIFICS = frozenset("H H. Hj Hj. Dr Dr. dr dr. Ir Ir. Drs Drs. Dra Dra. Prof Prof. KH K.H. Haji Hajah".split())
PRONOUNS = frozenset("Ia Dia Beliau Mereka".split())

_TOKEN = r"[A-Z][\w'’-]*"
_SEQ = rf"{_TOKEN}(?:\s+(?:dan\s+)?{_TOKEN})*"
_ADVERBS = r"(?:(?:juga|pun|kembali|lantas|lalu|kemudian|sempat|turut|pula|pun)\s+)*"
_QUOTE_SPAN = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
_POST = re.compile(
    rf"^\s*[,.]?\s*(?P<verb>{'|'.join(POST_VERBS)})(?P<nya>nya)?\b(?P<rest>[^\n]{{0,120}})",
)
_PRE = re.compile(
    rf"(?:(?P<who>{_SEQ})\s+{_ADVERBS}(?:{'|'.join(PRE_VERBS)})(?:\s+bahwa)?"
    rf"|[Mm]enurut\s+(?P<who2>{_SEQ})|[Kk]ata\s+(?P<who3>{_SEQ}))\s*[,:]?\s*$"
)
_MENTION = re.compile(rf"(?P<who>{_SEQ})\s+{_ADVERBS}(?:{'|'.join(PRE_VERBS)})\b|[Mm]enurut\s+(?P<who2>{_SEQ})")


@functools.cache
def _place_words() -> frozenset[str]:
    names = " ".join([*regencies()["regency"], *provinces()["province"]])
    abbreviations = ";".join([*regencies()["abbreviations"], *provinces()["abbreviations"]])
    return frozenset(names.split()) | frozenset(a for a in abbreviations.split(";") if a)


@functools.cache
def _not_names() -> frozenset[str]:
    """Capitalised words that are never part of a person's name: roles, honorifics, pronouns, places, acronyms."""
    return ROLE_WORDS | HONORIFICS | PRONOUNS | _place_words() | {acronym for _, acronym in institutions()}


def _is_name_token(token: str) -> bool:
    return (
        token[:1].isupper()
        and token not in _not_names()
        and token.casefold() not in stopwords_set()
        and not (token.isupper() and len(token) > 1)  # acronyms: ASN, BKPSDM, PPU
    )


def abbreviate_institutions(text: str) -> str:
    """Replace long institution names with their acronyms (``data/institutions.csv``).

    >>> abbreviate_institutions("Kepala Badan Kepegawaian Daerah")
    'Kepala BKD'
    """
    for long_name, acronym in institutions():
        text = re.sub(rf"\b{re.escape(long_name)}\b", acronym, text)
    return text


def split_role_name(phrase: str) -> tuple[str, str]:
    """Split ``"Pj Bupati PPU Makmur Marbun"`` into role and person name.

    >>> split_role_name("Pj Bupati Pulang Pisau Hj Nunu Andriani")
    ('Pj Bupati Pulang Pisau Hj', 'Nunu Andriani')
    >>> split_role_name("Kepala BKPSDM Kabupaten Bondowoso")
    ('Kepala BKPSDM Kabupaten Bondowoso', '')
    """
    tokens = phrase.split()
    i = len(tokens)
    while i > 0 and _is_name_token(tokens[i - 1]):
        i -= 1
    return " ".join(tokens[:i]), " ".join(tokens[i:])


def _full_name(name: str, text: str) -> str:
    """The longest form of a person's name written in the article (``Rody`` → ``Rody Iskandar``)."""
    best = name
    for run in re.finditer(rf"{_TOKEN}(?:\s+{_TOKEN})*", text):
        tokens = run.group().split()
        parts = name.split()
        for i in range(len(tokens) - len(parts) + 1):
            if tokens[i : i + len(parts)] == parts:
                start, end = i, i + len(parts)
                while start > 0 and _is_name_token(tokens[start - 1]):
                    start -= 1
                while end < len(tokens) and _is_name_token(tokens[end]):
                    end += 1
                candidate = " ".join(tokens[start:end])
                if len(candidate.split()) <= 4 and len(candidate.split()) > len(best.split()):
                    best = candidate
    return best


def _normalise_speaker(phrase: str, text: str) -> str:
    phrase = phrase.strip(" ,.")
    if not phrase or phrase in PRONOUNS:
        return ""
    role, name = split_role_name(phrase)
    if name:
        return _full_name(name, text)
    role = abbreviate_institutions(role)
    role = re.sub(r"\s+(?:Kabupaten|Kota|Provinsi|Kab\.)\s+.*$", "", role)
    return role


def _speaker_after(rest: str) -> str | None:
    """The speaker named after a post-quote verb (``ujar Rody``); None for a pronoun."""
    match = re.match(rf"\s+(?P<who>{_SEQ})(?:\s*,\s*(?P<name>{_SEQ}))?", rest)
    if not match or match["who"] in PRONOUNS:
        return None
    return match["name"] if match["name"] and not split_role_name(match["who"])[1] else match["who"]


def quotes_in_text(text: str) -> list[dict]:
    """Return the attributed direct-speech quotes of one article body, in order.

    A span in double quotes (straight or curly) counts as speech when an attribution
    verb follows it (``“…,” ujar Rody``, ``“…,” tandasnya``) or a speaker and verb lead
    into it (``Kepala BKPSDM menekankan bahwa "…"``). Quoted terms with no attribution,
    such as ``“Daftar Hitam”``, are not speech. Pronoun attributions (``ujarnya``, ``kata
    dia``) go to the most recent speaker named before the quote.

    >>> [q["speaker"] for q in quotes_in_text('“ASN harus netral,” kata Rody Iskandar. “Jaga integritas,” ujarnya.')]
    ['Rody Iskandar', 'Rody Iskandar']
    """
    mentions = [(m.start(), m["who"] or m["who2"]) for m in _MENTION.finditer(text)]
    quotes: list[dict] = []
    for match in _QUOTE_SPAN.finditer(text):
        quote = (match.group(1) or match.group(2)).strip()
        para_start = text.rfind("\n", 0, match.start()) + 1
        para_end = text.find("\n", match.end())
        after = text[match.end() : para_end if para_end >= 0 else len(text)]
        before = text[para_start : match.start()]
        who, how = None, ""
        post = _POST.match(after)
        pre = _PRE.search(before)
        if post:
            how = "after"
            if not post["nya"]:
                who = _speaker_after(post["rest"])
        elif pre:
            how = "before"
            who = pre["who"] or pre["who2"] or pre["who3"]
            if who and who.split()[0] in PRONOUNS:
                who = None
        else:
            continue  # a quoted term, not speech
        speaker = _normalise_speaker(who, text) if who else ""
        if not speaker:  # a pronoun: the latest named speaker before this quote
            since = quotes[-1]["end"] if quotes else 0
            recent = [w for pos, w in mentions if since <= pos < match.start()]
            named = [s for s in (_normalise_speaker(w, text) for w in reversed(recent)) if s]
            speaker = named[0] if named else (quotes[-1]["speaker"] if quotes else "")
        quotes.append(
            {
                "quote": quote.rstrip(" ,"),
                "speaker": speaker,
                "attribution": how,
                "start": match.start(),
                "end": match.end(),
            }
        )
    return quotes


def extract_quotes(df: pd.DataFrame) -> pd.DataFrame:
    """Return one row per direct quote: doc_id, quote, speaker, attribution, n_words.

    ``speaker`` is a person's name in its fullest written form (``Rody Iskandar``) or,
    when no one is named, the role as written with institutions abbreviated
    (``Kepala BKPSDM``). ``attribution`` says whether the verb came after or before.
    """
    rows = [
        {"doc_id": doc, **{k: v for k, v in q.items() if k not in ("start", "end")}, "n_words": len(words(q["quote"]))}
        for doc, text in zip(df["doc_id"], df["text"], strict=True)
        for q in quotes_in_text(text)
    ]
    return pd.DataFrame(rows, columns=["doc_id", "quote", "speaker", "attribution", "n_words"])


_ROLE_PART = r"(?:[A-Z][\w.'’-]*|\([^()]{1,12}\)|dan)"
_ROLE_RUN = re.compile(rf"((?:{_ROLE_PART}\s+)*{_ROLE_PART}),?\s*$")
ACTING = ("Pj", "Plt", "Plh")
HEADS = ("Bupati", "Wakil Bupati", "Wali Kota", "Wakil Wali Kota", "Gubernur", "Wakil Gubernur")


def _clean_office(role: str) -> str:
    role = re.sub(r"\([^()]*\)", " ", abbreviate_institutions(role))
    role = re.sub(r"\bPenjabat\b", "Pj", role)
    role = re.sub(r"\bWali\s*[Kk]ota\b", "Wali Kota", role)
    role = re.sub(r"(?<!Wali)\s+(?:Kabupaten|Kota|Provinsi|Kab\.)\s+.*$", "", role)
    tokens = [t.strip(",.") for t in role.split()]
    dropped = HONORIFICS | _place_words() | {"dan", ""}
    tokens = [t for t in tokens if t in ROLE_WORDS or t not in dropped]
    return " ".join(tokens)


def speaker_office(speaker: str, text: str) -> str:
    """Return the office of a speaker as the article states it (``Pj Bupati``, ``Sekda``, ``Ketua KASN``).

    A speaker quoted by role is their own office. For a name, the role written just before
    it (``Sekda Kobar, Rody Iskandar``; ``Penjabat (Pj) Bupati Pulang Pisau Hj Nunu
    Andriani``) is taken, with places dropped and institutions abbreviated. Empty if the
    article never says.

    >>> speaker_office("Agus Pramusinto", "Ketua Komisi Aparatur Sipil Negara, Agus Pramusinto hadir.")
    'Ketua KASN'
    """
    if not speaker:
        return ""
    if speaker.split()[0] in ROLE_WORDS:
        return _clean_office(speaker)
    first = speaker.split()[0]
    for match in re.finditer(rf"\b{re.escape(first)}\b", text):
        before = re.sub(
            rf"(?:\b(?:{'|'.join(map(re.escape, HONORIFICS))})\s*)+$",
            "",
            text[max(0, match.start() - 120) : match.start()],
        )
        run = _ROLE_RUN.search(re.split(r"[.!?;:]\s+", before)[-1])  # within the sentence
        if run and run.group(1).split()[0].strip("(") in ROLE_WORDS:
            office = _clean_office(run.group(1))
            if office and office.split()[0] in ROLE_WORDS | {"Pj", "Sekda", "Plt", "Plh"}:
                return office
    return ""


def office_type(office: str) -> str:
    """Classify an office: ``acting head`` (Pj/Plt), ``elected head`` (Bupati, Wali Kota, Gubernur and deputies),
    ``official`` (any other office) or ``not stated``."""
    if not office:
        return "not stated"
    if office.split()[0] in ACTING:
        return "acting head" if any(h in office for h in HEADS) else "official"
    return "elected head" if office in HEADS else "official"


def split_speech(text: str) -> tuple[str, str]:
    """Return ``(speech, narrative)``: the attributed direct quotes of a text, and the rest of it."""
    quotes = quotes_in_text(text)
    speech = "\n".join(q["quote"] for q in quotes)
    narrative, last = [], 0
    for q in quotes:
        narrative.append(text[last : q["start"]])
        last = q["end"]
    narrative.append(text[last:])
    return speech, " ".join(narrative)
