"""What a transcript shows, as plain data: passages, who coded what where, and the selection."""

from __future__ import annotations

from bisect import bisect_right

from qualcode.numbering import passage_number
from qualcode.store.workbench import CodingView, Marks, PassageRow
from qualcode.tui.selection import Selection, word_at, words


class TranscriptModel:
    """Passages with the codings overlapping each, and the coder's selection among them."""

    def __init__(self) -> None:
        self.passages: list[PassageRow] = []
        self.marks = Marks([])
        self.selection = Selection()
        self.coder = ""
        self.show_others = False
        self._starts: list[int] = []
        self._by_passage: dict[int, list[CodingView]] = {}

    def load(self, passages: list[PassageRow], marks: Marks, cursor: int = 0) -> None:
        self.passages = passages
        self._starts = [p.start for p in passages]
        self.selection = Selection(cursor=min(max(cursor, 0), max(len(passages) - 1, 0)))
        self.set_marks(marks)

    def extend(self, passages: list[PassageRow]) -> None:
        self.passages.extend(passages)
        self._starts.extend(p.start for p in passages)
        self.set_marks(self.marks)

    def set_marks(self, marks: Marks) -> None:
        self.marks = marks
        self._by_passage = {}
        for coding in marks.codings:
            self._index(coding)

    def _index(self, coding: CodingView) -> None:
        position = max(0, bisect_right(self._starts, coding.start) - 1)
        while position < len(self.passages) and self.passages[position].start < coding.end:
            if self.passages[position].end > coding.start:
                self._by_passage.setdefault(position, []).append(coding)
            position += 1

    def add_coding(self, coding: CodingView) -> None:
        self.marks.codings.append(coding)
        self._index(coding)

    def drop_coding(self, coding_id: int) -> None:
        self.marks.codings[:] = [c for c in self.marks.codings if c.id != coding_id]
        for position, codings in list(self._by_passage.items()):
            self._by_passage[position] = [c for c in codings if c.id != coding_id]

    def visible_codings(self, position: int) -> list[CodingView]:
        """Codings drawn on a passage: the coder's own, or everyone's when asked for."""
        codings = self._by_passage.get(position, [])
        return codings if self.show_others else [c for c in codings if c.coder == self.coder]

    @property
    def cursor_passage(self) -> PassageRow | None:
        return self.passages[self.selection.cursor] if self.passages else None

    def words(self) -> list[tuple[int, int]]:
        passage = self.cursor_passage
        return words(passage.text) if passage else []

    def span_in_passage(self) -> tuple[int, int] | None:
        """The selected words as offsets within the cursor passage's text, if any."""
        return self.selection.span_offsets(self.words())

    def target(self) -> tuple[int, int] | None:
        """The selection as (start, end) offsets in the document text."""
        passage = self.cursor_passage
        if passage is None:
            return None
        span = self.span_in_passage()
        if span is not None:
            return passage.start + span[0], passage.start + span[1]
        return self.passages[self.selection.first].start, self.passages[self.selection.last].end

    def target_label(self) -> str:
        """The selection in words: 'passage 4', 'passages 4–6' or '“some words” in passage 4'."""
        passage = self.cursor_passage
        if passage is None:
            return "nothing"
        span = self.span_in_passage()
        if span is not None:
            quote = " ".join(passage.text[span[0] : span[1]].split())
            quote = quote if len(quote) <= 40 else quote[:39] + "…"
            return f"“{quote}” in passage {passage_number(passage.index)}"
        if self.selection.anchor is not None:
            first, last = self.passages[self.selection.first], self.passages[self.selection.last]
            return f"passages {passage_number(first.index)}–{passage_number(last.index)}"
        return f"passage {passage_number(passage.index)}"

    def codings_here(self, *, mine: bool = True) -> list[CodingView]:
        """Codings overlapping the selection (only this coder's when mine)."""
        found: dict[int, CodingView] = {}
        target = self.target()
        for position in range(self.selection.first, self.selection.last + 1):
            for coding in self._by_passage.get(position, []):
                if mine and coding.coder != self.coder:
                    continue
                if target and coding.start < target[1] and coding.end > target[0]:
                    found[coding.id] = coding
        return sorted(found.values(), key=lambda c: (c.start, c.end, c.id))

    def select_span(self, start: int, end: int) -> bool:
        """Select the words of the cursor passage covering document offsets start..end."""
        passage = self.cursor_passage
        spans = self.words()
        if passage is None or not spans:
            return False
        first = word_at(spans, start - passage.start)
        last = word_at(spans, max(start, end - 1) - passage.start)
        self.selection.span_words(first, last)
        return True
