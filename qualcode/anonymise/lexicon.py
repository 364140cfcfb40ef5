"""Everyday English words, from spaCy's lexeme probabilities, to tell words from names."""

from __future__ import annotations

import gzip
import json
import re
import struct
import sys
import zlib
from array import array
from bisect import bisect_left
from functools import lru_cache
from importlib import resources

from qualcode.anonymise.names import is_first_name, is_surname

# Log-probabilities from spacy-lookups-data (en_lexeme_prob): "hope" is -8.2, "Martin" -11.3,
# a word seen once in the corpus about -19.5.
COMMON_FLOOR = -15.5
# Words this frequent in lowercase are everyday words whatever their capitalised frequency
# ("yeah", "thanks", "oh" are often capitalised at the start of a turn).
EVERYDAY = -11.0
# A word counts as everyday when its lowercase form is about as frequent as its capitalised
# form or more ("hope" vs "Hope"); names are mostly written capitalised ("martin" vs "Martin").
CASE_MARGIN = 0.3
# Written capitalised this much more often than lowercase (log scale): a name ("Steve", "Leeds").
NAME_MARGIN = 2.0
NOT_IDENTIFYING = frozenset((
    "i", "i'm", "i've", "i'd", "i'll", "ok", "okay", "mr", "mrs", "ms", "dr", "st", "monday",
    "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "mondays", "tuesdays",
    "wednesdays", "thursdays", "fridays", "saturdays", "sundays", "january", "february", "march",
    "april", "may", "june", "july", "august", "september", "october", "november", "december",
    "christmas", "easter", "ramadan", "eid", "diwali", "covid", "brexit", "england", "scotland",
    "wales", "ireland", "britain", "uk", "gb", "europe", "european", "english", "scottish",
    "welsh", "irish", "british", "god", "christian", "christians", "muslim", "muslims", "jewish",
    "sikh", "hindu", "buddhist", "catholic", "catholics", "protestant", "anglican", "methodist",
    "quaker", "asian", "african", "caribbean", "polish", "indian", "pakistani", "bangladeshi",
    "nigerian", "ghanaian", "somali", "jamaican", "romanian", "lithuanian", "albanian",
    "eritrean", "kurdish", "arabic", "urdu", "punjabi", "bengali", "gujarati", "traveller",
    "travellers", "roma", "gypsy", "english-speaking", "zoom", "teams", "whatsapp", "google",
    "facebook", "twitter", "instagram", "covid-19", "coronavirus", "lockdown", "mastodon",
    "tiktok", "linkedin", "youtube", "bluesky", "snapchat", "excel", "outlook", "jobcentre",
    # Drugs and medicines people in treatment name, often capitalised as brands.
    "subutex", "suboxone", "espranor", "methadone", "buprenorphine", "naloxone", "nyxoid",
    "naltrexone", "antabuse", "acamprosate", "librium", "valium", "diazepam", "xanax",
    "pregabalin", "lyrica", "gabapentin", "tramadol", "fentanyl", "oxycodone", "codeine",
    "heroin", "cocaine", "ketamine", "mdma", "spice", "mamba", "sertraline", "citalopram",
    "mirtazapine", "zopiclone", "olanzapine", "quetiapine", "prozac", "paracetamol",
))  # fmt: skip
INNER_CAPITAL = re.compile(r"[a-z][A-Z]")
CLITIC = re.compile(r"(?:n['’]t|['’](?:s|d|ve|ll|re|m|t))$", re.IGNORECASE)


# The table is sorted from most to least frequent, so only its head needs parsing: everything
# rarer than this is treated as unknown, which gives the same answers (see COMMON_FLOOR).
RARE_ENTRY = re.compile(rb'":-(?:1[6-9]|[2-9][0-9])\.')
INFLATE_CHUNK = 64 * 1024


@lru_cache(maxsize=1)
def _probabilities() -> dict[str, float]:
    """The table's common head as spaCy's lookups data has it: what the shipped table is built
    from (reading it here takes 0.2 s, so qualcode reads _table() instead)."""
    data = resources.files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz")
    table: dict[str, float] = json.loads(_common_head(data.read_bytes()))
    return table


def _common_head(compressed: bytes) -> bytes:
    """The table's JSON up to its first rare entry, inflating only that far (a tenth of it)."""
    inflater = zlib.decompressobj(wbits=zlib.MAX_WBITS | 16)  # gzip framing
    raw = b""
    for first in range(0, len(compressed), INFLATE_CHUNK):
        searched = max(0, len(raw) - 32)  # an entry may straddle two chunks
        raw += inflater.decompress(compressed[first : first + INFLATE_CHUNK])
        rare = RARE_ENTRY.search(raw, searched)
        if rare is not None:
            return raw[: raw.rfind(b",", 0, rare.start())] + b"}"
    return raw + inflater.flush()


@lru_cache(maxsize=1)
def _dictionary_files() -> tuple[bytes, bytes]:
    """The JSON of English headwords (WordNet's, in spaCy's lookups) by part of speech, and of
    inflected forms with their headwords."""
    folder = resources.files("spacy_lookups_data").joinpath("data")
    return (
        gzip.decompress(folder.joinpath("en_lemma_index.json.gz").read_bytes()),
        gzip.decompress(folder.joinpath("en_lemma_lookup.json.gz").read_bytes()),
    )


@lru_cache(maxsize=1)
def _dictionary() -> frozenset[str]:
    """English headwords and their inflected forms."""
    index_json, forms_json = _dictionary_files()
    index: dict[str, list[str]] = json.loads(index_json)
    forms: dict[str, str] = json.loads(forms_json)
    return frozenset(w for words in index.values() for w in words) | frozenset(forms)


# Building the dictionary's set costs 0.07 s, searching its JSON for a word 0.3 ms: an export
# asks about a few words (rare sentence openers), a whole-corpus check about many.
SEARCHES_BEFORE_SET = 64
_searches = [0]


def in_dictionary(lower: str) -> bool:
    """True when a lowercase word is an English headword or an inflected form of one."""
    if _dictionary.cache_info().currsize or _searches[0] >= SEARCHES_BEFORE_SET:
        return lower in _dictionary()
    _searches[0] += 1
    return _in_dictionary_files(lower)


def _in_dictionary_files(lower: str) -> bool:
    """lower in _dictionary(), read from the JSON as written: a string opens with a quote
    and, in a list, ends before "," or "]", a key before ":" (the files escape nothing but
    "/", as tests/anonymise/test_lexicon.py checks)."""
    if not lower or any(c in lower for c in '"\\/') or not lower.isprintable():
        return lower in _dictionary()  # the JSON may escape it ("24\\/7"): ask the set
    index_json, forms_json = _dictionary_files()
    quoted = b'"' + lower.encode() + b'"'
    return quoted + b":" in forms_json or quoted + b"," in index_json or quoted + b"]" in index_json


# Not compressed: inflating it took as long as reading it all (git and wheels compress it).
TABLE_FILE = "word-probabilities.bin"
COUNT = struct.Struct("<I")
SEPARATOR = "\0"  # in no word of the table (tests/anonymise/test_lexicon_table.py checks)


class WordProbabilities:
    """_probabilities() as shipped in qualcode/data: its words in order and their values side by
    side, looked up by binary search, so loading builds no dict of 93,000 entries (0.2 s)."""

    def __init__(self, words: list[str], values: array[float]) -> None:
        self.words = words
        self.values = values

    def get(self, word: str) -> float | None:
        at = bisect_left(self.words, word)
        found = at < len(self.words) and self.words[at] == word
        return self.values[at] if found else None


def table_bytes(probabilities: dict[str, float]) -> bytes:
    """The shipped table's contents: the count of words, their values as
    little-endian doubles, then the words in sorted order, joined by SEPARATOR."""
    words = sorted(probabilities)
    values = array("d", (probabilities[w] for w in words))
    if sys.byteorder == "big":
        values.byteswap()
    return COUNT.pack(len(words)) + values.tobytes() + SEPARATOR.join(words).encode()


def read_table(data: bytes) -> WordProbabilities:
    """A table from table_bytes()'s contents."""
    (count,) = COUNT.unpack_from(data)
    end = COUNT.size + 8 * count
    values = array("d")
    values.frombytes(data[COUNT.size : end])
    if sys.byteorder == "big":
        values.byteswap()
    words = data[end:].decode().split(SEPARATOR) if count else []
    return WordProbabilities(words, values)


@lru_cache(maxsize=1)
def _table() -> WordProbabilities:
    """The word probabilities, read once from the table built from spaCy's lookups data by
    `python -m benchmarks.lexicon_table`."""
    return read_table(resources.files("qualcode").joinpath("data", TABLE_FILE).read_bytes())


def _prob(word: str) -> float | None:
    return _table().get(word)


@lru_cache(maxsize=65536)  # called for every capitalised word of every text checked
def without_clitic(text: str) -> str:
    """Text without a final possessive or contraction ("Mel's" -> "Mel", "We'd" -> "We")."""
    return CLITIC.sub("", text) or text


@lru_cache(maxsize=65536)
def _base(word: str) -> str:
    return without_clitic(word).lower()


def _pieces(word: str) -> list[str]:
    return [piece for piece in _base(word).split("-") if piece] or [_base(word)]


@lru_cache(maxsize=65536)
def is_common_word(word: str) -> bool:
    """True for an everyday English word ("hope", "will", "harbour"), false for "Martin"."""
    return all(_is_common(piece) for piece in _pieces(word))


def _is_common(lower: str) -> bool:
    if lower in NOT_IDENTIFYING:
        return True
    low = _prob(lower)
    if low is None or low < COMMON_FLOOR:
        return False
    if low >= EVERYDAY:
        return True
    capital = _prob(lower[:1].upper() + lower[1:])
    return capital is None or low >= capital - CASE_MARGIN


@lru_cache(maxsize=65536)
def is_name_like(word: str) -> bool:
    """True when a word is rare in lowercase or written far more often with a capital letter."""
    return any(_is_name_like(piece) for piece in _pieces(word))


def _is_name_like(lower: str) -> bool:
    if lower in NOT_IDENTIFYING:
        return False
    low = _prob(lower)
    if low is None or low < COMMON_FLOOR:
        return True
    capital = _prob(lower[:1].upper() + lower[1:])
    return capital is not None and capital >= low + NAME_MARGIN


@lru_cache(maxsize=65536)
def is_known_lowercase(word: str) -> bool:
    """True when a word is written in lowercase often enough to be a word ("trustees", "frank")."""
    return all(_known(piece) for piece in _pieces(word))


def _known(lower: str) -> bool:
    low = _prob(lower)
    return lower in NOT_IDENTIFYING or (low is not None and low >= COMMON_FLOOR)


@lru_cache(maxsize=65536)
def opens_sentence_as_word(word: str) -> bool:
    """True when a capitalised sentence opener is more likely a word than a name: written in
    lowercase often, or a dictionary word that is never seen capitalised ("Safeguarding")."""
    if is_known_lowercase(word):
        return True
    if INNER_CAPITAL.search(word) or is_first_name(word) or is_surname(word):
        return False  # "MacLeod", "Okafor": WordNet lists some people, as "macleod"
    return all(_dictionary_word(piece) for piece in _pieces(word))


def _dictionary_word(lower: str) -> bool:
    if in_dictionary(lower) and _prob(lower[:1].upper() + lower[1:]) is None:
        return True
    # A plural the word lists lack ("Lockdowns after violence"): its singular is a word.
    singular = _singular(lower)
    return singular is not None and _known(singular)


def _singular(lower: str) -> str | None:
    """The singular of a regular English plural ("lockdowns", "charities"), else None."""
    if len(lower) < 5 or not lower.endswith("s") or lower.endswith(("ss", "us", "is")):
        return None
    if lower.endswith("ies"):
        return lower[:-3] + "y"
    if lower.endswith(("ches", "shes", "sses", "xes")):
        return lower[:-2]
    return lower[:-1]


@lru_cache(maxsize=65536)
def is_not_identifying(word: str) -> bool:
    """True for the few capitalised words never worth flagging (days, months, nations)."""
    return _base(word) in NOT_IDENTIFYING
