"""Switch coder: pick someone who has coded here, or type a new name."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option


class CoderScreen(ModalScreen[str | None]):
    """Dismisses with the chosen coder's name (None when cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "focus_list", "Coders", show=False),
    ]

    def __init__(self, current: str, coders: list[str]) -> None:
        super().__init__()
        self.current = current
        self.coders = coders

    def compose(self) -> ComposeResult:
        with Vertical(id="coder"):
            yield Label(f"Coding as {self.current}. Switch to:", id="coder-title", markup=False)
            yield Input(placeholder="A coder's name (new names are added)")
            yield OptionList(*(Option(Text(name)) for name in self.coders), id="coder-options")

    def action_focus_list(self) -> None:
        self.query_one(OptionList).focus()

    @on(Input.Submitted)
    def _typed(self, event: Input.Submitted) -> None:
        if event.value.strip():
            self.dismiss(event.value.strip())

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.coders[event.option_index])
