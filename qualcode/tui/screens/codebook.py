"""The codebook screen: rename, edit, move, merge, remove codes and pin number keys."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from qualcode.store.number_keys import number_keys
from qualcode.store.workbench import CodeRow, code_rows
from qualcode.tui.codebook_actions import CodebookActions
from qualcode.tui.coding import describe
from qualcode.tui.context import Workbench
from qualcode.tui.number_keys import Numbers, ask_and_pin
from qualcode.tui.undo import step
from qualcode.tui.widgets.code_details import CodeDetails
from qualcode.tui.widgets.codebook_tree import CodebookTree
from qualcode.tui.widgets.key_footer import KeyFooter
from qualcode.wording import plural


class CodebookScreen(Screen[None]):
    """The whole codebook with the highlighted code's rules; each key changes that code."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("e,enter", "edit('description')", "Edit rules", key_display="e", priority=True),
        Binding("r", "edit('name')", "Rename"),
        Binding("m", "move", "Move"),
        Binding("g", "merge", "Merge into"),
        Binding("x", "remove", "Remove"),
        Binding("u", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False),
        Binding("escape", "back", "Back"),
    ]

    def __init__(self, bench: Workbench) -> None:
        super().__init__()
        self.bench = bench
        self.codes: list[CodeRow] = []
        self.numbers: Numbers = {}
        self.actions = CodebookActions(self, bench, self._say, self._warn, self.refresh_data)

    def compose(self) -> ComposeResult:
        yield Static("Codebook: p pins a number key · c shows a code's quotes", id="codebook-title")
        with Horizontal(id="codebook-manage"):
            yield CodebookTree(id="codebook-tree")
            with VerticalScroll(id="codebook-details"):
                yield CodeDetails()
        yield Static("", id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one(CodebookTree).border_title = "Codes (mine/all)"
        self.query_one(CodebookTree).focus()
        self.refresh_data()

    def on_screen_resume(self) -> None:
        self.refresh_data()

    def switch_coder(self) -> None:
        self.bench.history.clear()
        self.refresh_data()

    def refresh_data(self) -> None:
        self.load(self.bench.coder)

    @work(thread=True, exclusive=True, group="codebook")
    def load(self, coder: str) -> None:
        with self.bench.project.read() as session:
            codes, numbers = code_rows(session, coder), number_keys(session, coder)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, codes, numbers)

    def _show(self, codes: list[CodeRow], numbers: Numbers) -> None:
        self.codes, self.numbers = codes, numbers
        self.query_one(CodebookTree).show_codes(codes, numbers)
        self._details()
        count = sum(1 for code in codes if code.parent_id is None)
        self.query_one("#status", Static).update(
            f"{plural(len(codes), 'code')} in {plural(count, 'theme')} · "
            f"coding as {self.bench.coder}"
        )

    @on(CodebookTree.NodeHighlighted)
    def _details(self) -> None:
        self.query_one(CodeDetails).show_code(self.query_one(CodebookTree).highlighted_code)

    def _say(self, message: str) -> None:
        self.notify(message, timeout=3, markup=False)

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", timeout=5, markup=False)

    def _code(self) -> CodeRow | None:
        code = self.query_one(CodebookTree).highlighted_code
        if code is None:
            self._warn("Highlight a code first")
        return code

    @on(CodebookTree.PinKey)
    def _pin(self, event: CodebookTree.PinKey) -> None:
        code = self._code()
        if code is not None:
            ask_and_pin(self, self.bench, code, self.numbers, self._pinned, self._warn)

    def _pinned(self, numbers: Numbers, message: str) -> None:
        self._show(self.codes, numbers)
        self._say(message)

    def action_edit(self, focus: str) -> None:
        if code := self._code():
            self.actions.edit(code, focus)

    def action_move(self) -> None:
        if code := self._code():
            self.actions.move(code, self.codes)

    def action_merge(self) -> None:
        if code := self._code():
            self.actions.merge(code, self.codes)

    def action_remove(self) -> None:
        if code := self._code():
            self.actions.remove(code, self.codes)

    def action_undo(self) -> None:
        step(self.bench, undo=True, describe=describe, say=self._say, warn=self._warn,
             after=self.refresh_data)  # fmt: skip

    def action_redo(self) -> None:
        step(self.bench, undo=False, describe=describe, say=self._say, warn=self._warn,
             after=self.refresh_data)  # fmt: skip

    def action_back(self) -> None:
        self.dismiss()
