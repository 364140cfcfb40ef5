"""Summaries of a project: status counts and the document list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, defer, selectinload

from qualcode.store.codes import all_codes, get_codebook
from qualcode.store.models import Code, Coder, Coding, Document, Participant, Passage


def _coded_passages(session: Session, coder_id: int | None = None) -> int:
    overlap = and_(
        Coding.document_id == Passage.document_id,
        Coding.start < Passage.end,
        Coding.end > Passage.start,
    )
    if coder_id is not None:
        overlap = and_(overlap, Coding.coder_id == coder_id)
    return session.scalar(select(func.count(Passage.id)).where(exists().where(overlap))) or 0


def project_status(session: Session) -> dict[str, Any]:
    """Counts of documents, passages, codes and codings; coded share per coder and per code."""
    passages = session.scalar(select(func.count(Passage.id))) or 0
    coded = _coded_passages(session)
    coders = []
    for coder in session.scalars(select(Coder).order_by(Coder.name)):
        codings = session.scalar(select(func.count()).where(Coding.coder_id == coder.id)) or 0
        if codings == 0:
            continue
        coder_coded = _coded_passages(session, coder.id)
        documents = session.scalar(
            select(func.count(func.distinct(Coding.document_id))).where(Coding.coder_id == coder.id)
        )
        coders.append(
            {
                "coder": coder.name,
                "codings": codings,
                "documents": documents,
                "coded_passages": coder_coded,
                "coded_percent": _percent(coder_coded, passages),
            }
        )
    per_code: dict[int, dict[str, int]] = {}
    rows = session.execute(
        select(Coding.code_id, Coder.name, func.count())
        .join(Coder, Coder.id == Coding.coder_id)
        .group_by(Coding.code_id, Coder.name)
    )
    for code_id, coder_name, count in rows:
        per_code.setdefault(code_id, {})[coder_name] = count
    codes = [
        {
            "code": code.key,
            "name": code.name,
            "parent": code.parent.key if code.parent else None,
            "codings": sum(per_code.get(code.id, {}).values()),
            "by_coder": per_code.get(code.id, {}),
        }
        for code in all_codes(session)
    ]
    return {
        "codebook": get_codebook(session).name,
        "documents": session.scalar(select(func.count(Document.id))) or 0,
        "participants": session.scalar(select(func.count(Participant.id))) or 0,
        "passages": passages,
        "coded_passages": coded,
        "coded_percent": _percent(coded, passages),
        "codes": session.scalar(select(func.count(Code.id))) or 0,
        "codings": session.scalar(select(func.count(Coding.id))) or 0,
        "coders": coders,
        "by_code": codes,
    }


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def document_list(session: Session) -> list[dict[str, Any]]:
    """Every document with its participant's public label and attributes, and counts."""
    passage_counts = dict(
        session.execute(
            select(Passage.document_id, func.count()).group_by(Passage.document_id)
        ).all()
    )
    coding_counts = dict(
        session.execute(select(Coding.document_id, func.count()).group_by(Coding.document_id)).all()
    )
    documents = session.scalars(
        select(Document)
        .options(selectinload(Document.participant), defer(Document.text))
        .order_by(Document.id)
    )
    return [
        {
            "document": {"id": d.id, "title": d.title},
            "source_name": d.source_name,
            "format": d.format,
            "participant": d.participant.label if d.participant else None,
            "attributes": {**d.attributes, **(d.participant.attributes if d.participant else {})},
            "passages": passage_counts.get(d.id, 0),
            "codings": coding_counts.get(d.id, 0),
            "imported_at": d.imported_at.isoformat(),
        }
        for d in documents
    ]
