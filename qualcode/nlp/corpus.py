"""Read what the suggester needs from the store: codebook entries and passages to score."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from qualcode.ingest.interviewer import is_interviewer_turn
from qualcode.nlp.types import CodeEntry, PassageText
from qualcode.store.codes import all_codes
from qualcode.store.models import Document, Passage


def codebook_entries(session: Session) -> list[CodeEntry]:
    """The codebook as plain entries, parents before children."""
    codes = all_codes(session)
    parents = {code.parent_id for code in codes if code.parent_id is not None}
    return [
        CodeEntry(
            key=code.key,
            name=code.name,
            parent=code.parent.key if code.parent else None,
            cues=tuple(code.cues or ()),
            examples=tuple(code.examples or ()),
            is_leaf=code.id not in parents,
            description=code.description or "",
            include=tuple(code.include or ()),
        )
        for code in codes
    ]


def passage_text(passage: Passage, title: str) -> PassageText:
    """A passage with its "Speaker:" label cut off, so names never become features."""
    skip = 0
    if passage.speaker:
        label = re.match(rf"\s*{re.escape(passage.speaker)}\s*[:.]\s*", passage.text)
        skip = label.end() if label else 0
    return PassageText(
        passage_id=passage.id,
        document_id=passage.document_id,
        document_title=title,
        index=passage.index,
        start=passage.start,
        end=passage.end,
        speaker=passage.speaker,
        body=passage.text[skip:],
        body_start=passage.start + skip,
    )


def passage_texts(
    session: Session,
    *,
    documents: Iterable[int] | None = None,
    include_interviewer: bool = False,
) -> list[PassageText]:
    """Passages to score, in document and passage order; interviewer turns left out (the
    suggester neither learns from nor suggests codes for a question)."""
    query = (
        select(Passage)
        .options(joinedload(Passage.document).load_only(Document.title))
        .order_by(Passage.document_id, Passage.index)
    )
    if documents is not None:
        query = query.where(Passage.document_id.in_(list(documents)))
    return [
        passage_text(passage, passage.document.title)
        for passage in session.scalars(query)
        if include_interviewer
        or not is_interviewer_turn(passage.speaker, passage.text, passage.meta)
    ]
