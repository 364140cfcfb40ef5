"""Re-anchoring rules: where a span of the old text lies in the new text, through a diff."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from dataclasses import dataclass

from qualcode.revise.diff import Block


class Realignment:
    """Maps spans and positions of an old text onto a new one, given the diff's blocks.

    A span [start, end) of the old text has *anchors* in the new text:
    - each of its characters the edit kept (in an "equal" block), at that character's new place;
    - each replacement whose whole old text lay inside the span (start <= i1 and i2 <= end):
      the new words stand in for coded words, so they are coded too;
    - each insertion strictly inside the span (start < i1 < end).
    The new span runs from the first anchor to the end of the last; everything between is part
    of it, so insertions and replacements inside grow or shrink it. Insertions at either end,
    and replacements reaching outside it, are not taken in. A span without anchors (its whole
    text was deleted, or replaced together with text around it) has no new place: orphaned.
    """

    def __init__(self, blocks: list[Block]) -> None:
        self.blocks = blocks
        self._starts = [block.i1 for block in blocks]
        self._ends = [block.i2 for block in blocks]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The new [start, end) of old [start, end), or None when nothing of it remains."""
        first = self._first_anchor(start, end)
        if first is None:
            return None
        last = self._last_anchor(start, end)
        assert last is not None and last > first
        return first, last

    def point(self, position: int) -> int:
        """The new place of an old position (inside a change: just after the new text)."""
        index = bisect_right(self._ends, position)
        if index >= len(self.blocks):
            return self.blocks[-1].j2 if self.blocks else 0
        block = self.blocks[index]
        if block.tag == "equal":
            return block.j1 + max(position - block.i1, 0)
        return block.j1 if position < block.i1 else block.j2

    def _range(self, start: int, end: int) -> range:
        """Indexes of the blocks that can anchor [start, end): i2 > start and i1 < end."""
        return range(bisect_right(self._ends, start), bisect_left(self._starts, end))

    def _first_anchor(self, start: int, end: int) -> int | None:
        for index in self._range(start, end):
            tag, i1, i2, j1, _ = self.blocks[index]
            if tag == "equal":
                return j1 + max(start - i1, 0)
            if _inside(tag, i1, i2, start, end):
                return j1
        return None

    def _last_anchor(self, start: int, end: int) -> int | None:
        for index in reversed(self._range(start, end)):
            tag, i1, i2, j1, j2 = self.blocks[index]
            if tag == "equal":
                return j1 + min(end, i2) - i1
            if _inside(tag, i1, i2, start, end):
                return j2
        return None


def _inside(tag: str, i1: int, i2: int, start: int, end: int) -> bool:
    """Whether a change overlapping the span counts as inside it (see Realignment)."""
    if tag == "insert":
        return start < i1 < end
    return tag == "replace" and start <= i1 and i2 <= end


UNCHANGED, MOVED, RESIZED, ORPHANED = "unchanged", "moved", "resized", "orphaned"


@dataclass(frozen=True)
class Outcome:
    """Where one span went: its new offsets (the old ones when orphaned) and what happened.

    unchanged: same offsets; moved: new offsets, same words; resized: its words changed (an
    edit inside it, or at its edge); orphaned: nothing of it is left.
    """

    id: int
    start: int
    end: int
    status: str


def reanchor(
    realignment: Realignment, old_text: str, new_text: str, spans: Iterable[tuple[int, int, int]]
) -> list[Outcome]:
    """New places of (id, start, end) spans of `old_text` in `new_text` (see Realignment).

    When an edit leaves a span starting or ending on a space that was not there before (say
    "two" of "one two" was deleted), that space is trimmed off.
    """
    outcomes: list[Outcome] = []
    for span_id, start, end in spans:
        found = realignment.span(start, end)
        if found is None:
            outcomes.append(Outcome(span_id, start, end, ORPHANED))
            continue
        new_start, new_end = _trimmed(old_text, new_text, start, end, *found)
        if (new_start, new_end) == (start, end) and old_text[start:end] == new_text[start:end]:
            status = UNCHANGED
        elif old_text[start:end] == new_text[new_start:new_end]:
            status = MOVED
        else:
            status = RESIZED
        outcomes.append(Outcome(span_id, new_start, new_end, status))
    return outcomes


def _trimmed(old: str, new: str, start: int, end: int, first: int, last: int) -> tuple[int, int]:
    trimmed_first, trimmed_last = first, last
    if not old[start].isspace():
        while trimmed_first < last and new[trimmed_first].isspace():
            trimmed_first += 1
    if not old[end - 1].isspace():
        while trimmed_last > trimmed_first and new[trimmed_last - 1].isspace():
            trimmed_last -= 1
    if trimmed_first >= trimmed_last:
        return first, last  # only spaces are left: keep them rather than lose the coding
    return trimmed_first, trimmed_last
