"""Search-to-select: type a phrase and its words are selected in the transcript as you type."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Label

from qualcode.tui.selection import Selection
from qualcode.tui.widgets.transcript_view import TranscriptView

HELP = "enter keeps · ↓/tab next · ↑ previous · esc cancels"


class FindBar(ModalScreen[bool]):
    """A one-line bar over the transcript; dismisses True when the coder keeps the match."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down,tab,ctrl+n", "step(1)", "Next match"),
        Binding("up,shift+tab,ctrl+p", "step(-1)", "Previous match"),
    ]

    def __init__(self, view: TranscriptView) -> None:
        super().__init__()
        self.view = view
        before = view.selection
        self.before = Selection(before.cursor, before.anchor, before.span)

    def compose(self) -> ComposeResult:
        with Horizontal(id="find"):
            yield Label("Find:", id="find-label")
            # A steady cursor: the bar sits still under the text being read (and snapshots too).
            phrase = Input(placeholder="words to select", id="find-input")
            phrase.cursor_blink = False
            yield phrase
            yield Label(HELP, id="find-help", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def _say(self, found: bool) -> None:
        phrase = self.query_one(Input).value.strip()
        label = self.query_one("#find-help", Label)
        label.update("no match in this document" if phrase and not found else HELP)
        label.set_class(bool(phrase) and not found, "-missing")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._say(self.view.find(event.value, 0))

    def action_step(self, step: int) -> None:
        self._say(self.view.find(self.query_one(Input).value, step))

    @on(Input.Submitted)
    def _keep(self) -> None:
        self.dismiss(self.view.selection.span is not None)

    def action_cancel(self) -> None:
        """Put the selection back as it was before the search."""
        self.view.phrase = self.query_one(Input).value
        self.view.model.selection = self.before
        self.view.changed()
        self.view.follow_cursor()
        self.view.post_message(TranscriptView.CursorMoved())
        self.dismiss(False)
