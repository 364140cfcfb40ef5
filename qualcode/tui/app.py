"""The workbench app: screens over one open project, a coder, and a writer thread."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, ClassVar

from textual import events, work
from textual.app import App
from textual.binding import Binding, BindingType

from qualcode.errors import QualcodeError
from qualcode.store.coder_name import check_coder_name
from qualcode.store.db import Project
from qualcode.tui.context import Workbench
from qualcode.tui.folding import WIDE
from qualcode.tui.screens.documents import DocumentsScreen
from qualcode.tui.writer import Writer

if TYPE_CHECKING:
    from qualcode.store.search import SearchHit
    from qualcode.tui.open_passage import OpenPassage
    from qualcode.tui.screens.code_view import CodeViewScreen
    from qualcode.tui.screens.help import HelpRows
    from qualcode.tui.screens.memo_list import MemoListScreen
    from qualcode.tui.screens.transcript import TranscriptScreen
    from qualcode.tui.widgets.codebook_tree import CodebookTree

# Only the documents screen is imported with the app: every other screen (and what it
# imports) loads when it is first shown, so the documents list paints sooner.

MOUSE = [
    ("click", "Move the cursor to a passage (shift+click extends the selection)"),
    ("drag", "Select words inside a passage"),
    ("double-click", "Select one word"),
    ("click a code", "Show its rules; enter applies it"),
    ("click a footer key", "Do what it says"),
]


class QualcodeApp(App[None]):
    """Keyboard-first coding of interview transcripts; every change is committed at once."""

    CSS_PATH = "app.tcss"
    TITLE = "qualcode"
    ENABLE_COMMAND_PALETTE = False
    # Below 110 columns side panes fold away (z shows them) and footers pack closer.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (WIDE, "-wide")]  # noqa: RUF012 (App declares it)
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark,f1", "help", "Help", key_display="?"),
        Binding("slash,ctrl+f", "search", "Search the project", key_display="/", show=False),
        Binding("f2", "switch_coder", "Switch coder", show=False),
        Binding("f3", "codebook", "Codebook: rename, edit, move, merge, remove codes", show=False),
        Binding("f4", "matrix", "Framework matrix: participants by themes", show=False),
        Binding("f6", "query", "Code query: passages coded a AND b, NOT, NEAR/N", show=False),
        Binding("f7", "memos", "Memos: every memo, filtered; open its place", show=False),
        Binding("f5,ctrl+r", "refresh_data", "Refresh (changes made elsewhere)", show=False),
        Binding("q", "quit", "Quit", show=False),
    ]

    def __init__(
        self,
        project: Project,
        coder: str,
        *,
        document: int | None = None,
        passage: int | None = None,
    ) -> None:
        super().__init__()
        self._loop: asyncio.AbstractEventLoop | None = None
        self.bench = Workbench(project, check_coder_name(coder), Writer(project, self._soon))
        self.start_document = document
        self.start_passage = passage
        self.launched = time.perf_counter()
        self._refreshed = 0.0

    def _soon(self, callback: Callable[[], None]) -> None:
        if self._loop is not None and not self._loop.is_closed():
            self._loop.call_soon_threadsafe(callback)

    def on_mount(self) -> None:
        self._loop = asyncio.get_running_loop()
        self.push_screen(DocumentsScreen(self.bench))
        if self.start_document is not None:
            self.open_document(self.start_document, self.start_passage)

    async def on_unmount(self) -> None:
        await self.bench.writer.drain()
        self.bench.writer.close()

    @property
    def transcript(self) -> TranscriptScreen:
        """The one transcript screen, made the first time a document is opened."""
        from qualcode.tui.screens.transcript import TranscriptScreen

        if not self.is_screen_installed("transcript"):
            self.install_screen(TranscriptScreen(self.bench), name="transcript")
        screen = self.get_screen("transcript")
        assert isinstance(screen, TranscriptScreen)
        return screen

    def open_document(
        self, document_id: int, passage: int | None = None, span: tuple[int, int] | None = None
    ) -> None:
        """Show a document in the transcript screen, whatever screen is showing now."""
        while len(self.screen_stack) > 2 and self.screen is not self.transcript:
            self.pop_screen()
        if self.screen is not self.transcript:
            self.push_screen("transcript")
        self.transcript.open_document(document_id, passage, span)

    # Handlers named after the message (Textual's naming rule) rather than @on(Screen.Message),
    # which would need each screen's class, and so its import, when this module loads.
    def on_documents_screen_open(self, event: DocumentsScreen.Open) -> None:
        self.open_document(event.document_id)

    def on_code_view_screen_jump(self, event: CodeViewScreen.Jump) -> None:
        quote = event.quote
        self.open_document(quote.document_id, quote.passage, (quote.start, quote.end))

    def on_memo_list_screen_open(self, event: MemoListScreen.Open) -> None:
        place = event.place
        if place.document_id is not None:
            self.open_document(place.document_id, place.passage)
        elif place.code_id is not None:
            from qualcode.tui.screens.code_view import CodeViewScreen

            self.switch_screen(CodeViewScreen(self.bench, place.code_id))

    def action_memos(self) -> None:
        from qualcode.tui.screens.memo_list import MemoListScreen

        if not isinstance(self.screen, MemoListScreen):
            self.push_screen(MemoListScreen(self.bench))

    def on_open_passage(self, event: OpenPassage) -> None:
        self.open_document(event.document_id, event.passage, event.span)

    def on_codebook_tree_show_quotes(self, event: CodebookTree.ShowQuotes) -> None:
        from qualcode.tui.screens.code_view import CodeViewScreen

        self.push_screen(CodeViewScreen(self.bench, event.code_id))

    def action_help(self) -> None:
        from qualcode.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(help_sections()))

    def action_codebook(self) -> None:
        from qualcode.tui.screens.codebook import CodebookScreen

        if not isinstance(self.screen, CodebookScreen):
            self.push_screen(CodebookScreen(self.bench))

    def action_matrix(self) -> None:
        from qualcode.tui.screens.matrix import MatrixScreen

        if not isinstance(self.screen, MatrixScreen):
            self.push_screen(MatrixScreen(self.bench))

    def action_query(self) -> None:
        from qualcode.tui.screens.query import QueryScreen

        if not isinstance(self.screen, QueryScreen):
            self.push_screen(QueryScreen(self.bench))

    def action_search(self) -> None:
        from qualcode.tui.screens.search import SearchScreen

        def chosen(hit: SearchHit | None) -> None:
            if hit is not None:
                self.open_document(hit.document_id, hit.passage)

        self.push_screen(SearchScreen(self.bench), chosen)

    def action_refresh_data(self) -> None:
        """Pick up what other coders and processes changed in the project."""
        self._refreshed = time.monotonic()
        refresh = getattr(self.screen, "refresh_data", None)
        if callable(refresh):
            refresh()

    def on_app_focus(self, event: events.AppFocus) -> None:
        if time.monotonic() - self._refreshed > 1.0:
            self.action_refresh_data()

    @work(thread=True, exclusive=True, group="coders")
    def action_switch_coder(self) -> None:
        from qualcode.store.workbench import coder_names
        from qualcode.tui.screens.coder import CoderScreen

        with self.bench.project.read() as session:
            names = coder_names(session)
        self.call_from_thread(
            self.push_screen, CoderScreen(self.bench.coder, names), self._switch_to
        )

    def _switch_to(self, name: str | None) -> None:
        if name is None or name.strip() == self.bench.coder:
            return
        try:
            self.bench.coder = check_coder_name(name)
        except QualcodeError as exc:
            self.notify(str(exc), severity="error", markup=False)
            return
        self.bench.history.clear()
        self.notify(f"Now coding as {self.bench.coder}", timeout=3, markup=False)
        for screen in self.screen_stack:
            switch = getattr(screen, "switch_coder", None)
            if callable(switch):
                switch()


def help_sections() -> list[tuple[str, HelpRows]]:
    """Every binding of every pane, for the help screen."""
    from qualcode.tui.screens.code_palette import CodePalette
    from qualcode.tui.screens.code_view import CodeViewScreen
    from qualcode.tui.screens.codebook import CodebookScreen
    from qualcode.tui.screens.compare import CompareScreen
    from qualcode.tui.screens.help import binding_rows
    from qualcode.tui.screens.matrix import MatrixScreen
    from qualcode.tui.screens.memo import MemoScreen
    from qualcode.tui.screens.memo_list import MemoListScreen
    from qualcode.tui.screens.query import QueryScreen
    from qualcode.tui.screens.transcript import TranscriptScreen
    from qualcode.tui.widgets.codebook_tree import CodebookTree
    from qualcode.tui.widgets.transcript_view import TranscriptView

    return [
        ("Everywhere", binding_rows(QualcodeApp.BINDINGS)),
        ("Documents", binding_rows(DocumentsScreen.BINDINGS)),
        ("Transcript: moving and selecting", binding_rows(TranscriptView.BINDINGS)),
        ("Transcript: coding", binding_rows(TranscriptScreen.BINDINGS)),
        ("Codebook pane (tab to reach it)", binding_rows(CodebookTree.BINDINGS)),
        ("Code palette", binding_rows(CodePalette.BINDINGS)),
        ("Codebook screen (C or f3)", binding_rows(CodebookScreen.BINDINGS)),
        ("Code view", binding_rows(CodeViewScreen.BINDINGS)),
        ("Comparing two coders", binding_rows(CompareScreen.BINDINGS)),
        ("Memo", binding_rows(MemoScreen.BINDINGS)),
        ("Memo list (f7)", binding_rows(MemoListScreen.BINDINGS)),
        ("Framework matrix (f4)", binding_rows(MatrixScreen.BINDINGS)),
        ("Code query (f6)", binding_rows(QueryScreen.BINDINGS)),
        ("Mouse", MOUSE),
    ]
