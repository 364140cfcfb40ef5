"""Normalise a source's text as qualcode does, and carry character positions across.

Other tools count positions in the plain text exactly as they wrote it (CRLF line ends,
trailing spaces, decomposed accents...). qualcode keeps text normalised (see
ingest.decode.normalise_text), so each step here also records where the characters it keeps
stood in the original; a selection's start and end then map with a binary search. Positions
are kept as runs (a run of characters that moved by the same amount is one entry), so a
100 MB source costs a few bytes per line, not per character.
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import overload

from qualcode.errors import QualcodeError
from qualcode.ingest.decode import (
    _CONTROLS,
    _NO_BREAK_SPACES,
    _OTHER_LINE_BREAKS,
    normalise_text,
)

_CR_BEFORE_LF = re.compile(r"\r(?=\n)")
_CONTROL_RUNS = re.compile(f"(?:{_CONTROLS.pattern})+")
# Trailing spaces of a line; the look-behind starts each match at the run's first space, so a
# long run of spaces in mid-line is scanned once, not once per space.
_TRAILING_SPACE = re.compile(r"(?<![^\S\n])[^\S\n]++(?=\n|\Z)")
_BLANK_LINES = re.compile(r"\n{3,}")
# NFC never composes across an ASCII character, so a long line can be composed in pieces.
_ASCII = re.compile(r"[\x00-\x7f]")
_PIECE = 65_536


class Origin(Sequence[int]):
    """For each character of a text, its position in the original: runs of equal shift."""

    def __init__(self, length: int, starts: array[int], shifts: array[int]) -> None:
        self._length = length
        self._starts = starts  # index where a run begins (the first is 0)
        self._shifts = shifts  # original position minus index, along the run

    def __len__(self) -> int:
        return self._length

    @overload
    def __getitem__(self, index: int) -> int: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[int]: ...
    def __getitem__(self, index: int | slice) -> int | Sequence[int]:
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return index + self._shifts[bisect_right(self._starts, index) - 1]


@dataclass(frozen=True)
class MappedText:
    """Normalised text and, for each of its characters, its position in the original text."""

    text: str
    origin: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The half-open span of the normalised text covering original [start, end)."""
        return bisect_left(self.origin, start), bisect_left(self.origin, end)


class _Builder:
    """A new text made of pieces of the current one, with the positions they came from."""

    def __init__(self, text: str, origin: Origin) -> None:
        self.text = text
        self.old = origin
        self.run = 0  # the run of `old` where the last copied piece started
        self.parts: list[str] = []
        self.length = 0
        self.starts = array("q")
        self.shifts = array("q")

    def copy(self, start: int, end: int, chars: str | None = None) -> None:
        """Text [start, end) (or `chars`, as long), each character keeping its position."""
        if start >= end:
            return
        self.parts.append(self.text[start:end] if chars is None else chars)
        starts, shifts = self.old._starts, self.old._shifts
        run, last = self.run, len(starts) - 1
        while run < last and starts[run + 1] <= start:
            run += 1
        self.run = run
        at = start
        while True:
            self._mark(self.length + at - start, at + shifts[run])
            run += 1
            if run > last or starts[run] >= end:
                break
            at = starts[run]
        self.length += end - start

    def place(self, chars: str, origin: int) -> None:
        """Characters that replace others, all placed at one original position."""
        self.parts.append(chars)
        for offset in range(len(chars)):
            self._mark(self.length + offset, origin)
        self.length += len(chars)

    def _mark(self, index: int, origin: int) -> None:
        shift = origin - index
        if not self.shifts or self.shifts[-1] != shift:
            self.starts.append(index)
            self.shifts.append(shift)

    def result(self) -> tuple[str, Origin]:
        if not self.starts:
            self.starts.append(0)
            self.shifts.append(0)
        return "".join(self.parts), Origin(self.length, self.starts, self.shifts)


def map_text(raw: str) -> MappedText:
    """normalise_text(raw), with every kept character's original position."""
    expected = normalise_text(raw)
    if expected == raw:
        return MappedText(raw, range(len(raw)))
    # The same steps, in the same order, as normalise_text (whose patterns are reused).
    text, origin = raw, Origin(len(raw), array("q", [0]), array("q", [0]))
    text, origin = _delete(text, origin, (m.span() for m in _CR_BEFORE_LF.finditer(text)))
    for line_break in _OTHER_LINE_BREAKS:
        if line_break in text:  # one character for another: positions do not move
            text = text.replace(line_break, "\n")
    for space in _NO_BREAK_SPACES:
        if space in text:
            text = text.replace(space, " ")
    text, origin = _delete(text, origin, (m.span() for m in _CONTROL_RUNS.finditer(text)))
    if not unicodedata.is_normalized("NFC", text):
        text, origin = _nfc(text, origin)
    text, origin = _delete(text, origin, (m.span() for m in _TRAILING_SPACE.finditer(text)))
    blank = ((m.start() + 2, m.end()) for m in _BLANK_LINES.finditer(text))
    text, origin = _delete(text, origin, blank)
    lead, trail = len(text) - len(text.lstrip()), len(text.rstrip())
    text, origin = _delete(text, origin, [(0, lead), (trail, len(text))])
    if text != expected:  # normalise_text gained a step this module does not mirror
        raise QualcodeError("cannot map positions onto the normalised text (please report)")
    return MappedText(text, origin)


def _delete(text: str, origin: Origin, spans: Iterable[tuple[int, int]]) -> tuple[str, Origin]:
    """The text without the given (ordered, non-overlapping) spans."""
    builder = _Builder(text, origin)
    kept = 0
    for start, end in spans:
        if start >= end:
            continue
        builder.copy(kept, start)
        kept = end
    if kept == 0:
        return text, origin
    builder.copy(kept, len(text))
    return builder.result()


def _nfc(text: str, origin: Origin) -> tuple[str, Origin]:
    """NFC: each starter with its combining marks composes in place."""
    builder = _Builder(text, origin)
    start = 0
    while start < len(text):
        cut = _ASCII.search(text, min(start + _PIECE, len(text)))
        end = cut.start() if cut else len(text)
        piece = text[start:end]
        if unicodedata.is_normalized("NFC", piece):
            builder.copy(start, end)
        else:
            _compose(builder, piece, start)
        start = end
    return builder.result()


def _compose(builder: _Builder, piece: str, offset: int) -> None:
    """Compose one piece of text cluster by cluster (a starter and its combining marks)."""
    for start, end in _clusters(piece):
        composed = unicodedata.normalize("NFC", piece[start:end])
        if len(composed) == end - start:
            builder.copy(offset + start, offset + end, composed)
        else:
            builder.place(composed, builder.old[offset + start])


def _clusters(piece: str) -> list[tuple[int, int]]:
    """Spans that compose independently: a starter with its combining marks, joined with the
    next when the two compose together (Hangul jamo, some Indic vowel signs)."""
    spans: list[tuple[int, int]] = []
    first = 0
    for index in range(1, len(piece) + 1):
        if index < len(piece) and unicodedata.combining(piece[index]) != 0:
            continue
        if spans and _compose_together(piece, spans[-1], (first, index)):
            spans[-1] = (spans[-1][0], index)
        else:
            spans.append((first, index))
        first = index
    return spans


def _compose_together(piece: str, left: tuple[int, int], right: tuple[int, int]) -> bool:
    both = unicodedata.normalize("NFC", piece[left[0] : right[1]])
    apart = unicodedata.normalize("NFC", piece[left[0] : left[1]]) + unicodedata.normalize(
        "NFC", piece[right[0] : right[1]]
    )
    return both != apart
