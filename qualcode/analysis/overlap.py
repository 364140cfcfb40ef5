"""When a coding is on a passage: the one overlap rule every count and query uses."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence


def overlapping(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> range:
    """Positions of the (sorted, disjoint) passages sharing at least one character with a span:
    passage.start < end and passage.end > start, as `agree --unit passage` counts."""
    first = bisect_left(ends, start + 1)  # first passage ending after `start`
    last = bisect_left(starts, end)  # passages starting before `end`
    return range(first, max(first, last))
