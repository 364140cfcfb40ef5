"""Summaries of a project: status counts and the document list."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.codebook.order import codebook_order
from qualcode.store.coverage import coded_passages_by_document
from qualcode.store.tables import Code, Codebook, Coder, Coding, Document, Participant, Passage
from qualcode.tables.columns import is_private_attribute


def _coded_passages(session: Session, coder_id: int | None = None) -> int:
    """Passages that at least one coding (of one coder) overlaps."""
    return sum(coded_passages_by_document(session, coder_id).values())


def project_status(session: Session) -> dict[str, Any]:
    """Counts of documents, passages, codes and codings; coded share per coder and per code."""
    passages = session.scalar(select(func.count(Passage.c.id))) or 0
    coded = _coded_passages(session)
    coders = []
    for coder in session.execute(select(Coder).order_by(Coder.c.name)):
        codings = session.scalar(select(func.count()).where(Coding.c.coder_id == coder.id)) or 0
        if codings == 0:
            continue
        coder_coded = _coded_passages(session, coder.id)
        documents = session.scalar(
            select(func.count(func.distinct(Coding.c.document_id))).where(
                Coding.c.coder_id == coder.id
            )
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
        select(Coding.c.code_id, Coder.c.name, func.count())
        .join(Coder, Coder.c.id == Coding.c.coder_id)
        .group_by(Coding.c.code_id, Coder.c.name)
    )
    for code_id, coder_name, count in rows:
        per_code.setdefault(code_id, {})[coder_name] = count
    all_codes = codebook_order(session.execute(select(Code)))
    keys = {code.id: code.key for code in all_codes}
    codes = [
        {
            "code": code.key,
            "name": code.name,
            "parent": keys.get(code.parent_id) if code.parent_id is not None else None,
            "codings": sum(per_code.get(code.id, {}).values()),
            "by_coder": per_code.get(code.id, {}),
        }
        for code in all_codes
    ]
    codebook = session.scalar(select(Codebook.c.name).order_by(Codebook.c.id).limit(1))
    return {
        "codebook": "Codebook" if codebook is None else codebook,  # as made on first use
        "documents": session.scalar(select(func.count(Document.c.id))) or 0,
        "participants": session.scalar(select(func.count(Participant.c.id))) or 0,
        "passages": passages,
        "coded_passages": coded,
        "coded_percent": _percent(coded, passages),
        "codes": session.scalar(select(func.count(Code.c.id))) or 0,
        "codings": session.scalar(select(func.count(Coding.c.id))) or 0,
        "coders": coders,
        "by_code": codes,
    }


def _percent(part: int, whole: int) -> float:
    return round(100.0 * part / whole, 1) if whole else 0.0


def _listed_attributes(*attributes: dict[str, str] | None) -> dict[str, str]:
    """A document's and its participant's attributes, minus any whose name says it holds a name,
    contact detail or the like (never public, whatever an older import stored)."""
    merged = {k: v for each in attributes for k, v in (each or {}).items()}
    return {k: v for k, v in merged.items() if not is_private_attribute(k)}


def document_list(session: Session) -> list[dict[str, Any]]:
    """Every document with its participant's public label and attributes, and counts."""
    passage_counts: dict[int, int] = dict(
        session.execute(
            select(Passage.c.document_id, func.count()).group_by(Passage.c.document_id)
        ).all()
    )
    coding_counts: dict[int, int] = dict(
        session.execute(
            select(Coding.c.document_id, func.count()).group_by(Coding.c.document_id)
        ).all()
    )
    documents = session.execute(
        select(
            Document,
            Participant.c.label.label("participant"),
            Participant.c.attributes.label("participant_attributes"),
        )
        .outerjoin(Participant, Participant.c.id == Document.c.participant_id)
        .order_by(Document.c.id)
    )
    return [
        {
            "document": {"id": d.id, "title": d.title},
            "source_name": d.source_name,
            "format": d.format,
            "participant": d.participant,
            "attributes": _listed_attributes(d.attributes, d.participant_attributes),
            "passages": passage_counts.get(d.id, 0),
            "codings": coding_counts.get(d.id, 0),
            "imported_at": d.imported_at.isoformat(),
        }
        for d in documents
    ]
