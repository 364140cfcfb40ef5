"""Metrics and evaluation reports against counts worked out by hand."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from qualcode.errors import QualcodeError
from qualcode.nlp.evaluate import HeldOut, assign_folds, per_code, report, top_k_rate
from qualcode.nlp.labels import LabelledPassage
from qualcode.nlp.metrics import Counts, count, macro, total
from qualcode.nlp.types import PassageText


def held(pid: int, pos: set[str], neg: set[str], scores: dict[str, float]) -> HeldOut:
    passage = PassageText(pid, 1, "Doc", pid, 0, 10, "A", "text", 0)
    labelled = LabelledPassage(passage, frozenset(pos), frozenset(neg))
    modes = ("cue", "codebook", "model", "combined")
    return HeldOut(labelled, {mode: dict(scores) for mode in modes})


# Four passages, codes a and b, threshold 0.5 (worked out by hand):
#   1: gold {a}, not b     scores a .9, b .6  -> a TP, b FP
#   2: gold {b}, not a     scores a .45, b .4 -> b FN            top-1 [a] miss, top-2 hit
#   3: gold {a, b}         scores a .7         -> a TP, b FN      top-2 [a] hit
#   4: gold {}, not a, b   scores b .8         -> b FP
#   a: TP 2 FP 0 FN 0 -> P 1, R 1, F1 1;  b: TP 0 FP 2 FN 2 -> P 0, R 0, F1 0
#   micro: TP 2 FP 2 FN 2 -> P .5 R .5 F1 .5;  macro F1 (a, b supported) = .5
#   top-2 over coded passages 1-3: all hit -> 1.0; top-1: 1 and 3 hit -> 2/3
TINY = [
    held(1, {"a"}, {"b"}, {"a": 0.9, "b": 0.6}),
    held(2, {"b"}, {"a"}, {"a": 0.45, "b": 0.4}),
    held(3, {"a", "b"}, set(), {"a": 0.7}),
    held(4, set(), {"a", "b"}, {"b": 0.8}),
]


def test_per_code_counts_match_hand_counts() -> None:
    counts = per_code(TINY, "combined", 0.5)
    assert counts["a"] == Counts(tp=2, fp=0, fn=0)
    assert counts["b"] == Counts(tp=0, fp=2, fn=2)
    assert total(counts) == Counts(2, 2, 2)
    assert total(counts).f1 == pytest.approx(0.5)
    assert macro(counts)["f1"] == pytest.approx(0.5)
    assert top_k_rate(TINY, "combined", 2) == 1.0
    assert top_k_rate(TINY, "combined", 1) == pytest.approx(2 / 3)


def test_report_values_are_in_range_and_consistent() -> None:
    result = report(TINY, 0.5, folds=2)
    combined = result["modes"]["combined"]
    assert combined["per_code"]["a"]["f1"] == 1.0
    assert combined["per_code"]["b"] == {
        "precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 2, "fn": 2, "support": 2,
    }  # fmt: skip
    assert combined["micro"]["f1"] == 0.5
    for mode in result["modes"].values():
        for metrics in mode["per_code"].values():
            assert all(0.0 <= metrics[k] <= 1.0 for k in ("precision", "recall", "f1"))
    assert result["coded_passages"] == 3 and result["passages"] == 4


def test_unknown_codes_are_not_counted() -> None:
    assert count({"c": 0.9}, positives=["a"], negatives=[], threshold=0.5) == {"a": Counts(fn=1)}


@given(st.lists(st.integers(1, 500), min_size=2, max_size=40, unique=True), st.integers(2, 6))
def test_folds_partition_documents(documents: list[int], k: int) -> None:
    if k > len(documents):
        with pytest.raises(QualcodeError):
            assign_folds(documents, k)
        return
    folds = assign_folds(documents, k, seed=3)
    assert sorted(d for fold in folds for d in fold) == sorted(documents)
    sizes = [len(fold) for fold in folds]
    assert max(sizes) - min(sizes) <= 1
    assert folds == assign_folds(documents, k, seed=3)
