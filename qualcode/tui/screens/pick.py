"""Pick one item from a short list (which coding to remove, which to write a memo on)."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option


class PickScreen(ModalScreen[int | None]):
    """A titled list; dismisses with the position of the chosen item (None when cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, title: str, items: list[Text | str], highlighted: int = 0) -> None:
        super().__init__()
        self.title_text = title
        self.items = items
        self.first = highlighted

    def compose(self) -> ComposeResult:
        with Vertical(id="pick"):
            yield Label(self.title_text, id="pick-title", markup=False)
            prompts = (Text(item) if isinstance(item, str) else item for item in self.items)
            yield OptionList(*(Option(prompt) for prompt in prompts), id="pick-options")

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.highlighted = self.first
        options.focus()

    @on(OptionList.OptionSelected)
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option_index)
