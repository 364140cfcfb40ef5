"""Memos for a report: grouped by what they are about, anonymised exactly as quote exports are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.export.policy import ExportRedactor
from qualcode.memos.blind import visible_memos
from qualcode.memos.listing import MemoEntry, MemoFilter, list_memos
from qualcode.numbering import passage_number
from qualcode.store.models import Code, Document, Participant

SECTIONS = {
    "project": "The project",
    "participant": "Participants",
    "document": "Documents",
    "code": "Codes",
    "cell": "Framework cells",
    "passage": "Passages",
    "coding": "Codings",
}


@dataclass(frozen=True)
class ReportMemo:
    """One memo as a report shows it: its place, coder and words, all anonymised."""

    place: str
    coder: str
    date: str
    text: str


@dataclass
class MemoSection:
    """The memos of one kind, in the order of their places."""

    kind: str
    title: str
    memos: list[ReportMemo] = field(default_factory=list)


@dataclass
class MemoReport:
    """Every memo selected, by kind, and how many unreviewed possible identifiers were met."""

    sections: list[MemoSection]
    generated_at: str
    unreviewed: int = 0
    unreviewed_kept: bool = False

    @property
    def count(self) -> int:
        return sum(len(s.memos) for s in self.sections)


class _Places:
    """Where memos belong, in the words exports use: participant labels, redacted keys."""

    def __init__(self, session: Session, policy: ExportRedactor) -> None:
        self.redact = policy.redact
        self.redact_key = policy.redact_key
        self.codes = {c.key: c for c in session.scalars(select(Code))}
        rows = session.execute(
            select(Document.id, Participant.label).outerjoin(
                Participant, Participant.id == Document.participant_id
            )
        )
        self.names = {doc: label or f"Document {doc}" for doc, label in rows}

    def code(self, key: str | None) -> str:
        code = self.codes.get(key or "")
        return self.redact_key(code.key, code.name, code.description) if code else ""

    def document(self, entry: MemoEntry) -> str:
        name = self.redact(self.names.get(entry.document_id or 0, f"Document {entry.document_id}"))
        if entry.passage is None:
            return name
        return f"{name}, passage {passage_number(entry.passage)}"

    def of(self, entry: MemoEntry) -> str:
        kinds: dict[str, Callable[[], str]] = {
            "project": lambda: "The project",
            "participant": lambda: self.redact(entry.participant or ""),
            "document": lambda: self.document(entry),
            "code": lambda: self.code(entry.code),
            "cell": lambda: f"{self._row(entry)} × {self.code(entry.code)}",
            "passage": lambda: self.document(entry),
            "coding": lambda: f"{self.code(entry.code)} on {self.document(entry)}",
        }
        return kinds[entry.kind]()

    def _row(self, entry: MemoEntry) -> str:
        if entry.participant is not None:
            return self.redact(entry.participant)
        if entry.document_id is not None:
            return self.document(entry)
        name, _, value = (entry.row or "").partition("=")
        return f"{name}={self.redact(value)}"


def build_memo_report(
    session: Session,
    wanted: MemoFilter | None = None,
    *,
    keep_unreviewed: bool = False,
    viewer: str | None = None,
) -> MemoReport:
    """The selected memos, anonymised: identifiers, speaker names and (unless kept)
    unreviewed likely names redacted in their words, places and coders' names. With a
    viewer, only the memos they may read under their open blind assignments."""
    policy = ExportRedactor.for_project(session, keep_unreviewed=keep_unreviewed)
    places = _Places(session, policy)
    sections = {kind: MemoSection(kind, title) for kind, title in SECTIONS.items()}
    entries = list_memos(session, wanted)
    if viewer is not None:
        entries = visible_memos(session, entries, viewer)
    for entry in entries:
        sections[entry.kind].memos.append(
            ReportMemo(
                places.of(entry),
                policy.redact(entry.coder),
                entry.updated_at.date().isoformat(),
                policy.redact(entry.text),
            )
        )
    return MemoReport(
        [s for s in sections.values() if s.memos],
        datetime.now(UTC).isoformat(timespec="seconds"),
        unreviewed=len(policy.flagged),
        unreviewed_kept=keep_unreviewed,
    )
