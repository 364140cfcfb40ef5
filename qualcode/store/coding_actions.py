"""Coding actions at the workbench: code, uncode, memo and review passages, undoably.

Audited writes (no UI imports) that each return what was there before, so the workbench's
undo/redo history can put it back: applying, removing and restoring codings, writing
passage and coding memos, marking passages reviewed, and noting undo/redo in the audit log.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.codings import add_coding, remove_coding
from qualcode.store.models import Code, Coding, Document, Memo, Passage, Review
from qualcode.store.transcripts import CodingView


def _view(coding: Coding) -> CodingView:
    return CodingView(
        coding.id,
        coding.document_id,
        coding.code_id,
        coding.coder.name,
        coding.start,
        coding.end,
        coding.origin,
        coding.memo,
    )


def apply_code(
    session: Session,
    document_id: int,
    code_id: int,
    coder: str,
    start: int,
    end: int,
    *,
    origin: str = "manual",
    memo: str | None = None,
) -> CodingView:
    """Code a span of a document for a coder (audited by add_coding)."""
    document = session.get(Document, document_id)
    code = session.get(Code, code_id)
    if document is None or code is None:
        raise QualcodeError("that document or code was removed elsewhere; refresh (F5)")
    return _view(add_coding(session, document, code, coder, start, end, origin=origin, memo=memo))


def delete_coding(session: Session, coding_id: int, coder: str) -> CodingView:
    """Remove a coding (audited by remove_coding); returns what it was, for undo."""
    coding = session.get(Coding, coding_id)
    if coding is None:
        raise QualcodeError(f"coding {coding_id} was already removed elsewhere; refresh (F5)")
    view = _view(coding)
    remove_coding(session, coding, coder=coder)
    return view


def restore_coding(session: Session, view: CodingView) -> CodingView:
    """Put back a removed coding with its origin and memo (a new row; history is kept)."""
    return apply_code(
        session,
        view.document_id,
        view.code_id,
        view.coder,
        view.start,
        view.end,
        origin=view.origin,
        memo=view.memo,
    )


def set_passage_memo(session: Session, passage_id: int, coder: str, text: str) -> str | None:
    """Write (or with empty text, remove) this coder's memo on a passage; returns the old text."""
    who = get_or_create_coder(session, coder)
    memo = session.scalar(
        select(Memo).where(Memo.passage_id == passage_id, Memo.coder_id == who.id)
    )
    before = memo.text if memo else None
    cleaned = text.strip()
    if cleaned == (before or ""):
        return before
    state: dict[str, Any] = {"passage": passage_id, "text": cleaned}
    if memo is None:
        passage = session.get(Passage, passage_id)
        if passage is None:
            raise QualcodeError("that passage was removed elsewhere; refresh (F5)")
        memo = Memo(coder_id=who.id, passage_id=passage_id, document_id=passage.document_id)
        memo.text = cleaned
        session.add(memo)
        session.flush()
        record(session, "memo.add", "memo", memo.id, coder=who.name, after=state)
    elif not cleaned:
        session.delete(memo)
        session.flush()
        old = {"passage": passage_id, "text": before}
        record(session, "memo.remove", "memo", memo.id, coder=who.name, before=old)
    else:
        memo.text = cleaned
        old = {"passage": passage_id, "text": before}
        record(session, "memo.update", "memo", memo.id, coder=who.name, before=old, after=state)
    return before


def set_coding_memo(session: Session, coding_id: int, coder: str, text: str | None) -> str | None:
    """Set the memo of a coding (None or empty removes it); returns the old memo."""
    coding = session.get(Coding, coding_id)
    if coding is None:
        raise QualcodeError(f"coding {coding_id} was removed elsewhere; refresh (F5)")
    before = coding.memo
    cleaned = (text or "").strip() or None
    if cleaned != before:
        coding.memo = cleaned
        after = {"coding": coding_id, "memo": cleaned}
        old = {"coding": coding_id, "memo": before}
        record(session, "coding.memo", "coding", coding_id, coder=coder, before=old, after=after)
    return before


def set_reviewed(session: Session, passage_id: int, coder: str, reviewed: bool) -> bool:
    """Mark (or unmark) a passage as reviewed by a coder; returns whether it was before."""
    who = get_or_create_coder(session, coder)
    row = session.scalar(
        select(Review).where(Review.passage_id == passage_id, Review.coder_id == who.id)
    )
    if (row is not None) == reviewed:
        return reviewed
    if reviewed:
        row = Review(passage_id=passage_id, coder_id=who.id)
        session.add(row)
        session.flush()
        record(session, "passage.review", "passage", passage_id, coder=who.name)
    else:
        session.delete(row)
        session.flush()
        record(session, "passage.unreview", "passage", passage_id, coder=who.name)
    return not reviewed


def record_history(session: Session, coder: str, action: str, change: dict[str, Any]) -> None:
    """Note in the audit log that a change was undone or redone (action: 'undo' or 'redo')."""
    record(session, f"workbench.{action}", "change", None, coder=coder, after=change)
