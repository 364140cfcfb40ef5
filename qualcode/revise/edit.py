"""Correct a document's text after coding: versioned, audited, codings and passages carried over."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.ingest import read_document
from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import build_document
from qualcode.ingest.types import PassageDraft
from qualcode.numbering import passage_number
from qualcode.revise.anchor import Realignment
from qualcode.revise.diff import diff_texts
from qualcode.revise.layout import carried_passages
from qualcode.revise.passages import PassageChanges, old_passages, relayout_passages
from qualcode.revise.recode import PARK, CodingChanges, reanchor_codings
from qualcode.revise.speakers import document_speakers, map_drafts
from qualcode.revise.versions import add_version, current_version, text_at_version
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.documents import add_identifiers, find_by_sha, passage_at
from qualcode.store.models import Coding, Document

# Caption files are cut into passages by their cues (with timestamps), not by segmenting the
# text, so an edit carries their passages over instead of segmenting again.
CAPTION_FORMATS = frozenset({"vtt", "srt"})


@dataclass(frozen=True)
class EditReport:
    """What one edit did: the new version and what became of codings and passages."""

    document_id: int
    title: str
    changed: bool
    version: int
    change: str
    note: str
    characters: tuple[int, int]
    codings: CodingChanges
    passages: PassageChanges

    def summary(self) -> dict[str, Any]:
        return {
            "characters": list(self.characters),
            "codings": self.codings.as_json(),
            "passages": self.passages.as_json(),
        }

    def as_json(self) -> dict[str, Any]:
        return {
            "document": {"id": self.document_id, "title": self.title},
            "changed": self.changed,
            "version": self.version,
            "change": self.change,
            "note": self.note,
            **self.summary(),
        }


def replace_text(
    session: Session,
    document: Document,
    new_text: str,
    coder: str,
    *,
    passages: list[PassageDraft] | None = None,
    speakers: list[str] | None = None,
    change: str = "replace",
    note: str = "",
) -> EditReport:
    """Make `new_text` the document's text, as a new version, in the caller's transaction.

    The text is normalised as on import (NFC, "\\n" line ends...) unless `passages` are given
    with it (from a reader; the text must then be normalised already). Codings are re-anchored
    (see qualcode.revise.anchor), orphaned ones set aside for `resolve`; passages are
    segmented again (caption files: carried over) and keep their ids, reviews and memos where
    they continue an old passage. Objects loaded in the session before are expired.
    """
    who = get_or_create_coder(session, coder).name
    session.refresh(document, with_for_update=True)  # concurrent edits of one document queue
    text = _checked_text(new_text, given_passages=passages is not None)
    version = current_version(session, document)
    old_text = document.text
    if text == old_text:
        return _no_change(session, document, version, change, note)
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    _refuse_duplicate(session, document, sha)
    realignment = Realignment(diff_texts(old_text, text))
    if passages is None:
        passages, speakers = _segment(session, document, text, realignment)
    # Speakers mapped to roles ("Sara=Interviewer") stay mapped in the new text.
    roles = {row.label: row.speaker for row in document_speakers(session, document) if row.mapped}
    passages = map_drafts(passages, roles)
    stored = add_version(
        session, document, text=text, sha256=sha, change=change, note=note, coder=who
    )
    codings = reanchor_codings(
        session, document.id, realignment, old_text, text, version=version, coder=who
    )
    relaid = relayout_passages(session, document.id, realignment, old_text, text, passages)
    before = {"version": version, "sha256": document.sha256, "characters": len(old_text)}
    document.text, document.sha256 = text, sha
    add_identifiers(session, document.participant, "speaker", speakers or [], source="edit")
    report = EditReport(
        document_id=document.id,
        title=document.title,
        changed=True,
        version=stored.number,
        change=change,
        note=note,
        characters=(len(old_text), len(text)),
        codings=codings,
        passages=relaid,
    )
    stored.summary = report.summary()
    after = {"version": stored.number, "sha256": sha, "note": note, **report.summary()}
    action = f"document.{change}"
    record(session, action, "document", document.id, coder=who, before=before, after=after)
    try:
        session.flush()
    except IntegrityError:
        raise QualcodeError(
            f"document {document.id} was changed elsewhere meanwhile; nothing was changed — "
            "look again and retry"
        ) from None
    session.expire_all()
    session.refresh(document)
    return report


def _checked_text(text: str, *, given_passages: bool) -> str:
    """The text normalised as import normalises it (already so when a reader gave passages)."""
    normalised = normalise_text(text)
    if given_passages and normalised != text:
        raise QualcodeError("text given with its passages must be normalised already")
    if not normalised.strip():
        raise QualcodeError("the corrected text is empty; a document must keep some text")
    if len(normalised) >= PARK:
        raise QualcodeError(f"the corrected text is too long ({len(normalised):,} characters)")
    return normalised


def _no_change(
    session: Session, document: Document, version: int, change: str, note: str
) -> EditReport:
    query = select(func.count()).select_from(Coding).where(Coding.document_id == document.id)
    count = len(old_passages(session, document.id)[0])
    return EditReport(
        document_id=document.id,
        title=document.title,
        changed=False,
        version=version,
        change=change,
        note=note,
        characters=(len(document.text), len(document.text)),
        codings=CodingChanges(unchanged=session.scalar(query) or 0),
        passages=PassageChanges(before=count, after=count, kept=count),
    )


def _refuse_duplicate(session: Session, document: Document, sha: str) -> None:
    other = find_by_sha(session, sha)
    if other is not None and other[0] != document.id:
        raise QualcodeError(
            f"the corrected text is identical to document {other[0]} '{other[1]}'; two "
            "documents cannot hold the same text (nothing was changed)"
        )


def _segment(
    session: Session, document: Document, text: str, realignment: Realignment
) -> tuple[list[PassageDraft], list[str]]:
    """Passages of the new text as import would make them, and the speaker names in it."""
    if document.format in CAPTION_FORMATS:
        old, _ = old_passages(session, document.id)
        return carried_passages(old, text, realignment), []
    read = build_document(document.source_name, document.format, text)
    return read.passages, read.speakers


def edit_passage(
    session: Session, document: Document, passage_index: int, new_passage_text: str, coder: str
) -> EditReport:
    """Replace one passage's text (normalised; empty text deletes the passage)."""
    passage = passage_at(session, document, passage_index)
    cleaned = normalise_text(new_passage_text)
    text = document.text[: passage.start] + cleaned + document.text[passage.end :]
    note = f"passage {passage_number(passage_index)}"
    return replace_text(session, document, text, coder, change="edit", note=note)


def replace_from_file(session: Session, document: Document, path: Path, coder: str) -> EditReport:
    """Replace the whole text by a corrected file, read as import reads it (any format)."""
    read = read_document(path)
    return replace_text(
        session,
        document,
        read.text,
        coder,
        passages=read.passages,
        speakers=read.speakers,
        change="replace",
        note=path.name,
    )


def revert_document(session: Session, document: Document, number: int, coder: str) -> EditReport:
    """Make an earlier version's text current again (as a new version)."""
    text = text_at_version(session, document, number)
    return replace_text(session, document, text, coder, change="revert", note=f"version {number}")
