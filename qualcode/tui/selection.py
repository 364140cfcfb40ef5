"""What the coder has selected in a transcript: passages, or words inside one passage."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

WORD = re.compile(r"\w+(?:['’\-.,]\w+)*")
# A span keeps the opening quote before its first word and the stop after its last one,
# so a selected sentence is coded whole: “Like this.” (a comma or colon is left out).
OPENING = re.compile(r"[\"'“‘(\[]+$")
CLOSING = re.compile(r"[.!?…]+[\"'”’)\]]*|[\"'”’)\]]+")
# Typed quotes match their curly forms: people type ' and " for ’ and ”.
QUOTE_FORMS = {"'": "['‘’]", "‘": "['‘’]", "’": "['‘’]", '"': '["“”]', "“": '["“”]', "”": '["“”]'}


def words(text: str) -> list[tuple[int, int]]:
    """The (start, end) offsets of the words of a passage's text (punctuation left out)."""
    return [match.span() for match in WORD.finditer(text)]


def word_at(spans: list[tuple[int, int]], offset: int) -> int:
    """The index of the word at or just before a character offset (0 when there is none)."""
    starts = [start for start, _ in spans]
    return max(0, bisect_right(starts, offset) - 1)


def phrase_pattern(phrase: str) -> re.Pattern[str] | None:
    """A typed phrase as a pattern: any case, any run of spaces or line breaks between words."""
    parts = phrase.split()
    if not parts:
        return None
    pieces = ["".join(QUOTE_FORMS.get(char, re.escape(char)) for char in part) for part in parts]
    return re.compile(r"\s+".join(pieces), re.IGNORECASE)


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

    def grow(self, count: int, side: int) -> None:
        """Extend the word span by one word at its end (side 1) or its start (side -1)."""
        if count == 0:
            return
        if self.span is None:
            self.step_word(count, side)
            return
        low, high = sorted(self.span)
        if side > 0:
            self.span_words(low, min(high + 1, count - 1))
        else:
            self.span_words(max(low - 1, 0), high)

    def trim(self, side: int) -> None:
        """Give back one word at the span's end (side 1) or its start (side -1)."""
        if self.span is None:
            return
        low, high = sorted(self.span)
        if high > low and side > 0:
            self.span_words(low, high - 1)
        elif high > low:
            self.span_words(low + 1, high)

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

    def span_offsets_in(self, text: str) -> tuple[int, int] | None:
        """The selected words' offsets in a passage's text, with their quotes and final stop."""
        found = self.span_offsets(words(text))
        if found is None:
            return None
        start, end = found
        opening = OPENING.search(text, max(0, start - 3), start)
        closing = CLOSING.match(text, end)
        return (opening.start() if opening else start), (closing.end() if closing else end)
