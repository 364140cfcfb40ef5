"""Small interval operations on half-open [start, end) spans, for building consensus codings."""

from __future__ import annotations

from collections.abc import Iterable

Span = tuple[int, int]


def union(spans: Iterable[Span]) -> list[Span]:
    """Sorted, disjoint spans covering what the given spans cover (touching spans joined)."""
    merged: list[Span] = []
    for start, end in sorted(s for s in spans if s[1] > s[0]):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def intersect(a: Iterable[Span], b: Iterable[Span]) -> list[Span]:
    """What both sets of spans cover, as sorted disjoint spans."""
    left, right = union(a), union(b)
    found: list[Span] = []
    i = j = 0
    while i < len(left) and j < len(right):
        start = max(left[i][0], right[j][0])
        end = min(left[i][1], right[j][1])
        if start < end:
            found.append((start, end))
        if left[i][1] < right[j][1]:
            i += 1
        else:
            j += 1
    return found


def clip(span: Span, window: Span) -> Span | None:
    """The part of a span inside a window, or None when they share no character."""
    start, end = max(span[0], window[0]), min(span[1], window[1])
    return (start, end) if start < end else None


def outside(span: Span, window: Span) -> list[Span]:
    """The parts of a span before and after a window (nothing of the window)."""
    before = (span[0], min(span[1], window[0]))
    after = (max(span[0], window[1]), span[1])
    return [s for s in (before, after) if s[0] < s[1]]
