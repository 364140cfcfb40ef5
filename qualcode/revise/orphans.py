"""Orphaned codings: listed for their coder, re-attached to a span, or discarded."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import record
from qualcode.store.codes import find_code
from qualcode.store.codings import check_span
from qualcode.store.documents import MAX_ROW_ID
from qualcode.store.models import Code, Coder, Coding, Document, OrphanedCoding, utcnow


@dataclass(frozen=True)
class OrphanRecord:
    """An orphaned coding as plain data; `suggested` is where its words are now, if anywhere."""

    id: int
    document_id: int
    document: str
    coding_id: int
    code: str
    coder: str
    version: int
    start: int
    end: int
    text: str
    memo: str | None
    orphaned_by: str | None
    suggested: tuple[int, int] | None

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "document": {"id": self.document_id, "title": self.document},
            "coding": self.coding_id,
            "code": self.code,
            "coder": self.coder,
            "version": self.version,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "memo": self.memo,
            "orphaned_by": self.orphaned_by,
            "suggested": list(self.suggested) if self.suggested else None,
        }


def suggested_span(text: str, words: str) -> tuple[int, int] | None:
    """Where the orphan's words occur in the current text, if they occur exactly once."""
    first = text.find(words) if words.strip() else -1
    if first < 0 or text.find(words, first + 1) >= 0:
        return None
    return first, first + len(words)


def list_orphans(
    session: Session, document: Document | None = None, *, orphan_id: int | None = None
) -> list[OrphanRecord]:
    """Orphaned codings (of one document, or all; or just one), oldest first."""
    query = (
        select(OrphanedCoding, Coder.name, Document.title)
        .join(Coder, Coder.id == OrphanedCoding.coder_id)
        .join(Document, Document.id == OrphanedCoding.document_id)
        .order_by(OrphanedCoding.document_id, OrphanedCoding.id)
    )
    if document is not None:
        query = query.where(OrphanedCoding.document_id == document.id)
    if orphan_id is not None:
        query = query.where(OrphanedCoding.id == orphan_id)
    rows = session.execute(query).all()
    ids = {o.document_id for o, _, _ in rows}
    query_texts = select(Document.id, Document.text).where(Document.id.in_(ids))
    texts = {document_id: text for document_id, text in session.execute(query_texts)}
    return [
        OrphanRecord(
            id=o.id,
            document_id=o.document_id,
            document=title,
            coding_id=o.coding_id,
            code=o.code_key,
            coder=coder,
            version=o.version,
            start=o.start,
            end=o.end,
            text=o.text,
            memo=o.memo,
            orphaned_by=o.orphaned_by,
            suggested=suggested_span(texts[o.document_id], o.text),
        )
        for o, coder, title in rows
    ]


def find_orphan(session: Session, orphan_id: int) -> OrphanedCoding:
    """An orphaned coding by id, or a clear error."""
    orphan = session.get(OrphanedCoding, orphan_id) if 0 < orphan_id < MAX_ROW_ID else None
    if orphan is None:
        raise QualcodeError(f"no orphaned coding with id {orphan_id} (see: qualcode doc resolve)")
    return orphan


def _state(orphan: OrphanedCoding, coder: str) -> dict[str, Any]:
    return {
        "document": orphan.document_id,
        "coding": orphan.coding_id,
        "code": orphan.code_key,
        "coder": coder,
        "version": orphan.version,
        "start": orphan.start,
        "end": orphan.end,
        "text": orphan.text,
        "memo": orphan.memo,
    }


def reattach_orphan(
    session: Session,
    orphan: OrphanedCoding,
    start: int,
    end: int,
    coder: str,
    *,
    code_key: str | None = None,
) -> Coding:
    """Make the orphan a coding of [start, end) of the current text again (its old id if free).

    It keeps its coder, origin, memo and first coding time; `code_key` gives another code
    (needed when its code was merged away meanwhile).
    """
    document = session.get_one(Document, orphan.document_id)
    check_span(document, start, end)
    code = _code(session, orphan, code_key)
    owner = session.get_one(Coder, orphan.coder_id)
    clash = session.scalar(
        select(Coding.id).where(
            Coding.document_id == document.id,
            Coding.code_id == code.id,
            Coding.coder_id == owner.id,
            Coding.start == start,
            Coding.end == end,
        )
    )
    if clash is not None:
        raise QualcodeError(
            f"{owner.name} already has '{code.key}' at {start}:{end} (coding {clash}); "
            f"discard the orphan instead (--drop)"
        )
    coding = Coding(
        document_id=document.id,
        code_id=code.id,
        coder_id=owner.id,
        start=start,
        end=end,
        origin=orphan.origin,
        memo=orphan.memo,
        created_at=orphan.coded_at,
        updated_at=utcnow(),
    )
    if session.get(Coding, orphan.coding_id) is None:
        coding.id = orphan.coding_id
    before = _state(orphan, owner.name)
    session.add(coding)
    session.delete(orphan)
    session.flush()
    after = {"coding": coding.id, "code": code.key, "start": start, "end": end}
    after["text"] = document.text[start:end]
    record(session, "coding.reattach", "coding", coding.id, coder=coder, before=before, after=after)
    return coding


def _code(session: Session, orphan: OrphanedCoding, code_key: str | None) -> Code:
    if code_key is not None:
        return find_code(session, code_key)
    if orphan.code_id is not None:
        return session.get_one(Code, orphan.code_id)
    try:
        return find_code(session, orphan.code_key)
    except QualcodeError:
        raise QualcodeError(
            f"code '{orphan.code_key}' of orphan {orphan.id} no longer exists; give --code"
        ) from None


def discard_orphan(session: Session, orphan: OrphanedCoding, coder: str) -> None:
    """Discard an orphaned coding for good (its last state stays in the audit trail)."""
    owner = session.get_one(Coder, orphan.coder_id)
    before = _state(orphan, owner.name)
    session.delete(orphan)
    session.flush()
    record(session, "coding.discard", "coding", orphan.coding_id, coder=coder, before=before)
