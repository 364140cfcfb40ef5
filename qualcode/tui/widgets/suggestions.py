"""The suggestions slot: suggested codes for the cursor passage, accepted or rejected by key."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

EMPTY = "No suggestions yet — train the suggester"


@dataclass(frozen=True)
class Suggestion:
    """A suggested code for a passage, with how sure the suggester is and why."""

    code_id: int
    name: str
    colour: str
    score: float
    reason: str


class SuggestionsPane(Vertical):
    """Suggested codes for the cursor passage (filled in by the suggester when trained)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "decide(True)", "Accept"),
        Binding("n", "decide(False)", "Reject"),
    ]

    class Decided(Message):
        """The coder accepted or rejected a suggestion."""

        def __init__(self, suggestion: Suggestion, accepted: bool) -> None:
            super().__init__()
            self.suggestion = suggestion
            self.accepted = accepted

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.suggestions: list[Suggestion] = []

    def compose(self) -> ComposeResult:
        yield Static(EMPTY, id="suggestions-empty")
        yield OptionList(id="suggestions-list")

    def on_mount(self) -> None:
        self.border_title = "Suggestions"
        self.show_suggestions([])

    def show_suggestions(self, suggestions: list[Suggestion]) -> None:
        self.suggestions = suggestions
        options = self.query_one(OptionList)
        options.clear_options()
        for suggestion in suggestions:
            prompt = Text()
            prompt.append("■ ", style=suggestion.colour or "grey50")
            prompt.append(suggestion.name)
            prompt.append(f" {suggestion.score:.0%}  {suggestion.reason}", style="dim")
            options.add_option(Option(prompt))
        options.display = bool(suggestions)
        self.query_one("#suggestions-empty").display = not suggestions

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return bool(self.suggestions) if action == "decide" else True

    def action_decide(self, accepted: bool) -> None:
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.suggestions):
            self.post_message(self.Decided(self.suggestions[highlighted], accepted))
