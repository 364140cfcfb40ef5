"""Edge cases: unused codes, codes used everywhere, empty documents, overlaps, missing data."""

from __future__ import annotations

import pytest

from qualcode.stats import (
    UNIT_DESCRIPTIONS,
    AgreementRow,
    Coding,
    Disagreement,
    Document,
    Passage,
    Unit,
    compare,
    disagreements,
)

DOC = Document(1, 100, (Passage(0, 40), Passage(40, 70), Passage(75, 100)))


def code_row(codings: list[Coding], code: str, unit: Unit = "char") -> AgreementRow:
    report = compare(codings, [DOC], ["A", "B"], unit=unit, codes=[code])
    (row,) = report.by_code
    return row


@pytest.mark.parametrize("unit", ["char", "passage"])
def test_code_nobody_used_has_undefined_kappa_but_full_agreement(unit: Unit) -> None:
    row = code_row([Coding(1, "other", "A", 0, 10)], "unused", unit)
    assert row.pair.percent_agreement == 1.0
    assert row.pair.kappa.value is None
    assert row.pair.kappa.reason == "no variation: neither coder applied this code"
    assert row.alpha.value is None and row.alpha.reason is not None
    assert row.fleiss.value is None and row.fleiss.reason is not None
    assert row.pair.table.neither == row.n_units


@pytest.mark.parametrize("unit", ["char", "passage"])
def test_code_both_coders_used_everywhere(unit: Unit) -> None:
    codings = [Coding(1, "x", "A", 0, 100), Coding(1, "x", "B", 0, 100)]
    row = code_row(codings, "x", unit)
    assert row.pair.percent_agreement == 1.0
    assert row.pair.kappa.value is None
    assert row.pair.kappa.reason == "no variation: both coders applied the code to every unit"


def test_code_one_coder_used_everywhere_is_undefined_not_zero() -> None:
    codings = [Coding(1, "x", "A", 0, 100), Coding(1, "x", "B", 10, 30)]
    row = code_row(codings, "x")
    assert row.pair.table.both == 20 and row.pair.table.only_a == 80
    assert row.pair.percent_agreement == pytest.approx(0.2)
    assert row.pair.kappa.value is None
    reason = row.pair.kappa.reason or ""
    assert reason.startswith("A applied the code to every unit (B applied it to 20 of 100")
    assert row.alpha.value is not None and row.alpha.value < 0  # alpha still flags it


def test_code_only_one_coder_used_names_that_coder() -> None:
    row = code_row([Coding(1, "x", "B", 80, 90)], "x", "passage")
    assert row.pair.kappa.value is None
    assert (row.pair.kappa.reason or "").startswith("A never applied the code")
    assert row.pair.table.only_b == 1 and row.pair.table.neither == 2


def test_empty_document_contributes_no_units() -> None:
    empty = Document(2, 0, ())
    codings = [Coding(1, "x", "A", 0, 50), Coding(1, "x", "B", 10, 60)]
    units: tuple[Unit, ...] = ("char", "passage")
    for unit in units:
        report = compare(codings, [DOC, empty], ["A", "B"], unit=unit)
        row = report.by_document[1]
        assert row.document_id == 2 and row.n_units == 0
        assert row.pair.percent_agreement is None
        assert row.pair.kappa.value is None and row.pair.kappa.reason == "no units to compare"
        assert row.alpha.value is None and row.fleiss.value is None
        assert report.overall.pair.table == report.by_document[0].pair.table


def test_only_empty_documents() -> None:
    report = compare([], [Document(1, 0, ())], ["A", "B"], codes=["x"])
    assert report.overall.n_units == 0
    assert report.overall.pair.percent_agreement is None


def test_overlapping_codings_by_one_coder_are_a_union() -> None:
    codings = [
        Coding(1, "x", "A", 0, 30),
        Coding(1, "x", "A", 20, 50),
        Coding(1, "x", "A", 25, 35),
        Coding(1, "x", "B", 10, 45),
        Coding(1, "x", "B", 10, 45),
    ]
    table = code_row(codings, "x").pair.table
    assert (table.coded_a, table.coded_b) == (50, 35)
    assert (table.both, table.only_a, table.only_b, table.neither) == (35, 15, 0, 50)
    # po = .85, pe = .5 * .35 + .5 * .65 = .5
    assert code_row(codings, "x").pair.kappa.value == pytest.approx(0.7)


def test_adjacent_codings_neither_overlap_nor_leave_a_gap() -> None:
    codings = [Coding(1, "x", "A", 0, 20), Coding(1, "x", "A", 20, 40), Coding(1, "x", "B", 0, 40)]
    table = code_row(codings, "x").pair.table
    assert (table.both, table.only_a, table.only_b, table.neither) == (40, 0, 0, 60)


def test_touching_a_passage_boundary_does_not_code_it() -> None:
    # [30, 40) ends exactly where passage 1 starts; [70, 75) lies in the gap before passage 2.
    codings = [
        Coding(1, "x", "A", 30, 40),
        Coding(1, "x", "B", 39, 41),
        Coding(1, "x", "B", 70, 75),
    ]
    report = compare(codings, [DOC], ["A", "B"], unit="passage")
    table = report.overall.pair.table
    assert (table.both, table.only_a, table.only_b, table.neither) == (1, 0, 1, 1)


def test_passage_coded_by_only_one_coder_is_a_disagreement() -> None:
    codings = [
        Coding(1, "x", "A", 0, 10),
        Coding(1, "x", "B", 5, 15),
        Coding(1, "x", "B", 80, 85),
        Coding(1, "y", "A", 45, 50),
    ]
    found = disagreements(codings, [DOC], ["A", "B"])
    assert found == [
        Disagreement(1, 1, 40, 70, "y", ("A",), ("B",), ()),
        Disagreement(1, 2, 75, 100, "x", ("B",), ("A",), ()),
    ]


def test_reviewed_passages_give_missing_data() -> None:
    codings = [Coding(1, "x", "A", 0, 10), Coding(1, "x", "B", 0, 10), Coding(1, "x", "A", 80, 90)]
    # B reviewed passage 0 (and coded it) only: passages 1 and 2 are missing for B.
    reviewed = {"B": {(1, 0)}}
    report = compare(codings, [DOC], ["A", "B"], unit="passage", reviewed=reviewed)
    row = report.by_code[0]
    assert row.n_units == 3
    assert row.pair.table.n == 1 and row.pair.table.both == 1
    assert row.alpha.n_units == 1
    assert row.fleiss.value is None
    assert "not every coder rated every unit" in (row.fleiss.reason or "")
    # A coded passage 2, B did not review it: not a disagreement.
    found = disagreements(codings, [DOC], ["A", "B"], reviewed=reviewed)
    assert found == []
    # Without review data B's silence on passage 2 is "not coded": a disagreement.
    found = disagreements(codings, [DOC], ["A", "B"])
    assert [(d.passage_index, d.applied_by, d.not_applied_by) for d in found] == [
        (2, ("A",), ("B",))
    ]


def test_three_coders_disagreement_lists_who_did_what() -> None:
    codings = [Coding(1, "x", "A", 0, 10), Coding(1, "x", "C", 5, 15)]
    reviewed = {"B": set[tuple[int, int]]()}
    found = disagreements(codings, [DOC], ["A", "B", "C"], reviewed=reviewed)
    # A and C both applied x to passage 0 and B did not review it: they agree.
    assert found == []
    found = disagreements(codings, [DOC], ["A", "B", "C"])
    assert found == [Disagreement(1, 0, 0, 40, "x", ("A", "C"), ("B",), ())]


def test_codes_default_to_those_the_compared_coders_used() -> None:
    codings = [Coding(1, "b", "A", 0, 5), Coding(1, "a", "B", 0, 5), Coding(1, "z", "C", 0, 5)]
    report = compare(codings, [DOC], ["A", "B"])
    assert report.codes == ("a", "b")
    assert report.unit == "char" and report.unit_description == UNIT_DESCRIPTIONS["char"]


def test_document_filter_keeps_the_given_order() -> None:
    other = Document(2, 10, (Passage(0, 10),))
    codings = [Coding(2, "x", "A", 0, 5), Coding(1, "x", "B", 0, 5)]
    report = compare(codings, [DOC, other], ["A", "B"], document_ids=[2])
    assert report.document_ids == (2,)
    assert report.codes == ("x",)
    assert report.overall.pair.table.only_a == 5 and report.overall.pair.table.only_b == 0


def test_pair_property_refuses_more_than_two_coders() -> None:
    report = compare([], [DOC], ["A", "B", "C"], codes=["x"])
    assert len(report.overall.pairs) == 3
    with pytest.raises(ValueError):
        _ = report.overall.pair


@pytest.mark.parametrize(
    ("codings", "docs", "coders", "message"),
    [
        ([], [DOC], ["A"], "at least two coders"),
        ([], [DOC], ["A", "A"], "listed twice"),
        ([Coding(9, "x", "A", 0, 1)], [DOC], ["A", "B"], "not in `documents`"),
        ([Coding(1, "x", "A", 5, 5)], [DOC], ["A", "B"], "empty or outside"),
        ([Coding(1, "x", "A", 90, 101)], [DOC], ["A", "B"], "empty or outside"),
        ([], [DOC, DOC], ["A", "B"], "listed twice"),
        ([], [Document(1, 10, (Passage(0, 5), Passage(4, 8)))], ["A", "B"], "overlaps"),
        ([], [Document(1, 10, (Passage(0, 11),))], ["A", "B"], "outside the document"),
    ],
)
def test_invalid_input_is_refused(
    codings: list[Coding], docs: list[Document], coders: list[str], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        compare(codings, docs, coders)


def test_unknown_unit_and_bad_review_key_are_refused() -> None:
    with pytest.raises(ValueError, match="unit"):
        compare([], [DOC], ["A", "B"], unit="word")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="has 3 passages"):
        compare([], [DOC], ["A", "B"], unit="passage", reviewed={"A": {(1, 3)}})
