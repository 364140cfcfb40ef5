"""Search the whole project as you type; enter jumps to the passage."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from qualcode.errors import QualcodeError
from qualcode.numbering import passage_number
from qualcode.store.search import SearchHit, search_passages
from qualcode.tui.context import Workbench
from qualcode.wording import plural


def hit_prompt(hit: SearchHit) -> Text:
    prompt = Text()
    prompt.append(f"{hit.document} ", style="bold")
    prompt.append(f"#{passage_number(hit.passage)}  ", style="dim")
    text = " ".join(hit.text.split())
    prompt.append(text if len(text) <= 160 else text[:159] + "…")
    return prompt


class SearchScreen(ModalScreen[SearchHit | None]):
    """Full-text search over every passage; dismisses with the chosen hit."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Cancel"),
        Binding("down", "move(1)", "Next", show=False),
        Binding("up", "move(-1)", "Previous", show=False),
        Binding("enter", "choose", "Jump", priority=True),
    ]

    def __init__(self, bench: Workbench, query: str = "") -> None:
        super().__init__()
        self.bench = bench
        self.initial = query
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        with Vertical(id="search"):
            yield Label("Search the project (words, “phrases”, prefix*)", id="search-title")
            yield Input(self.initial, placeholder="Search passages…")
            yield OptionList(id="search-results")
            yield Label("", id="search-count")

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        self.search(event.value)

    @work(thread=True, exclusive=True, group="search")
    def search(self, query: str) -> None:
        try:
            with self.bench.project.read() as session:
                hits = search_passages(session, query, limit=200) if query.strip() else []
        except QualcodeError:
            hits = []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, hits)

    def _show(self, query: str, hits: list[SearchHit]) -> None:
        if query != self.query_one(Input).value:
            return  # a slower search for an older query
        self.hits = hits
        options = self.query_one(OptionList)
        options.clear_options()
        options.add_options(Option(hit_prompt(hit)) for hit in hits)
        if hits:
            options.highlighted = 0
        shown = plural(len(hits), "passage") if len(hits) < 200 else "the best 200 passages"
        self.query_one("#search-count", Label).update(shown)

    def action_move(self, delta: int) -> None:
        options = self.query_one(OptionList)
        if self.hits:
            options.highlighted = min(
                max((options.highlighted or 0) + delta, 0), len(self.hits) - 1
            )

    def action_choose(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None and index < len(self.hits):
            self.dismiss(self.hits[index])

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.hits[event.option_index])
