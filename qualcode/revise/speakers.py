"""Speaker labels mapped to roles or participant labels ("Sara=Interviewer"), names kept private."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.ingest.speaker_map import ORIGINAL as ORIGINAL
from qualcode.ingest.speaker_map import label_key, role_lookup
from qualcode.ingest.speaker_map import map_drafts as map_drafts
from qualcode.ingest.speaker_map import mapped_labels as mapped_labels
from qualcode.ingest.speaker_map import parse_speaker_map as parse_speaker_map
from qualcode.ingest.speaker_map import private_labels as private_labels
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.documents import add_identifiers
from qualcode.store.models import Document, Passage


@dataclass(frozen=True)
class SpeakerRow:
    """A speaker label as written in a document, the speaker stored for it, and how many
    passages it has."""

    label: str
    speaker: str
    passages: int

    @property
    def mapped(self) -> bool:
        return self.label != self.speaker


def document_speakers(session: Session, document: Document) -> list[SpeakerRow]:
    """The document's speaker labels as written, first seen first, with their stored speaker."""
    rows = session.execute(
        select(Passage.speaker, Passage.meta)
        .where(Passage.document_id == document.id)
        .order_by(Passage.index)
    )
    counts: dict[tuple[str, str], int] = {}
    for speaker, meta in rows:
        if speaker:
            label = str((meta or {}).get(ORIGINAL) or speaker)
            counts[(label, speaker)] = counts.get((label, speaker), 0) + 1
    return [SpeakerRow(label, speaker, n) for (label, speaker), n in counts.items()]


def relabel_speakers(
    session: Session, document: Document, mapping: dict[str, str], coder: str
) -> list[SpeakerRow]:
    """Map speaker labels of a stored document to roles, in the caller's transaction.

    The text, passage boundaries and codings are untouched: only each passage's stored
    speaker changes ("Sara=Sara" maps a label back to itself). Every mapped label that is
    not a role becomes a private identifier; the audit event names roles, never labels.
    Raises QualcodeError, changing nothing, for a label the document does not have.
    """
    who = get_or_create_coder(session, coder).name
    before = document_speakers(session, document)
    labels = {label_key(row.label): row.label for row in before}
    unknown = [label for label in mapping if label_key(label) not in labels]
    if unknown:
        have = ", ".join(dict.fromkeys(row.label for row in before)) or "none"
        raise QualcodeError(
            f"document {document.id} has no speaker {unknown[0]!r} (its speakers: {have}); "
            "nothing was changed"
        )
    roles = role_lookup(mapping)
    passages = session.scalars(
        select(Passage).where(Passage.document_id == document.id, Passage.speaker.is_not(None))
    )
    changed = 0
    for passage in passages:
        meta = dict(passage.meta or {})
        label = str(meta.get(ORIGINAL) or passage.speaker)
        role = roles.get(label_key(label))
        if role is None or role == passage.speaker:
            continue
        meta.pop(ORIGINAL, None)
        passage.speaker, passage.meta = role, ({**meta, ORIGINAL: label} if role != label else meta)
        changed += 1
    kept = private_labels(labels[label_key(label)] for label in mapping)
    add_identifiers(session, document.participant, "speaker", kept, source="speakers")
    session.flush()
    after = document_speakers(session, document)
    record(
        session,
        "document.speakers",
        "document",
        document.id,
        coder=who,
        before={"speakers": sorted({row.speaker for row in before if row.mapped})},
        after={
            "speakers": sorted({row.speaker for row in after if row.mapped}),
            "passages": changed,
        },
    )
    return after
