"""The redaction scan's shortcuts find exactly what the plain whole-text scans find."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.anonymise import detectors, numbers
from qualcode.anonymise.detectors import detect
from qualcode.anonymise.hits import lines_with
from qualcode.anonymise.misspellings import FOLDED_WORD, SHORT_TEXT, _written
from qualcode.anonymise.normal import _TABLE, fold, form_pattern, forms_pattern
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry

NAMES = [
    "Mary O'Neill", "Siobhán D’Souza", "Zoë Brady-O'Brien", "Jo Pinder", "J.P. Morgan",
    "St Mungo's", "Saint Giles Trust", "Smith & Jones Ltd", "Women's Aid", "Anne-Marie Ng",
    "Ali bin Omar", "MacLeod", "O'Neill", "de Souza", "Tendai Moyo", "JP", "Hope",
]  # fmt: skip
PIECES = [
    *NAMES, "mary", "o'neill", "o neill", "oneill", "ONeill", "Womens Aid", "st mungos",
    "J P Morgan", "j.p.morgan", "Smith and Jones", "Brady–O'Brien", "D'Souza's", "Moyo_",
    "x'Hope", "_Hope", "'Hope'", "Hope's", "said", "the", "and", ".", ",", "-", "'", "’", "_",
    "07700 900123", "0161 496 0732", "SW1A 1AA", "AB 12 34 56 C", "943 476 5919", "A1234BC",
    "www.example.org", "https://x.org/a", "http://intranet/cases", "mind.org.uk", "e.g.",
    "it ended.Then", "Mr Kessler",
    "Dr. Ng", "Father Tom", "jo@example.org", "@tolver_valley", "2024", "10", "£5",
]  # fmt: skip
SEPARATORS = [" ", " ", "  ", "\n", "\n\n", ". ", ", ", "\u00a0", "-", "'", "’", "_", "\r\n"]
texts = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SEPARATORS)), max_size=40).map(
    lambda parts: "".join(p + s for p, s in parts)
)


@settings(max_examples=300, deadline=None)
@given(texts, st.lists(st.sampled_from(NAMES), min_size=1, max_size=8, unique=True))
def test_grouped_alternation_matches_as_the_flat_one(text: str, values: list[str]) -> None:
    folded = fold(text).text
    grouped = re.compile(rf"(?<!\w)(?:{forms_pattern(values)})(?!\w)")
    flat = re.compile(rf"(?<!\w)(?:{'|'.join(form_pattern(v) for v in values)})(?!\w)")
    for start in range(len(folded) + 1):
        found, expected = grouped.search(folded, start), flat.search(folded, start)
        assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=300, deadline=None)
@given(texts, st.sets(st.sampled_from(["hope", "o'neill", "mary", "jo", "neill", "o", "s"])))
def test_written_words_are_the_tokens_that_equal_them(text: str, words: set[str]) -> None:
    folded = fold(text).text
    expected = [m.span() for m in FOLDED_WORD.finditer(folded) if m.group() in words]
    assert _written(folded, words) == expected
    padded = folded + " " * SHORT_TEXT  # the long text's search
    assert _written(padded, words) == expected


@settings(max_examples=500, deadline=None)
@given(st.text() | texts | st.text(alphabet="ΣΩσςİıİßẞ£€’‘–—.-`\u00ad\u200b\u0301\t\n aZé．K"))
def test_fold_is_the_translation_character_by_character(text: str) -> None:
    folded = fold(text)
    assert folded.text == text.translate(_TABLE)
    kept = [i for i, char in enumerate(text) if _TABLE[ord(char)]]
    assert folded.origin == (None if len(kept) == len(text) else kept)


# The URL trigger as first written: what the faster one must find on exactly the same lines.
PLAIN_URL_TRIGGER = re.compile(r"://|(?i:www\.)|[^\W_]\.[^\W\d_]")


@settings(max_examples=500, deadline=None)
@given(texts | st.text(alphabet="aZ1é._:/wW \n-"))
def test_url_trigger_finds_the_lines_the_plain_trigger_finds(text: str) -> None:
    assert list(lines_with(text, detectors.URL_TRIGGER)) == list(
        lines_with(text, PLAIN_URL_TRIGGER)
    )


def _whole_text(
    pattern: re.Pattern[str], text: str, trigger: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    return pattern.finditer(text)


@settings(max_examples=400, deadline=None)
@given(texts)
def test_detectors_skip_only_lines_that_cannot_match(text: str) -> None:
    fast = detect(text)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(detectors, "matches", _whole_text)
        patch.setattr(numbers, "matches", _whole_text)
        assert detect(text) == fast


def test_detectors_find_across_lines_of_every_kind() -> None:
    text = (
        "Call 07700 900123.\nSee www.example.org or mind.org.uk\nNI AB 12 34 56 C\n"
        "NHS 943 476 5919, A1234BC in SW1A 1AA\nMr Kessler"
    )
    kinds = {h.kind for h in detect(text)}
    assert {"phone", "url", "ni_number", "nhs_number", "prison_number", "postcode", "name"} <= kinds


def test_redactor_uses_the_grouped_alternation() -> None:
    redactor = Redactor([Entry("name", v) for v in NAMES])
    text = "Mary O’Neill met st mungos staff and Smith and Jones; J P Morgan wrote to Hope."
    keys = sorted(redactor.terms.by_form, key=len, reverse=True)
    forms = "|".join(form_pattern(redactor.terms.by_form[k].form) for k in keys if k)
    flat = re.compile(rf"(?<!\w)(?:{forms})(?!\w)")
    assert redactor._pattern is not None
    folded = fold(text).text
    assert [m.span() for m in redactor._pattern.finditer(folded)] == [
        m.span() for m in flat.finditer(folded)
    ]


@settings(max_examples=300, deadline=None)
@given(
    texts | st.text(alphabet="Mary O'Neil,.\n\u00ad&JP-’zx"),
    st.lists(st.sampled_from(NAMES), min_size=1, max_size=8, unique=True),
    st.data(),
)
def test_searches_from_outside_every_form_find_what_the_whole_search_finds(
    text: str, values: list[str], data: st.DataObject
) -> None:
    redactor = Redactor([Entry("name", v) for v in values])
    folded = fold(text)
    whole = redactor.find_written(text)
    starts = [m.end() for m in redactor.outside_forms.finditer(folded.text)]
    cuts = sorted(set(data.draw(st.lists(st.sampled_from(starts))) if starts else []))
    pieces = [
        redactor.find_written_from(text, folded, begin, stop)
        for begin, stop in zip([0, *cuts], [*cuts, len(folded.text)], strict=True)
    ]
    assert [r for piece in pieces for r in piece] == whole
    for begin in starts:  # to the end: the whole search's last spans
        found = redactor.find_written_from(text, folded, begin, len(folded.text))
        assert found == whole[len(whole) - len(found) :]
        for stop in range(begin, len(folded.text)):  # stopping anywhere: the first of them
            before = redactor.find_written_from(text, folded, begin, stop)
            assert before == found[: len(before)]
