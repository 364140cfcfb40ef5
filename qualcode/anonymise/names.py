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


def _load(name: str) -> frozenset[str]:
    raw = resources.files("qualcode").joinpath("data", name).read_bytes()
    return frozenset(gzip.decompress(raw).decode().split())


@lru_cache(maxsize=1)
def first_names() -> frozenset[str]:
    """Keys of given names (about 13,500: British, Irish, US, African, South Asian, European)."""
    return _load("first-names.txt.gz")


@lru_cache(maxsize=1)
def surnames() -> frozenset[str]:
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
    known = first_names() | surnames() if len(parts) > 1 else surnames()
    return bool(parts) and all(p in known for p in parts)
