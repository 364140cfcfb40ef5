"""Registered identifiers turned into the forms people write them in: whole, in parts, initials."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qualcode.anonymise.contacts import contact_parts, is_phone_number
from qualcode.anonymise.lexicon import is_common_word, without_clitic
from qualcode.anonymise.normal import APOSTROPHES, HYPHENS, fold, form_key, plain

NAME_KINDS = frozenset({"name", "alias", "speaker"})
PLACEHOLDERS = {
    "name": "name",
    "alias": "name",
    "speaker": "name",
    "organisation": "organisation",
    "place": "place",
    "other": "redacted",
}
HONORIFICS = frozenset((
    "mr", "mrs", "ms", "miss", "mx", "dr", "prof", "professor", "sir", "dame", "lord", "lady",
    "rev", "revd", "reverend", "pastor", "imam", "rabbi", "cllr", "councillor",
))  # fmt: skip
# Generic speaker tags that name a role, not a person.
ROLE_SPEAKERS = frozenset((
    "interviewer", "interviewee", "respondent", "participant", "facilitator", "moderator",
    "speaker", "researcher", "q", "a", "i", "r", "p", "unknown",
))  # fmt: skip
# Parts of organisation and place names too generic to redact alone.
GENERIC_PARTS = frozenset(
    ["hmp", "hmyoi", "yoi", "st", "saint", "the", "of", "and", "for", "in", "on", "at", "nhs", "uk"]
)
TOKEN = re.compile(rf"[^\W_](?:[\w{APOSTROPHES}{HYPHENS}]*[^\W_])?")
HYPHEN = re.compile(f"[{HYPHENS}]")
NOTE = re.compile(r"\(([^()]*)\)")
APOSTROPHE = re.compile(f"[{APOSTROPHES}]")


def normalise(value: str) -> str:
    """The form values are compared in: lowercase, one space, straight apostrophes."""
    return " ".join(value.replace("’", "'").lower().split())


@dataclass(frozen=True)
class Entry:
    """A registered identifier: its kind, value and the participant it belongs to (if any)."""

    kind: str
    value: str
    participant: str | None = None

    @property
    def placeholder(self) -> str:
        return PLACEHOLDERS.get(self.kind, "redacted")

    @property
    def key(self) -> tuple[str, str]:
        """What a pseudonym key looks an identifier up by: placeholder kind and value."""
        return (self.placeholder, normalise(self.value))


@dataclass(frozen=True)
class Term:
    """One written form of an entry, and whether it must carry its capital letters to match."""

    form: str
    entry: Entry
    needs_capitals: bool
    whole: bool


@dataclass
class Terms:
    """Every form of every entry, looked up by its match key, plus the forms to match fuzzily."""

    by_form: dict[str, Term] = field(default_factory=dict)
    fuzzy: dict[str, Term] = field(default_factory=dict)
    initials: dict[str, set[str]] = field(default_factory=dict)

    def add(self, term: Term) -> None:
        """Keep one term per form: a whole value over a part, then the less strict one."""
        key = form_key(term.form)
        current = self.by_form.get(key)
        if current is None or (term.whole, not term.needs_capitals) > (
            current.whole,
            not current.needs_capitals,
        ):
            self.by_form[key] = term


def tokens(value: str) -> list[str]:
    """The words of a value, apostrophes (made straight) and hyphens kept inside words."""
    return TOKEN.findall(APOSTROPHE.sub("'", plain(value)))


def initial(word: str) -> str:
    """The letter a word is abbreviated to, folded ("Élodie" and "Elodie" give "E")."""
    return fold(word[:1]).text.upper()


def _is_initial(token: str) -> bool:
    return len(token.rstrip(".")) == 1


def is_role_speaker(value: str) -> bool:
    """True for speaker tags like "Interviewer", "Q" or "Speaker 2" (not a caller's number)."""
    words = [w for w in normalise(value).split() if not w.isdigit()]
    if not words and is_phone_number(value):
        return False
    return not words or all(w in ROLE_SPEAKERS for w in words)


def name_parts(entry: Entry) -> list[str]:
    """The parts of a value that identify on their own (first name, surname, "Calderbrook")."""
    if entry.kind in NAME_KINDS and (contact := contact_parts(entry.value)) is not None:
        return contact  # a caller's address or number as their display name
    words = tokens(entry.value)
    if entry.kind in NAME_KINDS:
        # A display name's note ("Sara Lee (she/her)", "(Guest)", "(Justice Dept)") names
        # no one with its everyday words: only its unusual ones ("(Kakaminvor Trust)") count.
        notes = tokens(" ".join(NOTE.findall(entry.value)))
        words = [*tokens(NOTE.sub(" ", entry.value)), *(w for w in notes if not is_common_word(w))]
        parts = [
            without_clitic(w) for w in words if w.lower() not in HONORIFICS and not _is_initial(w)
        ]
        hyphenated = [
            piece for w in parts if HYPHEN.search(w) for piece in HYPHEN.split(w) if len(piece) > 1
        ]
        return [*parts, *hyphenated]
    bare = [without_clitic(w) for w in words]
    return [
        w for w in bare if len(w) >= 3 and w.lower() not in GENERIC_PARTS and not is_common_word(w)
    ]


def _all_common(words: list[str]) -> bool:
    return all(is_common_word(w) for w in words)


def build_terms(entries: list[Entry]) -> Terms:
    """Compile entries into the forms redaction looks for."""
    terms = Terms()
    for entry in entries:
        if entry.kind == "speaker" and is_role_speaker(entry.value):
            continue
        words = tokens(entry.value)
        if not words:
            continue
        terms.add(Term(entry.value, entry, _all_common(words), whole=True))
        parts = name_parts(entry)
        for part in parts:
            # A name part matches in any case ("marcus"); a word of an organisation or place
            # only capitalised, since alone in lowercase it is usually a word ("foodbank").
            everyday = is_common_word(part)
            term = Term(part, entry, everyday or entry.kind not in NAME_KINDS, whole=False)
            terms.add(term)
            key = form_key(part)
            if len(key) >= 4 and " " not in key and not everyday:
                terms.fuzzy.setdefault(key, term)
        if entry.kind in NAME_KINDS and len(parts) >= 2:
            for part in parts:
                others = {initial(p) for p in parts if p != part}
                terms.initials.setdefault(form_key(part), set()).update(others)
    return terms
