"""What belongs to a set of documents, counted and deleted in the caller's transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, delete, func, or_, select, text
from sqlalchemy.orm import Session

from qualcode.store.models import (
    Assignment,
    AssignmentCoder,
    Base,
    Coding,
    Document,
    DocumentVersion,
    Memo,
    OrphanedCoding,
    Passage,
    Review,
    SuggestionDecision,
    SuggestionModel,
)
from qualcode.store.trail import as_utc

# What a document takes with it, in the words the plan prints them.
PARTS = (
    "documents",
    "versions",
    "passages",
    "codings",
    "set-aside codings",
    "memos",
    "reviews",
    "accepted suggestions",
    "rejected suggestions",
    "assignments",
)


@dataclass
class DocumentScope:
    """The documents to erase and their passages, by id."""

    documents: list[int]
    passages: list[int] = field(default_factory=list)

    @classmethod
    def of(cls, session: Session, documents: list[int]) -> DocumentScope:
        passages = list(
            session.scalars(
                select(Passage.id).where(Passage.document_id.in_(documents)).order_by(Passage.id)
            )
        )
        return cls(sorted(documents), passages)


def _count(session: Session, statement: Select[Any]) -> int:
    return int(session.scalar(statement) or 0)


def _memo_filter(scope: DocumentScope) -> ColumnElement[bool]:
    return or_(Memo.document_id.in_(scope.documents), Memo.passage_id.in_(scope.passages))


def count_parts(session: Session, scope: DocumentScope) -> dict[str, int]:
    """How many rows of each kind erasing the documents removes (coders of every kind)."""
    docs = scope.documents

    def rows(model: type[Base], *where: ColumnElement[bool]) -> int:
        return _count(session, select(func.count()).select_from(model).where(*where))

    return {
        "documents": len(docs),
        "versions": rows(DocumentVersion, DocumentVersion.document_id.in_(docs)),
        "passages": len(scope.passages),
        "codings": rows(Coding, Coding.document_id.in_(docs)),
        "set-aside codings": rows(OrphanedCoding, OrphanedCoding.document_id.in_(docs)),
        "memos": rows(Memo, _memo_filter(scope)),
        "reviews": rows(Review, Review.passage_id.in_(scope.passages)),
        "accepted suggestions": rows(
            SuggestionDecision,
            SuggestionDecision.passage_id.in_(scope.passages),
            SuggestionDecision.decision == "accept",
        ),
        "rejected suggestions": rows(
            SuggestionDecision,
            SuggestionDecision.passage_id.in_(scope.passages),
            SuggestionDecision.decision == "reject",
        ),
        "assignments": rows(Assignment, Assignment.document_id.in_(docs)),
        "coders": _count(
            session,
            select(func.count(func.distinct(Coding.coder_id))).where(Coding.document_id.in_(docs)),
        ),
    }


def zero_freed_space(session: Session) -> bool:
    """On SQLite, have freed cells and pages overwritten with zeros as they are freed, so
    deleted words are gone from the file even before the VACUUM that follows the commit.
    True on SQLite."""
    if session.get_bind().dialect.name != "sqlite":
        return False
    session.execute(text("PRAGMA secure_delete = ON"))
    return True


def delete_documents(session: Session, scope: DocumentScope) -> None:
    """Delete the documents and everything hanging off them, children first.

    Explicit deletes rather than ON DELETE CASCADE: every database then removes the same rows,
    whatever its foreign-key setting, and the FTS triggers see each passage go.
    """
    docs, passages = scope.documents, scope.passages
    assignments = select(Assignment.id).where(Assignment.document_id.in_(docs))
    statements = [
        delete(SuggestionDecision).where(SuggestionDecision.passage_id.in_(passages)),
        delete(Review).where(Review.passage_id.in_(passages)),
        delete(Memo).where(_memo_filter(scope)),
        delete(Coding).where(Coding.document_id.in_(docs)),
        delete(OrphanedCoding).where(OrphanedCoding.document_id.in_(docs)),
        delete(AssignmentCoder).where(AssignmentCoder.assignment_id.in_(assignments)),
        delete(Assignment).where(Assignment.document_id.in_(docs)),
        delete(DocumentVersion).where(DocumentVersion.document_id.in_(docs)),
        delete(Passage).where(Passage.document_id.in_(docs)),
        delete(Document).where(Document.id.in_(docs)),
    ]
    sqlite = zero_freed_space(session)
    for statement in statements:
        session.execute(statement.execution_options(synchronize_session=False))
    if sqlite:
        # The FTS5 index keeps deleted passages' words in old segments until they are merged:
        # rebuilt from the remaining passages in this transaction, none survive the commit.
        session.execute(text("INSERT INTO passage_fts(passage_fts) VALUES ('rebuild')"))
    session.expire_all()


def models_trained_on(session: Session, scope: DocumentScope) -> list[int]:
    """Stored suggestion models that may have learned from the documents' words.

    A model learns from codings, reviews and rejections across the project, so any model
    trained after the first of these documents came in is taken to have seen them.
    """
    if not scope.documents:
        return []
    first = session.scalar(
        select(func.min(Document.imported_at)).where(Document.id.in_(scope.documents))
    )
    codings = set(session.scalars(select(Coding.id).where(Coding.document_id.in_(scope.documents))))
    found = []
    for model in session.scalars(select(SuggestionModel).order_by(SuggestionModel.id)):
        after_import = first is not None and as_utc(model.created_at) >= as_utc(first)
        if after_import or codings & set(model.coding_ids or []):
            found.append(model.id)
    return found


def discard_models(session: Session, models: list[int]) -> None:
    """Delete stored suggestion models (the suggester then falls back to cue phrases)."""
    if models:
        session.execute(
            delete(SuggestionModel)
            .where(SuggestionModel.id.in_(models))
            .execution_options(synchronize_session=False)
        )
