"""Loading a document into the transcript screen, and reading it again after changes."""

from __future__ import annotations

from dataclasses import replace

from textual import work
from textual.screen import Screen
from textual.widgets import Static
from textual.worker import get_current_worker

from qualcode.errors import QualcodeError
from qualcode.store.number_keys import number_keys
from qualcode.store.workbench import (
    CodeRow,
    Marks,
    PassageRow,
    TranscriptData,
    code_rows,
    load_marks,
    load_passages,
    load_transcript,
)
from qualcode.tui.blind import blind_marks
from qualcode.tui.coding import CodingController
from qualcode.tui.context import Workbench
from qualcode.tui.number_keys import Numbers, fix_keys
from qualcode.tui.screens.transcript_text import title_text
from qualcode.tui.widgets.codebook_tree import CodebookTree
from qualcode.tui.widgets.suggestions import SuggestionsPane
from qualcode.tui.widgets.transcript_view import TranscriptView

FIRST_PASSAGES = 300  # loaded before the first paint; the rest follow in the same worker


class TranscriptLoading(Screen[None]):
    """The transcript screen's loading half: passages, codes and the marks this coder may see."""

    bench: Workbench
    document_id: int | None
    codes: list[CodeRow]
    numbers: dict[int, int]
    keys_fixed_for: str | None
    generation: int
    blind: bool
    view: TranscriptView
    coding: CodingController
    suggestions: SuggestionsPane

    def _warn(self, message: str) -> None:
        raise NotImplementedError

    def _status(self) -> None:
        raise NotImplementedError

    def _suggest(self) -> None:
        raise NotImplementedError

    def _details(self) -> None:
        raise NotImplementedError

    # -- loading ----------------------------------------------------------------------------

    def open_document(
        self, document_id: int, passage: int | None = None, span: tuple[int, int] | None = None
    ) -> None:
        """Show a document (at a passage, with a span selected) once it has loaded."""
        self.document_id = self.coding.document_id = document_id
        self.view.loading_message = "Loading…"
        self.view.show([], Marks([]))
        self.view.focus()
        self.load(document_id, passage, span)

    @work(thread=True, exclusive=True, group="transcript")
    def load(self, document_id: int, passage: int | None, span: tuple[int, int] | None) -> None:
        """Load the passages up to the cursor and a screenful more, paint, then load the rest."""
        coder, first = self.bench.coder, (passage or 0) + FIRST_PASSAGES
        try:
            with self.bench.project.read() as session:
                data = load_transcript(session, document_id, coder, first=first)
                marks, blind = blind_marks(session, document_id, coder, data.marks)
                data = replace(data, marks=marks)
                codes = code_rows(session, coder)
                numbers = number_keys(session, coder)
            if get_current_worker().is_cancelled:
                return
            self.app.call_from_thread(self._loaded, data, codes, numbers, passage, span, blind)
            if data.document.passages > len(data.passages):
                self.view.painted.wait(timeout=2.0)  # paint first: the rest can wait its turn
                with self.bench.project.read() as session:
                    rest = load_passages(session, document_id, start=first)
                if not get_current_worker().is_cancelled:
                    self.app.call_from_thread(self._extend, document_id, rest)
        except QualcodeError as exc:
            self.app.call_from_thread(self._warn, str(exc))

    def _extend(self, document_id: int, rest: list[PassageRow]) -> None:
        if document_id == self.document_id:
            self.view.extend(rest)

    def _loaded(
        self,
        data: TranscriptData,
        codes: list[CodeRow],
        numbers: Numbers,
        passage: int | None,
        span: tuple[int, int] | None,
        blind: bool = False,
    ) -> None:
        self.blind = blind
        self.query_one("#transcript-title", Static).update(title_text(data.document))
        self._show_codes(codes, numbers)
        if self.keys_fixed_for != self.bench.coder:
            self.keys_fixed_for = self.bench.coder
            fix_keys(self.bench, self._keys_fixed, self._warn)
        self.view.model.coder = self.bench.coder
        self.view.loading_message = "This document has no passages."
        position = next((i for i, p in enumerate(data.passages) if p.index == passage), 0)
        self.view.show(data.passages, data.marks, position)
        if span is not None:
            self.view.select_span(*span)
        self.suggestions.passage_id = None  # the coder or the codings may have changed
        self._suggest()

    def _keys_fixed(self, numbers: Numbers) -> None:
        # The keys are written in the background: this screen may have closed meanwhile.
        if self.is_attached:
            self._show_codes(self.codes, numbers)

    def _show_codes(self, codes: list[CodeRow], numbers: Numbers) -> None:
        self.codes = codes
        self.numbers = numbers
        self.query_one(CodebookTree).show_codes(codes, self.numbers)
        self.view.set_codes(codes)
        self.suggestions.codes = {code.key: code for code in codes}
        self._details()

    def reload(self, marks: bool = True) -> None:
        """Re-read code counts (and the marks) after a change here or in another process."""
        if self.document_id is not None:
            self._reload(self.document_id, marks, self.generation)

    @work(thread=True, exclusive=True, group="reload")
    def _reload(self, document_id: int, marks: bool, generation: int) -> None:
        with self.bench.project.read() as session:
            codes = code_rows(session, self.bench.coder)
            numbers = number_keys(session, self.bench.coder)
            found, blind = None, self.blind
            if marks:
                every = load_marks(session, document_id, self.bench.coder)
                found, blind = blind_marks(session, document_id, self.bench.coder, every)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(
                self._reloaded, document_id, codes, numbers, found, generation, blind
            )

    def _reloaded(
        self,
        document_id: int,
        codes: list[CodeRow],
        numbers: Numbers,
        marks: Marks | None,
        generation: int,
        blind: bool,
    ) -> None:
        if document_id != self.document_id:
            return
        self.blind = blind
        self._show_codes(codes, numbers)
        self._status()  # a code made here has a name now
        if marks is not None:
            if generation != self.generation or self.bench.writer.busy:
                self.reload()  # a local change landed meanwhile: read again
                return
            self.view.set_marks(marks)
            self._status()
