"""Two coder processes writing at once extend one audit chain: no fork, no refused write."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sqlalchemy import func, select

from qualcode.importing import import_one
from qualcode.store.check import check_project
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent

# Each transaction writes two events (a coding and a memo on it), so links inside one
# transaction and across transactions are both exercised.
WRITER = """
import sys
from qualcode.store.audit import record
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.models import Document

target, coder, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
project = open_project(target)
for i in range(count):
    with project.write() as session:
        document = session.get_one(Document, 1)
        coding = add_coding(session, document, find_code(session, "informed-risk"), coder, i, i + 5)
        record(session, "coding.memo", "coding", coding.id, coder=coder, after={"memo": str(i)})
print("done")
"""


def test_two_writers_extend_one_chain(project_ref: str, transcript: Path) -> None:
    with open_project(project_ref) as project:
        import_one(project, transcript)
        with project.read() as session:
            before = session.scalar(select(func.count(AuditEvent.id))) or 0
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, project_ref, coder, "40"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for coder in ("ana", "ben")
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0 and out.strip() == "done", err
    with open_project(project_ref) as project:
        report = check_project(project)
        with project.read() as session:
            sequences = list(session.scalars(select(AuditEvent.sequence)))
    assert report.problems == []
    # 80 codings and 80 memos, plus each coder's registration.
    assert report.trail.events == before + 162 == len(sequences)
    assert sorted(sequences) == list(range(1, before + 163))
