"""What the coder has selected in a transcript: passages, or words inside one passage."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:['’\-.,]\w+)*")


def words(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of a passage's text (punctuation left out)."""
    return [match.span() for match in WORD.finditer(text)]


def word_at(spans: list[tuple[int, int]], offset: int) -> int:
    """The index of the word at or just before a character offset (0 when there is none)."""
    starts = [start for start, _ in spans]
    return max(0, bisect_right(starts, offset) - 1)


@dataclass
class Selection:
    """A cursor passage, an optional anchor for a run of passages, or a span of words.

    A word span (anchor word, head word) lives inside the cursor passage; a run of passages
    and a word span never coexist.
    """

    cursor: int = 0
    anchor: int | None = None
    span: tuple[int, int] | None = None

    @property
    def first(self) -> int:
        return self.cursor if self.anchor is None else min(self.anchor, self.cursor)

    @property
    def last(self) -> int:
        return self.cursor if self.anchor is None else max(self.anchor, self.cursor)

    def move_to(self, index: int, *, extend: bool = False) -> None:
        """Put the cursor on a passage, extending the run of passages or starting afresh."""
        if extend and self.anchor is None:
            self.anchor = self.cursor
        elif not extend:
            self.anchor = None
        self.cursor = index
        self.span = None
        if self.anchor == self.cursor:
            self.anchor = None

    def step_word(self, count: int, delta: int, *, extend: bool = False) -> None:
        """Move the word cursor (or, extending, the span's head) by delta words."""
        if count == 0:
            return
        self.anchor = None
        if self.span is None:
            start = 0 if delta > 0 else count - 1
            self.span = (start, start)
            return
        anchor, head = self.span
        head = min(max(head + delta, 0), count - 1)
        self.span = (anchor, head) if extend else (head, head)

    def span_words(self, first: int, last: int) -> None:
        """Select the words first..last of the cursor passage (in either order)."""
        self.anchor = None
        self.span = (first, last)

    def clear(self) -> bool:
        """Drop any run or span, keeping the cursor; True when there was one."""
        had = self.anchor is not None or self.span is not None
        self.anchor = None
        self.span = None
        return had

    def span_offsets(self, spans: list[tuple[int, int]]) -> tuple[int, int] | None:
        """The selected words as (start, end) offsets within the cursor passage's text."""
        if self.span is None or not spans:
            return None
        low, high = sorted(self.span)
        high = min(high, len(spans) - 1)
        return spans[low][0], spans[high][1]
