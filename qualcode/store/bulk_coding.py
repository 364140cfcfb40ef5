"""Apply one code to many passages at once (every search hit), skipping those already coded."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.store.audit import find_coder
from qualcode.store.codings import add_coding
from qualcode.store.models import Code, Coding, Document
from qualcode.store.search import SearchHit


@dataclass(frozen=True)
class BulkCoding:
    """What applying a code to search hits did: codings added, passages skipped."""

    added: int
    skipped: int
    documents: int


def already_coded(
    session: Session, hits: Sequence[SearchHit], code: Code, coder: str
) -> set[tuple[int, int]]:
    """(document, start) of the hits this coder has already coded with this code, in part or
    whole (a coding that shares a character with the passage)."""
    who = find_coder(session, coder)
    if who is None or not hits:
        return set()
    spans: dict[int, list[tuple[int, int]]] = defaultdict(list)
    rows = session.execute(
        select(Coding.document_id, Coding.start, Coding.end).where(
            Coding.code_id == code.id,
            Coding.coder_id == who.id,
            Coding.document_id.in_(sorted({h.document_id for h in hits})),
        )
    )
    for document_id, start, end in rows:
        spans[document_id].append((start, end))
    return {
        (h.document_id, h.start)
        for h in hits
        if any(s < h.end and h.start < e for s, e in spans[h.document_id])
    }


def code_hits(session: Session, hits: Sequence[SearchHit], code: Code, coder: str) -> BulkCoding:
    """Code every hit's whole passage for the coder, each coding in the audit trail; hits the
    coder already coded with this code are skipped. The caller's transaction holds it all."""
    skip = already_coded(session, hits, code, coder)
    added, documents = 0, set()
    for hit in hits:
        if (hit.document_id, hit.start) in skip:
            continue
        document = session.get(Document, hit.document_id)
        if document is None:
            continue
        add_coding(session, document, code, coder, hit.start, hit.end)
        skip.add((hit.document_id, hit.start))
        documents.add(hit.document_id)
        added += 1
    return BulkCoding(added, len(hits) - added, len(documents))
