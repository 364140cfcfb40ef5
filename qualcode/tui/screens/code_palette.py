"""The code palette: type to find a code by key, name or description; enter applies it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from qualcode.store.workbench import CodeRow
from qualcode.tui.ranking import rank_codes
from qualcode.tui.widgets.code_details import CodeDetails


def option_prompt(code: CodeRow, number: int | None) -> Text:
    prompt = Text()
    prompt.append(f"{number % 10} " if number is not None else "  ", style="bold")
    prompt.append("■ ", style=code.colour or "grey50")
    prompt.append("  " * code.depth + code.name)
    prompt.append(f"  {code.key}  {code.mine}/{code.total}", style="dim")
    return prompt


class CodePalette(ModalScreen[int | None]):
    """Fuzzy search over the codebook; dismisses with the chosen code's id (None: cancelled)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("enter", "choose", "Apply", priority=True),
    ]

    def __init__(self, codes: list[CodeRow], numbers: dict[int, int], target: str) -> None:
        super().__init__()
        self.codes = codes
        self.numbers = numbers
        self.target = target
        self.shown: list[CodeRow] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="palette"):
            yield Label(f"Apply a code to {self.target}", id="palette-title", markup=False)
            yield Input(placeholder="Type a key, name or words from a definition…")
            yield OptionList(id="palette-options")
            with VerticalScroll(id="palette-details"):
                yield CodeDetails()

    def on_mount(self) -> None:
        self._fill("")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def _fill(self, query: str) -> None:
        self.shown = rank_codes(query, self.codes)
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(option_prompt(c, self.numbers.get(c.id))) for c in self.shown)
        if self.shown:
            options.highlighted = 0
        self._details()

    @on(OptionList.OptionHighlighted)
    def _details(self) -> None:
        index = self.query_one(OptionList).highlighted
        code = self.shown[index] if index is not None and index < len(self.shown) else None
        self.query_one(CodeDetails).show_code(code)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if self.shown:
            current = options.highlighted or 0
            options.highlighted = min(max(current + delta, 0), len(self.shown) - 1)

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.shown):
            self.dismiss(self.shown[index].id)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.shown[event.option_index].id)
