"""Random texts, codings and edit scripts for the property tests, with what each edit touched."""

from __future__ import annotations

import re
from dataclasses import dataclass

from hypothesis import strategies as st

# Distinct letters: every word of a generated text is spelt with letters used nowhere else,
# so the only way to align two versions is the true one (up to where separators repeat).
LETTERS = [c for c in map(chr, range(0x100, 0x3000)) if c.isalpha() and c.isidentifier()]
SEPARATORS = [" ", " ", " ", "\n", ", ", ". ", "\n\n", " - "]
_WORD = re.compile(r"\w")
_LETTERS_ONLY = re.compile(r"\w+")
FRESH = "\u3042"  # a letter outside LETTERS


@dataclass(frozen=True)
class Edit:
    """Replace old[start:end] by `text` (a deletion when text is empty, an insertion at start
    when start == end)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Script:
    old: str
    edits: list[Edit]

    @property
    def new(self) -> str:
        parts: list[str] = []
        position = 0
        for edit in self.edits:
            parts += [self.old[position : edit.start], edit.text]
            position = edit.end
        return "".join([*parts, self.old[position:]])

    def regions(self) -> list[tuple[int, int]]:
        """Each edit widened to the words it touches and the separators around them: the most
        any diff can count as changed, since it aligns the untouched distinct words exactly."""
        return [_widened(self.old, edit.start, edit.end) for edit in self.edits]

    def untouched(self, start: int, end: int) -> bool:
        return all(end <= a or start >= b for a, b in self.regions())

    def deleted(self, start: int, end: int) -> bool:
        """old[start:end] is letters removed by a pure deletion with no other edit near it (no
        other edit between the untouched words around it, which could be read as its
        replacement)."""
        if not _LETTERS_ONLY.fullmatch(self.old[start:end]):
            return False
        regions = self.regions()
        for index, edit in enumerate(self.edits):
            if edit.start <= start and end <= edit.end and not edit.text:
                a, b = regions[index]
                return all(y <= a or x >= b for k, (x, y) in enumerate(regions) if k != index)
        return False


def _widened(text: str, start: int, end: int) -> tuple[int, int]:
    if start > 0 and _WORD.match(text[start - 1]):
        while start > 0 and _WORD.match(text[start - 1]):
            start -= 1
    while start > 0 and not _WORD.match(text[start - 1]):
        start -= 1
    if end < len(text) and _WORD.match(text[end]):
        while end < len(text) and _WORD.match(text[end]):
            end += 1
    while end < len(text) and not _WORD.match(text[end]):
        end += 1
    return start, end


@st.composite
def words_text(draw: st.DrawFn, letters: list[str]) -> str:
    """A text of 1-30 words of distinct letters (taken from `letters`) between separators."""
    parts: list[str] = []
    for _ in range(draw(st.integers(1, 30))):
        size = draw(st.integers(1, 5))
        if len(letters) < size:
            break
        parts.append("".join(letters.pop() for _ in range(size)))
        parts.append(draw(st.sampled_from(SEPARATORS)))
    return "".join(parts[:-1]) or "x"


@st.composite
def scripts(draw: st.DrawFn) -> Script:
    """A text and 1-4 separate edits of it; inserted words use letters not in the text."""
    letters = list(reversed(LETTERS))
    old = draw(words_text(letters))
    cuts = sorted(draw(st.lists(st.integers(0, len(old)), min_size=2, max_size=8, unique=True)))
    edits: list[Edit] = []
    for start, end in zip(cuts[::2], cuts[1::2], strict=False):
        if edits and start <= edits[-1].end:
            continue  # edits keep at least one untouched character between them
        kind = draw(st.sampled_from(["delete", "insert", "replace"]))
        text = "" if kind == "delete" else draw(words_text(letters))
        edits.append(Edit(start, start if kind == "insert" else end, text))
    edits = [e for e in edits if e.start != e.end or e.text]
    return Script(old, edits or [Edit(0, 0, FRESH)])


@st.composite
def spans(draw: st.DrawFn, length: int) -> list[tuple[int, int, int]]:
    """Up to 25 random (id, start, end) spans of a text of this length."""
    out: list[tuple[int, int, int]] = []
    for index in range(draw(st.integers(0, 25))):
        a = draw(st.integers(0, length - 1))
        b = draw(st.integers(a + 1, length))
        out.append((index, a, b))
    return out
