"""Every memo in the project as plain rows, whichever table keeps it, filtered as asked."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.export.selection import selected_codes
from qualcode.memos.subjects import KINDS
from qualcode.memos.writes import MemoRef, memo_kind
from qualcode.numbering import passage_number
from qualcode.store.audit import known_coder
from qualcode.store.documents import find_document
from qualcode.store.models import CellSummary, Code, Coder, Coding, Memo, Participant, Passage


@dataclass(frozen=True)
class MemoEntry:
    """One memo as written (not anonymised) and where it belongs."""

    ref: MemoRef
    kind: str
    coder: str
    text: str
    updated_at: datetime
    participant: str | None = None  # label: of the participant memo or cell row
    document_id: int | None = None
    passage: int | None = None  # stored index (from 0)
    code: str | None = None  # key
    row: str | None = None  # a cell's row as `matrix` names it

    @property
    def about(self) -> str:
        """Where the memo belongs, in a few words: "document 3, passage 12"."""
        place = {
            "project": "the project",
            "participant": self.participant or "",
            "document": f"document {self.document_id}",
            "code": self.code or "",
            "cell": f"{self.row} × {self.code}",
        }.get(self.kind)
        if place is not None:
            return place
        where = f"document {self.document_id}"
        if self.passage is not None:
            where += f", passage {passage_number(self.passage)}"
        return where if self.kind == "passage" else f"{self.code} on {where}"

    def as_json(self) -> dict[str, Any]:
        return {
            "id": str(self.ref),
            "kind": self.kind,
            "about": self.about,
            "coder": self.coder,
            "text": self.text,
            "participant": self.participant,
            "document": self.document_id,
            "passage": None if self.passage is None else passage_number(self.passage),
            "code": self.code,
            "updated_at": self.updated_at.isoformat(timespec="seconds"),
        }


@dataclass(frozen=True)
class MemoFilter:
    """Which memos to list; every field None lists them all."""

    kind: str | None = None
    code: str | None = None
    document: str | None = None
    coder: str | None = None


def _memo_rows(session: Session, labels: dict[int, str], keys: dict[int, str]) -> list[MemoEntry]:
    rows = session.execute(
        select(Memo, Coder.name, Passage.index)
        .join(Coder, Coder.id == Memo.coder_id)
        .outerjoin(Passage, Passage.id == Memo.passage_id)
    )
    return [
        MemoEntry(
            MemoRef("memo", memo.id),
            memo_kind(memo),
            coder,
            memo.text,
            memo.updated_at,
            participant=labels.get(memo.participant_id or 0),
            document_id=memo.document_id,
            passage=index,
            code=keys.get(memo.code_id or 0),
        )
        for memo, coder, index in rows
    ]


def _cell_rows(session: Session, labels: dict[int, str], keys: dict[int, str]) -> list[MemoEntry]:
    rows = session.execute(
        select(CellSummary, Coder.name).join(Coder, Coder.id == CellSummary.coder_id)
    )
    entries = []
    for cell, coder in rows:
        if cell.participant_id is not None:
            row = labels.get(cell.participant_id, "")
        elif cell.document_id is not None:
            row = f"Document {cell.document_id}"
        else:
            row = f"{cell.attribute}={cell.value if cell.value is not None else '(not recorded)'}"
        entries.append(
            MemoEntry(
                MemoRef("cell", cell.id),
                "cell",
                coder,
                cell.text,
                cell.updated_at,
                participant=labels.get(cell.participant_id or 0),
                document_id=cell.document_id,
                code=keys[cell.code_id],
                row=row,
            )
        )
    return entries


def _coding_rows(session: Session, keys: dict[int, str]) -> list[MemoEntry]:
    rows = list(
        session.execute(
            select(Coding, Coder.name)
            .join(Coder, Coder.id == Coding.coder_id)
            .where(Coding.memo.is_not(None), Coding.memo != "")
        )
    )
    starts: dict[int, list[tuple[int, int]]] = {}
    for document_id in {coding.document_id for coding, _ in rows}:
        starts[document_id] = [
            (start, index)
            for start, index in session.execute(
                select(Passage.start, Passage.index)
                .where(Passage.document_id == document_id)
                .order_by(Passage.start)
            )
        ]
    entries = []
    for coding, coder in rows:
        passages = starts[coding.document_id]
        at = bisect_right([start for start, _ in passages], coding.start) - 1
        entries.append(
            MemoEntry(
                MemoRef("coding", coding.id),
                "coding",
                coder,
                coding.memo or "",
                coding.created_at,
                document_id=coding.document_id,
                passage=passages[at][1] if at >= 0 else None,
                code=keys[coding.code_id],
            )
        )
    return entries


def list_memos(session: Session, wanted: MemoFilter | None = None) -> list[MemoEntry]:
    """The memos the filter selects, from the project memos down to coding memos."""
    wanted = wanted or MemoFilter()
    if wanted.kind is not None and wanted.kind not in KINDS:
        raise QualcodeError(f"--kind {wanted.kind!r}: use one of {', '.join(KINDS)}")
    labels = {
        id_: label for id_, label in session.execute(select(Participant.id, Participant.label))
    }
    keys = {id_: key for id_, key in session.execute(select(Code.id, Code.key))}
    entries = _memo_rows(session, labels, keys) + _cell_rows(session, labels, keys)
    entries += _coding_rows(session, keys)
    if wanted.kind is not None:
        entries = [e for e in entries if e.kind == wanted.kind]
    if wanted.code is not None:
        # A code's memos include its sub-codes', as a code matches its sub-codes everywhere.
        family = {keys[c.id] for c in selected_codes(session, [wanted.code])}
        entries = [e for e in entries if e.code in family]
    if wanted.document is not None:
        document = find_document(session, wanted.document).id
        entries = [e for e in entries if e.document_id == document]
    if wanted.coder is not None:
        known_coder(session, wanted.coder)
        entries = [e for e in entries if e.coder == wanted.coder.strip()]
    order = {kind: n for n, kind in enumerate(KINDS)}
    return sorted(
        entries, key=lambda e: (order[e.kind], e.document_id or 0, e.passage or 0, e.updated_at)
    )
