"""The code query screen: type an expression of codes, see the passages it selects, open one."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from qualcode.analysis.query import Hit, QueryResult, run_query
from qualcode.errors import QualcodeError
from qualcode.numbering import passage_index
from qualcode.tui.context import Workbench
from qualcode.tui.folding import fit_footer
from qualcode.tui.framework import coder_filters
from qualcode.tui.open_passage import OpenPassage
from qualcode.tui.plain import cell
from qualcode.tui.screens.documents import clip, clip_middle
from qualcode.tui.widgets.key_footer import KeyFooter

COLUMNS = ("Document", "#", "Participant", "Codes", "Text")
MOST_HITS = 200  # anonymising a hit takes time: a large project's thousands wait for the CLI
PLACEHOLDER = "Codes with AND, OR, NOT, ( ) and NEAR/N, e.g. commissioning AND NOT independence"


def hit_cells(hit: Hit) -> list[Text]:
    """A hit as a table row: document, passage (from 1), participant, codes, the text's start."""
    return [
        cell(clip_middle(hit.title, 28)),
        cell(str(hit.passage)),
        cell(clip(hit.participant or "—", 16)),
        cell(clip(", ".join(hit.codes), 30)),
        cell(clip(" ".join(hit.text.split()), 80)),
    ]


class QueryScreen(Screen[None]):
    """Passages whose codes match an expression, as `qualcode query` lists them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "run", "Run / open", tooltip="Run the query; on a hit, open its passage"),
        Binding("down", "to_hits", "Hits", show=False, tooltip="Move from the query to its hits"),
        Binding("escape", "back", "Back", tooltip="Back to the query, or out of the screen"),
    ]

    def __init__(self, bench: Workbench) -> None:
        super().__init__()
        self.bench = bench
        self.hits: list[Hit] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="query-title")
        yield Input(placeholder=PLACEHOLDER, id="query-expression")
        yield Static("Type a query and press enter.", id="query-message", markup=False)
        yield DataTable(id="query-hits", cursor_type="row", zebra_stripes=True)
        yield KeyFooter()

    def on_mount(self) -> None:
        title = Text(self.bench.project_name, style="bold")
        title.append(f"  ·  code query  ·  coder: {self.bench.coder}", style="dim")
        self.query_one("#query-title", Static).update(title)
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        self.query_one(Input).focus()

    def on_resize(self, event: events.Resize) -> None:
        fit_footer(self, event.size.width)

    def refresh_data(self) -> None:
        expression = self.query_one(Input).value
        if expression.strip():
            self.run(expression, self.bench.coder)

    def switch_coder(self) -> None:
        self.refresh_data()

    @on(Input.Submitted, "#query-expression")
    def action_run(self) -> None:
        if self.query_one(DataTable).has_focus:
            self._open()
            return
        expression = self.query_one(Input).value
        self.query_one("#query-message", Static).update("Running…")
        self.run(expression, self.bench.coder)

    @work(thread=True, exclusive=True, group="query")
    def run(self, expression: str, coder: str) -> None:
        try:
            with self.bench.project.read() as session:
                filters, blind = coder_filters(session, "everyone", coder)
                result: QueryResult | str = run_query(session, expression, filters, limit=MOST_HITS)
        except QualcodeError as exc:
            result, blind = f"error: {exc}", False
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, result, blind)

    def _show(self, result: QueryResult | str, blind: bool) -> None:
        message = self.query_one("#query-message", Static)
        table = self.query_one(DataTable)
        if isinstance(result, str):
            message.update(Text(result, style="bold red"))
            return
        self.hits = result.hits
        rows = [hit_cells(hit) for hit in self.hits]
        table.clear(columns=True)
        # Set widths: Textual measures new rows when idle, so the first paint could differ.
        for at, title in enumerate(COLUMNS):
            width = max([len(title), *(row[at].cell_len for row in rows)])
            table.add_column(title, key=title, width=width)
        for number, row in enumerate(rows):
            table.add_row(*row, key=str(number))
        count = len(result.passages)
        said = f"{count} passage{'' if count == 1 else 's'} match {result.expression}"
        if count > len(self.hits):
            said += f"  ·  the first {len(self.hits)} shown (`qualcode query` lists them all)"
        if blind:
            said += "  ·  blind assignment open: only your codings"
        message.update(Text(said))

    def action_to_hits(self) -> None:
        if self.hits:
            self.query_one(DataTable).focus()

    @on(DataTable.RowSelected, "#query-hits")
    def _open(self) -> None:
        row = self.query_one(DataTable).cursor_row
        if 0 <= row < len(self.hits):
            hit = self.hits[row]
            self.post_message(OpenPassage(hit.document_id, passage_index(hit.passage)))

    def action_back(self) -> None:
        if self.query_one(DataTable).has_focus:
            self.query_one(Input).focus()
        else:
            self.dismiss()
