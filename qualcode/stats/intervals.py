"""Interval arithmetic over code-point spans: unions and coverage sweeps, never per character."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

import numpy as np
from numpy.typing import ArrayLike, NDArray

Ints = NDArray[np.int64]


def merge_intervals(starts: ArrayLike, ends: ArrayLike) -> tuple[Ints, Ints]:
    """The union of half-open intervals [start, end) as sorted, disjoint, non-touching ones."""
    s = np.asarray(starts, dtype=np.int64)
    e = np.asarray(ends, dtype=np.int64)
    keep = e > s
    s, e = s[keep], e[keep]
    if s.size == 0:
        return s, e
    order = np.argsort(s, kind="stable")
    s, e = s[order], e[order]
    reach = np.maximum.accumulate(e)
    new_block = np.ones(s.size, dtype=bool)
    new_block[1:] = s[1:] > reach[:-1]
    first = np.flatnonzero(new_block)
    last = np.append(first[1:], s.size) - 1
    return s[first], reach[last]


def union_length(starts: ArrayLike, ends: ArrayLike) -> int:
    """Characters covered by at least one of the half-open intervals (overlaps counted once)."""
    s, e = merge_intervals(starts, ends)
    return int((e - s).sum())


def coder_pairs(n_coders: int) -> list[tuple[int, int]]:
    """Index pairs (i, j), i < j, in the order pairwise results are reported."""
    return list(combinations(range(n_coders), 2))


@dataclass(frozen=True, slots=True)
class Coverage:
    """Per-group character counts from one boundary sweep.

    covered[g, j]: characters of group g coded by coder j (a union: overlaps count once).
    both[g, p]: characters coded by both coders of pair p (see `coder_pairs`).
    by_count[g, k]: characters coded by exactly k coders, for k ≥ 1 (column 0 is left 0:
    only the caller knows the group's length).
    """

    covered: Ints
    both: Ints
    by_count: Ints


def sweep(
    group: ArrayLike,
    coder: ArrayLike,
    start: ArrayLike,
    end: ArrayLike,
    *,
    n_groups: int,
    n_coders: int,
    stride: int,
) -> Coverage:
    """Coverage of half-open spans [start, end) per group and coder by a boundary sweep.

    Each group (e.g. a document × code) is laid on its own stretch of one number line,
    group · stride + offset, with 0 ≤ offset < stride; all span boundaries are sorted once,
    per-coder depth is a cumulative sum of +1/−1 events, and each elementary segment between
    consecutive boundaries adds its length to the coders (and pairs) covering it. Cost grows
    with the number of spans, not with the number of characters.
    """
    g = np.asarray(group, dtype=np.int64)
    j = np.asarray(coder, dtype=np.int64)
    s = np.asarray(start, dtype=np.int64)
    e = np.asarray(end, dtype=np.int64)
    pairs = coder_pairs(n_coders)
    covered = np.zeros((n_groups, n_coders), dtype=np.int64)
    both = np.zeros((n_groups, len(pairs)), dtype=np.int64)
    by_count = np.zeros((n_groups, n_coders + 1), dtype=np.int64)
    if g.size == 0:
        return Coverage(covered, both, by_count)
    if n_groups * stride >= 2**62:
        raise ValueError("too many groups × characters for one 64-bit number line")
    if (s < 0).any() or (e > stride).any() or (e < s).any():
        raise ValueError("spans must satisfy 0 <= start <= end <= stride")
    base = g * stride
    keys = np.concatenate((base + s, base + e))
    rows = np.arange(g.size)
    delta = np.zeros((2 * g.size, n_coders), dtype=np.int32)
    delta[rows, j] = 1
    delta[g.size + rows, j] = -1
    order = np.argsort(keys, kind="stable")
    keys, delta = keys[order], delta[order]
    depth = np.cumsum(delta, axis=0)[:-1] > 0  # state on segment [keys[i], keys[i + 1])
    left = keys[:-1] // stride
    length = np.diff(keys)
    length[left != keys[1:] // stride] = 0  # a segment never spans two groups
    weight = length.astype(np.float64)

    def per_group(columns: NDArray[np.bool_]) -> Ints:
        width = columns.shape[1]
        index = (left[:, None] * width + np.arange(width)).ravel()
        sums = np.bincount(index, (columns * weight[:, None]).ravel(), n_groups * width)
        return np.rint(sums).astype(np.int64).reshape(n_groups, width)

    covered = per_group(depth)
    if pairs:
        first = np.array([p[0] for p in pairs])
        second = np.array([p[1] for p in pairs])
        both = per_group(depth[:, first] & depth[:, second])
    count = depth.sum(axis=1)
    by_count = per_group(count[:, None] == np.arange(n_coders + 1))
    by_count[:, 0] = 0
    return Coverage(covered, both, by_count)
