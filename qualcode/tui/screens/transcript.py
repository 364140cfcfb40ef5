"""The transcript screen: passages on the left, the codebook and suggestions on the right."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Static

from qualcode.numbering import passage_number
from qualcode.store.workbench import (
    CodeRow,
)
from qualcode.tui.blind import BLIND
from qualcode.tui.coding import CodingController
from qualcode.tui.context import Workbench
from qualcode.tui.dialogs import CodingDialogs
from qualcode.tui.editing import Edited, describe, submit_edit
from qualcode.tui.folding import FOLD, fit_footer, fold
from qualcode.tui.number_keys import ask_and_pin
from qualcode.tui.open_coding import OpenCoding
from qualcode.tui.screens.code_palette import CodePalette, NewCode
from qualcode.tui.screens.compare import CompareScreen
from qualcode.tui.screens.find import FindBar
from qualcode.tui.screens.memo import MemoScreen
from qualcode.tui.screens.transcript_load import TranscriptLoading
from qualcode.tui.screens.transcript_text import status_text
from qualcode.tui.suggesting import SuggestionActions
from qualcode.tui.widgets.code_details import CodeDetails
from qualcode.tui.widgets.codebook_tree import CodebookTree
from qualcode.tui.widgets.key_footer import KeyFooter
from qualcode.tui.widgets.suggestions import SuggestionsPane
from qualcode.tui.widgets.transcript_view import TranscriptView

TOP_KEYS = "1234567890"
EDIT_HELP = "A new version is saved; codings whose words you delete are kept as orphans."


class TranscriptScreen(TranscriptLoading):
    """Code one document, passage by passage; every change is committed as it is made."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("a,enter", "palette", "Code", key_display="a", tooltip="Apply a code (palette)"),
        Binding("1", "top(0)", "Codes", key_display="1‥0", tooltip="Apply your code on a number"),
        *(Binding(key, f"top({n + 1})", show=False) for n, key in enumerate(TOP_KEYS[1:])),
        Binding("i", "in_vivo", "In-vivo code: the selected words become a code", show=False),
        Binding("x", "remove", "Uncode"),
        Binding("m", "memo", "Memo"),
        Binding("M", "coding_memo", "Memo on a coding", show=False),
        Binding("u", "undo", "Undo"),
        Binding("U,ctrl+y", "redo", "Redo", show=False),
        Binding("r", "review", "Mark passage reviewed", show=False),
        Binding("y", "suggestion(True)", "Accept suggestion", show=False),
        Binding("n", "suggestion(False)", "Reject suggestion", show=False),
        Binding("v", "queue", "Review queue: next uncoded passage", show=False),
        Binding("o", "others", "Show/hide other coders' codings", show=False),
        Binding("e", "edit", "Edit the passage's text (codings follow)", show=False),
        Binding("b", "compare", "Compare two coders side by side", show=False),
        Binding("c", "quotes", "Quotes of a code (code view)", show=False),
        Binding(
            "C", "app.codebook", "Codebook: rename, edit, move, merge, remove codes", show=False
        ),
        Binding("left_square_bracket", "neighbour(-1)", "Previous document", show=False),
        Binding("right_square_bracket", "neighbour(1)", "Next document", show=False),
        Binding("escape,d", "back", "Back", key_display="esc", tooltip="Back to the documents"),
        FOLD,
    ]

    def __init__(self, bench: Workbench) -> None:
        super().__init__()
        self.bench = bench
        self.document_id: int | None = None
        self.codes: list[CodeRow] = []
        self.numbers: dict[int, int] = {}
        self.keys_fixed_for: str | None = None
        self.generation = 0
        self.blind = False
        self.view = TranscriptView(id="transcript")
        self.coding = CodingController(bench, self.view, self._say, self._warn, self.reload)
        self.dialogs = CodingDialogs(self, self.coding, self._warn)
        self.open_coding = OpenCoding(self)
        self.suggestions = SuggestionsPane(bench, id="suggestions")
        self.answers = SuggestionActions(
            bench, self.suggestions, self._say, self._warn, self.reload
        )

    def compose(self) -> ComposeResult:
        yield Static("", id="transcript-title")
        with Horizontal(id="workbench"):
            yield self.view
            with Vertical(id="side"):
                yield CodebookTree(id="codebook")
                with VerticalScroll(id="code-details"):
                    yield CodeDetails()
                yield self.suggestions
        yield Static("", id="status")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#code-details").border_title = "Definition"
        self.view.border_title = "Transcript"
        self.query_one(CodebookTree).border_title = "Codebook (mine/all)"

    def refresh_data(self) -> None:
        self.reload()

    def on_resize(self, event: events.Resize) -> None:
        fit_footer(self, event.size.width)

    def action_fold(self) -> None:
        fold(self, "#side", self.view)

    def on_screen_resume(self) -> None:
        self.reload()

    def switch_coder(self) -> None:
        self.view.model.coder = self.bench.coder
        if self.document_id is not None:
            self.open_document(self.document_id, self.view.selection.cursor)

    # -- what the coder sees ----------------------------------------------------------------

    def _say(self, message: str) -> None:
        self.generation += 1  # a change was made here: marks read before it are stale
        self.notify(message, timeout=2, markup=False)
        self._status()

    def _warn(self, message: str) -> None:
        self.notify(message, severity="warning", timeout=4, markup=False)

    @on(TranscriptView.CursorMoved)
    def _status(self) -> None:
        status = status_text(self.view.model, self.codes, self.bench.coder)
        self.query_one("#status", Static).update(status)

    @on(TranscriptView.CursorMoved)
    def _suggest(self) -> None:
        passage = self.view.model.cursor_passage
        if passage is None or passage.id != self.suggestions.passage_id:
            self.suggestions.show_for(passage.id if passage else None)

    @on(TranscriptView.FindAsked)
    def _find(self) -> None:
        self.app.push_screen(FindBar(self.view))

    @on(CodebookTree.NodeHighlighted)
    def _details(self) -> None:
        for details in self.query(CodeDetails):  # absent while the screen is torn down
            details.show_code(self.query_one(CodebookTree).highlighted_code)

    # -- coding -----------------------------------------------------------------------------

    def code_by_id(self, code_id: int) -> CodeRow | None:
        return next((c for c in self.codes if c.id == code_id), None)

    @on(CodebookTree.ApplyCode)
    def _apply_from_tree(self, event: CodebookTree.ApplyCode) -> None:
        code = self.code_by_id(event.code_id)
        if code is not None:
            self.coding.apply(code)

    @on(CodebookTree.PinKey)
    def _pin(self, event: CodebookTree.PinKey) -> None:
        code = self.code_by_id(event.code_id)
        if code is not None:
            ask_and_pin(self, self.bench, code, self.numbers, self._pinned, self._warn)

    def _pinned(self, numbers: dict[int, int], message: str) -> None:
        self._show_codes(self.codes, numbers)
        self._say(message)

    def action_palette(self) -> None:
        def chosen(answer: int | NewCode | None) -> None:
            if isinstance(answer, NewCode):
                self.open_coding.place(answer)
                return
            code = self.code_by_id(answer) if answer is not None else None
            if code is not None:
                self.coding.apply(code)

        target = self.view.model.target_label()
        self.app.push_screen(CodePalette(self.codes, self.numbers, target), chosen)

    def action_top(self, slot: int) -> None:
        code = next((c for c in self.codes if self.numbers.get(c.id) == slot + 1), None)
        if code is None:
            self._warn(f"No code on key {(slot + 1) % 10} yet (see the numbers in the codebook)")
        else:
            self.coding.apply(code)

    def action_in_vivo(self) -> None:
        self.open_coding.in_vivo()

    def action_remove(self) -> None:
        self.dialogs.pick_coding("Remove which coding?", self.coding.remove)

    def action_memo(self) -> None:
        self.dialogs.passage_memo()

    def action_coding_memo(self) -> None:
        self.dialogs.coding_memo()

    def action_undo(self) -> None:
        self.coding.undo()

    def action_redo(self) -> None:
        self.coding.redo()

    def action_review(self) -> None:
        passage = self.view.model.cursor_passage
        if passage is not None:
            self.coding.toggle_review(passage)

    def action_suggestion(self, accepted: bool) -> None:
        self.answers.decide(accepted)

    def action_queue(self) -> None:
        passage = self.view.model.cursor_passage
        self.answers.next_in_queue(passage.id if passage else None, self.open_document)

    def action_others(self) -> None:
        if self.blind:
            self._warn(BLIND)
            return
        self.view.model.show_others = not self.view.model.show_others
        self.view.changed()
        self._say("Showing every coder's codings" if self.view.model.show_others else "Only yours")

    def action_quotes(self) -> None:
        tree = self.query_one(CodebookTree)
        here = self.view.model.codings_here(mine=False)
        code = (
            tree.highlighted_code
            if tree.has_focus or not here
            else self.code_by_id(here[0].code_id)
        )
        if code is not None:
            self.post_message(CodebookTree.ShowQuotes(code.id))

    def action_edit(self) -> None:
        passage, document_id = self.view.model.cursor_passage, self.document_id
        if passage is None or document_id is None:
            return

        def save(text: str | None) -> None:
            if text is not None and text != passage.text:
                submit_edit(self.bench, document_id, passage, text, edited, self._warn)

        def edited(result: Edited) -> None:
            message, orphans = describe(result)
            self.bench.history.clear()  # undo entries point at codings the edit re-anchored
            self.generation += 1
            self.notify(
                message,
                severity="warning" if orphans else "information",
                timeout=8,
                markup=False,
            )
            if document_id == self.document_id:
                self.open_document(document_id, passage.index)

        number = passage_number(passage.index)
        title = f"Edit passage {number} (codings are re-anchored to the new text)"
        self.app.push_screen(MemoScreen(title, passage.text, EDIT_HELP), save)

    def action_compare(self) -> None:
        if self.blind:  # the compare screen checks again as it loads
            self._warn(BLIND)
        elif self.document_id is not None:
            self.app.push_screen(CompareScreen(self.bench, self.document_id))

    def action_neighbour(self, step: int) -> None:
        if self.document_id is not None:
            other = self.bench.neighbour(self.document_id, step)
            if other is None:
                self._say("No more documents that way")
            else:
                self.open_document(other)

    def action_back(self) -> None:
        self.dismiss()
