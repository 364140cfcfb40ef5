"""One spelling to compare identifiers in: case, accents, apostrophes, dashes, dots folded."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

APOSTROPHES = "'’‘ʼ′`´"
# Joiners inside a compound name ("Brady-O'Neill"); en and em dashes also separate clauses.
HYPHENS = "-‐‑"
DASHES = HYPHENS + "‒–—―−﹣－"
# Letters NFD does not take apart, folded as a reader would read them without the accent.
UNDECOMPOSED = {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t"}
# Soft hyphens, zero-width spaces and joiners, word joiners, byte order marks...
INVISIBLE_CATEGORIES = frozenset({"Cf", "Mn", "Me"})
AMPERSAND = "(?: *& *| +and +)"
APOSTROPHE_AFTER_LETTER = "(?:' ?| )?"
ACRONYM_MAX = 4
WRAPPERS = ' \t\n"“”«»()[]{}' + APOSTROPHES
SAINT = "st"
SAINTS = ("saint", "st")  # "St Mungo's" is also written "Saint Mungo's"


def _fold_char(char: str) -> str:
    """One character folded to at most one: that is what keeps offsets easy to map back."""
    if char in APOSTROPHES:
        return "'"
    if char == "." or char in DASHES or char.isspace():
        return " "
    if unicodedata.category(char) in INVISIBLE_CATEGORIES:
        return ""
    # NFKD also reads full-width and styled letters ("Ｍ", "𝐌") as the plain letter.
    decomposed = unicodedata.normalize("NFKD", char)
    base = char
    if decomposed and all(unicodedata.category(mark) == "Mn" for mark in decomposed[1:]):
        base = decomposed[0]
    lower = base.lower()
    if len(lower) != 1:
        lower = base
    return UNDECOMPOSED.get(lower, lower)


class _FoldTable(dict[int, str]):
    """str.translate table filled in as characters are first seen."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = _fold_char(chr(code))
        return folded


_TABLE = _FoldTable()
# ASCII characters that fold to something other than their lowercase: spaces, dots, dashes...
_ASCII_SPECIAL = {
    chr(code): _fold_char(chr(code))
    for code in range(128)
    if _fold_char(chr(code)) != chr(code).lower()
}
_ASCII_BYTES = bytes(range(128))


def _folded_by_replacing(text: str) -> str | None:
    """What text.translate(_TABLE) gives, by a few whole-text replacements and one lower():
    several times faster on long texts holding a character beyond ASCII (str.translate then
    looks every character up). None when a character folds to nothing, or to a letter that
    lower() would change again ("İ"): then only translate gives the answer."""
    others = set()
    if not text.isascii():  # the UTF-8 bytes beyond ASCII are whole characters
        beyond = text.encode("utf-8", "surrogatepass").translate(None, _ASCII_BYTES)
        others = set(beyond.decode("utf-8", "surrogatepass"))
    for special, folded in _ASCII_SPECIAL.items():
        text = text.replace(special, folded)
    for char in others:
        folded = _TABLE[ord(char)]
        if len(folded) != 1 or folded.lower() != folded:
            return None
        text = text.replace(char, folded)
    # Only capital letters are left to lowercase (no capital sigma is left to end a word).
    return text.lower()


@dataclass(frozen=True)
class Folded:
    """A text in folded spelling, and where each of its characters came from in the original."""

    text: str
    origin: list[int] | None  # None when no character was dropped: offsets are the same

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The original offsets of the folded characters start..end."""
        if self.origin is None:
            return start, end
        return self.origin[start], self.origin[end - 1] + 1


def fold(text: str) -> Folded:
    """Lowercase, no accents, one apostrophe, dots, dashes and spaces as spaces, no invisibles."""
    folded = _folded_by_replacing(text)
    if folded is None:
        folded = text.translate(_TABLE)
    if len(folded) == len(text):
        return Folded(folded, None)
    return Folded(folded, [i for i, char in enumerate(text) if _TABLE[ord(char)]])


def plain(text: str) -> str:
    """Text as read: composed accents, without invisible characters (soft hyphens...)."""
    composed = unicodedata.normalize("NFC", text)
    return "".join(c for c in composed if unicodedata.category(c) != "Cf")


def match_key(folded: str) -> str:
    """What folded spellings of one value share: no apostrophes, '&' as "and", single spaces.

    A few spellings match a value's pattern but not its key ("o neill"): see squashed().
    """
    words = folded.replace("&", " and ").replace("'", "").split()
    return " ".join(SAINT if word in SAINTS else word for word in words)


def squashed(key: str) -> str:
    """A match key without its spaces, the fallback lookup for "O Neill" and "O' Neill"."""
    return key.replace(" ", "")


def _bare(value: str) -> str:
    """A registered value without the quotes or brackets a sheet may wrap it in; a bracket
    closing a note of the value ("Sara Lee (she/her)") is part of it."""
    bare = value.strip(WRAPPERS)
    lead = len(value) - len(value.lstrip(WRAPPERS))
    tail = value[lead + len(bare) :]
    return bare + ")" * min(bare.count("(") - bare.count(")"), tail.count(")"))


@lru_cache(maxsize=8192)
def form_key(value: str) -> str:
    """The match key of a value as registered."""
    return match_key(fold(_bare(value)).text)


def _apostrophe_may_follow(word: str, capitals: str, index: int) -> bool:
    """Where a value typed without its apostrophe may have one: "ONeill", "Womens", "Kings"."""
    if index == 0 or word[index - 1] == "'" or word[index] == "'":
        return False
    before, letter = capitals[index - 1], capitals[index]
    after = capitals[index + 1 : index + 2]
    starts_capitals = letter.isupper() and (before.islower() or after.islower())
    plural = word[index] == "s" and index == len(word) - 1 and index >= 3
    return starts_capitals or plural


def _word_pattern(word: str, capitals: str) -> str:
    if 2 <= len(word) <= ACRONYM_MAX and capitals.isupper() and word.isalpha():
        return " *".join(re.escape(char) for char in word)  # "JP" is also "J. P."
    pattern = ""
    for index, char in enumerate(word):
        if char == "'":
            # "O'Neill" is also written "O' Neill" and "O Neill"; elsewhere it may be dropped.
            pattern += APOSTROPHE_AFTER_LETTER if index == 1 else "'?"
            continue
        if _apostrophe_may_follow(word, capitals, index):
            pattern += "'?"
        pattern += re.escape(char)
    return pattern


def form_pattern(value: str) -> str:
    """A regex over folded text for every spelling of a value ("O'Neill", "ONeill", "o’neill")."""
    value = _bare(value)
    folded = fold(value)
    words = list(re.finditer(r"&|[^ &]+", folded.text))
    pattern = ""
    after_and = False
    for index, word in enumerate(words):
        if word.group() in ("&", "and") and 0 < index < len(words) - 1:
            pattern += AMPERSAND
            after_and = True
            continue
        if index and not after_and:
            # Initials may run together: "J.P. Morgan", "J P Morgan", "JP Morgan".
            initials = len(word.group()) == len(words[index - 1].group()) == 1
            pattern += " *" if initials else " +"
        if word.group() in SAINTS:
            pattern += f"(?:{'|'.join(SAINTS)})"
        else:
            capitals = "".join(value[folded.span(i, i + 1)[0]] for i in range(*word.span()))
            pattern += _word_pattern(word.group(), capitals)
        after_and = False
    return pattern


def _first_letter(value: str, pattern: str) -> str | None:
    """The one character every match of a value's pattern starts with, if the pattern says so."""
    words = fold(_bare(value)).text.split()
    if not words:
        return None
    first = words[0][0]
    opening = f"(?:{'|'.join(SAINTS)})" if words[0] in SAINTS else re.escape(first)
    rest = pattern[len(opening) :] if pattern.startswith(opening) else "?"
    return first if rest[:1] not in ("?", "*", "+", "{") else None


def forms_pattern(values: list[str]) -> str:
    """One alternation over the patterns of `values`, in their order, grouped by first letter.

    At any position only the group of that letter can match, so matches are those of the flat
    alternation; the regex engine then tries a few dozen groups instead of every value.
    """
    patterns = [form_pattern(value) for value in values]
    letters = [_first_letter(v, p) for v, p in zip(values, patterns, strict=True)]
    if None in letters:  # an optional first character ("'?neill"): keep the plain order
        return "|".join(patterns)
    groups: dict[str | None, list[str]] = {}
    for letter, pattern in zip(letters, patterns, strict=True):
        groups.setdefault(letter, []).append(pattern)
    return "|".join(f"(?:{'|'.join(group)})" for group in groups.values())
