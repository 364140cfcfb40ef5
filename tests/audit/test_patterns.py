"""Code frequency by attribute and co-occurrence: pure functions on hand-made data."""

from __future__ import annotations

from qualcode.analysis.patterns import (
    MAX_VALUES,
    NOT_RECORDED,
    Case,
    Cell,
    Span,
    co_occurrence,
    code_frequency,
)

PASSAGES = {1: [(0, 10), (12, 20), (22, 30)], 2: [(0, 10), (12, 20)]}
CASES = {
    1: Case("P1", {"sector": "charity", "size": "small"}),
    2: Case("P2", {"sector": "charity"}),
    3: Case("P2", {"sector": "charity"}),  # a second document of P2
    4: Case("Document 4", {"sector": " business "}),
}


def test_frequency_counts_codings_and_distinct_participants() -> None:
    spans = [
        Span(1, "b", "ana", 0, 5),
        Span(1, "b", "ben", 0, 5),
        Span(2, "b", "ana", 0, 5),
        Span(3, "b", "ana", 0, 5),
        Span(4, "a", "ana", 0, 5),
        Span(9, "a", "ana", 0, 5),  # a document with no case is left out
    ]
    result = code_frequency(spans, CASES, ["a", "b", "unused"])
    assert result.skipped == ()
    sector, size = result.tables
    assert sector.attribute == "sector"
    assert sector.values == ("business", "charity")
    assert sector.sizes == {"business": 1, "charity": 2}
    assert sector.rows == (
        ("a", {"business": Cell(1, 1), "charity": Cell(0, 0)}),
        ("b", {"business": Cell(0, 0), "charity": Cell(4, 2)}),
    )
    assert size.values == ("small", NOT_RECORDED)
    assert size.sizes == {"small": 1, NOT_RECORDED: 2}
    assert dict(size.rows)["b"] == {"small": Cell(2, 1), NOT_RECORDED: Cell(2, 1)}


def test_frequency_skips_attributes_with_too_many_values() -> None:
    cases = {d: Case(f"P{d}", {"age": str(20 + d), "sector": "x"}) for d in range(MAX_VALUES + 1)}
    result = code_frequency([Span(0, "a", "ana", 0, 1)], cases, ["a"])
    assert result.skipped == (("age", MAX_VALUES + 1),)
    assert [t.attribute for t in result.tables] == ["sector"]
    assert code_frequency([], {}, ["a"]).tables == ()


def test_co_occurrence_is_within_one_coder_per_passage() -> None:
    spans = [
        Span(1, "a", "ana", 0, 10),
        Span(1, "b", "ana", 5, 6),  # same passage, no overlap with the a span: still co-occurs
        Span(1, "a", "ben", 0, 4),
        Span(1, "b", "ben", 2, 3),  # ben too: passage 0 still counts once
        Span(1, "c", "ana", 12, 20),
        Span(1, "a", "ben", 15, 16),  # c by ana, a by ben: a disagreement, not a co-occurrence
        Span(2, "c", "ana", 8, 14),  # crosses passages 0 and 1 of document 2
        Span(2, "a", "ana", 12, 13),
        Span(2, "b", "ana", 10, 12),  # in the gap between passages: applied to none
        Span(1, "a", "ana", 20, 22),  # in the gap after passage 1: none
    ]
    co = co_occurrence(spans, PASSAGES, ["c", "b", "a"])
    assert co.codes == ("c", "b", "a")
    assert co.applied == {"c": 3, "b": 1, "a": 3}
    assert co.pairs == {("b", "a"): 1, ("c", "a"): 1}
    assert co.by_coder == {("b", "a"): {"ana": 1, "ben": 1}, ("c", "a"): {"ana": 1}}
    assert co.count("a", "c") == co.count("c", "a") == 1
    assert co.count("c", "b") == 0 and co.count("a", "a") == 3
    assert co.ranked() == [("c", "a", 1), ("b", "a", 1)]


def test_co_occurrence_of_nothing() -> None:
    co = co_occurrence([], PASSAGES, ["a"])
    assert co.codes == () and co.pairs == {} and co.ranked() == []


def test_values_differing_only_in_case_keep_one_order() -> None:
    """Sorted case-insensitively, with ties broken by the text: the same report on every run
    (a set's order changes with the hash seed)."""
    for order in (["chief executive", "Chief executive"], ["Chief executive", "chief executive"]):
        cases = {d: Case(f"P{d}", {"Role": role}) for d, role in enumerate(order)}
        cases[5] = Case("P5", {"role": "Abbot"})
        result = code_frequency([Span(0, "a", "ana", 0, 1)], cases, ["a"])
        assert [t.attribute for t in result.tables] == ["Role", "role"]
        assert result.tables[0].values == ("Chief executive", "chief executive", NOT_RECORDED)
