"""Passages carried by codings, as arrays, against a plain loop over every passage."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.analysis.carried_arrays import Carried, PassageKeys, PassageTable

# Passages of three documents: ordered, disjoint, with gaps between some of them.
PASSAGES = {1: [(0, 5), (7, 12), (12, 20)], 2: [(3, 9), (10, 30)], 4: [(0, 1)]}
EVERY = {(d, i) for d, spans in PASSAGES.items() for i in range(len(spans))}


def _table() -> PassageTable:
    rows = [(d, i, s, e) for d, spans in PASSAGES.items() for i, (s, e) in enumerate(spans)]
    shuffled = rows[1:] + rows[:1]  # the database may give them in any order
    return PassageTable.of(np.array(shuffled, dtype=np.int64).ravel())


codings = st.lists(
    st.tuples(
        st.sampled_from([1, 2, 3, 4]), st.integers(1, 3), st.integers(0, 31), st.integers(1, 8)
    ),
    max_size=12,
)


def _overlapped(d: int, s: int, e: int) -> list[int]:
    return [i for i, (start, end) in enumerate(PASSAGES.get(d, [])) if start < e and end > s]


@settings(deadline=None)
@given(codings)
def test_bounds_are_the_first_and_last_passage_overlapped(
    found: list[tuple[int, int, int, int]],
) -> None:
    arrays = np.array([(d, s, s + n) for d, _, s, n in found], dtype=np.int64).reshape(-1, 3)
    first, last = _table().bounds(arrays[:, 0], arrays[:, 1], arrays[:, 2])
    for (d, _, s, n), low, high in zip(found, first.tolist(), last.tolist(), strict=True):
        indexes = _overlapped(d, s, s + n)
        assert (low, high) == ((min(indexes), max(indexes)) if indexes else (-1, -2))


@settings(deadline=None)
@given(codings)
def test_carried_passages_match_a_plain_overlap_loop(
    found: list[tuple[int, int, int, int]],
) -> None:
    bounds = [_overlapped(d, s, s + n) for d, _, s, n in found]
    arrays = np.array(
        [
            (d, c, b[0], b[-1]) if b else (d, c, -1, -2)
            for (d, c, _, _), b in zip(found, bounds, strict=True)
        ],
        dtype=np.int64,
    ).reshape(-1, 4)
    carried = Carried.of(
        {},
        (arrays[:, 0], arrays[:, 1], arrays[:, 2], arrays[:, 3]),
        lambda: PassageKeys.of(EVERY),
        [],
    )
    expected: dict[int, set[tuple[int, int]]] = {}
    for (d, c, _, _), indexes in zip(found, bounds, strict=True):
        expected.setdefault(c, set()).update((d, i) for i in indexes)
    for code in (1, 2, 3):
        assert carried.passages([code]) == expected.get(code, set())
    everything = set().union(*expected.values()) if expected else set()
    assert carried.passages([1, 2, 3]) == everything
    assert carried.codes_of(carried.keys([1, 2, 3])) == {
        ref: {c for c, refs in expected.items() if ref in refs} for ref in everything
    }
    by_document: dict[int, int] = {}
    for d, _ in everything:
        by_document[d] = by_document.get(d, 0) + 1
    assert carried.passages_by_document([1, 2, 3]) == by_document
    later_codes: dict[int, int] = {}
    for d, c, _, _ in found:
        if c > 1:
            later_codes[d] = later_codes.get(d, 0) + 1
    assert carried.codings_by_document({2, 3}) == later_codes
    groups = [{1}, {2, 3}, {3}]
    shared = carried.shared(groups)
    for i, first in enumerate(groups):
        for j, second in enumerate(groups):
            assert shared[i][j] == len(carried.passages(first) & carried.passages(second))
    assert set(carried.every_passage().refs()) == EVERY
    assert carried.codings == {
        (d, c): sum(1 for x in found if x[:2] == (d, c)) for d, c, _, _ in found
    }
