"""Disagreements between coders as supervisors read them: passage text, codes and criteria."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from qualcode.audit.gather import AgreementData
from qualcode.numbering import passage_number
from qualcode.stats import Coding as StatsCoding
from qualcode.stats import disagreements
from qualcode.store.models import Code, Document, Passage


@dataclass(frozen=True)
class DisagreementItem:
    """A passage on which the coders differ about one code, with its text and their codes."""

    code: str
    code_name: str
    document_id: int
    title: str
    participant: str | None
    passage: int
    start: int
    end: int
    text: str
    applied_by: tuple[str, ...]
    not_applied_by: tuple[str, ...]
    not_reviewed_by: tuple[str, ...]
    codes: dict[str, list[str]]
    include: list[str]
    exclude: list[str]

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "document": {"id": self.document_id, "title": self.title},
            "participant": self.participant,
            "passage": passage_number(self.passage),
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "applied_by": list(self.applied_by),
            "not_applied_by": list(self.not_applied_by),
            "not_reviewed_by": list(self.not_reviewed_by),
            "codes": self.codes,
            "criteria": {"include": self.include, "exclude": self.exclude},
        }


def disagreement_items(
    session: Session, data: AgreementData, codes: Sequence[str] | None = None
) -> list[DisagreementItem]:
    """Every passage-level disagreement among the coders, with text, codes and criteria."""
    found = disagreements(
        data.codings, data.documents, data.coders, codes=codes, reviewed=data.reviewed
    )
    if not found:
        return []
    by_key = {c.key: c for c in session.scalars(select(Code))}
    docs = {
        d.id: d
        for d in session.scalars(
            select(Document)
            .options(joinedload(Document.participant))
            .where(Document.id.in_({f.document_id for f in found}))
        )
    }
    texts = {
        (p.document_id, p.index): p.text
        for p in session.scalars(
            select(Passage).where(Passage.document_id.in_({f.document_id for f in found}))
        )
    }
    in_document: dict[int, list[StatsCoding]] = {}
    for c in data.codings:
        in_document.setdefault(c.document_id, []).append(c)
    items = []
    for f in found:
        code, doc = by_key[f.code], docs[f.document_id]
        on_passage: dict[str, set[str]] = {name: set() for name in data.coders}
        for c in in_document[f.document_id]:
            if c.start < f.end and c.end > f.start:
                on_passage[c.coder].add(c.code)
        items.append(
            DisagreementItem(
                code=f.code,
                code_name=code.name,
                document_id=f.document_id,
                title=doc.title,
                participant=doc.participant.label if doc.participant else None,
                passage=f.passage_index,
                start=f.start,
                end=f.end,
                text=texts[(f.document_id, f.passage_index)],
                applied_by=f.applied_by,
                not_applied_by=f.not_applied_by,
                not_reviewed_by=f.not_reviewed_by,
                codes={name: sorted(keys) for name, keys in on_passage.items()},
                include=list(code.include),
                exclude=list(code.exclude),
            )
        )
    return items
