"""The suggestions slot: suggested codes for the cursor passage, loaded in a worker."""

from __future__ import annotations

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from qualcode.errors import QualcodeError
from qualcode.nlp.types import Suggestion
from qualcode.store.workbench import CodeRow
from qualcode.tui.context import Workbench

EMPTY = "No suggestions for this passage"
MIN_SCORE = 0.05  # near misses are shown dimmed; those at the threshold count as suggested
SHOWN = 5
REASON = 70  # characters of the reason shown (two lines of the pane)


class SuggestionsPane(Vertical):
    """Suggested codes for the cursor passage: code, score, origin (cue/model/both), reason."""

    def __init__(self, bench: Workbench, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.bench = bench
        self.suggestions: list[Suggestion] = []
        self.codes: dict[str, CodeRow] = {}
        self.passage_id: int | None = None
        self.threshold = 0.5

    def compose(self) -> ComposeResult:
        yield Static(EMPTY, id="suggestions-empty", markup=False)
        yield OptionList(id="suggestions-list")

    def on_mount(self) -> None:
        self.border_title = "Suggestions (y accept · n reject)"
        self.show_suggestions([])

    def show_for(self, passage_id: int | None) -> None:
        """Ask the suggester about a passage (in a worker); the pane fills in when it answers."""
        self.passage_id = passage_id
        if passage_id is None:
            self.show_suggestions([])
        else:
            self.load(passage_id, self.bench.coder)

    def refresh_suggestions(self) -> None:
        self.show_for(self.passage_id)

    @work(thread=True, exclusive=True, group="suggestions")
    def load(self, passage_id: int, coder: str) -> None:
        # spaCy loads here, in this worker, the first time suggestions are shown.
        from qualcode.nlp.api import project_suggester, suggest_for_passage

        try:
            threshold = project_suggester(self.bench.project).threshold
            found = suggest_for_passage(
                self.bench.project, passage_id, coder=coder, min_score=MIN_SCORE
            )
        except QualcodeError as exc:
            self.app.call_from_thread(self._failed, passage_id, str(exc))
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, passage_id, threshold, found[:SHOWN])

    def _loaded(self, passage_id: int, threshold: float, found: list[Suggestion]) -> None:
        if passage_id == self.passage_id:
            self.threshold = threshold
            self.show_suggestions(found)

    def _failed(self, passage_id: int, message: str) -> None:
        if passage_id == self.passage_id:
            self.show_suggestions([], f"Suggester unavailable: {message}")

    def show_suggestions(self, suggestions: list[Suggestion], empty: str = EMPTY) -> None:
        self.suggestions = suggestions
        options = self.query_one(OptionList)
        options.clear_options()
        for suggestion in suggestions:
            code = self.codes.get(suggestion.code)
            sure = suggestion.score >= self.threshold
            prompt = Text()
            prompt.append("■ ", style=(code.colour if code else "") or "grey50")
            prompt.append(code.name if code else suggestion.code, style="bold" if sure else "")
            prompt.append(f" {suggestion.score:.0%} {suggestion.origin}", style="dim")
            reason = suggestion.reason
            reason = reason if len(reason) <= REASON else reason[: REASON - 1] + "…"
            prompt.append(f"\n  {reason}", style="dim italic")
            options.add_option(Option(prompt))
        if suggestions:
            options.highlighted = 0
        options.display = bool(suggestions)
        empty_line = self.query_one("#suggestions-empty", Static)
        empty_line.update(empty)
        empty_line.display = not suggestions

    @property
    def chosen(self) -> Suggestion | None:
        """The highlighted suggestion (the best one unless the coder moved in the list)."""
        highlighted = self.query_one(OptionList).highlighted
        if highlighted is not None and highlighted < len(self.suggestions):
            return self.suggestions[highlighted]
        return None
