"""Coding a transcript: apply, toggle and remove codes, memos, reviews, undo and redo."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from qualcode.numbering import passage_number
from qualcode.store.codings import interviewer_only
from qualcode.store.open_coding import CodeCreated, create_and_apply
from qualcode.store.workbench import (
    CodeRow,
    CodingView,
    PassageRow,
    apply_code,
    delete_coding,
    set_coding_memo,
    set_passage_memo,
    set_reviewed,
)
from qualcode.tui.context import Workbench
from qualcode.tui.history import (
    Change,
    CodeChanged,
    CodeMade,
    CodeUnmade,
    CodingAdded,
    CodingMemoChanged,
    CodingRemoved,
    PassageMemoChanged,
    ReviewChanged,
)
from qualcode.tui.undo import step
from qualcode.tui.widgets.transcript_view import TranscriptView

Say = Callable[[str], None]
Reload = Callable[[bool], None]  # True: reload the marks too, not only the code counts


class CodingController:
    """Turns the coder's decisions into committed changes, and mirrors them on screen.

    Every change goes through the writer (one transaction each, audited with the coder's
    name) and onto the undo history once it is committed.
    """

    def __init__(
        self,
        bench: Workbench,
        view: TranscriptView,
        say: Say,
        warn: Say,
        reload: Reload,
    ) -> None:
        self.bench = bench
        self.view = view
        self.say = say
        self.warn = warn
        self.reload = reload
        self.document_id: int | None = None

    def apply(self, code: CodeRow) -> None:
        """Code the selection; if this coder already coded exactly it with the code, uncode it."""
        target, document_id = self.view.model.target(), self.document_id
        if target is None or document_id is None:
            self.warn("Nothing to code: open a transcript with passages first")
            return
        start, end = target
        same = [
            c
            for c in self.view.model.codings_here()
            if c.code_id == code.id and (c.start, c.end) == (start, end)
        ]
        if same:
            self.remove(same[0])
            return
        label, coder = self.view.model.target_label(), self.bench.coder

        def work(session: Session) -> tuple[CodingView, bool]:
            coding = apply_code(session, document_id, code.id, coder, start, end)
            return coding, interviewer_only(session, document_id, start, end)

        def done(result: tuple[CodingView, bool]) -> None:
            coding, asked = result
            if coding.document_id == self.document_id:
                self.view.add_coding(coding)
            self.bench.history.push(CodingAdded(coding))
            # Allowed, but marked: the coder should know a question is not quoted.
            note = " (an interviewer's turn: quote exports leave it out)" if asked else ""
            self.say(f"Coded {label}{note} with {code.key}")
            self.reload(False)

        self.bench.writer.submit(work, done, self.warn)

    def create(self, name: str, parent_key: str | None) -> None:
        """Make a new code (under parent_key, or as a theme) and code the selection with it."""
        target, document_id = self.view.model.target(), self.document_id
        if target is None or document_id is None:
            self.warn("Nothing to code: open a transcript with passages first")
            return
        start, end = target
        label, coder = self.view.model.target_label(), self.bench.coder

        def work(session: Session) -> CodeCreated:
            return create_and_apply(session, name, parent_key, document_id, coder, start, end)

        def done(created: CodeCreated) -> None:
            if created.coding.document_id == self.document_id:
                self.view.add_coding(created.coding)
            self.bench.history.push(CodeMade(created))
            where = f" under {created.parent}" if created.parent else " as a theme"
            self.say(f"New code {created.key}{where}; coded {label} (u to undo)")
            self.reload(False)

        self.bench.writer.submit(work, done, self.warn)

    def remove(self, coding: CodingView) -> None:
        coder = self.bench.coder

        def work(session: Session) -> CodingView:
            return delete_coding(session, coding.id, coder)

        def done(removed: CodingView) -> None:
            self.view.drop_coding(removed.id)
            self.bench.history.push(CodingRemoved(removed))
            self.say("Removed the coding (u to undo)")
            self.reload(False)

        self.bench.writer.submit(work, done, self.warn)

    def passage_memo(self, passage: PassageRow, text: str) -> None:
        coder = self.bench.coder

        def work(session: Session) -> str | None:
            return set_passage_memo(session, passage.id, coder, text)

        def done(before: str | None) -> None:
            after = text.strip() or None
            if after:
                self.view.model.marks.memos[passage.id] = after
            else:
                self.view.model.marks.memos.pop(passage.id, None)
            self.view.changed()
            if before != after:
                self.bench.history.push(PassageMemoChanged(passage.id, before, after))
            self.say("Memo saved" if after else "Memo removed")

        self.bench.writer.submit(work, done, self.warn)

    def coding_memo(self, coding: CodingView, text: str) -> None:
        coder = self.bench.coder

        def work(session: Session) -> str | None:
            return set_coding_memo(session, coding.id, coder, text)

        def done(before: str | None) -> None:
            after = text.strip() or None
            if before != after:
                self.bench.history.push(CodingMemoChanged(coding.id, before, after))
            self.say("Coding memo saved" if after else "Coding memo removed")
            self.reload(True)

        self.bench.writer.submit(work, done, self.warn)

    def toggle_review(self, passage: PassageRow) -> None:
        coder, wanted = self.bench.coder, passage.id not in self.view.model.marks.reviewed

        def work(session: Session) -> bool:
            return set_reviewed(session, passage.id, coder, wanted)

        def done(before: bool) -> None:
            if wanted:
                self.view.model.marks.reviewed.add(passage.id)
            else:
                self.view.model.marks.reviewed.discard(passage.id)
            self.view.changed()
            if before != wanted:
                self.bench.history.push(ReviewChanged(passage.id, wanted))
            state = "reviewed" if wanted else "not reviewed"
            self.say(f"Passage {passage_number(passage.index)} {state}")

        self.bench.writer.submit(work, done, self.warn)

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, *, undo: bool) -> None:
        def after() -> None:
            self.reload(True)

        step(self.bench, undo=undo, describe=describe, say=self.say, warn=self.warn, after=after)


def describe(change: Change) -> str:
    """A few words on what reverting a change did."""
    if isinstance(change, CodingAdded):
        return "removed the coding"
    if isinstance(change, CodingRemoved):
        return "restored the coding"
    if isinstance(change, ReviewChanged):
        return "review mark changed"
    if isinstance(change, CodeMade):
        return f"removed the new code '{change.created.name}' and its coding"
    if isinstance(change, CodeUnmade):
        return f"made the code '{change.created.name}' again and coded with it"
    if isinstance(change, CodeChanged):
        return f"code '{change.before['key']}' is as it was"
    return "memo restored"
