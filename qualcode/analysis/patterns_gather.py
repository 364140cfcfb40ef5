"""Read the inputs of code frequency and co-occurrence from the store, participants anonymised."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sqlalchemy import select
from sqlalchemy.orm import Session, defer, selectinload

from qualcode.analysis.patterns import (
    Case,
    CoOccurrence,
    Frequency,
    Span,
    co_occurrence,
    code_frequency,
)
from qualcode.export.selection import public_attributes
from qualcode.store.codes import all_codes
from qualcode.store.models import Code, Coder, Coding, Document, Passage


@dataclass(frozen=True)
class Patterns:
    """Frequency by attribute and co-occurrence over the stored codings of `coders`."""

    coders: tuple[str, ...]
    frequency: Frequency
    co_occurrence: CoOccurrence


Redact = Callable[[str], str]


def participant_label(redact: Redact, participant: str | None, document_id: int) -> str:
    """The participant's public label (redacted), or "Document N" for a document without one."""
    return redact(participant) if participant else f"Document {document_id}"


def cases(session: Session, redact: Redact) -> dict[int, Case]:
    """Every document's participant label and public attributes, redacted as exports are."""
    documents = session.scalars(
        select(Document)
        .options(selectinload(Document.participant), defer(Document.text))
        .order_by(Document.id)
    )
    found: dict[int, Case] = {}
    for document in documents:
        label = document.participant.label if document.participant else None
        attributes = {redact(k): redact(v) for k, v in public_attributes(document).items()}
        found[document.id] = Case(participant_label(redact, label, document.id), attributes)
    return found


def stored_spans(session: Session, coders: Sequence[str]) -> list[Span]:
    """The stored codings of the coders."""
    rows = session.execute(
        select(Coding.document_id, Code.key, Coder.name, Coding.start, Coding.end)
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .where(Coder.name.in_(list(coders)))
        .order_by(Coding.document_id, Coding.start, Coding.id)
    )
    return [Span(*row) for row in rows]


def passage_spans(session: Session) -> dict[int, list[tuple[int, int]]]:
    """Every document's passages as (start, end), in order."""
    found: dict[int, list[tuple[int, int]]] = {}
    rows = session.execute(
        select(Passage.document_id, Passage.start, Passage.end).order_by(
            Passage.document_id, Passage.index
        )
    )
    for document_id, start, end in rows:
        found.setdefault(document_id, []).append((start, end))
    return found


def patterns(
    session: Session, coders: Sequence[str], redact: Redact, label: Redact = str
) -> Patterns:
    """Code frequency by participant attribute and code co-occurrence for the coders, codes
    shown as `label` gives them."""
    spans = [replace(s, code=label(s.code)) for s in stored_spans(session, coders)]
    order = [label(code.key) for code in all_codes(session)]
    return Patterns(
        coders=tuple(coders),
        frequency=code_frequency(spans, cases(session, redact), order),
        co_occurrence=co_occurrence(spans, passage_spans(session), order),
    )
