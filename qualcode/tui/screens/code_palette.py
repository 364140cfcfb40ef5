"""The code palette: type to find a code by key, name or description; enter applies it.

Text that names no code offers to create it (open coding).
"""

from __future__ import annotations

from dataclasses import dataclass
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

PROMPT = "Type a key, name or words from a definition (ctrl+n: a new code)"


def option_prompt(code: CodeRow, number: int | None) -> Text:
    prompt = Text()
    prompt.append(f"{number % 10} " if number is not None else "  ", style="bold")
    prompt.append("■ ", style=code.colour or "grey50")
    prompt.append("  " * code.depth + code.name)
    prompt.append(f"  {code.key}  {code.mine}/{code.total}", style="dim")
    return prompt


@dataclass(frozen=True)
class NewCode:
    """The coder asked for a new code with this name, near the code they had highlighted."""

    name: str
    near: int | None


def create_prompt(name: str) -> Text:
    prompt = Text()
    prompt.append("+ ", style="bold")
    prompt.append("Create code ")
    prompt.append(f"“{name}”", style="bold")
    prompt.append("  (then choose its parent theme)", style="dim")
    return prompt


class CodePalette(ModalScreen[int | NewCode | None]):
    """Fuzzy search over the codebook; dismisses with the chosen code's id, or a NewCode.

    None means cancelled.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("enter", "choose", "Apply", priority=True),
        Binding("ctrl+n", "create", "Create a code named as typed"),
    ]

    def __init__(self, codes: list[CodeRow], numbers: dict[int, int], target: str) -> None:
        super().__init__()
        self.codes = codes
        self.numbers = numbers
        self.target = target
        self.shown: list[CodeRow] = []
        self.new_name = ""

    def compose(self) -> ComposeResult:
        with Vertical(id="palette"):
            yield Label(f"Apply a code to {self.target}", id="palette-title", markup=False)
            yield Input(placeholder=PROMPT)
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
        name = " ".join(query.split())
        named = {code.name.casefold() for code in self.codes} | {c.key for c in self.codes}
        self.new_name = name if name and name.casefold() not in named else ""
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(option_prompt(c, self.numbers.get(c.id))) for c in self.shown)
        if self.new_name:
            options.add_option(Option(create_prompt(self.new_name), id="create"))
        if options.option_count:
            options.highlighted = 0
        self._details()

    @on(OptionList.OptionHighlighted)
    def _details(self) -> None:
        index = self.query_one(OptionList).highlighted
        code = self.shown[index] if index is not None and index < len(self.shown) else None
        self.query_one(CodeDetails).show_code(code)

    def _near(self) -> int | None:
        """The highlighted code, else the best match: a new code goes under its theme."""
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.shown):
            return self.shown[index].id
        return self.shown[0].id if self.shown else None

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = min(max(current + delta, 0), options.option_count - 1)

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self._pick(index)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self._pick(event.option_index)

    def action_create(self) -> None:
        name = " ".join(self.query_one(Input).value.split())
        if name:
            self.dismiss(NewCode(name, self._near()))

    def _pick(self, index: int) -> None:
        if index < len(self.shown):
            self.dismiss(self.shown[index].id)
        elif self.new_name:
            self.dismiss(NewCode(self.new_name, self._near()))
