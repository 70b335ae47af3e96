"""Speakers: the people an article introduces, the subjects of its sentences, and who an attribution names.

Owns the people of one article (``Cast``: each person's fullest written name and the office written
beside it, before or after the name, anywhere in the article), the subjects of speech verbs in the
narrative (``Rahmat menyebut``, ``Menurut Intan``, ``seorang warga … mengaku``) and the resolution of
an attribution: a name (``Intan`` → ``Intan Permatasari``), a role (``Pj Bupati`` → the person the
article introduced as Pj Bupati), a pronoun, or an unnamed source (``anonim: seorang warga``).
Phrases are split into role and name by ``netralitas.names``; ``netralitas.quotes`` finds the quotes.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from .names import HONORIFIC_DOT, PRONOUNS, RUN, office_of, parse_phrase, same_office, same_place
from .names import ROLE_START as ROLE_START  # re-exported: statistics.proper_noun_terms reads it here
from .text import stopwords_set

ANONYMOUS = r"(?:[Ss]alah\s+(?:seorang|satu)|[Ss]eorang|[Ss]ejumlah|[Pp]ara)"
SPEECH_VERBS = (
    "mengatakan menegaskan menekankan menjelaskan menyampaikan mengungkapkan menambahkan berkata mengingatkan "
    "meminta mengajak berharap memaparkan menuturkan menyebutkan mengimbau berpesan melanjutkan menerangkan "
    "menandaskan mengungkap menyebut menilai mengaku membeberkan menyatakan mengemukakan mengutarakan "
    "menginstruksikan menjawab bertutur berujar bercerita mengapresiasi"
).split()
_VERB = rf"(?:{'|'.join(SPEECH_VERBS)})\b"

QUOTE_SPAN = re.compile(r"“([^“”\n]+)”|\"([^\"\n]+)\"")
_GLUE = r"(?:\s+(?:juga|pun|kembali|lantas|lalu|kemudian|sempat|turut|pula|telah|sudah|akan|lebih\s+lanjut))*"
_DIRECT = re.compile(rf"(?:\s*,)?{_GLUE}\s+{_VERB}")
_LOOSE = re.compile(rf"(?:\s*,?\s+[a-z]+){{1,3}}?\s+{_VERB}")  # Rahmawati Sukri, dalam sambutannya menyampaikan
_PASSIVE = re.compile(r"\bdi(?:sampaikan|tegaskan|ungkapkan|jelaskan|katakan|paparkan|sebutkan)\s+(?:oleh\s+)?$")
_ANONYMOUS = re.compile(rf"\b{ANONYMOUS}\s+[a-zA-Z]")
_CLAUSE_START = re.compile(r"(?:^|[.!?,;:]\s*|\n\s*)$")
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*|[“\"]\s*)$")


def is_headline(line: str) -> bool:
    """A line in title case with no sentence end: a headline (``Baca Juga: …``, related links), not prose."""
    if re.match(r"\W*Baca\s+(?:juga|pula)\b", line, re.IGNORECASE):
        return True
    if len(line) > 200 or re.search(r"[.!?:”\"]\s*$", line):
        return False
    words = re.findall(r"[\w'’-]+", line)
    return 0 < len(words) <= 20 and sum(w[0].isupper() or w[0].isdigit() for w in words) >= 0.6 * len(words)


def masked(text: str) -> str:
    """The text with quoted speech and headline lines blanked out (same length), honorific dots dropped."""
    out = HONORIFIC_DOT.sub(r"\1 ", text)
    out = QUOTE_SPAN.sub(lambda m: m.group()[0] + " " * (len(m.group()) - 2) + m.group()[-1], out)
    return "\n".join(" " * len(line) if is_headline(line) else line for line in out.split("\n"))


@dataclass
class Person:
    """A person an article names: the fullest written name, the office written beside it, where they are named."""

    name: str
    office: str = ""
    place: str = ""
    seen: list[int] = field(default_factory=list)


@dataclass
class Mention:
    """Someone as the subject of a speech verb in the narrative (``Rahmat menyebut``, ``Menurut Intan``)."""

    pos: int
    paragraph: int
    kind: str  # person, role, anon, pronoun, other
    value: str


def _contains(long: list[str], short: list[str]) -> bool:
    return any(long[i : i + len(short)] == short for i in range(len(long) - len(short) + 1))


class Cast:
    """The people of one article and the subjects of its narrative sentences, for resolving attributions."""

    def __init__(self, text: str):
        self.text, self.raw = masked(text), text
        self.people: list[Person] = []
        runs = [(m.start(), m.end(), m.group()) for m in RUN.finditer(self.text)]
        for start, _, run in runs:
            self._add_run(run, start, bool(_SENTENCE_START.search(self.text[max(0, start - 3) : start])))
        self._merge_short_forms()
        self.mentions = self._mentions(runs)
        self._link_roles()

    # people ------------------------------------------------------------------------------
    def _add(self, name: list[str], role: list[str], place: list[str], pos: int) -> None:
        person = next((p for p in self.people if p.name.split() == name), None)
        if person is None:
            person = Person(" ".join(name))
            self.people.append(person)
        person.seen.append(pos)
        if role and not person.office:
            person.office, person.place = office_of(" ".join(role + place)), " ".join(place)

    def _add_run(self, run: str, pos: int, first: bool) -> None:
        parts = parse_phrase(run, first)
        for k, part in enumerate(parts):
            if not part.name or part.other:
                continue
            role, place = part.role, part.place
            before = [p for p in parts[:k] if not (p.other and p.place)]  # skip a place: Bupati Kudus, Jawa Tengah,
            if not role and before and before[-1].role and not before[-1].name:
                role, place = before[-1].role, before[-1].place
            if not role and k + 1 < len(parts) and parts[k + 1].role and not parts[k + 1].name:
                role, place = parts[k + 1].role, parts[k + 1].place  # apposition: Robert Ginting, Wakil Bupati
            if role or len(part.name) > 1:
                self._add(part.name, role, place, pos)

    def _merge_short_forms(self) -> None:
        """``Indra Jaya`` and ``Indra Jaya Lubis`` are one person when only one longer name contains the shorter."""
        for short in sorted(self.people, key=lambda p: len(p.name.split())):
            longer = [p for p in self.people if p is not short and _contains(p.name.split(), short.name.split())]
            if len(longer) == 1:
                longer[0].seen = sorted(longer[0].seen + short.seen)
                longer[0].office = longer[0].office or short.office
                longer[0].place = longer[0].place or short.place
                self.people.remove(short)

    def full_name(self, name: str, pos: int = 10**9) -> str:
        """The fullest form of a name the article writes (``Intan`` → ``Intan Permatasari``); of two people
        who share the name (``Agus``), the one named last before ``pos``."""
        tokens = name.split()
        found = [p for p in self.people if _contains(p.name.split(), tokens)]
        if found:
            return max(found, key=lambda p: (max([s for s in p.seen if s < pos], default=-1), len(p.name))).name
        written = [  # a name written only inside speech
            part.name
            for run in self._raw_runs
            if tokens[0] in run
            for part in parse_phrase(run)
            if not part.other and _contains(part.name, tokens)
        ]
        return " ".join(max(written, key=len, default=tokens))

    @functools.cached_property
    def _raw_runs(self) -> list[str]:
        """The capitalised runs of the whole text, speech included (found once per article)."""
        return [m.group() for m in RUN.finditer(self.raw)]

    def person(self, name: str) -> Person | None:
        return next((p for p in self.people if p.name == name), None)

    def holder(self, office: str, pos: int = 10**9, place: str = "") -> Person | None:
        """The person the article introduced in an office (``Pj Bupati`` → Agus Wiratmaja), or None;
        a place written with both (``Pj Bupati Bekasi``) must be the same."""
        found = [p for p in self.people if p.office and same_office(office, p.office) and same_place(place, p.place)]
        if not found:
            return None
        return max(found, key=lambda p: (max([s for s in p.seen if s < pos], default=-1), -self.people.index(p)))

    # attributions ------------------------------------------------------------------------
    def resolve(self, phrase: str, pos: int, first: bool = False) -> tuple[str, str]:
        """Who a capitalised phrase names: ``(kind, label)``; kind is person, role, pronoun or other."""
        words = phrase.replace(",", " ").split()
        if (
            not words
            or words[0] in PRONOUNS
            or re.fullmatch(r"Menurut(?:nya)?", words[0])
            and (len(words) == 1 or words[1] in PRONOUNS)
        ):
            return "pronoun", ""
        parts = parse_phrase(phrase, first)
        for part in parts:  # a place word is a name when the article names a person so (Bima → Bima Prasetya)
            name = " ".join(part.name)
            if name and (not part.other or self.full_name(name) != name):
                return "person", self.full_name(name, pos)
        if self.full_name(" ".join(words)) != " ".join(words):  # Lalu → Lalu Muhammad Amin
            return "person", self.full_name(" ".join(words), pos)
        if all(w.casefold() in stopwords_set() for w in words):
            return "pronoun", ""  # only a connector (Lalu, Kemudian): the subject is left implicit
        role = next((p for p in parts if p.role), None)
        if role:
            office = office_of(" ".join(role.role + role.place))
            holder = self.holder(office, pos, " ".join(role.place))
            return ("person", holder.name) if holder else ("role", office)
        return "other", phrase.strip(" ,")

    def _mentions(self, runs: list[tuple[int, int, str]]) -> list[Mention]:
        text, found = self.text, []
        breaks = [m.start() for m in re.finditer("\n", text)]
        for start, end, run in runs:
            before, after = text[max(0, start - 40) : start], text[end : end + 80]
            if not (run.startswith("Menurut") or _DIRECT.match(after) or _PASSIVE.search(before)
                    or _CLAUSE_START.search(before[-3:]) and _LOOSE.match(after)):  # fmt: skip
                continue
            kind, value = self.resolve(run, start, bool(_SENTENCE_START.search(before[-3:])))
            found.append(Mention(start, bisect.bisect(breaks, start), kind, value))
            if kind == "person":
                person = self.person(value) or Person(value)
                if person not in self.people:
                    self.people.append(person)
                person.seen.append(start)
        for m in _ANONYMOUS.finditer(text):
            clause = re.match(r"[^.;:!?\n]{0,160}", text[m.start() :]).group()
            verbs = [v.start() for v in re.finditer(rf"\b{_VERB}", clause)]
            verb = next((v for v in verbs if not re.search(r"\byang\s+$", clause[:v])), 0)  # not inside ``yang …``
            desc = clause[:verb].strip(" ,")
            if desc and len(desc.split()) <= 16:
                desc = desc[0].lower() + desc[1:]
                found.append(Mention(m.start(), bisect.bisect(breaks, m.start()), "anon", desc))
        return sorted(found, key=lambda x: x.pos)

    def _link_roles(self) -> None:
        """A role with no named holder, then a name with no office in the same paragraph: one person.

        ``Bupati juga mengingatkan … Sehingga, Kustini berharap …``: the article's Bupati is Kustini.
        """
        waiting: Mention | None = None
        for mention in self.mentions:
            if waiting and mention.paragraph != waiting.paragraph:
                waiting = None
            if mention.kind == "role" and self.holder(mention.value) is None:
                waiting = mention
            elif mention.kind == "person" and waiting:
                person = self.person(mention.value)
                if person and not person.office:
                    person.office = waiting.value
                    for m in self.mentions:
                        if m.kind == "role" and m.value == waiting.value:
                            m.kind, m.value = "person", person.name
                waiting = None


@functools.lru_cache(maxsize=64)
def cast(text: str) -> Cast:
    """The people of an article (cached for the last 64 texts: quotes and offices ask for the same text)."""
    return Cast(text)
