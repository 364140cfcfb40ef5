"""Patience matching: equal runs of two long sequences found through their unique common items."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

H = TypeVar("H", bound=Hashable)
Match = tuple[int, int, int]  # (position in a, position in b, length)


def matching_runs(
    a: Sequence[H], b: Sequence[H], landmark: Callable[[H], bool] | None = None
) -> list[Match]:
    """Runs of equal items, in order, that a patience diff of `a` and `b` aligns.

    Common prefixes and suffixes are matched first; what lies between is split at items that
    occur exactly once in each side (the longest increasing chain of them), recursively; only
    items `landmark` accepts (say, lines with words, not blank ones) can split. Time
    is close to linear for long, mostly equal sequences such as two versions of a transcript;
    stretches without unique common items are left unmatched for a finer diff to align.
    """
    runs: list[Match] = []
    stack = [(0, len(a), 0, len(b))]
    while stack:
        alo, ahi, blo, bhi = stack.pop()
        size = 0
        while alo + size < ahi and blo + size < bhi and a[alo + size] == b[blo + size]:
            size += 1
        if size:
            runs.append((alo, blo, size))
            alo, blo = alo + size, blo + size
        size = 0
        while ahi - size > alo and bhi - size > blo and a[ahi - size - 1] == b[bhi - size - 1]:
            size += 1
        if size:
            runs.append((ahi - size, bhi - size, size))
            ahi, bhi = ahi - size, bhi - size
        if alo == ahi or blo == bhi:
            continue
        previous_i, previous_j = alo, blo
        for i, j in _unique_chain(a, b, alo, ahi, blo, bhi, landmark):
            runs.append((i, j, 1))
            stack.append((previous_i, i, previous_j, j))
            previous_i, previous_j = i + 1, j + 1
        if (previous_i, previous_j) != (alo, blo):
            stack.append((previous_i, ahi, previous_j, bhi))
    return _merged(sorted(runs))


def _unique_chain(
    a: Sequence[H],
    b: Sequence[H],
    alo: int,
    ahi: int,
    blo: int,
    bhi: int,
    landmark: Callable[[H], bool] | None,
) -> list[tuple[int, int]]:
    """Items unique in both ranges, as (i, j) pairs forming the longest chain increasing in j."""
    count_a = Counter(a[alo:ahi])
    count_b = Counter(b[blo:bhi])
    where_b = {
        b[j]: j
        for j in range(blo, bhi)
        if count_b[b[j]] == 1 and (landmark is None or landmark(b[j]))
    }
    pairs = [(i, where_b[a[i]]) for i in range(alo, ahi) if count_a[a[i]] == 1 and a[i] in where_b]
    return _longest_increasing(pairs)


def _longest_increasing(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The longest subsequence of pairs (already increasing in i) that also increases in j."""
    tails: list[int] = []  # j of the last pair of the best chain of each length
    tail_index: list[int] = []
    previous: list[int] = []
    for index, (_, j) in enumerate(pairs):
        length = bisect_left(tails, j)
        previous.append(tail_index[length - 1] if length else -1)
        if length == len(tails):
            tails.append(j)
            tail_index.append(index)
        else:
            tails[length] = j
            tail_index[length] = index
    chain: list[tuple[int, int]] = []
    index = tail_index[-1] if tail_index else -1
    while index >= 0:
        chain.append(pairs[index])
        index = previous[index]
    return chain[::-1]


def _merged(runs: list[Match]) -> list[Match]:
    """Adjacent runs joined into one."""
    out: list[Match] = []
    for i, j, size in runs:
        if out and out[-1][0] + out[-1][2] == i and out[-1][1] + out[-1][2] == j:
            last = out[-1]
            out[-1] = (last[0], last[1], last[2] + size)
        else:
            out.append((i, j, size))
    return out
