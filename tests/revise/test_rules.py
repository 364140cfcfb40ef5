"""The re-anchoring rules at a coding's edges, and the diff they rest on."""

from __future__ import annotations

import pytest

from qualcode.revise.anchor import MOVED, ORPHANED, RESIZED, UNCHANGED, Realignment, reanchor
from qualcode.revise.diff import diff_texts
from qualcode.revise.patience import matching_runs


def moved(old: str, new: str, words: str, occurrence: int = 0) -> str | None:
    """The new coded text of the `occurrence`-th `words` of old, or None when orphaned."""
    start = -1
    for _ in range(occurrence + 1):
        start = old.index(words, start + 1)
    span = Realignment(diff_texts(old, new)).span(start, start + len(words))
    outcome = reanchor(
        Realignment(diff_texts(old, new)), old, new, [(1, start, start + len(words))]
    )
    if span is None:
        assert outcome[0].status == ORPHANED
        return None
    return new[outcome[0].start : outcome[0].end]


OLD = "Priya said the council is slow to pay. Siobhan agreed with her."


@pytest.mark.parametrize(
    ("new", "words", "expected"),
    [
        # untouched words keep exactly their text, wherever they move
        ("Yes. " + OLD, "council is slow", "council is slow"),
        # insertions strictly inside a coding extend it
        (OLD.replace("is slow", "is very slow"), "council is slow", "council is very slow"),
        # insertions at a coding's start or end stay outside it
        (OLD.replace("the council", "the county council"), "council is slow", "council is slow"),
        (OLD.replace("slow to", "slow, they say, to"), "council is slow", "council is slow"),
        # deletions inside shrink it
        (OLD.replace("council is slow", "council slow"), "council is slow", "council slow"),
        # a replacement wholly inside stands in for the coded words
        (OLD.replace("Siobhan", "[name]"), "Siobhan agreed", "[name] agreed"),
        (OLD.replace("Siobhan", "[name]"), "Siobhan", "[name]"),
        # a replacement reaching outside the coding is not taken in
        (OLD.replace("Priya said", "She told me"), "said the council", "the council"),
        (
            OLD.replace("Priya said", "She told me"),
            "Priya said the council",
            "She told me the council",
        ),
        # a coding whose words were all deleted is orphaned
        (OLD.replace(" Siobhan agreed with her.", ""), "agreed with", None),
        # ... and so is one inside a rewritten sentence
        (OLD.replace("Siobhan agreed with her", "Nobody else commented"), "agreed", None),
        # a typo fixed inside a coding: letter by letter
        (OLD.replace("council", "counsil"), "the council is", "the counsil is"),
        # the space an edit leaves at a coding's edge is trimmed off
        (OLD.replace("is slow to", "to"), "is slow to pay", "to pay"),
    ],
)
def test_boundary_rules(new: str, words: str, expected: str | None) -> None:
    assert moved(OLD, new, words) == expected


def test_same_words_elsewhere_keep_their_own_place() -> None:
    old = "the end.\n\nthe end.\n\nthe end."
    new = "the end.\n\nthe very end.\n\nthe end."
    assert moved(old, new, "the end", 0) == "the end"
    assert moved(old, new, "the end", 1) == "the very end"
    assert moved(old, new, "the end", 2) == "the end"


def test_status_tells_moved_from_resized() -> None:
    old = "alpha beta gamma delta"
    new = "zero alpha beta gamma del"
    realignment = Realignment(diff_texts(old, new))
    spans = [(1, 0, 5), (2, 6, 10), (3, 17, 22)]
    statuses = [o.status for o in reanchor(realignment, old, new, spans)]
    assert statuses == [MOVED, MOVED, RESIZED]
    same = reanchor(Realignment(diff_texts(old, old + "!")), old, old + "!", spans)
    assert {o.status for o in same} == {UNCHANGED}


def test_a_coding_of_only_spaces_is_kept_rather_than_emptied() -> None:
    old, new = "a  b", "a X b"
    outcome = reanchor(Realignment(diff_texts(old, new)), old, new, [(1, 1, 3)])[0]
    assert outcome.status != ORPHANED and outcome.start < outcome.end


def test_positions_map_through_changes() -> None:
    old, new = "one two three", "one 2 three"
    realignment = Realignment(diff_texts(old, new))
    assert [realignment.point(p) for p in (0, 4, 5, 7, 8, 13)] == [0, 5, 5, 5, 6, 11]


@pytest.mark.parametrize(
    ("old", "new"),
    [("", "new text"), ("old text", ""), ("same", "same"), ("a\nb\nc", "a\nb\nc\nd")],
)
def test_diff_edges(old: str, new: str) -> None:
    blocks = diff_texts(old, new)
    assert "".join(new[b.j1 : b.j2] for b in blocks) == new
    assert sum(b.i2 - b.i1 for b in blocks) == len(old)


def test_redaction_does_not_hand_codings_to_chance_letters() -> None:
    old = "It was hard. Security clearance for our volunteers took four months. Then it got better."
    new = "It was hard. [redacted] Then it got better."
    assert moved(old, new, "Security clearance") is None
    assert moved(old, new, "volunteers took") is None
    assert moved(old, new, "Then it got") == "Then it got"


def test_blank_lines_do_not_anchor_a_line_diff() -> None:
    old = ["a\n", "\n", "b\n", "\n", "c\n"]
    new = ["x\n", "\n", "a\n", "\n", "c\n"]
    runs = matching_runs(old, new, lambda line: line.strip() != "")
    assert runs == [(0, 2, 1), (3, 3, 2)]  # "a" is found, though a blank line lies between


def test_a_long_rewrite_falls_back_to_landmarks() -> None:
    words = [f"w{k}" for k in range(30_000)]
    old = " ".join(words)
    new = " ".join(w + ("x" if k % 1000 == 0 else "") for k, w in enumerate(words))
    blocks = diff_texts(old.replace(" ", "\n"), new.replace(" ", "\n"))
    assert sum(1 for b in blocks if b.tag != "equal") == 30
