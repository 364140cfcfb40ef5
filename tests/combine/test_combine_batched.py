"""Combining asks the database once per table, not once per coding, and keeps the trail sound."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, func, insert, select
from sqlalchemy.engine import Engine

from qualcode.combine.api import combine_into
from qualcode.store.audit import get_or_create_coder
from qualcode.store.check import check_project
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Code, Coding, Memo, Passage, Review


def coded_copy(demo: Path, path: Path, codings: int) -> Path:
    """A copy of the demo where coder 'ben' coded `codings` passages, with a memo and a review
    on each (inserted in bulk: only the combine is measured)."""
    shutil.copy(demo, path)
    with open_project(str(path)) as project, project.write() as session:
        ben = get_or_create_coder(session, "ben").id
        code = session.scalars(select(Code.id).order_by(Code.id)).first()
        passages = session.execute(
            select(Passage.id, Passage.document_id, Passage.start, Passage.end)
            .order_by(Passage.id)
            .limit(codings)
        ).all()
        assert len(passages) == codings
        session.execute(insert(Coding), [
            {"document_id": d, "code_id": code, "coder_id": ben, "start": s, "end": e}
            for _, d, s, e in passages
        ])  # fmt: skip
        session.execute(insert(Memo), [
            {"coder_id": ben, "passage_id": p, "text": f"note {p}"} for p, *_ in passages
        ])  # fmt: skip
        session.execute(insert(Review), [{"passage_id": p, "coder_id": ben} for p, *_ in passages])
    return path


@pytest.fixture
def statements() -> Iterator[list[str]]:
    seen: list[str] = []

    def count(*args: Any) -> None:
        seen.append(args[2])

    event.listen(Engine, "before_cursor_execute", count)
    try:
        yield seen
    finally:
        event.remove(Engine, "before_cursor_execute", count)


def test_the_number_of_statements_does_not_grow_with_the_codings(
    demo: Path, tmp_path: Path, statements: list[str]
) -> None:
    used = []
    for number in (5, 150):
        ours = tmp_path / f"ours-{number}.qc"
        shutil.copy(demo, ours)
        theirs = coded_copy(demo, tmp_path / f"theirs-{number}.qc", number)
        statements.clear()
        summary = combine_into(str(ours), str(theirs), coder="supervisor")
        assert summary.get("codings added") == number
        assert summary.get("memos added") == number and summary.get("reviews added") == number
        used.append(len(statements))
        with open_project(str(ours)) as project:
            report = check_project(project)
        assert not report.problems, report.problems
        with open_project(str(ours)) as project, project.read() as session:
            events = session.scalar(
                select(func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "coding.add", AuditEvent.coder == "supervisor")
            )
        assert events == number  # every coding still has the event that created it
    few, many = used
    assert many <= few + 2, f"{few} statements for 5 codings, {many} for 150"
