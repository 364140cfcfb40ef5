"""The everyday-word lexicon: read from spaCy's lookups data, only its frequent head."""

from __future__ import annotations

import gzip
import itertools
import json
from importlib import resources

import pytest

from qualcode.anonymise import lexicon


@pytest.mark.parametrize("word", ["hope", "Will", "Rose", "harbour", "Yeah", "We'd", "drug-free"])
def test_everyday_words(word: str) -> None:
    assert lexicon.is_common_word(word)


@pytest.mark.parametrize("word", ["Martin", "Kessler", "Calderbrook", "Ellie", "Dean", "London"])
def test_names_are_not_everyday_words(word: str) -> None:
    assert not lexicon.is_common_word(word)


@pytest.mark.parametrize("word", ["Steve", "Leeds", "Calderbrook", "Aisha", "Mel's"])
def test_name_like(word: str) -> None:
    assert lexicon.is_name_like(word)


@pytest.mark.parametrize("word", ["Thanks", "Oh", "Because", "Monday", "Three-year", "Yep"])
def test_not_name_like(word: str) -> None:
    assert not lexicon.is_name_like(word)


def test_truncated_table_gives_the_full_tables_answers() -> None:
    # Reading only the head relies on the table being sorted, most frequent first.
    data = resources.files("spacy_lookups_data").joinpath("data", "en_lexeme_prob.json.gz")
    full: dict[str, float] = json.loads(gzip.decompress(data.read_bytes()))
    values = list(full.values())
    assert all(a >= b for a, b in itertools.pairwise(values))
    head = lexicon._probabilities()
    assert min(head.values()) <= lexicon.COMMON_FLOOR
    assert all(full[k] == v for k, v in list(head.items())[:: max(1, len(head) // 500)])
