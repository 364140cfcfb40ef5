"""Speaker labels mapped to roles or participant labels ("Sara=Interviewer"), names kept private."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.ingest.interviewer import WRITTEN_LABEL
from qualcode.ingest.segment import is_role
from qualcode.ingest.types import PassageDraft
from qualcode.store.audit import get_or_create_coder, record
from qualcode.store.documents import add_identifiers
from qualcode.store.models import Document, Passage

ORIGINAL = WRITTEN_LABEL  # the label as written ("Sara") while the speaker is mapped
_MAX_ROLE = 200


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


def parse_speaker_map(text: str) -> dict[str, str]:
    """ "Sara=Interviewer,BSR01=Interviewee 1" as {"Sara": "Interviewer", ...}.

    Raises QualcodeError naming the malformed item (no "=", an empty side, a label mapped
    twice, a role too long)."""
    mapping: dict[str, str] = {}
    for item in text.split(","):
        label, sep, role = item.partition("=")
        label, role = " ".join(label.split()), " ".join(role.split())
        if not sep or not label or not role:
            raise QualcodeError(
                f"speakers: {item.strip()!r} is not LABEL=ROLE (e.g. 'Sara=Interviewer')"
            )
        if len(role) > _MAX_ROLE:
            raise QualcodeError(f"speakers: the role for {label!r} is over {_MAX_ROLE} characters")
        if mapping.get(label, role) != role:
            raise QualcodeError(f"speakers: {label!r} is mapped twice")
        mapping[label] = role
    return mapping


def _lookup(mapping: dict[str, str]) -> dict[str, str]:
    return {label.casefold(): role for label, role in mapping.items()}


def map_drafts(passages: Iterable[PassageDraft], mapping: dict[str, str]) -> list[PassageDraft]:
    """Passages with each mapped speaker label (any case) replaced by its role; the label as
    written is kept in the passage's meta."""
    roles = _lookup(mapping)
    out = []
    for p in passages:
        role = roles.get(p.speaker.casefold()) if p.speaker else None
        if role is None or p.speaker is None or role == p.speaker:
            out.append(p)
        else:
            out.append(dataclasses.replace(p, speaker=role, meta={**p.meta, ORIGINAL: p.speaker}))
    return out


def mapped_labels(passages: Iterable[PassageDraft], mapping: dict[str, str]) -> set[str]:
    """The labels of `mapping` (as the user wrote them) that name a speaker of the passages."""
    found = {p.speaker.casefold() for p in passages if p.speaker}
    return {label for label in mapping if label.casefold() in found}


def private_labels(labels: Iterable[str]) -> list[str]:
    """Labels that may identify someone (not roles such as "Interviewer" or "Speaker 2")."""
    return [label for label in labels if not is_role(label)]


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
    labels = {row.label.casefold(): row.label for row in before}
    unknown = [label for label in mapping if label.casefold() not in labels]
    if unknown:
        have = ", ".join(dict.fromkeys(row.label for row in before)) or "none"
        raise QualcodeError(
            f"document {document.id} has no speaker {unknown[0]!r} (its speakers: {have}); "
            "nothing was changed"
        )
    roles = _lookup(mapping)
    passages = session.scalars(
        select(Passage).where(Passage.document_id == document.id, Passage.speaker.is_not(None))
    )
    changed = 0
    for passage in passages:
        meta = dict(passage.meta or {})
        label = str(meta.get(ORIGINAL) or passage.speaker)
        role = roles.get(label.casefold())
        if role is None or role == passage.speaker:
            continue
        meta.pop(ORIGINAL, None)
        passage.speaker, passage.meta = role, ({**meta, ORIGINAL: label} if role != label else meta)
        changed += 1
    kept = private_labels(labels[label.casefold()] for label in mapping)
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
