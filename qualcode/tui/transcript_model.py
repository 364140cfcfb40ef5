"""What a transcript shows, as plain data: passages, who coded what where, and the selection."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator

from qualcode.numbering import passage_number
from qualcode.store.workbench import CodingView, Marks, PassageRow
from qualcode.tui.selection import Selection, phrase_pattern, word_at, words
from qualcode.tui.sentences import sentence_spans


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
        passage = self.cursor_passage
        return self.selection.span_offsets_in(passage.text) if passage else None

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

    # -- selecting from the keyboard: sentences, words, phrases ------------------------------

    def select(self, how: str, delta: int) -> bool:
        """One keyboard selection step (see the transcript's keys); False when nothing moved."""
        if how == "sentence":
            return self.select_sentence()
        if how == "step":
            return self.step_sentence(delta)
        if how == "sentences":
            return self.extend_sentence(delta)
        before = self.selection.span
        if how == "grow":
            self.selection.grow(len(self.words()), delta)
        elif how == "trim":
            self.selection.trim(delta)
        return self.selection.span != before

    def sentence_words(self) -> list[tuple[int, int]]:
        """The cursor passage's sentences as (first word, last word) indices."""
        passage = self.cursor_passage
        if passage is None:
            return []
        starts = [start for start, _ in self.words()]
        found = []
        for low, high in sentence_spans(passage.text, passage.speaker):
            first, last = bisect_left(starts, low), bisect_left(starts, high) - 1
            if first <= last:
                found.append((first, last))
        return found

    def select_sentence(self) -> bool:
        """Select the sentence under the word cursor (the first one when there is none)."""
        sentences, span = self.sentence_words(), self.selection.span
        if not sentences:
            return False
        if span is None:
            first, last = sentences[0]
        else:
            low, high = sorted(span)
            first, last = _around(sentences, low)[0], _around(sentences, high)[1]
        self.selection.span_words(first, last)
        return True

    def step_sentence(self, delta: int) -> bool:
        """Select the next (1) or previous (-1) sentence, into the neighbouring passages."""
        sentences, span = self.sentence_words(), self.selection.span
        if span is None and sentences:
            self.selection.span_words(*sentences[0 if delta > 0 else -1])
            return True
        if span is not None:
            low, high = sorted(span)
            ahead = [s for s in sentences if s[0] > high] if delta > 0 else []
            behind = [s for s in sentences if s[1] < low] if delta < 0 else []
            if ahead or behind:
                self.selection.span_words(*(ahead[0] if ahead else behind[-1]))
                return True
        position = self.selection.cursor + delta
        while 0 <= position < len(self.passages):
            self.selection.move_to(position)
            sentences = self.sentence_words()
            if sentences:
                self.selection.span_words(*sentences[0 if delta > 0 else -1])
                return True
            position += delta
        return False

    def extend_sentence(self, delta: int) -> bool:
        """Stretch the span to the end of the next sentence (1) or the start of the last (-1)."""
        sentences, span = self.sentence_words(), self.selection.span
        if span is None:
            return self.select_sentence()
        low, high = sorted(span)
        if delta > 0:
            ends = [last for _, last in sentences if last > high]
            if ends:
                self.selection.span_words(low, ends[0])
            return bool(ends)
        starts = [first for first, _ in sentences if first < low]
        if starts:
            self.selection.span_words(starts[-1], high)
        return bool(starts)

    def find(self, phrase: str, step: int = 0) -> bool:
        """Select the words of a phrase's match: at the selection (0), after it (1), before (-1).

        The search goes through the loaded passages from the cursor and wraps around.
        """
        pattern = phrase_pattern(phrase)
        passage = self.cursor_passage
        if pattern is None or passage is None:
            return False
        here = self.selection.cursor
        low, high = self.span_in_passage() or (0, 0)
        origin = {0: low, 1: high, -1: low}[max(-1, min(step, 1))]
        for position, start, end in self._matches(pattern, here, origin, step):
            self.selection.move_to(position)
            found = self.passages[position]
            return self.select_span(found.start + start, found.start + end)
        return False

    def _matches(
        self, pattern: re.Pattern[str], here: int, origin: int, step: int
    ) -> Iterator[tuple[int, int, int]]:
        """Matches in search order: the cursor passage from origin, the others, then wrapping."""
        count = len(self.passages)
        order = [(here + n) % count for n in range(1, count)]
        if step < 0:
            order.reverse()
        for visit, position in enumerate([here, *order, here]):
            spans = [m.span() for m in pattern.finditer(self.passages[position].text)]
            if step < 0:
                spans.reverse()
            for start, end in spans:
                if position == here and visit == 0:  # the part of the cursor passage ahead
                    if (start < origin) != (step < 0):
                        continue
                elif position == here and (start < origin) == (step < 0):
                    continue  # after wrapping round: only what the first visit left out
                yield position, start, end


def _around(sentences: list[tuple[int, int]], word: int) -> tuple[int, int]:
    """The sentence holding a word (the next one when the word is between sentences)."""
    return next((s for s in sentences if word <= s[1]), sentences[-1])
