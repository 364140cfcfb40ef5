"""The code view: every quote coded with a code, across documents, with participant labels."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Static
from textual.worker import get_current_worker

from qualcode.audit.blind import visible
from qualcode.numbering import passage_number
from qualcode.store.workbench import CodeRow, Quote, code_quotes, code_rows
from qualcode.tui.context import Workbench
from qualcode.tui.plain import cell
from qualcode.tui.widgets.code_details import CodeDetails


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def one_line(text: str, width: int = 70) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


class CodeViewScreen(Screen[None]):
    """Quotes of one code for report writers and supervisors; enter jumps to the passage."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "jump", "Go to passage"),
        Binding("e", "everyone", "Mine / everyone's"),
        Binding("escape", "back", "Back"),
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
            yield DataTable(id="quotes", cursor_type="row", zebra_stripes=True)
            with VerticalScroll(id="code-view-details"):
                yield CodeDetails()
        yield Static("", id="quote-preview")
        yield Static("", id="status")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in ("Participant", "Document", "Coder", "#", "Quote"):
            table.add_column(column, key=column)
        table.focus()
        self.refresh_data()

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
        table = self.query_one(DataTable)
        table.clear()
        for quote in quotes:
            table.add_row(
                cell(quote.participant or "—"),
                cell(one_line(quote.document, 18)),
                cell(quote.coder),
                str(passage_number(quote.passage)),
                cell(one_line(quote.text, 30)),
            )
        self._preview()
        documents = len({q.document_id for q in quotes})
        participants = len({q.participant for q in quotes if q.participant})
        status = (
            f"{plural(len(quotes), 'quote')} from {plural(documents, 'document')}, "
            f"{plural(participants, 'participant')}"
        )
        self.query_one("#status", Static).update(status)

    @on(DataTable.RowHighlighted)
    def _preview(self) -> None:
        quote = self.highlighted
        preview = Text()
        if quote is not None:
            preview.append(f"“{' '.join(quote.text.split())}”")
            preview.append(f"  [{quote.participant or quote.document}]", style="dim")
        self.query_one("#quote-preview", Static).update(preview)

    @property
    def highlighted(self) -> Quote | None:
        row = self.query_one(DataTable).cursor_row
        return self.quotes[row] if self.quotes and 0 <= row < len(self.quotes) else None

    def action_jump(self) -> None:
        quote = self.highlighted
        if quote is not None:
            self.post_message(self.Jump(quote))

    @on(DataTable.RowSelected)
    def _clicked(self) -> None:
        self.action_jump()

    def action_everyone(self) -> None:
        self.everyone = not self.everyone
        self.refresh_data()

    def action_back(self) -> None:
        self.dismiss()
