"""The framework matrix screen: cases by themes, each cell's summary and quotes."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.coordinate import Coordinate
from textual.screen import Screen
from textual.widgets import DataTable, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from qualcode.analysis.matrix import Cell, Column
from qualcode.analysis.rows import Row, RowRef
from qualcode.analysis.summaries import summary_to_edit, write_summary
from qualcode.errors import QualcodeError
from qualcode.export.model import Quote
from qualcode.tui.context import Workbench
from qualcode.tui.folding import fit_footer
from qualcode.tui.framework import (
    COLUMN_KINDS,
    SUMMARY_MARK,
    WHOSE,
    Framework,
    MatrixChoice,
    fill_grid,
    load_framework,
    load_quotes,
    quote_text,
    whose_text,
)
from qualcode.tui.open_passage import OpenPassage
from qualcode.tui.screens.memo import MemoScreen
from qualcode.tui.widgets.key_footer import KeyFooter
from qualcode.wording import plural

SUMMARY_HELP = "Saved in the project and the audit trail; save it empty to remove it."


class MatrixScreen(Screen[None]):
    """Participants (or documents, or an attribute's values) by themes or codes, as `qualcode
    matrix` shows them; the lower pane reads the highlighted cell."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e", "edit", "Summary", tooltip="Write or edit the highlighted cell's summary"),
        Binding("r", "rows", "Rows", tooltip="Rows by participant, document or an attribute"),
        Binding("c", "columns", "Columns", tooltip="Columns by theme or by every code"),
        Binding("o", "whose", "Whose", tooltip="Count everyone's codings, yours, or the consensus"),
        Binding(
            "enter",
            "open",
            "Quotes",
            show=False,
            tooltip="Read the cell's quotes; on a quote, open its passage in the transcript",
        ),
        Binding("escape", "back", "Back", tooltip="Back to the grid, or out of the matrix"),
    ]

    def __init__(self, bench: Workbench) -> None:
        super().__init__()
        self.bench = bench
        self.choice = MatrixChoice()
        self.framework: Framework | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="matrix-title")
        yield DataTable(id="matrix", cursor_type="cell", fixed_columns=1)
        with Vertical(id="matrix-cell"):
            yield Static("", id="matrix-summary")
            yield OptionList(id="matrix-quotes")
        yield Static("Loading the matrix…", id="status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        pane = self.query_one("#matrix-cell")
        pane.border_title = "Cell"
        pane.border_subtitle = f"cells: passages/codings  {SUMMARY_MARK} summary"
        self.query_one(DataTable).focus()
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        fit_footer(self, event.size.width)

    def refresh_data(self) -> None:
        title = Text(self.bench.project_name, style="bold")
        title.append(f"  ·  framework matrix  ·  coder: {self.bench.coder}", style="dim")
        self.query_one("#matrix-title", Static).update(title)
        self.load(self.choice, self.bench.coder)

    def switch_coder(self) -> None:
        self.refresh_data()

    # -- loading ----------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="matrix")
    def load(self, choice: MatrixChoice, coder: str) -> None:
        """The grid's counts and summaries; each cell's quotes are read when it is highlighted."""
        try:
            with self.bench.project.read() as session:
                framework = load_framework(session, choice, coder)
        except QualcodeError as exc:
            self.app.call_from_thread(self.notify, str(exc), severity="error", markup=False)
            return
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, framework)

    def _loaded(self, framework: Framework) -> None:
        was = self.current
        table = self.query_one(DataTable)
        position = table.cursor_coordinate
        self.framework, self.choice = framework, framework.choice
        fill_grid(table, framework)
        at = self._coordinate(was, position)
        table.move_cursor(row=at.row, column=at.column)
        self._show_cell()
        self._status()

    def _coordinate(self, was: tuple[Row, Column] | None, fallback: Coordinate) -> Coordinate:
        """The same cell as before a reload when it is still there, else the old position."""
        assert self.framework is not None
        matrix = self.framework.matrix
        rows = [r.key for r in matrix.rows]
        columns = [c.key for c in matrix.columns]
        if was is not None and was[0].key in rows and was[1].key in columns:
            return Coordinate(rows.index(was[0].key), columns.index(was[1].key) + 1)
        return Coordinate(fallback.row, max(fallback.column, 1))

    def _status(self) -> None:
        if self.framework is None:
            return
        matrix, choice = self.framework.matrix, self.framework.choice
        whose = whose_text("mine" if self.framework.blind else choice.whose, self.bench.coder)
        status = (
            f"{len(matrix.rows)} × {len(matrix.columns)}  ·  rows: {choice.rows}  ·  "
            f"columns: {choice.columns}  ·  {whose}"
        )
        if self.framework.blind:
            status += "  ·  blind assignment open: only your codings"
        self.query_one("#status", Static).update(status)

    # -- the highlighted cell ---------------------------------------------------------------

    @property
    def current(self) -> tuple[Row, Column] | None:
        if self.framework is None:
            return None
        matrix = self.framework.matrix
        at = self.query_one(DataTable).cursor_coordinate
        if 0 <= at.row < len(matrix.rows) and 1 <= at.column <= len(matrix.columns):
            return matrix.rows[at.row], matrix.columns[at.column - 1]
        return None

    def _cell(self) -> Cell | None:
        at = self.current
        if at is None or self.framework is None:
            return None
        return self.framework.matrix.cell(at[0].key, at[1].key)

    @on(DataTable.CellHighlighted)
    def _off_the_names(self) -> None:
        table = self.query_one(DataTable)  # where the cursor is now, not where an event saw it
        if table.cursor_column == 0 and self.framework and self.framework.matrix.columns:
            table.move_cursor(column=1)

    @on(DataTable.CellHighlighted)
    def _show_cell(self) -> None:
        at, found = self.current, self._cell()
        shown = self.query_one("#matrix-summary", Static)
        quotes = self.query_one("#matrix-quotes", OptionList)
        quotes.clear_options()
        if at is None or found is None or self.framework is None:
            shown.update(Text("No rows: nothing is coded with these codes yet.", style="dim"))
            return
        row, column = at
        text = Text(f"{row.name} × {column.name}", style="bold")
        counts = f"{plural(found.passages, 'passage')}, {plural(found.codings or 0, 'coding')}"
        text.append(f"  ·  {counts}\n", "dim")
        summary = self.framework.summaries.get((row.key, column.key))
        if summary is None:
            text.append("No summary yet: e writes one.", style="dim italic")
        else:
            text.append(summary)
        shown.update(text)
        read = self.framework.quotes.get((row.key, column.key))
        if read is not None:
            quotes.add_options(Option(quote_text(q)) for q in read)
        elif found.passages:
            quotes.add_option(Option(Text("Loading quotes…", style="dim"), disabled=True))
            self.load_quotes(self.framework, row, column)

    @work(thread=True, exclusive=True, group="cell")
    def load_quotes(self, framework: Framework, row: Row, column: Column) -> None:
        with self.bench.project.read() as session:
            quotes = load_quotes(session, framework, row, column)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._quotes_read, framework, row, column, quotes)

    def _quotes_read(
        self, framework: Framework, row: Row, column: Column, quotes: list[Quote]
    ) -> None:
        framework.quotes[(row.key, column.key)] = quotes
        at = self.current
        if framework is self.framework and at and (at[0].key, at[1].key) == (row.key, column.key):
            self._show_cell()

    @property
    def cell_quotes(self) -> list[Quote]:
        """The highlighted cell's quotes, once read."""
        at = self.current
        if at is None or self.framework is None:
            return []
        return self.framework.quotes.get((at[0].key, at[1].key), [])

    @on(DataTable.CellSelected)
    def _to_quotes(self) -> None:
        quotes = self.query_one("#matrix-quotes", OptionList)
        if self.cell_quotes:
            quotes.focus()
            quotes.highlighted = 0

    @on(OptionList.OptionSelected, "#matrix-quotes")
    def _jump(self) -> None:
        read = self.cell_quotes
        index = self.query_one("#matrix-quotes", OptionList).highlighted
        if index is None or not 0 <= index < len(read):
            return
        quote = read[index]
        self.post_message(OpenPassage(quote.document_id, quote.passage, (quote.start, quote.end)))

    def action_open(self) -> None:
        if self.query_one("#matrix-quotes", OptionList).has_focus:
            self._jump()
        else:
            self._to_quotes()

    # -- choosing what to see ---------------------------------------------------------------

    def action_rows(self) -> None:
        if self.framework is not None:
            self._choose(self.choice.next("rows", self.framework.kinds))

    def action_columns(self) -> None:
        self._choose(self.choice.next("columns", list(COLUMN_KINDS)))

    def action_whose(self) -> None:
        if self.framework is not None and self.framework.blind:
            self.notify("A blind assignment is open: only your codings count", markup=False)
            return
        self._choose(self.choice.next("whose", list(WHOSE)))

    def _choose(self, choice: MatrixChoice) -> None:
        self.choice = choice
        self.query_one("#status", Static).update("Loading the matrix…")
        self.load(choice, self.bench.coder)

    # -- writing a summary ------------------------------------------------------------------

    def action_edit(self) -> None:
        at = self.current
        if at is None or self.framework is None:
            return
        row, column = at
        where = f"{row.name} × {column.name}"
        self._read_summary(row.ref, self.framework.code_ids[column.key], where)

    @work(thread=True, group="summary")
    def _read_summary(self, ref: RowRef, code_id: int, where: str) -> None:
        blind = self.framework is not None and self.framework.blind
        try:
            with self.bench.project.read() as session:
                text = summary_to_edit(session, ref, code_id, self.bench.coder, blind=blind)
        except QualcodeError as exc:  # another coder's, hidden while blind
            self.app.call_from_thread(self.notify, str(exc), severity="warning", markup=False)
            return
        self.app.call_from_thread(self._ask_summary, ref, code_id, where, text, blind)

    def _ask_summary(self, ref: RowRef, code_id: int, where: str, old: str, blind: bool) -> None:
        coder = self.bench.coder

        def save(text: str | None) -> None:
            if text is None or text.strip() == old.strip():
                return
            self.bench.writer.submit(
                lambda session: write_summary(
                    session, ref, code_id, text, coder=coder, blind=blind
                ),
                saved,
                lambda message: self.notify(message, severity="error", markup=False),
            )

        def saved(outcome: str) -> None:
            self.notify(f"Summary of {where}: {outcome}", timeout=3, markup=False)
            self.load(self.choice, self.bench.coder)

        self.app.push_screen(MemoScreen(f"Summary of {where}", old, SUMMARY_HELP), save)

    def action_back(self) -> None:
        quotes = self.query_one("#matrix-quotes", OptionList)
        if quotes.has_focus:
            self.query_one(DataTable).focus()
        else:
            self.dismiss()
