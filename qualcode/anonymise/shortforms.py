"""Short forms of registered organisations ("Northern Lights" of "Northern Lights Arts")."""

from __future__ import annotations

import re
from weakref import WeakKeyDictionary

from qualcode.anonymise.capitals import CAPITAL
from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.people import (
    ORGANISATION_WORDS,
    PLACE_OR_ORGANISATION,
    PLACE_WORDS,
    sentence_initial,
)
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import GENERIC_PARTS, Entry, tokens

Span = tuple[int, int, str]
# Between two words of a name: spaces, or a hyphen as Teams joins a title ("Northern
# Lights-20250611…"), and perhaps an ampersand or "and" ("Bridge & Gate").
SEPARATOR = r"(?:[ \u00a0]*[\-‐–][ \u00a0]*|[ \u00a0]+)(?:(?:&|and)[ \u00a0]+)?"
WRITTEN_WORD = re.compile(r"[^\W\d_][\w'’]*")
# A capitalised word right after a short form: the text names something longer ("Northern
# Ireland"), unless the word is one organisations end in ("Keyring Ltd").
NEXT_CAPITALISED = re.compile(rf"(?:[ \u00a0]+|[ \u00a0]*[\-‐–][ \u00a0]*){CAPITAL}[\w'’]*")
# A longer name going on after small words ("Friends of the Earth"), or a place word after
# an everyday one ("the Northern line").
LONGER_NAME = re.compile(rf"[ \u00a0]+(?:(?:of|the|for|&)[ \u00a0]+)+{CAPITAL}")
NEXT_LOWERCASE = re.compile(r"[ \u00a0]+([a-z]+)")

_cache: WeakKeyDictionary[Redactor, ShortForms] = WeakKeyDictionary()


def leading_parts(value: str) -> list[list[str]]:
    """The words of an organisation's name that people shorten it to: each leading part that
    ends in a distinctive word, after any generic opening ("The", "HMP"), and short of the
    whole name. "The Friends of Hollin Dene Library" -> Friends; Friends of Hollin; ..."""
    words = tokens(value)
    while words and words[0].lower() in GENERIC_PARTS:
        words = words[1:]
    parts = []
    for size in range(1, len(words)):
        part = words[:size]
        if part[-1].lower() in GENERIC_PARTS:
            continue
        if size == 1 and (len(part[0]) < 3 or part[0].lower() in PLACE_OR_ORGANISATION):
            continue  # "Housing" of "Housing Justice": a word, not the name
        parts.append(part)
    return parts


def _word_pattern(word: str) -> str:
    return re.escape(word).replace("'", "['’]").replace("’", "['’]")


class ShortForms:
    """The leading parts of registered organisations' names, found capitalised in a text."""

    def __init__(self, entries: list[Entry]) -> None:
        forms = {
            " ".join(part).lower(): part
            for entry in entries
            if entry.kind == "organisation"
            for part in leading_parts(entry.value)
        }
        longest = sorted(forms.values(), key=lambda p: (len(p), len(" ".join(p))), reverse=True)
        alternation = "|".join(SEPARATOR.join(map(_word_pattern, p)) for p in longest)
        self.pattern = (
            re.compile(rf"(?<![\w'’\-‐])(?:{alternation})(?!\w)", re.IGNORECASE)
            if alternation
            else None
        )

    def spans(self, text: str, covered: set[int], begin: int, stop: int) -> list[Span]:
        """Short forms in text[begin:stop] that start outside `covered`, as organisations."""
        found: list[Span] = []
        if self.pattern is None:
            return found
        position = begin
        while match := self.pattern.search(text, position, stop):
            start, end = match.span()
            position = start + 1
            if start not in covered and self._written_as_name(text, start, end):
                following = NEXT_CAPITALISED.match(text, end, stop)
                end = following.end() if following is not None else end  # "Keyring Ltd"
                found.append((start, end, "organisation"))
                position = end
        return found

    @staticmethod
    def _written_as_name(text: str, start: int, end: int) -> bool:
        """Capitalised, not an everyday word opening a sentence or before a place word, not
        the start of a longer name; what follows may be a word organisations end in ("Keyring
        Ltd")."""
        words = WRITTEN_WORD.findall(text, start, end)
        if any(not w[:1].isupper() for w in words if w.lower() not in GENERIC_PARTS):
            return False
        if LONGER_NAME.match(text, end):
            return False
        if len(words) == 1 and is_common_word(words[0]):
            after = NEXT_LOWERCASE.match(text, end)
            if sentence_initial(text, start) or (after and after.group(1) in PLACE_WORDS):
                return False
        following = NEXT_CAPITALISED.match(text, end)  # ends at a word organisations end in
        if following is None:
            return True
        word = WRITTEN_WORD.search(following.group())
        return word is not None and word.group().lower() in ORGANISATION_WORDS


def short_forms(redactor: Redactor) -> ShortForms:
    """The short forms of the organisations a redactor holds (worked out once per redactor)."""
    if redactor not in _cache:
        _cache[redactor] = ShortForms(redactor.entries)
    return _cache[redactor]
