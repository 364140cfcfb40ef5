"""The memo list: every memo in the project, filtered by kind, code and document; enter opens
the memo's place, e edits it."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from sqlalchemy.orm import Session
from textual import events, on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Input, Select, Static
from textual.worker import get_current_worker

from qualcode.errors import QualcodeError
from qualcode.memos.blind import visible_memos
from qualcode.memos.listing import MemoEntry, MemoFilter, list_memos
from qualcode.memos.places import Place, memo_place
from qualcode.memos.subjects import KINDS
from qualcode.memos.writes import edit_memo, remove_memo
from qualcode.tui.context import Workbench
from qualcode.tui.folding import fit_footer
from qualcode.tui.plain import cell
from qualcode.tui.screens.memo import MemoScreen
from qualcode.tui.widgets.key_footer import KeyFooter
from qualcode.wording import plural

# Each column's width: the cells are cut to fit, so the table does not have to measure them
# (a refill racing the measuring left every column as narrow as its heading).
COLUMNS = {"Kind": 11, "About": 30, "Coder": 10, "Memo": 60}


def first_line(text: str, width: int = 60) -> str:
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1] + "…"


class MemoListScreen(Screen[None]):
    """Memos of every kind; filter, read one whole below the list, open its place or edit it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "open", "Open its place"),
        Binding("e", "edit", "Edit (empty removes)"),
        Binding("escape", "back", "Back"),
    ]

    class Open(Message):
        """Open a memo's place: a document at a passage, or a code's quotes."""

        def __init__(self, place: Place) -> None:
            super().__init__()
            self.place = place

    def __init__(self, bench: Workbench) -> None:
        super().__init__()
        self.bench = bench
        self.memos: list[MemoEntry] = []

    def compose(self) -> ComposeResult:
        yield Static("", id="memos-title")
        with Horizontal(id="memo-filters"):
            options = [(kind, kind) for kind in KINDS]
            yield Select(options, prompt="Any kind", id="memo-kind")
            yield Input(placeholder="Code key (with sub-codes)", id="memo-code")
            yield Input(placeholder="Document number", id="memo-document")
        yield DataTable(id="memo-table", cursor_type="row", zebra_stripes=True)
        yield Static("", id="memo-preview", markup=False)
        yield Static("Loading memos…", id="status", markup=False)
        yield KeyFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for column, width in COLUMNS.items():
            table.add_column(column, key=column, width=width)
        title = Text(self.bench.project_name, style="bold")
        title.append("  ·  memos", style="dim")
        self.query_one("#memos-title", Static).update(title)
        table.focus()
        self.refresh_data()

    def on_resize(self, event: events.Resize) -> None:
        fit_footer(self, event.size.width)

    def wanted(self) -> MemoFilter:
        kind = self.query_one("#memo-kind", Select).value
        code = self.query_one("#memo-code", Input).value.strip()
        document = self.query_one("#memo-document", Input).value.strip()
        return MemoFilter(
            kind=kind if isinstance(kind, str) else None,
            code=code or None,
            document=document or None,
        )

    def refresh_data(self) -> None:
        self.load(self.wanted())

    @on(Select.Changed)
    @on(Input.Changed)
    def _filtered(self) -> None:
        self.refresh_data()

    @on(Input.Submitted)
    def _to_list(self) -> None:
        self.query_one(DataTable).focus()

    @work(thread=True, exclusive=True, group="memos")
    def load(self, wanted: MemoFilter) -> None:
        hidden = 0
        try:
            with self.bench.project.read() as session:
                every = list_memos(session, wanted)
                memos: list[MemoEntry] | str = visible_memos(session, every, self.bench.coder)
                hidden = len(every) - len(memos)
        except QualcodeError as exc:
            memos = str(exc)  # a code key half typed: say so, keep the list as it was
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._loaded, memos, hidden)

    def _loaded(self, memos: list[MemoEntry] | str, hidden: int = 0) -> None:
        status = self.query_one("#status", Static)
        if isinstance(memos, str):
            status.update(memos)
            return
        self.memos = memos
        table = self.query_one(DataTable)
        row = table.cursor_row  # after an edit the cursor stays on the same row
        table.clear()
        for memo in memos:
            table.add_row(
                memo.kind,
                cell(first_line(memo.about, COLUMNS["About"])),
                cell(first_line(memo.coder, COLUMNS["Coder"])),
                cell(first_line(memo.text, COLUMNS["Memo"])),
            )
        if memos:
            table.move_cursor(row=min(max(row, 0), len(memos) - 1))
        said = plural(len(memos), "memo")
        if hidden:
            said += f"  ·  blind assignment open: {hidden} of other coders' hidden"
        status.update(said)
        self._preview()

    @property
    def highlighted(self) -> MemoEntry | None:
        row = self.query_one(DataTable).cursor_row
        return self.memos[row] if self.memos and 0 <= row < len(self.memos) else None

    @on(DataTable.RowHighlighted)
    def _preview(self) -> None:
        memo = self.highlighted
        shown = f"{memo.about} · {memo.coder}\n{memo.text}" if memo else ""
        self.query_one("#memo-preview", Static).update(shown)

    @on(DataTable.RowSelected)
    def _selected(self) -> None:
        self.action_open()

    def action_open(self) -> None:
        memo = self.highlighted
        if memo is not None:
            self._find_place(memo)

    @work(thread=True, group="memo-place")
    def _find_place(self, memo: MemoEntry) -> None:
        with self.bench.project.read() as session:
            place = memo_place(session, memo)
        self.app.call_from_thread(self._go, place)

    def _go(self, place: Place) -> None:
        if place.document_id is None and place.code_id is None:
            self.app.notify("A project memo belongs to no one place; e edits it", markup=False)
            return
        self.post_message(self.Open(place))

    def action_edit(self) -> None:
        memo = self.highlighted
        if memo is None:
            return

        def saved(text: str | None) -> None:
            if text is not None:
                self._write(memo, text)

        title = f"Memo on {memo.about}"
        self.app.push_screen(MemoScreen(title, memo.text, ""), saved)

    def _write(self, memo: MemoEntry, text: str) -> None:
        coder = self.bench.coder

        def work(session: Session) -> None:
            if text.strip():
                edit_memo(session, memo.ref, coder, text)
            else:
                remove_memo(session, memo.ref, coder)

        def done(_: None) -> None:
            self.app.notify("Memo saved" if text.strip() else "Memo removed", markup=False)
            self.refresh_data()

        def failed(message: str) -> None:
            self.app.notify(message, severity="error", markup=False)

        self.bench.writer.submit(work, done, failed)

    def action_back(self) -> None:
        self.app.pop_screen()
