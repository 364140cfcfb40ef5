"""Display names at a line start that are more than plain capitalised words: a directory name
("Achterberg, Yvonne:"), an initial ("Yvonne A.:", "Dr. Ade Bello:"), particles ("Maria de la
Cruz:", "Ana d'Souza:") or four words and more."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from functools import lru_cache

from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.names import is_first_name
from qualcode.anonymise.terms import HONORIFICS, NAME_PARTICLES

_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"
_TIME = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?[ \t]+)?"
# Up to six words spaces apart (a tab ends a label), a comma after one of them, a dot after
# each, then a bracketed note.
DISPLAY_NAME = (
    rf"{_WORD}\.?(?:,? +{_WORD}\.?){{0,5}}(?: +\d{{1,3}})?"
    r"(?:[ \t]+\([^()\n]{1,40}\))?"
)
_START = re.compile(
    rf"\n[ \t]*{_TIME}[*_]{{0,2}}(?P<label>{DISPLAY_NAME})[*_]{{0,2}}"
    r"[ \t]*:[*_]{0,2}(?=[ \t\n]|\Z)"
)
# A line's start up to its first colon (after any time), and what only a display name has
# there: a comma, dot or bracket, a lower-case word ("de", "d'Souza") or four words.
_LINE_HEAD = re.compile(rf"\n[ \t]*{_TIME}(?P<head>[^\n:]{{1,160}}):")
_LOWER_OR_LONG = re.compile(r"(?:^|[ \t*_])[a-z]|(?:\S+[ \t]+){3}\S")
_NOTE = re.compile(r"[ \t]*\([^()\n]*\)$")
# Titles written with a dot ("Dr. Bello", "Fr. Declan"); any other word with a dot must be an
# initial.
_TITLES = HONORIFICS | {"fr", "sr", "st"}
# A family name after a lower-case particle and an apostrophe: "d'Souza", "dell’Orto".
_ELIDED = re.compile(r"[a-z]{1,4}['’](?P<name>[^\W\d_].*)")
_MAX_WORDS = 5
# A citation's year in brackets ("Smith, J. (2019):", "Okafor (2021a, p. 4):"): an author cited
# in notes, not a speaker.
_CITED_YEAR = re.compile(r"\([ \t]*(?:1[5-9]|20)\d\d[a-z]?[ \t]*(?:[,:;][^()]*)?\)$")


def is_citation(label: str) -> bool:
    """True for a label ending in a bracketed year, as an author cited is written."""
    return _CITED_YEAR.search(label.strip()) is not None


def display_name_starts(
    text: str, start: int = 0, skip: Collection[int] = ()
) -> Iterator[tuple[int, str, str]]:
    """(line start, label, its name checked as a plain label) for each line from `start` that
    opens with a display name, other than at the line starts in `skip` (labels found already):
    "Achterberg, Yvonne:" -> "Achterberg, Yvonne" checked as "Achterberg Yvonne". Sentences
    ("However, the prison:", "Well, yes:") are ruled out here or by the caller's check of
    the plain name, which wants the label to recur."""
    padded = "\n" + text
    for line in _LINE_HEAD.finditer(padded, start):
        head = line.group("head")
        if line.start() in skip or not (
            "," in head or "." in head or "(" in head or _LOWER_OR_LONG.search(head)
        ):
            continue  # a plain label ("Sara Lee:") or none: segment's own pattern reads those
        m = _START.match(padded, line.start())
        if m is None:
            continue
        raw = " ".join(m.group("label").split())
        plain = _display_name(raw)
        if plain is not None:
            yield m.start(), raw, plain


@lru_cache(maxsize=4096)
def _display_name(raw: str) -> str | None:
    """The plain name of a label that has a display name's shape and a name's words."""
    plain = None if is_citation(raw) else plain_name(raw)
    return plain if plain is not None and name_like(plain) and _family_name_first(raw) else None


def plain_name(label: str) -> str | None:
    """The label's name as capitalised words ("Maria de la Cruz" -> "Maria Cruz", "Ana
    d'Souza" -> "Ana Souza", "Dr. Ade Bello (Guest)" -> "Dr Ade Bello"), or None if it is
    not a name's shape: two commas, a dot after a word that is neither a title nor an
    initial, a lower-case word that is no particle ("However, the prison")."""
    name = _NOTE.sub("", label)
    if name.count(",") > 1 or name.rstrip().endswith(","):
        return None
    words: list[str] = []
    for word in name.replace(",", " ").split():
        bare = word.rstrip(".")
        if word.endswith(".") and not (len(bare) == 1 or bare.lower() in _TITLES):
            return None
        if bare.endswith(("'s", "’s")):
            return None  # a possessive ("St. Mary's"), not a name
        if bare in NAME_PARTICLES:
            continue
        if not starts_capital(bare):
            return None
        elided = _ELIDED.fullmatch(bare)
        words.append(elided.group("name") if elided else bare)
    return " ".join(words) if words else None


def starts_capital(word: str) -> bool:
    """A word of a name as written with capitals: "Souza", "d'Souza", "McTavish", "2"."""
    elided = _ELIDED.fullmatch(word)
    first = elided.group("name")[0] if elided else word[0]
    return first.isupper() or first.isdigit()


def _family_name_first(label: str) -> bool:
    """In a directory name ("Achterberg, Yvonne") a word before the comma is no everyday
    word, as "However, Grace:" and "Well, Sara:" have."""
    family, comma, _ = label.partition(",")
    return not comma or any(not is_common_word(w) for w in (plain_name(family) or "").split())


def name_like(plain: str) -> bool:
    """A person's name rather than a phrase of everyday words ("Funding, Grants:"): one of
    its words is a given name or rare in English."""
    words = [w for w in plain.split() if not w.isdigit()]
    return len(words) <= _MAX_WORDS and any(
        is_first_name(w) or not is_common_word(w) for w in words
    )
