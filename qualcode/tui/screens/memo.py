"""Write a memo on a passage or a coding: ctrl+s saves, escape cancels, empty removes it."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, TextArea


class MemoScreen(ModalScreen[str | None]):
    """Edits a memo's text; dismisses with the new text (None when cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "save", "Save", priority=True),
        Binding("escape", "dismiss(None)", "Cancel"),
    ]

    def __init__(self, title: str, text: str, quote: str) -> None:
        super().__init__()
        self.title_text = title
        self.text = text
        self.quote = quote if len(quote) <= 300 else quote[:299] + "…"

    def compose(self) -> ComposeResult:
        with Vertical(id="memo"):
            yield Label(self.title_text, id="memo-title", markup=False)
            yield Label(self.quote, id="memo-quote", markup=False)
            yield TextArea(self.text, id="memo-text", soft_wrap=True)
            yield Label("ctrl+s save · escape cancel · save empty to remove", id="memo-help")

    def on_mount(self) -> None:
        self.query_one(TextArea).focus()

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)
