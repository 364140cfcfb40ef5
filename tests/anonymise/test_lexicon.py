"""The lexicons: everyday words (spaCy's lookups data), given names and surnames (data/)."""

from __future__ import annotations

import gzip
import itertools
import json
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.anonymise import lexicon, names


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


@pytest.mark.parametrize(
    "word",
    ["Siobhan", "Wojciech", "Tomasz", "Kwame", "Priya", "Gurpreet", "Aoife", "Bernadette",
     "Chukwuemeka", "Anne-Marie", "Zoë", "Grace"],
)  # fmt: skip
def test_given_names_from_many_backgrounds(word: str) -> None:
    assert names.is_first_name(word)


@pytest.mark.parametrize(
    "word",
    ["Okafor", "Nowak", "Kowalczyk", "O'Neill", "O’Neill", "Siddiqui", "Mensah", "Wiśniewska",
     "McDonagh", "Nguyen", "Brady-O'Neill", "Adeyemi"],
)  # fmt: skip
def test_surnames_from_many_backgrounds(word: str) -> None:
    assert names.is_surname(word)


@pytest.mark.parametrize("word", ["Funding", "Probation", "Prisons", "Housing", "Clinks"])
def test_everyday_and_sector_words_are_no_given_names(word: str) -> None:
    assert not names.is_first_name(word)


def test_name_keys_fold_accents_apostrophes_and_case() -> None:
    assert names.name_key("O’Néill") == names.name_key("oneill") == "oneill"
    assert names.name_key("Wałęsa") == "walesa"


def test_name_lists_are_compact() -> None:
    data = resources.files("qualcode").joinpath("data")
    size = sum(data.joinpath(f).stat().st_size for f in ("first-names.txt.gz", "surnames.txt.gz"))
    assert size < 2_000_000
    assert len(names.first_names()) > 10_000 and len(names.surnames()) > 100_000


@pytest.mark.parametrize("file", ["first-names.txt.gz", "surnames.txt.gz"])
def test_name_lists_are_looked_up_as_their_sets(file: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(names, "SEARCHES_BEFORE_SET", 10**9)  # every word by binary search
    text = gzip.decompress(resources.files("qualcode").joinpath("data", file).read_bytes())
    words = text.decode().split()
    assert words == sorted(set(words))  # the binary search needs them sorted, once each
    listed = names.SortedWords(text.decode())
    assert len(listed) == len(words) and all(w in listed for w in words[::3])
    near = {w[:-1] for w in words[::7]} | {w + "a" for w in words[::7]} | {"", "a\nb", "zzzzzz"}
    assert {w for w in near if w in listed} == near & set(words)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.text(alphabet="abcé-", min_size=1, max_size=4), unique=True),
    st.lists(st.text("abcé-"), max_size=6),
)
def test_sorted_words_hold_what_the_set_holds(words: list[str], asked: list[str]) -> None:
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(names, "SEARCHES_BEFORE_SET", 3)  # searched first, then in the set
        listed = names.SortedWords("\n".join(sorted(words)))
        assert [w in listed for w in asked + words] == [w in set(words) for w in asked + words]
        assert len(listed) == len(words)


def test_the_dictionary_read_from_its_json_as_from_its_set() -> None:
    index_json, forms_json = lexicon._dictionary_files()
    files = index_json + forms_json  # nothing escaped but "/" ("24\\/7"): words as written
    assert files.count(b"\\") == files.count(b"\\/")
    index, forms = json.loads(index_json), json.loads(forms_json)
    headwords = [w for words in index.values() for w in words]
    asked = {*headwords[::50], *list(forms)[::50], *list(forms.values())[::50], *index}
    asked |= {w[:-1] for w in list(asked)[::3]} | {w + "s" for w in list(asked)[::3]}
    asked |= {"", "zzqx", 'a"b', "café", "naïve", "x\ny", "'cause", "cause'", "24/7", "a\\b"}
    dictionary = lexicon._dictionary()
    assert {w for w in asked if lexicon._in_dictionary_files(w)} == asked & dictionary


def test_many_dictionary_questions_are_asked_of_the_set(monkeypatch: pytest.MonkeyPatch) -> None:
    lexicon._dictionary.cache_clear()
    monkeypatch.setattr(lexicon, "_searches", [0])
    for _ in range(lexicon.SEARCHES_BEFORE_SET):
        assert lexicon.in_dictionary("safeguarding")
    assert lexicon._dictionary.cache_info().currsize == 0  # read from the JSON so far
    assert lexicon.in_dictionary("safeguarding") and not lexicon.in_dictionary("okafor")
    assert lexicon._dictionary.cache_info().currsize == 1


@pytest.mark.parametrize("word", ["Trustees", "Safeguarding", "Resettlement", "Funding", "Yeah"])
def test_sentence_openers_that_are_words(word: str) -> None:
    assert lexicon.opens_sentence_as_word(word)


@pytest.mark.parametrize(
    "word", ["Leeds", "Ellie", "Calderbrook", "Okafor", "MacLeod", "Mcallister"]
)
def test_sentence_openers_that_are_names(word: str) -> None:
    assert not lexicon.opens_sentence_as_word(word)


@pytest.mark.parametrize("chunk", [7, 64, 1000])
def test_only_the_common_head_is_inflated_wherever_the_chunks_fall(
    chunk: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    entries = {f"w{i}": -5.0 - i / 10 for i in range(120)} | {"rare": -16.25, "rarer": -19.5}
    compressed = gzip.compress(json.dumps(entries, separators=(",", ":")).encode())
    monkeypatch.setattr(lexicon, "INFLATE_CHUNK", chunk)
    head = json.loads(lexicon._common_head(compressed))
    assert head == {word: p for word, p in entries.items() if p > -16}
