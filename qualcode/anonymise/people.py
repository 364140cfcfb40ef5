"""Capitalised runs of words that nobody registered, told apart: person names, places, the rest."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache

from qualcode.anonymise.capitals import CAPITAL
from qualcode.anonymise.lexicon import (
    is_common_word,
    is_not_identifying,
    opens_sentence_as_word,
    without_clitic,
)
from qualcode.anonymise.names import is_first_name, is_surname
from qualcode.anonymise.terms import HONORIFICS, NAME_PARTICLES

SENTENCE_END = ".!?:;…"
OPENERS = " \t\u00a0\"'“‘([—–-*_>#"
SAINT = re.compile(r"(?<![\w'’])(?:St|St\.|Saint|Ste)[ \u00a0]$")
QUOTE_OPENERS = '"“‘(>'  # ">" ends a caption's voice tag (<v Sam>) or opens a quote
ACRONYM_MAX = 5
# A word that starts with a capital letter (scanning only these keeps long texts fast): its
# letters, apostrophes and hyphens, so a digit or "_" glued on ends it ("Fionnuala2" is a name).
CAPITALISED = re.compile(rf"(?<![\w'’\-]){CAPITAL}[^\W\d_]*(?:['’\-]+[^\W\d_]+)*")
# What may stand between two words of one name: a space, or an initial's full stop and a space.
GAP = re.compile(r"[ \u00a0]|\.[ \u00a0]")
# The lowercase word after a capitalised one ("line" in "the Victoria line").
NEXT_LOWERCASE = re.compile(r"[ \u00a0]+([a-z]+)")
# Lowercase particles inside names: "Ana de Souza", "Jan van der Berg", "Ali bin Omar".
PARTICLES = "|".join(sorted(NAME_PARTICLES))
JOIN = re.compile(rf"[ \u00a0](?:(?:{PARTICLES})[ \u00a0])*")
# Particles before a name's first capital ("and de la Cruz's deputy"): two or more, or one
# that is seldom an English word before a capital ("van Gogh", not "do", "al" or "ni").
PARTICLES_BEFORE = re.compile(
    rf"(?<![\w'’\-])(?:(?:{PARTICLES})[ \u00a0]){{2,}}$"
    r"|(?<![\w'’\-])(?:de|da|di|du|del|della|dos|das|van|von|bin|ibn|bint|le|la|ap)[ \u00a0]$"
)
# The last word of a place or organisation, not a surname ("Grace Street", "Hope Trust").
PLACE_WORDS = frozenset((
    "road", "rd", "street", "st", "lane", "avenue", "way", "drive", "close", "crescent", "square",
    "park", "gardens", "hill", "green", "estate", "station", "line", "bridge", "prison", "hmp",
    "court", "hospital", "ward", "wing", "house", "hall", "centre", "center", "college",
    "university", "school", "academy", "church", "chapel", "mosque", "temple", "library",
    "council", "borough", "county", "city", "town", "village", "airport", "market", "moor",
    "heath", "vale", "valley", "dale", "bay", "harbour", "quay", "wharf", "marsh", "forest",
    "downs", "meadows",
))  # fmt: skip
ORGANISATION_WORDS = frozenset((
    "trust", "foundation", "society", "association", "project", "projects", "network",
    "partnership", "partners", "charity", "charities", "group", "services", "service", "ltd",
    "limited", "plc", "llp", "cic", "cio", "alliance", "consortium", "federation", "institute",
    "agency", "collective", "coalition", "forum", "housing", "aid", "care", "works", "fund",
    "company", "co", "inc", "board", "team", "unit", "ministry", "department", "office",
    "league", "club", "union", "bank", "commission", "committee", "panel", "clinic", "surgery",
    "practice", "hub", "cafe", "café", "kitchen", "pantry", "press", "media", "radio", "news",
    "times", "gazette", "police", "constabulary", "probation", "tribunal", "army",
))  # fmt: skip
PLACE_OR_ORGANISATION = PLACE_WORDS | ORGANISATION_WORDS
# Place words that are also everyday British surnames: after a given name that is no word
# they end a person's name ("Sarah Green", "Deborah Hall"), after a word a place ("Hope Hall").
SURNAME_PLACES = frozenset(
    ["green", "hill", "hall", "ward", "marsh", "heath", "dale", "church", "court", "temple",
     "lane", "park", "wing", "house", "forest", "bridge", "close", "way"]
)  # fmt: skip
# Given names that name a faith or a people more often than a person in this field's talk.
NOT_PERSON = frozenset(["christian", "irish", "asia", "america", "africa", "so", "ok"])
DETERMINERS = frozenset(["the", "a", "an", "this", "that", "our", "their", "my", "your"])
# A verb of speaking after a word that is also an everyday word makes it a person ("Jo said").
SPEECH = re.compile(
    r"(?:['’]s)?[ \u00a0]+(?:said|says|told|tells|asked|asks|mentioned|reckons|reckoned|explained|"
    r"emailed|rang|phoned|texted|wrote|thinks|thought|suggested|agreed)\b"
)


@dataclass(frozen=True)
class Word:
    """One capitalised word of a run: where it is, and whether it starts a sentence."""

    start: int
    end: int
    text: str
    initial: bool
    base: str  # without a possessive: "Jo's" -> "Jo"


def sentence_initial(text: str, start: int) -> bool:
    """True when a word starts a sentence, a line, a speaker's turn, a quotation or a bracket
    (`he said, "Safeguarding comes first"`), where any word may be capitalised."""
    position = start - 1
    while position >= 0 and text[position] in OPENERS:
        if text[position] in QUOTE_OPENERS:
            return True
        position -= 1
    return position < 0 or text[position] == "\n" or text[position] in SENTENCE_END


@lru_cache(maxsize=65536)
def _acronym(word: str) -> bool:
    return sum(c.isupper() for c in word) >= 2 and len(word) <= ACRONYM_MAX


def _letter(word: Word) -> bool:
    return len(word.text) == 1 and word.text.isupper()


def _candidate(word: Word) -> bool:
    """A capitalised word worth flagging by itself: no everyday word, no acronym or number."""
    return _is_candidate(word.base, word.initial)


@lru_cache(maxsize=65536)
def _is_candidate(text: str, initial: bool) -> bool:
    if len(text) < 2 or any(c.isdigit() for c in text) or _acronym(text):
        return False
    if initial:  # "Trustees were nervous": a word people also write in lowercase
        return not opens_sentence_as_word(text)
    return not is_common_word(text)


def _given(word: Word) -> bool:
    return _is_given(word.base)


@lru_cache(maxsize=65536)
def _is_given(base: str) -> bool:
    return base.lower() not in NOT_PERSON and is_first_name(base)


def _strong_given(word: Word) -> bool:
    """A given name that is no everyday word: a person wherever it stands ("Siobhan")."""
    return _given(word) and not is_common_word(word.base)


def _family(word: Word) -> bool:
    return not _acronym(word.base) and (is_surname(word.base) or not is_common_word(word.base))


@lru_cache(maxsize=65536)
def _usable(word: str) -> bool:
    return word[:1].isupper() and not is_not_identifying(word) and word.lower() not in HONORIFICS


def _runs(text: str, covered: set[int], begin: int, stop: int) -> list[list[Word]]:
    """Runs of capitalised words joined by single spaces, initials' stops or particles."""
    runs: list[list[Word]] = []
    run: list[Word] = []
    for match in CAPITALISED.finditer(text, begin, stop):
        start, word = match.start(), match.group()
        if start in covered or not _usable(word):
            if run:
                runs.append(run)
            run = []
            continue
        if run:
            gap = text[run[-1].end : start]
            joined = JOIN.fullmatch(gap) is not None or (
                _letter(run[-1]) and GAP.fullmatch(gap) is not None
            )
            if not joined:
                runs.append(run)
                run = []
        initial = sentence_initial(text, start)
        run.append(Word(start, match.end(), word, initial, without_clitic(word)))
    if run:
        runs.append(run)
    return runs


def _next_word(text: str, word: Word) -> str:
    """The lowercase word right after a word, if any ("line" in "the Victoria line")."""
    after = NEXT_LOWERCASE.match(text[word.end : word.end + 24])
    return after.group(1) if after else ""


def _before_place(text: str, word: Word) -> bool:
    """True when a lowercase place or organisation word follows ("the Victoria line")."""
    return _next_word(text, word) in PLACE_OR_ORGANISATION


def _person(text: str, run: list[Word]) -> bool:
    """Whether a run (already trimmed of sentence openers) names a person."""
    first, last = run[0], run[-1]
    possessive = last.base != last.text
    if not possessive and _before_place(text, last):
        return False
    if last.base.lower() in PLACE_OR_ORGANISATION:
        surname = last.base.lower() in SURNAME_PLACES and is_surname(last.base)
        return len(run) == 2 and surname and _strong_given(first)
    speaks = SPEECH.match(text, last.end) is not None
    if len(run) >= 2:
        if any(w.base != w.text for w in run[:-1]):
            return False  # "King's Cross", "the Queen's Speech": a possessive inside, no name
        if not (_letter(first) or _given(first)):
            # "Tendai Moyo": a word no lexicon knows, then a family name that is no word.
            return _candidate(first) and is_surname(last.base) and not is_common_word(last.base)
        # "Mark Brown" mid-sentence; "Will Brown" opening a sentence needs a rarer surname.
        if first.initial and not _strong_given(first) and is_common_word(last.base):
            return speaks and is_surname(last.base)
        return _family(last)
    if _strong_given(first):
        return True
    if not _given(first):
        return False
    # A given name that is also a word (Hope, Grace, Will): a person when capitalised
    # mid-sentence and not after "the", when possessive ("Jo's") or before a verb of speaking.
    before = text[max(0, first.start - 12) : first.start].split()
    if before and before[-1].lower() in DETERMINERS:
        return False
    return not first.initial or speaks or possessive


def _kind(text: str, run: list[Word]) -> str:
    last = run[-1].base.lower()
    following = _next_word(text, run[-1]) if last == run[-1].text.lower() else ""
    if PLACE_WORDS.intersection((last, following)):
        return "place"
    if ORGANISATION_WORDS.intersection((last, following)):
        return "organisation"
    return "capitalised"


def _keeps_opener(text: str, run: list[Word]) -> bool:
    return _candidate(run[0]) or _strong_given(run[0]) or _person(text, run)


def _particles_before(text: str, start: int, begin: int, covered: set[int]) -> int:
    """Where a name starting at `start` starts with the particles before it ("de la Cruz")."""
    before = PARTICLES_BEFORE.search(text, max(begin, start - 40), start)
    if before is None or any(i in covered for i in range(before.start(), start)):
        return start
    return before.start()


def capitalised_spans(
    text: str, covered: set[int], begin: int = 0, stop: int | None = None
) -> list[tuple[int, int, str]]:
    """Spans of likely person names ("name") and other capitalised non-words, with a kind;
    in text[begin:stop] only, if given whole lines (the words around are read as context)."""
    spans: list[tuple[int, int, str]] = []
    for run in _runs(text, covered, begin, len(text) if stop is None else stop):
        named = _named_organisation(run)
        if named:
            spans.append((named[0].start, named[-1].start + len(named[-1].base), "organisation"))
            continue
        # A sentence's first word is trimmed unless it is a name ("Funding was cut" -> nothing).
        whole = len(run)
        while run and run[0].initial and not _keeps_opener(text, run):
            # The word after a dropped opener is judged as one ("But Resettlement is...").
            run = [replace(w, initial=True) if i == 0 else w for i, w in enumerate(run[1:])]
        if not run:
            continue
        end = run[-1].start + len(run[-1].base)
        saint = SAINT.search(text, max(0, run[0].start - 7), run[0].start)
        if saint is not None:  # St Mungo's, St Giles, St Helens: a church, charity or place
            if any(_candidate(w) or _given(w) for w in run):
                spans.append((saint.start(), end, "place"))
            continue
        # What is left of a capitalised phrase ("Housing First") is no person by a weak clue.
        if len(run) < whole and len(run) == 1 and not _strong_given(run[0]):
            if any(_candidate(w) for w in run):
                spans.append((run[0].start, end, _kind(text, run)))
            continue
        start = _particles_before(text, run[0].start, begin, covered)
        if _person(text, run):
            spans.append((start, end, "name"))
        elif any(_candidate(w) for w in run) and not all(_letter(w) for w in run):
            spans.append((start, end, _kind(text, run)))
    return spans


# Public services named the same everywhere: no one's organisation in particular.
GENERAL_BODIES = frozenset((
    "national probation service", "youth offending team", "youth offending service",
    "youth justice service", "crown prosecution service", "community rehabilitation company",
    "national health service", "local criminal justice board", "criminal justice board",
    "health and wellbeing board", "clinical commissioning group", "integrated care board",
    "prison and probation service", "legal aid agency", "youth justice board",
))  # fmt: skip


def _named_organisation(run: list[Word]) -> list[Word]:
    """The words of an organisation named in everyday words, or []: two capitalised words or
    more before an organisation word ("Open Book Trust", "New Leaf Project", "Fresh Start
    Housing"), as a charity's own name often is, after any "The" or "We're" opening the run;
    "the Probation Service" alone is too general to flag."""
    words = list(run)
    while words and (words[0].base.lower() in DETERMINERS or not words[0].text.isalpha()):
        words = words[1:]
    if len(words) < 3 or words[-1].base.lower() not in ORGANISATION_WORDS:
        return []
    if " ".join(w.base.lower() for w in words) in GENERAL_BODIES:
        return []
    return words if all(w.text.isalpha() for w in words) else []
