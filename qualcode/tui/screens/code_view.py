"""The code view: every quote coded with a code, across documents, with participant labels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from qualcode.audit.blind import visible
from qualcode.store.workbench import CodeRow, Quote, code_quotes, code_rows
from qualcode.tui.context import Workbench
from qualcode.tui.folding import FOLD, fit_footer, fold
from qualcode.tui.widgets.code_details import CodeDetails
from qualcode.wording import plural


def quote_text(quote: Quote) -> Text:
    """A quote whole, wrapped to the list's width, under where it comes from."""
    shown = Text(quote.participant or "—", style="bold")
    shown.append(f"  ·  {quote.document}  ·  passage {quote.passage}  ·  {quote.coder}", "dim")
    shown.append(f"\n“{' '.join(quote.text.split())}”\n")
    return shown


class CodeViewScreen(Screen[None]):
    """Quotes of one code for report writers and supervisors; enter jumps to the passage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "Go to passage"),
        Binding("e", "everyone", "Mine / everyone's"),
        Binding("escape", "back", "Back"),
        FOLD,
    ]

    class Jump(Message):
        """Open a document at a passage with a span selected."""

        def __init__(self, quote: Quote) -> None:
            super().__init__()
            self.quote = quote

    def __init__(self, bench: Workbench, code_id: int) -> None:
        super().__init__()
        self.bench = bench
        self.code_id = code_id
        self.everyone = True
        self.quotes: list[Quote] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="code-title")
        with Horizontal(id="code-view"):
            yield OptionList(id="quotes")
            with VerticalScroll(id="code-view-details"):
                yield CodeDetails()
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        fit_footer(self, event.size.width)

    def action_fold(self) -> None:
        fold(self, "#code-view-details", self.query_one(OptionList))

    def refresh_data(self) -> None:
        self.load(self.code_id, None if self.everyone else self.bench.coder)

    def switch_coder(self) -> None:
        self.refresh_data()

    @work(thread=True, exclusive=True, group="quotes")
    def load(self, code_id: int, coder: str | None) -> None:
        with self.bench.project.read() as session:
            code = next((c for c in code_rows(session, self.bench.coder) if c.id == code_id), None)
            quotes = visible(session, code_quotes(session, code_id, coder), self.bench.coder)
            quotes = quotes if code else []
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, code, quotes)

    def _loaded(self, code: CodeRow | None, quotes: list[Quote]) -> None:
        if code is None:
            self.notify("That code was removed elsewhere", severity="warning")
            return
        title = Text("■ ", style=code.colour or "grey50")
        title.append(code.name, style="bold")
        whose = "everyone's" if self.everyone else f"{self.bench.coder}'s"
        title.append(f"  ·  {plural(len(quotes), 'quote')} ({whose})", style="dim")
        self.query_one("#code-title", Static).update(title)
        self.query_one(CodeDetails).show_code(code)
        self.quotes = quotes
        listed = self.query_one(OptionList)
        highlighted = listed.highlighted
        listed.clear_options()
        listed.add_options(Option(quote_text(quote)) for quote in quotes)
        if quotes:
            listed.highlighted = min(highlighted or 0, len(quotes) - 1)
        documents = len({q.document_id for q in quotes})
        participants = len({q.participant for q in quotes if q.participant})
        status = (
            f"{plural(len(quotes), 'quote')} from {plural(documents, 'document')}, "
            f"{plural(participants, 'participant')}"
        )
        self.query_one("#status", Static).update(status)

    @property
    def highlighted(self) -> Quote | None:
        row = self.query_one(OptionList).highlighted
        return self.quotes[row] if row is not None and 0 <= row < len(self.quotes) else None

    def action_jump(self) -> None:
        quote = self.highlighted
        if quote is not None:
            self.post_message(self.Jump(quote))

    @on(OptionList.OptionSelected)
    def _clicked(self) -> None:
        self.action_jump()

    def action_everyone(self) -> None:
        self.everyone = not self.everyone
        self.refresh_data()

    def action_back(self) -> None:
        self.dismiss()
