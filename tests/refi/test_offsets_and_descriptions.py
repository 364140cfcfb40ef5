"""Positions survive normalisation; a code's fields survive its Description."""

from __future__ import annotations

import tracemalloc

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.ingest.decode import normalise_text
from qualcode.refi.describe import compose, parse
from qualcode.refi.offsets import map_text

MESSY = st.text(
    alphabet=st.sampled_from(list("ab é\u0301\r\n\t \u00a0\u2028\x0b\x07\ufeffZ🙂\u1100\u1161")),
    max_size=60,
)


@settings(max_examples=300)
@given(MESSY)
def test_mapped_text_is_exactly_normalise_text(raw: str) -> None:
    mapped = map_text(raw)
    assert mapped.text == normalise_text(raw)
    assert len(mapped.origin) == len(mapped.text)
    assert list(mapped.origin) == sorted(mapped.origin)
    assert all(0 <= index < len(raw) for index in mapped.origin)


@settings(max_examples=300)
@given(MESSY, st.integers(0, 60), st.integers(0, 60))
def test_a_span_keeps_exactly_the_kept_characters_inside_it(raw: str, a: int, b: int) -> None:
    start, end = sorted((min(a, len(raw)), min(b, len(raw))))
    mapped = map_text(raw)
    new_start, new_end = mapped.span(start, end)
    inside = [i for i, origin in enumerate(mapped.origin) if start <= origin < end]
    assert list(range(new_start, new_end)) == inside


def test_crlf_trailing_spaces_and_blank_lines_move_positions() -> None:
    raw = "\ufeffQ: Why?  \r\n\r\n\r\n\r\nA: Because   \r\nthe tendering.\r\n"
    mapped = map_text(raw)
    assert mapped.text == "Q: Why?\n\nA: Because\nthe tendering."
    start = raw.index("tendering")
    new_start, new_end = mapped.span(start, start + len("tendering"))
    assert mapped.text[new_start:new_end] == "tendering"


def test_decomposed_accents_compose_and_keep_their_place() -> None:
    raw = "cafe\u0301 culture"
    mapped = map_text(raw)
    assert mapped.text == "café culture"
    assert mapped.text[slice(*mapped.span(0, 5))] == "café"
    assert mapped.text[slice(*mapped.span(6, 13))] == "culture"


def test_positions_of_a_large_source_take_a_few_bytes_per_character() -> None:
    # A (character, position) pair per character took over 200 bytes each: a 100 MB source
    # from a .qdpx exhausted 10 GB.
    raw = "Interviewer: what about the tender?  \r\n" * 5_000 + "cafe\u0301 " * 500
    tracemalloc.start()
    try:
        mapped = map_text(raw)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 60 * len(raw)
    start = raw.rindex("tender")
    assert mapped.text[slice(*mapped.span(start, start + 6))] == "tender"
    assert mapped.text.endswith("café café")


def test_already_normal_text_maps_to_itself() -> None:
    mapped = map_text("Plain text.\n\nTwo paragraphs.")
    assert mapped.span(3, 7) == (3, 7)
    assert isinstance(mapped.origin, range)


ITEMS = st.lists(st.text(alphabet=st.sampled_from(list("ab -:\n é")), max_size=12), max_size=3)


@settings(max_examples=300)
@given(
    st.text(alphabet=st.sampled_from(list("ab -:\n Kkqualcode")), max_size=40),
    st.sampled_from(["tendering", "a", "pbr-2"]),
    ITEMS,
    ITEMS,
    ITEMS,
    ITEMS,
)
def test_description_round_trips_every_field(
    description: str,
    key: str,
    include: list[str],
    exclude: list[str],
    examples: list[str],
    cues: list[str],
) -> None:
    lists = {"include": include, "exclude": exclude, "examples": examples, "cues": cues}
    parsed = parse(compose(description, key, lists))
    assert parsed.description == description
    assert parsed.key == key
    assert {name: parsed.lists.get(name, []) for name in lists} == lists


def test_description_reads_as_text_in_other_tools() -> None:
    text = compose(
        "Bidding for contracts.",
        "competitive-tendering",
        {"include": ["Winning or losing bids"], "cues": ["tender", "bid"], "exclude": []},
    )
    assert text == (
        "Bidding for contracts.\n\nqualcode key: competitive-tendering\nInclude:\n"
        "- Winning or losing bids\nCues:\n- tender\n- bid"
    )


def test_foreign_descriptions_stay_as_they_are() -> None:
    for text in ("", "Codes about money.", "qualcode key: Not A Slug", "x\nqualcode key: a\n?"):
        parsed = parse(text)
        assert (parsed.description, parsed.key, parsed.lists) == (text, None, {})
