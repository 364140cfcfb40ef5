"""Passages that codings reach, per document, in one sorted pass (plain tables, no ORM)."""

from __future__ import annotations

from sqlalchemy import Integer, func, literal, select, union_all
from sqlalchemy.orm import Session

from qualcode.store.tables import Coding, Passage


def coded_passages_by_document(session: Session, coder_id: int | None = None) -> dict[int, int]:
    """Per document: passages that at least one coding (of one coder) overlaps.

    Passages (keyed by their end) and codings (keyed by their start) are merged per document
    in position order; a passage is coded when the furthest end of the codings that start
    before it ends lies beyond its start. At an equal key the passage comes first, as a
    coding that starts where a passage ends does not overlap it. A join of each passage with
    the codings before it took minutes on a document of a million passages, and a second to
    list 200 documents with 40,000 codings.
    """
    codings = select(
        Coding.c.document_id,
        Coding.c.start.label("key"),
        literal(1).label("kind"),
        literal(None, Integer).label("passage_start"),
        Coding.c.end.label("coding_end"),
    )
    if coder_id is not None:
        codings = codings.where(Coding.c.coder_id == coder_id)
    events = union_all(
        select(
            Passage.c.document_id,
            Passage.c.end.label("key"),
            literal(0).label("kind"),
            Passage.c.start.label("passage_start"),
            literal(None, Integer).label("coding_end"),
        ),
        codings,
    ).subquery()
    reach = (
        func.max(events.c.coding_end)
        .over(
            partition_by=events.c.document_id,
            order_by=(events.c.key, events.c.kind),
            rows=(None, 0),
        )
        .label("reach")
    )
    merged = select(events.c.document_id, events.c.kind, events.c.passage_start, reach).subquery()
    coded = (
        select(merged.c.document_id, func.count())
        .where(merged.c.kind == 0, merged.c.reach > merged.c.passage_start)
        .group_by(merged.c.document_id)
    )
    return {document_id: count for document_id, count in session.execute(coded)}
