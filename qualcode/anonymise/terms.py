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
# A directory name, "Surname, Given" ("Lee, Sara", "van der Berg, Jan").
DIRECTORY = re.compile(r"([^,]+),([^,]+)")
# Words inside a name that name no one alone ("Ana de Souza", "Jan van der Berg", "Ali bin Omar").
NAME_PARTICLES = frozenset((
    "de", "da", "do", "dos", "das", "del", "della", "di", "du", "la", "le", "van", "von", "der",
    "den", "ter", "al", "el", "bin", "ibn", "bint", "ap", "ni", "nic",
))  # fmt: skip
# Names run together ("#SaraLee", "smithjones.pdf") shorter than this may be everyday words.
SQUASHED_MIN = 6
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


def _reading_order(name: str) -> str:
    """A directory name ("Lee, Sara") as it is read ("Sara Lee"); any other name as it is."""
    if directory := DIRECTORY.fullmatch(name):
        return f"{directory.group(2).strip()} {directory.group(1).strip()}"
    return name


def _without_particles(words: list[str]) -> tuple[list[str], list[str]]:
    """A name's words without the particles inside it, and each surname with its particles:
    "Jan van der Berg" -> ["Jan", "Berg"], ["van der Berg"]; "Siobhan O'Neill-de Souza" ->
    [..., "Souza"], ["de Souza", "O'Neill-de Souza"]. A capitalised first word or a last word
    is no particle ("Al Green", "Thanh Le"); a lowercase first one is ("van der Berg")."""
    kept: list[str] = []
    surnames: list[str] = []
    run: list[str] = []
    joined: str | None = None  # a hyphenated word ending in a particle: "O'Neill-de"
    for index, word in enumerate(words):
        last = index == len(words) - 1
        if (index > 0 or word.islower()) and not last and word.lower() in NAME_PARTICLES:
            run.append(word)
            continue
        kept.append(word)
        if run:
            surnames.append(" ".join([*run, word]))
        if joined is not None:
            surnames.append(f"{joined} {word}")
        run, joined = [], None
        pieces = HYPHEN.split(word)
        if not last and len(pieces) > 1 and pieces[-1].lower() in NAME_PARTICLES:
            run, joined = [pieces[-1]], word
    return kept, surnames


def squashed_form(form: str) -> str | None:
    """A name of several words run together as in a handle, tag or file name ("SaraLee",
    "SmithJones"); None when it is one word, or too short or common to tell from a word."""
    words = tokens(form)
    joined = HYPHEN.sub("", "".join(words))
    several = len(words) >= 2 or HYPHEN.search(words[0] if words else "") is not None
    long_enough = len(APOSTROPHE.sub("", joined)) >= SQUASHED_MIN
    return joined if several and long_enough and not is_common_word(joined) else None


def name_parts(entry: Entry) -> list[str]:
    """The parts of a value that identify on their own (first name, surname, "Calderbrook")."""
    if entry.kind in NAME_KINDS and (contact := contact_parts(entry.value)) is not None:
        return contact  # a caller's address or number as their display name
    words = tokens(entry.value)
    if entry.kind in NAME_KINDS:
        # A display name's note ("Sara Lee (she/her)", "(Guest)", "(Justice Dept)") names
        # no one with its everyday words: only its unusual ones ("(Kakaminvor Trust)") count.
        notes = tokens(" ".join(NOTE.findall(entry.value)))
        name = _reading_order(" ".join(NOTE.sub(" ", entry.value).split()))
        kept, surnames = _without_particles(tokens(name))
        words = [*kept, *(w for w in notes if not is_common_word(w))]
        parts = [
            without_clitic(w) for w in words if w.lower() not in HONORIFICS and not _is_initial(w)
        ]
        hyphenated = [
            piece
            for w in parts
            if HYPHEN.search(w)
            for piece in HYPHEN.split(w)
            if len(piece) > 1 and piece.lower() not in NAME_PARTICLES
        ]
        squashed = [s for w in [*name.split(), *surnames] if (s := squashed_form(w))]
        return list(dict.fromkeys([*parts, *surnames, *hyphenated, *squashed]))
    bare = [without_clitic(w) for w in words]
    return [
        w for w in bare if len(w) >= 3 and w.lower() not in GENERIC_PARTS and not is_common_word(w)
    ]


def whole_forms(entry: Entry) -> list[str]:
    """The ways a whole value is written: as registered, run together ("KakaminvorTrust")
    and, for a person's display name, without its note ("Sara Lee (she/her)": "Sara Lee") and
    in reading order ("Lee, Sara": "Sara Lee")."""
    forms = [entry.value]
    if entry.kind in NAME_KINDS:
        name = " ".join(NOTE.sub(" ", entry.value).split())
        forms += [name, _reading_order(name)]
    forms += [s for form in forms[1:] or forms if (s := squashed_form(form))]
    return [form for form in dict.fromkeys(forms) if tokens(form)]


def _all_common(words: list[str]) -> bool:
    return all(is_common_word(w) for w in words)


def build_terms(entries: list[Entry]) -> Terms:
    """Compile entries into the forms redaction looks for."""
    terms = Terms()
    for entry in entries:
        if entry.kind == "speaker" and is_role_speaker(entry.value):
            continue
        forms = whole_forms(entry)
        if not forms:
            continue
        for form in forms:
            terms.add(Term(form, entry, _all_common(tokens(form)), whole=True))
        parts = name_parts(entry)
        for part in parts:
            # A name part matches in any case ("marcus"); a word of an organisation or place
            # only capitalised, since alone in lowercase it is usually a word ("foodbank").
            everyday = is_common_word(part.split()[-1])  # "le Mot" as "Mot": capitalised
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
