"""First-name and surname lexicons (open census and registry lists in qualcode/data), read once."""

from __future__ import annotations

import gzip
import unicodedata
from functools import lru_cache
from importlib import resources

# Letters NFKD leaves whole, so "Wałęsa" and "Walesa" meet.
UNFOLDED = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ß": "ss"})
APOSTROPHES = str.maketrans("", "", "'’`")


@lru_cache(maxsize=65536)
def name_key(word: str) -> str:
    """How names are compared: lowercase, no accents, no apostrophes ("O’Néill" -> "oneill")."""
    decomposed = unicodedata.normalize("NFKD", word.translate(UNFOLDED))
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    return bare.translate(APOSTROPHES).lower()


# A binary search costs about 11 µs, a set of the 170,000 surnames 0.055 s to build: an export
# asks about a few hundred words, a check of a whole corpus about many thousands.
SEARCHES_BEFORE_SET = 4096


class SortedWords:
    """A sorted list of words, one a line, kept as the one string it is read as: looking a word
    up is a binary search, and loading builds no set of 170,000 strings (a third of the time a
    first export spent on the lists) until many words have been asked about."""

    def __init__(self, lines: str) -> None:
        self._text = "\n" + lines.strip("\n") + "\n"
        self._searches = 0
        self._set: frozenset[str] | None = None

    def __len__(self) -> int:
        return self._text.count("\n") - 1 if len(self._text) > 2 else 0

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str) or not word or "\n" in word:
            return False
        if self._set is not None:
            return word in self._set
        self._searches += 1
        if self._searches > SEARCHES_BEFORE_SET:
            self._set = frozenset(self._text.split())
            return word in self._set
        text = self._text
        low, high = 1, len(text)  # both a line's start (or the end): the line is in between
        while low < high:
            middle = (low + high) // 2
            start = text.rfind("\n", low - 1, middle) + 1
            end = text.index("\n", start)
            line = text[start:end]
            if line == word:
                return True
            if line < word:
                low = end + 1
            else:
                high = start
        return False


def _load(name: str) -> SortedWords:
    raw = resources.files("qualcode").joinpath("data", name).read_bytes()
    return SortedWords(gzip.decompress(raw).decode())  # written sorted by benchmarks.names_lists


@lru_cache(maxsize=1)
def first_names() -> SortedWords:
    """Keys of given names (about 13,500: British, Irish, US, African, South Asian, European)."""
    return _load("first-names.txt.gz")


@lru_cache(maxsize=1)
def surnames() -> SortedWords:
    """Keys of family names (about 170,000; US Census 2010 lists every name borne by 100 people)."""
    return _load("surnames.txt.gz")


def _parts(word: str) -> list[str]:
    return [p for p in name_key(word).split("-") if p]


@lru_cache(maxsize=65536)
def is_first_name(word: str) -> bool:
    """True when a word (or each part of a hyphenated one, "Anne-Marie") is a given name."""
    parts = _parts(word)
    return bool(parts) and all(p in first_names() for p in parts)


@lru_cache(maxsize=65536)
def is_surname(word: str) -> bool:
    """True when a word is a family name or a double-barrelled one ("Brady-O'Neill")."""
    parts = _parts(word)
    if len(parts) == 1:
        return parts[0] in surnames()
    return bool(parts) and all(p in first_names() or p in surnames() for p in parts)
