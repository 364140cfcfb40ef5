"""The documents screen: every interview with its participant and progress; type to filter."""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Static
from textual.worker import get_current_worker

from qualcode.errors import QualcodeError
from qualcode.store.document_list import DocumentRow, document_rows
from qualcode.tui.context import Workbench
from qualcode.tui.folding import fit_footer
from qualcode.tui.plain import cell
from qualcode.tui.ranking import filter_documents
from qualcode.tui.widgets.key_footer import KeyFooter
from qualcode.wording import counted, plural

if TYPE_CHECKING:
    from qualcode.withdraw.removals import DocumentRemoval

COLUMNS = ("#", "Title", "Participant", "Attributes", "Passages", "Coded")


def progress(row: DocumentRow) -> Text:
    """Coded share as a small bar: '███░░░░░  31%'."""
    filled = round(row.coded_percent / 12.5)
    bar = Text("█" * filled, style="green")
    bar.append("░" * (8 - filled), style="dim")
    bar.append(f" {row.coded_percent:>3.0f}%")
    return bar


def clip(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def clip_middle(text: str, width: int) -> str:
    """Text cut in the middle, so titles that differ only at the end stay apart."""
    if len(text) <= width:
        return text
    head = (width - 1) * 2 // 3
    return text[:head] + "…" + text[len(text) - (width - 1 - head) :]


def attributes_text(attributes: dict[str, str]) -> str:
    return clip(", ".join(v for k, v in attributes.items() if k not in ("interviewer", "date")), 30)


class DocumentsScreen(Screen[None]):
    """Pick a document to code: filter as you type, enter opens it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open"),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("pagedown", "move(10)", "Page down", show=False),
        Binding("pageup", "move(-10)", "Page up", show=False),
        Binding("ctrl+o", "import", "Import files"),
        Binding("f8", "remove", "Remove", show=False),
        Binding("ctrl+f", "app.search", "Search"),
        Binding("f2", "app.switch_coder", "Coder"),
        Binding("f4", "app.matrix", "Matrix"),
        Binding("f6", "app.query", "Query"),
        Binding("f7", "app.memos", "Memos"),
        Binding("f5", "app.refresh_data", "Refresh"),
        Binding("escape", "clear_filter", "Clear filter", show=False),
    ]

    class Open(Message):
        """Open this document in the transcript screen."""

        def __init__(self, document_id: int) -> None:
            super().__init__()
            self.document_id = document_id

    def __init__(self, bench: Workbench) -> None:
        super().__init__()
        self.bench = bench
        self.rows: list[DocumentRow] = []
        self.shown: list[DocumentRow] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="documents-title")
        yield Input(
            placeholder="Type to filter by title, participant or attribute  (↑↓ move, enter opens)",
            id="filter",
        )
        yield DataTable(id="documents", cursor_type="row", zebra_stripes=True)
        yield Static("Loading documents…", id="status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column in COLUMNS:
            table.add_column(column, key=column)
        self.query_one("#filter", Input).focus()  # rows load when the screen shows (resume)

    def on_resize(self, event: events.Resize) -> None:
        fit_footer(self, event.size.width)

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def refresh_data(self) -> None:
        title = Text(f"{self.bench.project_name}", style="bold")
        title.append(f"  ·  documents  ·  coder: {self.bench.coder}", style="dim")
        self.query_one("#documents-title", Static).update(title)
        self.load(self.bench.coder)

    def switch_coder(self) -> None:
        self.refresh_data()

    @work(thread=True, exclusive=True, group="documents")
    def load(self, coder: str) -> None:
        with self.bench.project.read() as session:
            rows = document_rows(session, coder)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, rows)

    def _loaded(self, rows: list[DocumentRow]) -> None:
        self.rows = rows
        self._fill(self.query_one("#filter", Input).value)
        if os.environ.get("QUALCODE_TUI_EXIT_AFTER_PAINT"):  # benchmarks.startup times this
            self.call_after_refresh(self.app.exit)  # the rows are on the terminal by then

    @on(Input.Changed, "#filter")
    def _typed(self, event: Input.Changed) -> None:
        self._fill(event.value, keep=False)  # the best match goes on top, under the cursor

    def _fill(self, query: str, *, keep: bool = True) -> None:
        table = self.query_one(DataTable)
        current = self.highlighted if keep else None
        self.shown = filter_documents(query, self.rows)
        self.bench.document_order = [row.id for row in self.shown]
        table.clear()
        for row in self.shown:
            table.add_row(
                str(row.id),
                cell(clip_middle(row.title, 42)),
                cell(clip(row.participant or "—", 18)),
                cell(attributes_text(row.attributes)),
                str(row.passages),
                progress(row),
                key=str(row.id),
            )
        if current is not None and current.id in self.bench.document_order:
            table.move_cursor(row=self.bench.document_order.index(current.id))
        passages = sum(row.passages for row in self.rows)
        coded = sum(row.coded for row in self.rows)
        share = f"{100 * coded / passages:.0f}%" if passages else "0%"
        shown = f"{len(self.shown)} of {plural(len(self.rows), 'document')}"
        status = f"{shown}  ·  {share} coded by "
        self.query_one("#status", Static).update(status + self.bench.coder)

    @property
    def highlighted(self) -> DocumentRow | None:
        table = self.query_one(DataTable)
        if not self.shown or not 0 <= table.cursor_row < len(self.shown):
            return None
        return self.shown[table.cursor_row]

    def action_move(self, delta: int) -> None:
        table = self.query_one(DataTable)
        if self.shown:
            table.move_cursor(row=min(max(table.cursor_row + delta, 0), len(self.shown) - 1))

    def action_open(self) -> None:
        row = self.highlighted
        if row is not None:
            self.post_message(self.Open(row.id))

    @on(Input.Submitted, "#filter")
    def _submitted(self) -> None:
        self.action_open()

    @on(DataTable.RowSelected)
    def _clicked(self, event: DataTable.RowSelected) -> None:
        self.post_message(self.Open(int(str(event.row_key.value))))

    def action_clear_filter(self) -> None:
        search = self.query_one("#filter", Input)
        search.value = ""
        search.focus()

    def action_import(self) -> None:
        from qualcode.tui.screens.import_files import ImportScreen  # the importers: only now

        def finished(imported: bool | None) -> None:
            if imported:
                self.refresh_data()

        self.app.push_screen(ImportScreen(self.bench), finished)

    def action_remove(self) -> None:
        """Show what removing the highlighted document erases (as `doc remove` does), then ask."""
        row = self.highlighted
        if row is not None:
            self._plan_removal(row.id)

    @work(thread=True, group="remove")
    def _plan_removal(self, document_id: int) -> None:
        from qualcode.withdraw.removals import plan_document_removal

        with self.bench.project.read() as session:
            plan = plan_document_removal(session, str(document_id))
        self.app.call_from_thread(self._ask_remove, plan)

    def _ask_remove(self, plan: DocumentRemoval) -> None:
        from qualcode.tui.screens.pick import PickScreen

        parts = [counted(n, what) for what, n in plan.counts.items() if n and what != "coders"]
        if plan.models:
            parts.append(plural(len(plan.models), "trained suggestion model"))
        title = (
            f"Remove document {plan.document_id} '{plan.title}' for good? "
            f"It erases {', '.join(parts)}."
        )

        def chosen(choice: int | None) -> None:
            if choice == 1:
                self._remove(plan)

        self.app.push_screen(PickScreen(title, ["Keep it", "Remove it for good"]), chosen)

    @work(thread=True, group="remove")
    def _remove(self, plan: DocumentRemoval) -> None:
        from qualcode.withdraw.erase import erase_traces
        from qualcode.withdraw.removals import remove_document

        try:
            with self.bench.project.write() as session:
                remove_document(session, plan, coder=self.bench.coder)
        except QualcodeError as exc:
            self.app.call_from_thread(self.app.notify, str(exc), severity="error", markup=False)
            return
        erasure = erase_traces(self.bench.project)
        note = f"Removed document {plan.document_id}. " + " ".join(erasure.warnings)
        self.app.call_from_thread(self.app.notify, note, markup=False)
        self.app.call_from_thread(self.refresh_data)
