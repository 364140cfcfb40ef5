"""Interval arithmetic: unions and the coverage sweep against per-character brute force."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.stats import merge_intervals, union_length
from qualcode.stats.intervals import coder_pairs, sweep

spans = st.lists(
    st.tuples(st.integers(0, 30), st.integers(0, 12)).map(lambda t: (t[0], t[0] + t[1])),
    max_size=12,
)


def test_merge_overlapping_touching_and_nested() -> None:
    starts, ends = merge_intervals([5, 0, 3, 10, 12, 20], [8, 4, 6, 12, 15, 21])
    assert starts.tolist() == [0, 10, 20]
    assert ends.tolist() == [8, 15, 21]


def test_union_counts_overlaps_once() -> None:
    assert union_length([0, 2, 2], [5, 7, 7]) == 7
    assert union_length([], []) == 0


@settings(max_examples=300)
@given(spans)
def test_merge_matches_brute_force(intervals: list[tuple[int, int]]) -> None:
    mask = np.zeros(50, dtype=bool)
    for s, e in intervals:
        mask[s:e] = True
    starts, ends = merge_intervals([s for s, _ in intervals], [e for _, e in intervals])
    rebuilt = np.zeros(50, dtype=bool)
    for s, e in zip(starts.tolist(), ends.tolist(), strict=True):
        assert s < e
        rebuilt[s:e] = True
    assert (rebuilt == mask).all()
    assert (starts[1:] > ends[:-1]).all()  # disjoint and not touching
    assert union_length([s for s, _ in intervals], [e for _, e in intervals]) == mask.sum()


@settings(max_examples=300)
@given(
    st.lists(
        st.tuples(st.integers(0, 3), st.integers(0, 2), st.integers(0, 40), st.integers(0, 10)),
        max_size=20,
    )
)
def test_sweep_matches_brute_force(rows: list[tuple[int, int, int, int]]) -> None:
    n_groups, n_coders, stride = 4, 3, 51
    marks = np.zeros((n_groups, n_coders, stride), dtype=bool)
    for g, j, s, n in rows:
        marks[g, j, s : s + n] = True
    result = sweep(
        [r[0] for r in rows],
        [r[1] for r in rows],
        [r[2] for r in rows],
        [r[2] + r[3] for r in rows],
        n_groups=n_groups,
        n_coders=n_coders,
        stride=stride,
    )
    assert (result.covered == marks.sum(axis=2)).all()
    for p, (i, j) in enumerate(coder_pairs(n_coders)):
        assert (result.both[:, p] == (marks[:, i] & marks[:, j]).sum(axis=1)).all()
    depth = marks.sum(axis=1)
    for k in range(1, n_coders + 1):
        assert (result.by_count[:, k] == (depth == k).sum(axis=1)).all()
    assert (result.by_count[:, 0] == 0).all()


def test_sweep_rejects_spans_outside_the_stride() -> None:
    with pytest.raises(ValueError):
        sweep([0], [0], [0], [11], n_groups=1, n_coders=2, stride=10)
