"""The transcript: passages drawn line by line (only what is visible), a cursor and a selection."""

from __future__ import annotations

import threading
import time
from typing import ClassVar

from rich.segment import Segment
from textual import events
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from qualcode.store.workbench import CodeRow, CodingView, Marks, PassageRow
from qualcode.tui.selection import Selection
from qualcode.tui.transcript_model import TranscriptModel
from qualcode.tui.widgets.passage_lines import (
    GUTTER,
    Look,
    PassageState,
    make_look,
    passage_strips,
    text_width,
    wrap,
)
from qualcode.tui.widgets.transcript_keys import TRANSCRIPT_KEYS

PARTS = ("cursor", "selected", "span", "speaker", "gutter", "mark", "margin")


class TranscriptView(ScrollView, can_focus=True):
    """Passages of one document; scroll_y counts passages, so 20,000 of them cost nothing."""

    COMPONENT_CLASSES: ClassVar[set[str]] = {f"transcript--{part}" for part in PARTS}
    BINDINGS: ClassVar[list[BindingType]] = TRANSCRIPT_KEYS

    class CursorMoved(Message):
        """The cursor passage or the selection changed."""

    class FindAsked(Message):
        """The coder wants to type a phrase to select (the screen shows the find bar)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.model = TranscriptModel()
        self.loading_message = "Loading…"
        self._codes: dict[int, CodeRow] = {}
        self._version = 0
        self._blocks: dict[int, list[Strip]] = {}
        self._heights: dict[int, int] = {}
        self._width = 0
        self._columns = 0
        self._rows_key: tuple[int, ...] = ()
        self._rows: list[Strip] = []
        self._row_map: list[tuple[int, int]] = []
        self._look: Look | None = None
        self._drag: tuple[int, int] | None = None
        self.phrase = ""  # the last phrase searched for, for the next and previous match
        self.first_paint: float | None = None
        self.painted = threading.Event()  # set once the loaded passages are on screen

    @property
    def passages(self) -> list[PassageRow]:
        return self.model.passages

    @property
    def selection(self) -> Selection:
        return self.model.selection

    def show(self, passages: list[PassageRow], marks: Marks, cursor: int = 0) -> None:
        """Display a document's passages and marks with the cursor on a passage."""
        self.model.load(passages, marks, cursor)
        self.painted.clear()
        self._heights.clear()
        self.changed()
        self._resize_virtual()
        self.set_scroll(None, 0)
        self.call_after_refresh(self.follow_cursor, centre=True)
        self.post_message(self.CursorMoved())

    def extend(self, passages: list[PassageRow]) -> None:
        """Add the rest of a long document's passages (loaded after the first paint)."""
        self.model.extend(passages)
        self._resize_virtual()
        self.changed()

    def set_marks(self, marks: Marks) -> None:
        """Replace codings, memos and reviews (after a refresh or a coder switch)."""
        self.model.set_marks(marks)
        self.changed()

    def set_codes(self, codes: list[CodeRow]) -> None:
        self._codes = {code.id: code for code in codes}
        self._look = None
        self.changed()

    def add_coding(self, coding: CodingView) -> None:
        self.model.add_coding(coding)
        self.changed()

    def drop_coding(self, coding_id: int) -> None:
        self.model.drop_coding(coding_id)
        self.changed()

    def changed(self) -> None:
        """Something drawn changed: redraw the visible passages."""
        self._version += 1
        self._blocks.clear()
        self.refresh()

    # -- movement ---------------------------------------------------------------------------

    def move_cursor(self, index: int, *, extend: bool = False) -> None:
        if not self.passages:
            return
        self.selection.move_to(min(max(index, 0), len(self.passages) - 1), extend=extend)
        self.changed()
        self.follow_cursor()
        self.post_message(self.CursorMoved())

    def action_move(self, delta: int, extend: bool = False) -> None:
        self.move_cursor(self.selection.cursor + delta, extend=extend)

    def action_jump(self, index: int) -> None:
        self.move_cursor(index if index >= 0 else len(self.passages) - 1)

    def action_page(self, direction: int) -> None:
        shown = len({index for index, _ in self._row_map}) or 1
        self.move_cursor(self.selection.cursor + direction * max(1, shown - 1))

    def action_word(self, delta: int, extend: bool = False) -> None:
        self.selection.step_word(len(self.model.words()), delta, extend=extend)
        self.changed()
        self.post_message(self.CursorMoved())

    def action_select(self, how: str, delta: int = 0) -> None:
        """Select from the keyboard: a sentence, the next one, more sentences or words, a match."""
        if how == "find":
            self.find(self.phrase, delta)
        else:
            self._selected(self.model.select(how, delta))

    def find(self, phrase: str, step: int = 0) -> bool:
        """Select the next match of a phrase (see TranscriptModel.find); False when none."""
        self.phrase = phrase
        return self._selected(self.model.find(phrase, step))

    def _selected(self, moved: bool) -> bool:
        if moved:
            self.changed()
            self.follow_cursor()
            self.post_message(self.CursorMoved())
        return moved

    def action_find(self) -> None:
        self.post_message(self.FindAsked())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "clear":
            return self.selection.anchor is not None or self.selection.span is not None
        return True

    def action_clear(self) -> None:
        if self.selection.clear():
            self.changed()
            self.post_message(self.CursorMoved())

    def select_span(self, start: int, end: int) -> None:
        """Select the words of the cursor passage covering document offsets start..end."""
        if self.model.select_span(start, end):
            self.changed()
            self.post_message(self.CursorMoved())

    # -- layout -----------------------------------------------------------------------------

    @property
    def top(self) -> int:
        return int(self.scroll_y)

    def _content_width(self) -> int:
        return self.scrollable_content_region.width

    def _text_columns(self) -> int:
        """Columns for the passage text: what the gutter and the code margin leave."""
        if self._look is None:
            self._look = self._make_look()
        label = self._look.label_width(self.model.show_others)
        columns = text_width(self._content_width(), label)
        if columns != self._columns:  # the margin grew or shrank: every passage re-wraps
            self._columns = columns
            self._heights.clear()
        return columns

    def _height(self, index: int) -> int:
        columns = self._text_columns()
        if index not in self._heights:
            lines = wrap(self.passages[index].text, columns)
            self._heights[index] = len(lines) + 1
        return self._heights[index]

    def follow_cursor(self, centre: bool = False) -> None:
        """Scroll the least needed to show the whole cursor passage (centred on a jump)."""
        if not self.passages:
            return
        height = max(1, self.scrollable_content_region.height)
        cursor, top = self.selection.cursor, self.top
        if centre:
            room, top = height // 3, cursor
            while top > 0 and room - self._height(top - 1) >= 0:
                room -= self._height(top - 1)
                top -= 1
        elif cursor < top:
            top = cursor
        else:
            used, index = 0, top
            while index <= cursor and used <= height:
                used += self._height(index)
                index += 1
            if used > height:
                used, top = self._height(cursor), cursor
                while top > 0 and used + self._height(top - 1) <= height:
                    top -= 1
                    used += self._height(top)
        if top != self.top:
            self.set_scroll(None, top)
            self.refresh()

    def _resize_virtual(self) -> None:
        height = max(1, self.scrollable_content_region.height)
        self.virtual_size = Size(self._content_width(), len(self.passages) + height - 1)

    def on_resize(self, event: events.Resize) -> None:
        self._heights.clear()
        self._resize_virtual()
        self.changed()
        self.call_after_refresh(self.follow_cursor)  # re-wrapped text moves the cursor passage

    def _make_look(self) -> Look:
        return make_look(self, "transcript", PARTS, list(self._codes.values()))

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._look = None
        self._blocks.clear()

    def _block(self, index: int, width: int) -> list[Strip]:
        if index not in self._blocks:
            if self._look is None:
                self._look = self._make_look()
            passage, model = self.passages[index], self.model
            spans = model.span_in_passage() if index == self.selection.cursor else None
            state = PassageState(
                row=passage,
                codings=model.visible_codings(index),
                cursor=index == self.selection.cursor,
                selected=self.selection.first <= index <= self.selection.last,
                span=spans,
                memo=passage.id in model.marks.memos,
                reviewed=passage.id in model.marks.reviewed,
                others=model.show_others,
            )
            self._blocks[index] = passage_strips(state, self._look, width)
        return self._blocks[index]

    def _visible_rows(self) -> list[Strip]:
        width, height = self._content_width(), self.scrollable_content_region.height
        self._text_columns()  # re-wraps when the margin changed (codes, coders shown)
        key = (self.top, width, height, self._version)
        if key == self._rows_key:
            return self._rows
        if width != self._width:
            self._width = width
            self._blocks.clear()
            self._heights.clear()
        rows: list[Strip] = []
        row_map: list[tuple[int, int]] = []
        index = self.top
        while len(rows) < height and index < len(self.passages):
            block = self._block(index, width)
            rows.extend(block)
            row_map.extend((index, line) for line in range(len(block)))
            index += 1
        self._rows_key, self._rows, self._row_map = key, rows[:height], row_map[:height]
        return self._rows

    def render_line(self, y: int) -> Strip:
        width = self._content_width()
        if not self.passages:
            message = f"  {self.loading_message}" if y == 1 else ""
            return Strip([Segment(message, self.rich_style)]).adjust_cell_length(
                width, self.rich_style
            )
        rows = self._visible_rows()
        if rows and not self.painted.is_set():
            self.first_paint = self.first_paint or time.perf_counter()
            self.painted.set()
        return rows[y] if y < len(rows) else Strip.blank(width, self.rich_style)

    # -- mouse ------------------------------------------------------------------------------

    def _hit(self, event: events.MouseEvent) -> tuple[int, int] | None:
        """The (passage position, offset in its text) under the mouse, if any."""
        offset = event.get_content_offset_capture(self)
        self._visible_rows()
        if not 0 <= offset.y < len(self._row_map):
            return None
        index, line = self._row_map[offset.y]
        lines = wrap(self.passages[index].text, self._text_columns())
        if line >= len(lines):
            return index, len(self.passages[index].text)
        start, end = lines[line]
        return index, min(max(start + offset.x - GUTTER, start), end)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        hit = self._hit(event)
        if hit is None or event.button != 1:
            return
        self.focus()
        index, _offset = hit
        self.move_cursor(index, extend=event.shift)
        self._drag = hit
        self.capture_mouse()

    def on_mouse_move(self, event: events.MouseMove) -> None:
        if self._drag is None or not event.button:
            return
        hit = self._hit(event)
        if hit is None or hit[0] != self._drag[0]:
            return
        passage = self.passages[hit[0]]
        low, high = sorted((self._drag[1], hit[1]))
        if high > low:
            self.select_span(passage.start + low, passage.start + high)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        self._drag = None
        self.release_mouse()

    def on_click(self, event: events.Click) -> None:
        hit = self._hit(event)
        if hit is not None and event.chain == 2:
            passage = self.passages[hit[0]]
            self.select_span(passage.start + hit[1], passage.start + hit[1] + 1)
