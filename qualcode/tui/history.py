"""Undo and redo: each change knows how to write its compensating change (history is kept)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from sqlalchemy.orm import Session

from qualcode.store.codebook_edits import restore_code_state
from qualcode.store.open_coding import CodeCreated, create_and_apply, undo_create
from qualcode.store.workbench import (
    CodingView,
    delete_coding,
    record_history,
    restore_coding,
    set_coding_memo,
    set_passage_memo,
    set_reviewed,
)


@dataclass(frozen=True)
class CodingAdded:
    """A coding was made; undoing it removes it."""

    coding: CodingView

    def revert(self, session: Session, coder: str) -> Change:
        return CodingRemoved(delete_coding(session, self.coding.id, coder))

    def summary(self) -> dict[str, Any]:
        return {"change": "coding.add", "coding": self.coding.id}


@dataclass(frozen=True)
class CodingRemoved:
    """A coding was removed; undoing it puts it back (as a new row, with its memo)."""

    coding: CodingView

    def revert(self, session: Session, coder: str) -> Change:
        return CodingAdded(restore_coding(session, self.coding))

    def summary(self) -> dict[str, Any]:
        return {"change": "coding.remove", "coding": self.coding.id}


@dataclass(frozen=True)
class PassageMemoChanged:
    """The coder's memo on a passage changed from before to after."""

    passage_id: int
    before: str | None
    after: str | None

    def revert(self, session: Session, coder: str) -> Change:
        set_passage_memo(session, self.passage_id, coder, self.before or "")
        return PassageMemoChanged(self.passage_id, self.after, self.before)

    def summary(self) -> dict[str, Any]:
        return {"change": "memo", "passage": self.passage_id}


@dataclass(frozen=True)
class CodingMemoChanged:
    """A coding's memo changed from before to after."""

    coding_id: int
    before: str | None
    after: str | None

    def revert(self, session: Session, coder: str) -> Change:
        set_coding_memo(session, self.coding_id, coder, self.before)
        return CodingMemoChanged(self.coding_id, self.after, self.before)

    def summary(self) -> dict[str, Any]:
        return {"change": "coding.memo", "coding": self.coding_id}


@dataclass(frozen=True)
class ReviewChanged:
    """A passage was marked reviewed (or unmarked)."""

    passage_id: int
    reviewed: bool

    def revert(self, session: Session, coder: str) -> Change:
        set_reviewed(session, self.passage_id, coder, not self.reviewed)
        return ReviewChanged(self.passage_id, not self.reviewed)

    def summary(self) -> dict[str, Any]:
        return {"change": "review", "passage": self.passage_id}


@dataclass(frozen=True)
class CodeMade:
    """A code was made while coding and applied; undoing removes the coding and the code."""

    created: CodeCreated

    def revert(self, session: Session, coder: str) -> Change:
        undo_create(session, self.created, coder)
        return CodeUnmade(self.created)

    def summary(self) -> dict[str, Any]:
        return {"change": "code.create", "code": self.created.key}


@dataclass(frozen=True)
class CodeUnmade:
    """A code made while coding was taken back; redoing makes it and codes the span again."""

    created: CodeCreated

    def revert(self, session: Session, coder: str) -> Change:
        made, coding = self.created, self.created.coding
        again = create_and_apply(
            session,
            made.name,
            made.parent,
            coding.document_id,
            coding.coder,
            coding.start,
            coding.end,
            key=made.key,
        )
        return CodeMade(again)

    def summary(self) -> dict[str, Any]:
        return {"change": "code.uncreate", "code": self.created.key}


@dataclass(frozen=True)
class CodeChanged:
    """A code's key, name, rules or parent changed (fields as code_state records them)."""

    before: dict[str, Any]
    after: dict[str, Any]

    def revert(self, session: Session, coder: str) -> Change:
        restore_code_state(session, str(self.after["key"]), self.before, coder=coder)
        return CodeChanged(self.after, self.before)

    def summary(self) -> dict[str, Any]:
        return {"change": "code.edit", "code": self.after["key"]}


Change = (
    CodingAdded
    | CodingRemoved
    | PassageMemoChanged
    | CodingMemoChanged
    | ReviewChanged
    | CodeMade
    | CodeUnmade
    | CodeChanged
)


def revert(session: Session, change: Change, coder: str, action: str) -> Change:
    """Write the compensating change and log the undo or redo; returns the inverse change."""
    inverse = change.revert(session, coder)
    record_history(session, coder, action, change.summary())
    return inverse


def _remap(change: Change, old: int, new: int) -> Change:
    if isinstance(change, CodingAdded | CodingRemoved) and change.coding.id == old:
        return replace(change, coding=replace(change.coding, id=new))
    if isinstance(change, CodingMemoChanged) and change.coding_id == old:
        return replace(change, coding_id=new)
    return change


class History:
    """The coder's undo and redo stacks for this session (main thread only)."""

    def __init__(self, limit: int = 500) -> None:
        self.undo_stack: list[Change] = []
        self.redo_stack: list[Change] = []
        self.limit = limit

    def push(self, change: Change) -> None:
        """A new change was made: it can be undone, and nothing can be redone any more."""
        self.undo_stack.append(change)
        del self.undo_stack[: -self.limit]
        self.redo_stack.clear()

    def settle(self, done: Change, inverse: Change, *, undone: bool) -> None:
        """Record the inverse of a change that was just undone (or redone)."""
        (self.redo_stack if undone else self.undo_stack).append(inverse)
        if isinstance(done, CodingRemoved | CodingAdded) and isinstance(
            inverse, CodingAdded | CodingRemoved
        ):
            old, new = done.coding.id, inverse.coding.id
            if old != new:
                self.undo_stack = [_remap(c, old, new) for c in self.undo_stack]
                self.redo_stack = [_remap(c, old, new) for c in self.redo_stack]

    def clear(self) -> None:
        self.undo_stack.clear()
        self.redo_stack.clear()
