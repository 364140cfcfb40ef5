"""Integrity check of a project: database health, schema, offsets, the audit trail."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from qualcode.store.db import Project, head_revision
from qualcode.store.models import Code, Coding, Document, Passage
from qualcode.store.trail_check import TrailProof, prove_trail


@dataclass
class CheckReport:
    """Problems found (empty when the project is sound) and what was looked at."""

    schema: str
    problems: list[str] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    trail: TrailProof = field(default_factory=TrailProof)

    @property
    def ok(self) -> bool:
        return not self.problems


def check_project(project: Project, *, since_hash: str | None = None) -> CheckReport:
    """Run every check; nothing is changed. since_hash: a chain hash written down earlier,
    which must still be in the audit trail."""
    with project.read() as session:
        schema = session.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
        report = CheckReport(schema=schema)
        if schema != head_revision():
            report.problems.append(f"schema {schema} is not the current {head_revision()}")
        if project.is_sqlite:
            _sqlite_health(session, report)
        _passages(session, report)
        _codings(session, report)
        _code_tree(session, report)
        report.trail = prove_trail(session, since_hash=since_hash)
        report.problems.extend(report.trail.problems)
        report.checked["audit events"] = report.trail.events
    return report


def _sqlite_health(session: Session, report: CheckReport) -> None:
    integrity = [row[0] for row in session.execute(text("PRAGMA integrity_check"))]
    if integrity != ["ok"]:
        report.problems.extend(f"SQLite integrity: {line}" for line in integrity[:20])
    for table, rowid, parent, _ in session.execute(text("PRAGMA foreign_key_check")):
        report.problems.append(f"{table} row {rowid} points to a missing {parent} row")
    try:
        session.execute(text("INSERT INTO passage_fts(passage_fts) VALUES ('integrity-check')"))
    except Exception as exc:  # the FTS module reports corruption as a database error
        report.problems.append(f"search index is damaged ({exc}); rebuild it")
    session.rollback()


def _passages(session: Session, report: CheckReport) -> None:
    lengths = {
        document_id: length
        for document_id, length in session.execute(select(Document.id, func.length(Document.text)))
    }
    report.checked["documents"] = len(lengths)
    previous: tuple[int, int] | None = None
    count = 0
    rows = session.execute(
        select(
            Passage.document_id, Passage.index, Passage.start, Passage.end, Passage.text
        ).order_by(Passage.document_id, Passage.index)
    )
    texts: dict[int, str] = {}
    for document_id, index, start, end, passage_text in rows:
        count += 1
        length = lengths.get(document_id, 0)
        where = f"document {document_id} passage {index}"
        if not 0 <= start < end <= length:
            report.problems.append(f"{where}: span {start}:{end} is outside the text ({length})")
            continue
        if previous and previous[0] == document_id and start < previous[1]:
            report.problems.append(f"{where}: overlaps the passage before it")
        if document_id not in texts:
            texts.clear()
            texts[document_id] = session.get_one(Document, document_id).text
        if texts[document_id][start:end] != passage_text:
            report.problems.append(f"{where}: stored text differs from the document's text")
        previous = (document_id, end)
    report.checked["passages"] = count


def _codings(session: Session, report: CheckReport) -> None:
    rows = session.execute(
        select(
            Coding.id, Coding.document_id, Coding.start, Coding.end, func.length(Document.text)
        ).join(Document, Document.id == Coding.document_id)
    ).all()
    report.checked["codings"] = len(rows)
    for coding_id, document_id, start, end, length in rows:
        if not 0 <= start < end <= length:
            report.problems.append(
                f"coding {coding_id}: span {start}:{end} is past the end of document "
                f"{document_id} ({length} characters)"
            )


def _code_tree(session: Session, report: CheckReport) -> None:
    parents = {
        code_id: parent_id
        for code_id, parent_id in session.execute(select(Code.id, Code.parent_id))
    }
    report.checked["codes"] = len(parents)
    for code_id in parents:
        seen = {code_id}
        node = parents[code_id]
        while node is not None:
            if node in seen:
                report.problems.append(f"code {code_id} is inside a loop of parent codes")
                break
            seen.add(node)
            node = parents.get(node)
