"""Typed SQLAlchemy models of a qualcode project: documents, participants, codes, codings, audit."""

# No `from __future__ import annotations` here: SQLAlchemy would evaluate every annotation
# from its string, a fifth of the time this module takes to import on every command. Only
# references to the model classes are quoted.

from datetime import datetime
from typing import Any, ClassVar

from sqlalchemy import (
    JSON,
    CheckConstraint,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from qualcode.store.clock import utcnow as utcnow  # long imported from here


class Base(DeclarativeBase):
    """Declarative base with JSON mapped for plain dict/list attributes."""

    type_annotation_map: ClassVar[dict[Any, Any]] = {
        dict[str, Any]: JSON,
        list[str]: JSON,
        dict[str, str]: JSON,
    }


class Setting(Base):
    """Project-wide key/value settings (project name, creation time, options)."""

    __tablename__ = "setting"
    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Coder(Base):
    """A person (or the suggester) who codes passages."""

    __tablename__ = "coder"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Participant(Base):
    """An interviewee: a public label and attributes, plus private identifiers for redaction."""

    __tablename__ = "participant"
    id: Mapped[int] = mapped_column(primary_key=True)
    label: Mapped[str] = mapped_column(String(200), unique=True)
    attributes: Mapped[dict[str, str]] = mapped_column(default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    identifiers: Mapped[list["Identifier"]] = relationship(
        back_populates="participant", cascade="all, delete-orphan", order_by="Identifier.id"
    )
    documents: Mapped[list["Document"]] = relationship(back_populates="participant")


IDENTIFIER_KINDS = ("name", "alias", "organisation", "place", "speaker", "other")


class Identifier(Base):
    """A private identifier (real name, alias, organisation, place, speaker name) to redact.

    Never shown in exports; a participant_id of NULL means it applies to the whole project.
    """

    __tablename__ = "identifier"
    __table_args__ = (
        UniqueConstraint("participant_id", "kind", "value", name="uq_identifier"),
        CheckConstraint(
            "kind IN ('name','alias','organisation','place','speaker','other')",
            name="ck_identifier_kind",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    value: Mapped[str] = mapped_column(String(500))
    source: Mapped[str] = mapped_column(String(20), default="manual")
    participant: Mapped["Participant | None"] = relationship(back_populates="identifiers")


class Document(Base):
    """An imported interview: its normalised full text (NFC, \\n line ends) and provenance."""

    __tablename__ = "document"
    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    source_name: Mapped[str] = mapped_column(String(1000))
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    format: Mapped[str] = mapped_column(String(10))
    text: Mapped[str] = mapped_column(Text)
    attributes: Mapped[dict[str, str]] = mapped_column(default=dict)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="SET NULL"), index=True
    )
    imported_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    participant: Mapped["Participant | None"] = relationship(back_populates="documents")
    passages: Mapped[list["Passage"]] = relationship(
        back_populates="document", cascade="all, delete-orphan", order_by="Passage.index"
    )


class Passage(Base):
    """The unit of coding and suggestion: a speaker turn or paragraph with code-point offsets."""

    __tablename__ = "passage"
    __table_args__ = (
        UniqueConstraint("document_id", "index", name="uq_passage_index"),
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="ck_passage_span"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    index: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    speaker: Mapped[str | None] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, str]] = mapped_column(default=dict)
    document: Mapped["Document"] = relationship(back_populates="passages")


class Codebook(Base):
    """The project's codebook: a name and description over a tree of codes."""

    __tablename__ = "codebook"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    codes: Mapped[list["Code"]] = relationship(back_populates="codebook", order_by="Code.position")


class Code(Base):
    """A code (theme or sub-code) with the rules coders apply it by and cues for suggestions."""

    __tablename__ = "code"
    id: Mapped[int] = mapped_column(primary_key=True)
    codebook_id: Mapped[int] = mapped_column(ForeignKey("codebook.id", ondelete="CASCADE"))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("code.id", ondelete="RESTRICT"), index=True
    )
    key: Mapped[str] = mapped_column(String(200), unique=True)
    name: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    include: Mapped[list[str]] = mapped_column(default=list)
    exclude: Mapped[list[str]] = mapped_column(default=list)
    examples: Mapped[list[str]] = mapped_column(default=list)
    cues: Mapped[list[str]] = mapped_column(default=list)
    colour: Mapped[str] = mapped_column(String(20), default="")
    position: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    codebook: Mapped["Codebook"] = relationship(back_populates="codes")
    parent: Mapped["Code | None"] = relationship(remote_side="Code.id", back_populates="children")
    children: Mapped[list["Code"]] = relationship(back_populates="parent", order_by="Code.position")


class Coding(Base):
    """One coder's application of one code to a span of a document."""

    __tablename__ = "coding"
    __table_args__ = (
        UniqueConstraint(
            "document_id", "code_id", "coder_id", "start", "end", name="uq_coding_span"
        ),
        CheckConstraint('"start" >= 0 AND "end" > "start"', name="ck_coding_span"),
        CheckConstraint("origin IN ('manual','suggestion','import')", name="ck_coding_origin"),
        Index("ix_coding_document_start", "document_id", "start"),
        # Queries and matrices read a code's codings and their passages from this index alone.
        Index(
            "ix_coding_passages",
            "code_id",
            "document_id",
            "first_passage",
            "last_passage",
            "coder_id",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="RESTRICT"), index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"), index=True)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    # The first and last index of the passages the coding shares a character with (None: no
    # passage), kept by database triggers on every write (migration 0012); never set them.
    first_passage: Mapped[int | None] = mapped_column(Integer)
    last_passage: Mapped[int | None] = mapped_column(Integer)
    origin: Mapped[str] = mapped_column(String(20), default="manual")
    memo: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )
    document: Mapped["Document"] = relationship()
    code: Mapped["Code"] = relationship()
    coder: Mapped["Coder"] = relationship()


class Review(Base):
    """A coder's mark that they reviewed a passage: uncoded then means "no code applies".

    Suggestions learn negatives from it, and agreement statistics tell "not coded" from
    "not looked at" with it.
    """

    __tablename__ = "review"
    __table_args__ = (UniqueConstraint("passage_id", "coder_id", name="uq_review"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[int] = mapped_column(ForeignKey("passage.id", ondelete="CASCADE"))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"), index=True)
    reviewed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Memo(Base):
    """A coder's free-text note on a participant, document, passage or code; with none of
    them, on the project."""

    __tablename__ = "memo"
    id: Mapped[int] = mapped_column(primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"))
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    passage_id: Mapped[int | None] = mapped_column(ForeignKey("passage.id", ondelete="CASCADE"))
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


class AuditEvent(Base):
    """An append-only record of one change: who, when, what, and the state before and after.

    Events form a hash chain (store/trail.py): sequence numbers them 1, 2, 3…; payload_hash
    covers before/after, content_hash every field, chain_hash links to the event before.
    """

    __tablename__ = "audit_event"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, index=True)
    coder: Mapped[str | None] = mapped_column(String(200), index=True)
    action: Mapped[str] = mapped_column(String(50), index=True)
    entity: Mapped[str] = mapped_column(String(50))
    entity_id: Mapped[int | None] = mapped_column(Integer)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    sequence: Mapped[int] = mapped_column(Integer, unique=True, index=True)
    payload_hash: Mapped[str] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64))
    chain_hash: Mapped[str] = mapped_column(String(64))


class SuggestionModel(Base):
    """A trained suggestion model kept in the project, with what it learned from and how well.

    The model is a gzipped tar of the spaCy pipeline directory; coding_ids and training_hash
    say exactly which codings, reviews and rejections it was trained on.
    """

    __tablename__ = "suggestion_model"
    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    trained_by: Mapped[str | None] = mapped_column(String(200))
    labels: Mapped[list[str]] = mapped_column(default=list)
    coding_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    training_hash: Mapped[str] = mapped_column(String(64))
    examples: Mapped[int] = mapped_column(Integer, default=0)
    metrics: Mapped[dict[str, Any]] = mapped_column(default=dict)
    spacy_version: Mapped[str] = mapped_column(String(40), default="")
    archive: Mapped[bytes] = mapped_column(LargeBinary)


class SuggestionDecision(Base):
    """A coder's accept or reject of a suggested code for a passage; rejections teach negatives."""

    __tablename__ = "suggestion_decision"
    __table_args__ = (
        UniqueConstraint("passage_id", "code_id", "coder_id", name="uq_suggestion_decision"),
        CheckConstraint("decision IN ('accept','reject')", name="ck_suggestion_decision"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    passage_id: Mapped[int] = mapped_column(
        ForeignKey("passage.id", ondelete="CASCADE"), index=True
    )
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), index=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"))
    decision: Mapped[str] = mapped_column(String(10))
    score: Mapped[float | None] = mapped_column(Float)
    origin: Mapped[str | None] = mapped_column(String(10))
    decided_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DismissedHit(Base):
    """A possible identifier from `anonymise check` the researcher judged harmless.

    The value is stored normalised (lowercase, single spaces); checks and export warnings skip it.
    """

    __tablename__ = "dismissed_hit"
    id: Mapped[int] = mapped_column(primary_key=True)
    value: Mapped[str] = mapped_column(String(500), unique=True)
    dismissed_by: Mapped[str | None] = mapped_column(String(200))
    dismissed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class Assignment(Base):
    """A supervisor's assignment of a document to coders for independent, possibly blind, coding.

    While a blind assignment is open, each assigned coder sees only their own codings of the
    document; closing it (after comparison) lifts that.
    """

    __tablename__ = "assignment"
    __table_args__ = (CheckConstraint("status IN ('open','closed')", name="ck_assignment_status"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    blind: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    assigned_by: Mapped[str | None] = mapped_column(String(200))
    assigned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    closed_by: Mapped[str | None] = mapped_column(String(200))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    document: Mapped["Document"] = relationship()
    coders: Mapped[list["AssignmentCoder"]] = relationship(
        back_populates="assignment", cascade="all, delete-orphan", order_by="AssignmentCoder.id"
    )


class AssignmentCoder(Base):
    """One coder of an assignment."""

    __tablename__ = "assignment_coder"
    __table_args__ = (UniqueConstraint("assignment_id", "coder_id", name="uq_assignment_coder"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    assignment_id: Mapped[int] = mapped_column(
        ForeignKey("assignment.id", ondelete="CASCADE"), index=True
    )
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"), index=True)
    assignment: Mapped["Assignment"] = relationship(back_populates="coders")
    coder: Mapped["Coder"] = relationship()


class DocumentVersion(Base):
    """One version of a document's text: the imported text is version 1, each edit adds one.

    Rows appear with a document's first edit (a never-edited document has only its text); the
    newest version's text is the document's text. `change` says how the version came about
    ("import", "edit", "replace", "revert"), `note` what was edited and `summary` what it did
    to codings and passages.
    """

    __tablename__ = "document_version"
    __table_args__ = (UniqueConstraint("document_id", "number", name="uq_document_version"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("document.id", ondelete="CASCADE"))
    number: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    sha256: Mapped[str] = mapped_column(String(64))
    change: Mapped[str] = mapped_column(String(20))
    note: Mapped[str] = mapped_column(Text, default="")
    summary: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_by: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class OrphanedCoding(Base):
    """A coding whose words an edit deleted, set aside for its coder to re-attach or discard.

    It keeps the coding's id, code, coder, origin and memo, and its words and span in the
    version of the text it was made on; it is not a Coding, so exports, agreement and checks
    never see it.
    """

    __tablename__ = "orphaned_coding"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    coding_id: Mapped[int] = mapped_column(Integer)
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="SET NULL"))
    code_key: Mapped[str] = mapped_column(String(200))
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"))
    origin: Mapped[str] = mapped_column(String(20))
    memo: Mapped[str | None] = mapped_column(Text)
    version: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    coded_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    orphaned_by: Mapped[str | None] = mapped_column(String(200))
    orphaned_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class CellSummary(Base):
    """A researcher's summary of one framework matrix cell: a row (participant, document or
    attribute value) by a code.

    Exactly one of participant_id, document_id or attribute names the row; a participant's or
    document's summaries go with it when it is removed.
    """

    __tablename__ = "cell_summary"
    __table_args__ = (
        CheckConstraint(
            " + ".join(
                f"(CASE WHEN {c} IS NULL THEN 0 ELSE 1 END)"
                for c in ("participant_id", "document_id", "attribute")
            )
            + " = 1",
            name="ck_cell_summary_row",
        ),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("code.id", ondelete="CASCADE"), index=True)
    participant_id: Mapped[int | None] = mapped_column(
        ForeignKey("participant.id", ondelete="CASCADE"), index=True
    )
    document_id: Mapped[int | None] = mapped_column(
        ForeignKey("document.id", ondelete="CASCADE"), index=True
    )
    attribute: Mapped[str | None] = mapped_column(String(200))
    value: Mapped[str | None] = mapped_column(String(500))
    text: Mapped[str] = mapped_column(Text)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="RESTRICT"))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(
        DateTime(timezone=True), default=utcnow, onupdate=utcnow
    )


# Matrices and queries read every passage's bounds: this index holds them, so they are read
# without the passages' text.
Index("ix_passage_span", Passage.document_id, Passage.index, Passage.start, Passage.end)


class CoderKey(Base):
    """Which code a coder's number key (1…9, 0 as slot 10) applies; empty slots have no code.

    A coder's keys are written once (a fixed default) and change only when they pin a key,
    so the numbers never re-rank under their fingers.
    """

    __tablename__ = "coder_key"
    __table_args__ = (UniqueConstraint("coder_id", "slot", name="uq_coder_key_slot"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coder.id", ondelete="CASCADE"), index=True)
    slot: Mapped[int] = mapped_column(Integer)
    code_id: Mapped[int | None] = mapped_column(ForeignKey("code.id", ondelete="SET NULL"))
