"""Plain table clauses for commands that only read: no ORM models declared, no mappers set up."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, DateTime, column, table

# Only the columns the light readers and writers use (reports, blinding, document lookup,
# `show`, `code add`, `import` and the audit trail); tests/store/test_light_tables.py checks each
# against the models' tables.
Passage = table(
    "passage",
    column("id"),
    column("document_id"),
    column("index"),
    column("start"),
    column("end"),
    column("speaker"),
    column("text"),
    column("meta", JSON),
)
Coding = table(
    "coding",
    column("id"),
    column("document_id"),
    column("code_id"),
    column("coder_id"),
    column("start"),
    column("end"),
    column("origin"),
    column("memo"),
    column("created_at", DateTime(timezone=True)),
    column("updated_at", DateTime(timezone=True)),
)
Coder = table("coder", column("id"), column("name"), column("created_at", DateTime(timezone=True)))
Code = table(
    "code", column("id"), column("key"), column("name"), column("parent_id"), column("position")
)
Codebook = table("codebook", column("id"), column("name"))
Participant = table(
    "participant",
    column("id"),
    column("label"),
    column("attributes", JSON),
    column("created_at", DateTime(timezone=True)),
)
Identifier = table(
    "identifier",
    column("id"),
    column("participant_id"),
    column("kind"),
    column("value"),
    column("source"),
)
Document = table(
    "document",
    column("id"),
    column("title"),
    column("source_name"),
    column("sha256"),
    column("format"),
    column("text"),
    column("attributes", JSON),
    column("participant_id"),
    column("imported_at", DateTime(timezone=True)),
)
Assignment = table(
    "assignment", column("id"), column("document_id"), column("blind", Boolean), column("status")
)
AssignmentCoder = table(
    "assignment_coder", column("id"), column("assignment_id"), column("coder_id")
)
AuditEvent = table(
    "audit_event",
    column("id"),
    column("at", DateTime(timezone=True)),
    column("coder"),
    column("action"),
    column("entity"),
    column("entity_id"),
    column("before", JSON),
    column("after", JSON),
    column("sequence"),
    column("payload_hash"),
    column("content_hash"),
    column("chain_hash"),
)
TABLES = (
    Passage,
    Coding,
    Coder,
    Code,
    Codebook,
    Participant,
    Identifier,
    Document,
    Assignment,
    AssignmentCoder,
    AuditEvent,
)
