"""Add, edit and remove memos of every kind, each change in the audit trail without its words."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.analysis.summaries import (
    MAX_SUMMARY,
    check_own_while_blind,
    find_summary,
    resolve_row,
    set_summary,
)
from qualcode.errors import QualcodeError
from qualcode.memos.subjects import Subject
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.codes import find_code
from qualcode.store.coding_actions import set_coding_memo, set_passage_memo
from qualcode.store.documents import MAX_ROW_ID
from qualcode.store.models import CellSummary, Coding, Memo

MAX_MEMO = MAX_SUMMARY
# Cell summaries and coding memos live in their own tables: their memo ids say so.
PREFIXES = ("cell", "coding")


@dataclass(frozen=True)
class MemoRef:
    """A memo as `memo list` numbers it: "12" (memo table), "cell-3" or "coding-45"."""

    table: str  # "memo", "cell" or "coding"
    id: int

    def __str__(self) -> str:
        return str(self.id) if self.table == "memo" else f"{self.table}-{self.id}"

    @classmethod
    def parse(cls, text: str) -> MemoRef:
        prefix, sep, number = text.strip().rpartition("-")
        table = prefix if sep else "memo"
        if table not in ("memo", *PREFIXES) or not (number.isascii() and number.isdigit()):
            raise QualcodeError(
                f"memo {text!r} is not a memo id (12, cell-3 or coding-45, as `memo list` shows)"
            )
        if int(number) >= MAX_ROW_ID:
            raise QualcodeError(f"no memo {text.strip()}")
        return cls(table, int(number))


def checked_text(text: str) -> str:
    """Memo text trimmed, refusing empty or overlong text."""
    cleaned = text.strip()
    if not cleaned:
        raise QualcodeError("the memo is empty; write some text (or use `memo remove`)")
    if len(cleaned) > MAX_MEMO:
        raise QualcodeError(f"the memo is {len(cleaned)} characters; the limit is {MAX_MEMO}")
    return cleaned


def _state(memo: Memo, kind: str, text: str) -> dict[str, Any]:
    ids = {
        "participant": memo.participant_id,
        "document": memo.document_id,
        "passage": memo.passage_id,
        "code": memo.code_id,
    }
    return {"kind": kind, **{k: v for k, v in ids.items() if v is not None}, "text": text}


def memo_kind(memo: Memo) -> str:
    """What a row of the memo table is about."""
    if memo.passage_id is not None:
        return "passage"
    if memo.code_id is not None:
        return "code"
    if memo.document_id is not None:
        return "document"
    return "participant" if memo.participant_id is not None else "project"


def add_memo(session: Session, subject: Subject, coder: str, text: str) -> MemoRef:
    """Write a new memo on the subject; a coder keeps one memo per passage, coding and cell."""
    cleaned = checked_text(text)
    if subject.kind == "cell":
        assert subject.cell is not None
        rows, row, column = subject.cell
        existing = find_summary(
            session, resolve_row(session, rows, row), find_code(session, column).id
        )
        if existing is not None:
            raise QualcodeError(
                f"that cell has a summary (memo cell-{existing.id}); use `memo edit`"
            )
        set_summary(session, rows, row, column, cleaned, coder=coder)
        written = find_summary(
            session, resolve_row(session, rows, row), find_code(session, column).id
        )
        assert written is not None
        return MemoRef("cell", written.id)
    if subject.kind == "coding":
        assert subject.coding_id is not None
        coding = session.get(Coding, subject.coding_id)
        if coding is not None and coding.memo:
            raise QualcodeError(
                f"coding {coding.id} has a memo (coding-{coding.id}); use `memo edit`"
            )
        set_coding_memo(session, subject.coding_id, coder, cleaned)
        return MemoRef("coding", subject.coding_id)
    who = get_or_create_coder(session, coder)
    if subject.kind == "passage":
        assert subject.passage_id is not None
        mine = session.scalar(
            select(Memo.id).where(Memo.passage_id == subject.passage_id, Memo.coder_id == who.id)
        )
        if mine is not None:
            raise QualcodeError(
                f"{who.name} has a memo on that passage (memo {mine}); use `memo edit`"
            )
        set_passage_memo(session, subject.passage_id, who.name, cleaned)
        made = session.scalar(
            select(Memo.id).where(Memo.passage_id == subject.passage_id, Memo.coder_id == who.id)
        )
        assert made is not None
        return MemoRef("memo", made)
    memo = Memo(
        coder_id=who.id,
        participant_id=subject.participant_id,
        document_id=subject.document_id,
        code_id=subject.code_id,
        text=cleaned,
    )
    session.add(memo)
    session.flush()
    record(
        session,
        "memo.add",
        "memo",
        memo.id,
        coder=who.name,
        after=_state(memo, subject.kind, cleaned),
    )
    return MemoRef("memo", memo.id)


def _row(session: Session, ref: MemoRef) -> Memo | CellSummary | Coding:
    row: Memo | CellSummary | Coding | None
    if ref.table == "cell":
        row = session.get(CellSummary, ref.id)
    elif ref.table == "coding":
        row = session.get(Coding, ref.id)
    else:
        row = session.get(Memo, ref.id)
    if row is None or (isinstance(row, Coding) and not row.memo):
        raise QualcodeError(f"no memo {ref} (see `qualcode memo list`)")
    return row


def edit_memo(session: Session, ref: MemoRef, coder: str, text: str) -> None:
    """Replace a memo's text (the editor is recorded as the one who changed it)."""
    cleaned = checked_text(text)
    row = _row(session, ref)
    if isinstance(row, Coding):
        set_coding_memo(session, row.id, coder, cleaned)
        return
    if isinstance(row, CellSummary):
        check_own_while_blind(session, row, coder)
    before = row.text
    if before == cleaned:
        return
    who = get_or_create_coder(session, coder)
    row.text = cleaned
    if isinstance(row, CellSummary):
        row.coder_id = who.id
        where = {"code": row.code_id, "chars": len(cleaned)}
        record(session, "summary.edit", "cell_summary", row.id, coder=who.name, after=where)
        return
    kind = memo_kind(row)
    record(
        session,
        "memo.update",
        "memo",
        row.id,
        coder=who.name,
        before=_state(row, kind, before),
        after=_state(row, kind, cleaned),
    )


def remove_memo(session: Session, ref: MemoRef, coder: str) -> None:
    """Delete a memo (a coding keeps its coding, without the memo)."""
    row = _row(session, ref)
    if isinstance(row, Coding):
        set_coding_memo(session, row.id, coder, None)
        return
    if isinstance(row, CellSummary):
        check_own_while_blind(session, row, coder)
    session.delete(row)
    session.flush()
    if isinstance(row, CellSummary):
        where = {"code": row.code_id, "chars": len(row.text)}
        record(session, "summary.remove", "cell_summary", row.id, coder=coder, before=where)
        return
    state = _state(row, memo_kind(row), row.text)
    record(session, "memo.remove", "memo", row.id, coder=coder, before=state)
