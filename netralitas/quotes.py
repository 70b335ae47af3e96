"""Quotes: direct speech in an article, who said it, and in which office.

Owns the attribution verbs (``ujar``, ``kata``, ``menegaskan`` …), the quote spans and how each
is tied to its speaker (a verb after the quote, a lead-in before it, or the previous quote of the
same paragraph), offices (``speaker_office``, ``office_type``) and the split of a text into speech
and narrative. Who a name, a role or a pronoun refers to is ``netralitas.speakers``.
"""

from __future__ import annotations

import functools
import re

import pandas as pd

from .memo import remembered
from .names import ROLE_START, RUN, office_of
from .speakers import ANONYMOUS, QUOTE_SPAN, SPEECH_VERBS, Cast, cast
from .text import words

ROLE_WORDS = frozenset(  # words of offices and organs, never of names (also read by statistics.proper_noun_terms)
    "Bupati Wakil Pj Penjabat Plt Plh Sekda Sekretaris Kepala Ketua Wali Walikota Gubernur Camat Kadis Kabid Kabag "
    "Kasubbag Kasi Narasumber Direktur Menteri Anggota Kapolres Kapolda Dandim Komisioner Asisten Staf Inspektur "
    "Lurah Kades Presiden Pimpinan Koordinator Pejabat Perwakilan Deputi Dirjen Kabupaten Kota Provinsi Daerah "
    "Badan Dinas Bagian Pemerintah Kantor".split()
)
POST_VERBS = (
    "ujar kata tegas terang jelas pinta tandas tutup ucap sebut imbuh tambah papar ungkap lanjut pungkas urai "
    "tutur seru ajak harap sambung timpal jawab aku beber kilah pesan tukas cetus seloroh sahut tanya katanya"
).split()
_POST = re.compile(rf"^\s*[,.]?\s*(?:{'|'.join(POST_VERBS)})(?P<nya>nya)?\b(?P<rest>[^\n“”\"]{{0,160}})")
_POST_SUBJECT = re.compile(rf"^\s*[,.]?\s*(?P<who>{RUN.pattern})\s+(?:juga\s+)?(?:{'|'.join(SPEECH_VERBS)})\b")
_LEAD_VERB = re.compile(
    rf"(?:\b(?:{'|'.join(SPEECH_VERBS)})|\bdi(?:sampaikan|tegaskan|ungkapkan|jelaskan|katakan))(?:\s+bahwa)?\s*[,:]?\s*$"
)
_LEAD_NAMED = re.compile(rf"\b(?:[Mm]enurut|[Kk]ata)(?:nya|\s+(?P<who>{RUN.pattern}|dia|ia|beliau))\s*[,:]?\s*$")
_GLUE_BEFORE_VERB = re.compile(r"^(?:\s*,)?(?:\s*,?\s+[a-z]+){0,3}\s*$")
_LOWER_PHRASE = re.compile(r"\s+(?P<desc>[a-z][^.,;:!?“”\"\n]*)")
_DESCRIPTION_END = re.compile(r"\s+(?:saat|ketika|usai|seusai|sembari|sambil|dalam|pada|kepada|di\s+sela)\b.*$")
NO_ONE = "anonim: tidak disebut"


def _attribution(phrase_kind: str, label: str) -> str | None:
    """The speaker label of a resolved phrase; None for a pronoun (resolved from the context)."""
    if phrase_kind in ("person", "role"):
        return label
    if phrase_kind == "other":
        return f"anonim: {label}"  # an institution speaks: an unnamed voice of it
    return None


def _lower_speaker(desc: str, previous: list[dict], people: Cast, pos: int) -> str | None:
    """The speaker of a lower-case attribution: a pronoun (None), a source named before, or an unnamed source."""
    desc = _DESCRIPTION_END.sub("", desc).strip()
    if not desc or desc.split()[0] in ("dia", "ia", "beliau", "mereka"):
        return None
    demonstrative = re.match(r"(?P<noun>.+?)\s+(?:tersebut|itu|ini)$", desc, re.IGNORECASE)
    if demonstrative:  # ucap kepala sekolah tersebut: the source described before
        anonymous = [f"anonim: {m.value}" for m in people.mentions if m.kind == "anon" and m.pos < pos]
        anonymous += [q["speaker"] for q in previous if q["speaker"].startswith("anonim:")]
        same = [a for a in anonymous if demonstrative["noun"] in a]
        return same[-1] if same else None
    return f"anonim: {desc}"


def _speaker_after(rest: str, people: Cast, previous: list[dict], pos: int) -> str | None:
    """The speaker written after a post-quote verb (``ujar Rody``, ``kata Pj Bupati``, ``ujar seorang warga``,
    ``kata warga setempat, Budi``); None for a pronoun, left to the context."""
    named = re.match(rf"\s+(?P<who>{RUN.pattern})(?P<then>\s+(?:tersebut|itu|ini)\b)?", rest)
    if named:
        kind, label = people.resolve(named["who"], pos)
        if kind == "other" and named["then"]:  # kata ASN tersebut: the source described before
            return _lower_speaker(named.group().strip(), previous, people, pos)
        return _attribution(kind, label)
    lower = _LOWER_PHRASE.match(rest)
    if not lower:
        return None
    then_named = re.match(rf",\s*(?P<who>{RUN.pattern})", rest[lower.end() :])
    if then_named and people.resolve(then_named["who"], pos)[0] == "person":  # kata warga setempat, Budi
        return people.resolve(then_named["who"], pos)[1]
    return _lower_speaker(lower["desc"], previous, people, pos)


def _lead_in(before: str, people: Cast, offset: int) -> tuple[bool, str | None]:
    """Whether a lead-in introduces the quote (``Intan menegaskan, “…``), and its speaker (None: a pronoun)."""
    named = _LEAD_NAMED.search(before)
    if named:
        who = named["who"]
        if not who or who in ("dia", "ia", "beliau"):
            return True, None
        return True, _attribution(*people.resolve(who, offset + named.start("who")))
    verb = _LEAD_VERB.search(before)
    if not verb:
        return False, None
    clause = re.split(r"(?<=[.!?])\s+", before[: verb.start()])[-1]
    start = offset + verb.start() - len(clause)
    anonymous = re.search(rf"\b{ANONYMOUS}\s+.+$", clause)
    for run in reversed(list(RUN.finditer(clause))):
        if _GLUE_BEFORE_VERB.match(clause[run.end() :]) and not (anonymous and anonymous.start() <= run.start()):
            first = not clause[: run.start()].strip()
            return True, _attribution(*people.resolve(run.group(), start + run.start(), first))
    if anonymous:  # seorang warga mengatakan, “…”
        desc = anonymous.group().strip(" ,")
        return True, f"anonim: {desc[0].lower()}{desc[1:]}"
    return True, None


def _antecedent(people: Cast, since: int, pos: int, previous: list[dict]) -> str:
    """Who a pronoun (``ujarnya``, ``tegas dia``) refers to: the last subject since the previous quote,
    else the previous quote's speaker, else the last person named before the quote."""
    recent = [m for m in people.mentions if since <= m.pos < pos and m.kind in ("person", "role", "anon")]
    if recent:
        last = recent[-1]
        return f"anonim: {last.value}" if last.kind == "anon" else last.value
    if previous:
        return previous[-1]["speaker"]
    seen = [(max(s for s in p.seen if s < pos), p.name) for p in people.people if any(s < pos for s in p.seen)]
    return max(seen)[1] if seen else NO_ONE


def quotes_in_text(text: str) -> list[dict]:
    """Return the attributed direct-speech quotes of one article body, in order (see ``_quotes_of``).

    >>> [q["speaker"] for q in quotes_in_text('“ASN harus netral,” kata Rody Iskandar. “Jaga integritas,” ujarnya.')]
    ['Rody Iskandar', 'Rody Iskandar']
    """
    known = _KNOWN.get(text)
    return [dict(q) for q in (known[0] if known else _quotes_of(text))]  # copies: the kept ones stay as found


# Texts whose quotes are kept: a notebook asks for the quotes of one corpus several times (the quotes
# themselves, speech against narrative, the names of speakers). A few KB a text.
QUOTED_TEXTS_KEPT = 20_000


@functools.lru_cache(maxsize=QUOTED_TEXTS_KEPT)
def _quotes_of(text: str) -> tuple[dict, ...]:
    """Return the attributed direct-speech quotes of one article body, in order.

    A span in double quotes (straight or curly) counts as speech when an attribution verb
    follows it (``“…,” ujar Rody``, ``“…,” tandasnya``), a speaker and verb lead into it
    (``Kepala BKPSDM menekankan bahwa "…"``, ``Menurut Intan, "…"``), or it continues the
    previous quote of its paragraph after that quote's attribution (``"…," kata Sri. "…"``).
    Quoted terms with no attribution, such as ``“Daftar Hitam”``, are not speech.

    The speaker is a person's fullest written name (``Rody Iskandar``), found for a short name,
    a role the article gave to a named person (``kata Pj Bupati``) or a pronoun (``ujarnya``:
    the last subject before the quote); a role with no named holder (``Kepala BKPSDM``); or an
    unnamed source, ``anonim:`` and the description as written (``anonim: seorang warga``).
    ``attribution`` is ``after``, ``before`` or ``continued``.

    """
    people = cast(text)
    plain = people.text  # quotes blanked, same positions
    quotes: list[dict] = []
    for match in QUOTE_SPAN.finditer(text):
        para_start = text.rfind("\n", 0, match.start()) + 1
        para_end = text.find("\n", match.end())
        para_end = len(text) if para_end < 0 else para_end
        previous = quotes[-1] if quotes and quotes[-1]["end"] > para_start else None
        next_quote = QUOTE_SPAN.search(text, match.end(), para_end)
        after = plain[match.end() : next_quote.start() if next_quote else para_end]
        lead_from = previous["end"] if previous else para_start
        before = plain[lead_from : match.start()]
        lead_end = len(text[:para_start].rstrip())
        if not before.strip() and text[:lead_end].endswith(":"):  # Bupati mengatakan:\n\n“…”
            lead_from = text.rfind("\n", 0, lead_end) + 1
            before = plain[lead_from:lead_end]
        post, post_subject = _POST.match(after), _POST_SUBJECT.match(after)
        speaker, how = None, ""
        if post:
            how = "after"
            if not post["nya"]:
                speaker = _speaker_after(post["rest"], people, quotes, match.end())
        elif post_subject and (match.group().rstrip('”"').endswith(",") or after.lstrip().startswith(",")):
            how = "after"
            speaker = _attribution(*people.resolve(post_subject["who"], match.end()))
        else:
            introduced, speaker = _lead_in(before, people, lead_from)
            if introduced:
                how = "before"
            elif previous and re.fullmatch(rf"\s*[,.]?\s*(?:(?:{'|'.join(POST_VERBS)})\w*\b[^.!?]*[.,:]?)?\s*", before):
                how, speaker = "continued", previous["speaker"]
            else:
                continue  # a quoted term, not speech
        if speaker is None:
            since = quotes[-1]["end"] if quotes else 0
            speaker = _antecedent(people, since, match.start(), quotes)
        quotes.append(
            {
                "quote": (match.group(1) or match.group(2)).strip().rstrip(" ,"),
                "speaker": speaker,
                "attribution": how,
                "start": match.start(),
                "end": match.end(),
            }
        )
    return tuple(quotes)


def extract_quotes(df: pd.DataFrame) -> pd.DataFrame:
    """Return one row per direct quote: doc_id, quote, speaker, attribution, n_words.

    ``speaker`` is a person's name in its fullest written form (``Rody Iskandar``), the role
    as written with institutions abbreviated when no one holding it is named (``Kepala BKPSDM``),
    or ``anonim: <description>`` for an unnamed source. ``attribution`` says whether the verb
    came after the quote, a lead-in before it, or the quote continues the previous one.
    """
    texts = df["text"].reset_index(drop=True)
    found = _quotes_and_offices(texts)
    if len(_KNOWN) + len(texts) > QUOTED_TEXTS_KEPT:
        _KNOWN.clear()
    _KNOWN.update(zip(texts, found, strict=True))
    rows = [
        {"doc_id": doc, **{k: v for k, v in q.items() if k not in ("start", "end")}, "n_words": len(words(q["quote"]))}
        for doc, (quotes, _) in zip(df["doc_id"], found, strict=True)
        for q in quotes
    ]
    return pd.DataFrame(rows, columns=["doc_id", "quote", "speaker", "attribution", "n_words"])


# The quotes and speakers' offices of the texts extract_quotes last read (from the memo, perhaps): split_speech
# and speaker_office on those texts need no second reading of them.
_KNOWN: dict[str, tuple[tuple[dict, ...], dict[str, str]]] = {}


@remembered
def _quotes_and_offices(texts: pd.Series) -> list[tuple[tuple[dict, ...], dict[str, str]]]:
    """Each text's quotes, and the office of each of its speakers."""
    found = []
    for text in texts:
        quotes = _quotes_of(text)
        found.append((quotes, {q["speaker"]: _office(q["speaker"], text) for q in quotes}))
    return found


ACTING = ("Pj", "Plt", "Plh")
HEADS = ("Bupati", "Wakil Bupati", "Wali Kota", "Wakil Wali Kota", "Gubernur", "Wakil Gubernur")


def speaker_office(speaker: str, text: str) -> str:
    """Return the office of a speaker as the article states it (``Pj Bupati``, ``Sekda``, ``Ketua KASN``).

    A speaker quoted by role is their own office. For a name, the role the article writes
    beside it, before (``Sekda Kobar, Rody Iskandar``; ``Penjabat (Pj) Bupati Pulang Pisau Hj
    Nunu Andriani``) or after it (``Robert Ginting, Wakil Bupati Deli Serdang``), anywhere in
    the article, with places dropped, institutions abbreviated and the short form the article
    gives (``Sekretaris Daerah (Sekda)`` → ``Sekda``). Empty if the article never says, and for
    unnamed sources.

    >>> speaker_office("Agus Pramusinto", "Ketua Komisi Aparatur Sipil Negara, Agus Pramusinto hadir.")
    'Ketua KASN'
    """
    offices = _KNOWN.get(text, ((), {}))[1]
    return offices[speaker] if speaker in offices else _office(speaker, text)


def _office(speaker: str, text: str) -> str:
    if not speaker or speaker.startswith("anonim:"):
        return ""
    people = cast(text)
    person = people.person(speaker) or people.person(people.full_name(speaker))
    if person and person.office:
        return person.office
    if speaker.split()[0] in ROLE_START:
        return office_of(speaker)
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
