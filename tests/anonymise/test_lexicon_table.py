"""The shipped word-probability table: the same answers as spaCy's data, read without it."""

from __future__ import annotations

from importlib import resources

from qualcode.anonymise import lexicon


def test_the_shipped_table_is_spacys_head_exactly() -> None:
    # Built by benchmarks.lexicon_table; a new spacy-lookups-data needs it built again.
    shipped = resources.files("qualcode").joinpath("data", lexicon.TABLE_FILE).read_bytes()
    source = lexicon._probabilities()
    assert shipped == lexicon.table_bytes(source)
    table = lexicon.read_table(shipped)
    assert len(table.words) == len(source)
    assert all(table.get(word) == value for word, value in source.items())
    assert not any(lexicon.SEPARATOR in word for word in source)


def test_words_are_answered_without_reading_spacys_json() -> None:
    lexicon._probabilities.cache_clear()
    lexicon._table.cache_clear()
    lexicon.is_common_word.cache_clear()
    try:
        assert lexicon.is_common_word("harbour")
        assert not lexicon.is_common_word("Calderbrook")
        assert lexicon._probabilities.cache_info().currsize == 0
    finally:
        lexicon.is_common_word.cache_clear()


def test_any_word_round_trips_and_unknown_words_have_none() -> None:
    entries = {"the": -3.5, "\n\n": -9.25, "Zoë": -14.0, "": -12.0, "naïve-ish": -15.999912262}
    table = lexicon.read_table(lexicon.table_bytes(entries))
    assert {word: table.get(word) for word in entries} == entries
    assert table.get("them") is None
    assert table.get("th") is None
    assert table.get("zzz") is None
    assert lexicon.read_table(lexicon.table_bytes({})).get("the") is None
