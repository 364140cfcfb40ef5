"""Several coder processes on one project at once: nothing lost, no duplicates, clear conflicts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from qualcode.importing import import_one
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Code, Coding, Passage

CODER = """
import sys
from qualcode.errors import QualcodeError
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.models import Document, Passage

target, coder, count, code_key = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
project = open_project(target)
with project.read() as session:
    spans = [(p.document_id, p.start, p.end) for p in session.query(Passage).order_by(Passage.id)]
ok = refused = 0
for i in range(count):
    document_id, start, end = spans[i % len(spans)]
    length = 1 + i // len(spans)
    try:
        with project.write() as session:
            document = session.get(Document, document_id)
            add_coding(session, document, find_code(session, code_key), coder, start,
                       min(end, start + length))
        ok += 1
    except QualcodeError:
        refused += 1
print(ok, refused)
"""


def _start(
    target: str, coder: str, count: int, code: str = "voice-advocacy"
) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", CODER, target, coder, str(count), code],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _finish(child: subprocess.Popen[str]) -> tuple[int, int]:
    out, err = child.communicate(timeout=300)
    assert child.returncode == 0, err
    ok, refused = out.split()
    return int(ok), int(refused)


def test_concurrent_coders_lose_nothing(project_ref: str, transcript: Path) -> None:
    with open_project(project_ref) as project:
        import_one(project, transcript)
        with project.read() as session:
            passages = session.scalar(select(func.count(Passage.id)))
    assert passages
    children = [_start(project_ref, f"coder-{n}", 60) for n in range(4)]
    results = [_finish(child) for child in children]
    assert results == [(60, 0)] * 4
    with open_project(project_ref) as project, project.read() as session:
        assert session.scalar(select(func.count(Coding.id))) == 240
        events = select(func.count(AuditEvent.id)).where(AuditEvent.action == "coding.add")
        assert session.scalar(events) == 240


def test_racing_for_the_same_coding_gives_exactly_one(project_ref: str, transcript: Path) -> None:
    with open_project(project_ref) as project:
        import_one(project, transcript)
    children = [_start(project_ref, "shared", 5) for _ in range(4)]
    results = [_finish(child) for child in children]
    assert sum(ok for ok, _ in results) == 5
    assert sum(refused for _, refused in results) == 15
    with open_project(project_ref) as project, project.read() as session:
        assert session.scalar(select(func.count(Coding.id))) == 5


def test_coding_with_a_code_merged_away_meanwhile_is_refused_clearly(
    project_ref: str, transcript: Path
) -> None:
    from qualcode.store.codes import merge_codes

    with open_project(project_ref) as project:
        import_one(project, transcript)
        with project.write() as session:
            merge_codes(session, "informed-risk", "voice-advocacy", coder="supervisor")
    child = _start(project_ref, "late-coder", 1, code="informed-risk")
    out, _ = child.communicate(timeout=60)
    assert out.split() == ["0", "1"]
    with open_project(project_ref) as project, project.read() as session:
        assert session.scalar(select(Code.id).where(Code.key == "informed-risk")) is None
        assert session.scalar(select(func.count(Coding.id))) == 0
