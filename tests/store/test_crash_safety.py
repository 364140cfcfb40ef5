"""Killing qualcode mid-import (SIGKILL) leaves a consistent project, every commit intact."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select

from qualcode.ingest import read_document

HOLD_OPEN = """
import sys, time
from pathlib import Path
from sqlalchemy import func, select

from qualcode.ingest import read_document
from qualcode.store.db import open_project
from qualcode.store.documents import add_document

project = open_project(sys.argv[1])
with project.write() as session:
    add_document(session, read_document(Path(sys.argv[2])), participant_label="Interviewee 1")
    session.flush()
    print("READY", flush=True)
    time.sleep(60)
"""


def _turns(n: int, seed: int) -> str:
    lines = []
    for i in range(n):
        lines.append(f"Interviewer: Question {seed}-{i} about commissioning and tenders?")
        lines.append("")
        lines.append(f"Morgan: Answer {seed}-{i}: the prison cancelled sessions again. " * 3)
        lines.append("")
    return "\n".join(lines)


def _consistent(target: str) -> dict[str, int]:
    """Check a project (SQLite file or PostgreSQL) and return its row counts."""
    from qualcode.store.check import check_project
    from qualcode.store.db import open_project
    from qualcode.store.transfer import table_counts

    with open_project(target) as project:
        report = check_project(project)
        assert report.ok, report.problems
        return table_counts(project)


def _integrity(path: Path) -> None:
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        connection.execute("INSERT INTO passage_fts(passage_fts) VALUES ('integrity-check')")
    connection.close()


def test_kill_inside_an_import_transaction_leaves_nothing(project_ref: str, tmp_path: Path) -> None:
    source = tmp_path / "long.txt"
    source.write_text(_turns(400, 1), encoding="utf-8")
    _hold_and_kill(HOLD_OPEN, project_ref, str(source))
    counts = _consistent(project_ref)
    assert counts["document"] == counts["passage"] == counts["participant"] == 0


def test_kill_during_a_many_file_import_keeps_every_committed_document(
    project_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    # Enough files that a fast machine cannot store them all between two polls.
    files = 300
    for i in range(files):
        (folder / f"interview-{i:03}.txt").write_text(_turns(150, i), encoding="utf-8")
    qualcode = Path(sys.executable).with_name("qualcode")
    child = subprocess.Popen(
        [str(qualcode), "import", str(project_file), str(folder)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    count = 0
    while time.monotonic() < deadline and count < 5:
        time.sleep(0.05)
        with sqlite3.connect(project_file, timeout=30) as connection:
            count = connection.execute("SELECT count(*) FROM document").fetchone()[0]
        connection.close()
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert child.returncode == -signal.SIGKILL, "import finished before it could be killed"

    _integrity(project_file)
    with sqlite3.connect(project_file) as connection:
        rows = connection.execute(
            "SELECT d.source_name, count(p.id) FROM document d "
            "LEFT JOIN passage p ON p.document_id = d.id GROUP BY d.id"
        ).fetchall()
        events = connection.execute(
            "SELECT count(*) FROM audit_event WHERE action = 'document.import'"
        ).fetchone()[0]
    connection.close()
    assert 5 <= len(rows) < files
    assert events == len(rows)
    for name, passages in rows:
        assert passages == len(read_document(folder / name).passages), name

    finish = subprocess.run(
        [str(qualcode), "import", str(project_file), str(folder)], capture_output=True, text=True
    )
    assert finish.returncode == 0, finish.stderr
    assert f"{files - len(rows)} imported, {len(rows)} already present" in finish.stdout


MERGE_THEN_HANG = """
import sys, time
from qualcode.store.codes import merge_codes
from qualcode.store.db import open_project

project = open_project(sys.argv[1])
with project.write() as session:
    merge_codes(session, "voice-advocacy", "funding-dependence", coder="supervisor")
    session.flush()
    print("READY", flush=True)
    time.sleep(60)
"""

CODE_ONE_BY_ONE = """
import sys
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.models import Document

project = open_project(sys.argv[1])
batch = sys.argv[2] == "batch"
with project.read() as session:
    length = len(session.get(Document, 1).text)
def code(session, i):
    start, width = i % (length - 10), 1 + i // (length - 10)
    return add_coding(session, session.get(Document, 1), find_code(session, "volunteers"),
                      "ana", start, start + width)
if batch:
    with project.write() as session:
        for i in range(2000):
            code(session, i)
        session.flush()
        print("READY", flush=True)
        import time; time.sleep(60)
for i in range(100000):
    with project.write() as session:
        coding_id = code(session, i).id
    print(coding_id, flush=True)
"""


def _codings(path: Path) -> list[tuple[int, ...]]:
    with sqlite3.connect(path) as connection:
        rows = connection.execute(
            'SELECT id, code_id, coder_id, document_id, start, "end" FROM coding ORDER BY id'
        ).fetchall()
    connection.close()
    return rows


def _hold_and_kill(script: str, *args: str) -> None:
    child = subprocess.Popen(
        [sys.executable, "-c", script, *args], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "READY"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()


def test_kill_during_a_codebook_merge_changes_nothing(project_ref: str, transcript: Path) -> None:
    from qualcode.importing import import_one
    from qualcode.store.db import open_project
    from qualcode.store.models import AuditEvent, Code, Coding
    from qualcode.tables.codings import import_table, read_table

    table = transcript.with_name("codings.csv")
    table.write_text(
        "document,code,coder,text\n"
        "1,voice-advocacy,ana,competitive tendering\n"
        "1,funding-dependence,ana,undercut on price\n"
        "1,voice-advocacy,ben,Sessions get cancelled\n",
        encoding="utf-8",
    )

    def codings() -> list[tuple[int, int, int, int, int]]:
        with open_project(project_ref) as project, project.read() as session:
            rows = session.execute(
                select(
                    Coding.id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end
                ).order_by(Coding.id)
            )
            return [tuple(row) for row in rows]

    with open_project(project_ref) as project:
        import_one(project, transcript)
        with project.write() as session:
            import_table(session, read_table(session, table))
    before = codings()
    assert len(before) == 3

    _hold_and_kill(MERGE_THEN_HANG, project_ref)

    _consistent(project_ref)
    assert codings() == before
    with open_project(project_ref) as project, project.read() as session:
        assert session.scalar(select(Code.id).where(Code.key == "voice-advocacy")) is not None
        merges = select(func.count(AuditEvent.id)).where(AuditEvent.action == "code.merge")
        assert session.scalar(merges) == 0


def test_kill_during_a_batch_of_codings_leaves_none_of_it(
    project_file: Path, transcript: Path
) -> None:
    from qualcode.importing import import_one
    from qualcode.store.db import open_project

    with open_project(str(project_file)) as project:
        import_one(project, transcript)
    _hold_and_kill(CODE_ONE_BY_ONE, str(project_file), "batch")
    _integrity(project_file)
    assert _codings(project_file) == []


def test_kill_while_coding_one_by_one_keeps_every_committed_coding(
    project_file: Path, transcript: Path
) -> None:
    from qualcode.importing import import_one
    from qualcode.store.db import open_project

    with open_project(str(project_file)) as project:
        import_one(project, transcript)
    child = subprocess.Popen(
        [sys.executable, "-c", CODE_ONE_BY_ONE, str(project_file), "single"],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    committed = [int(child.stdout.readline()) for _ in range(50)]
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    _integrity(project_file)
    stored = {row[0] for row in _codings(project_file)}
    assert set(committed) <= stored
    with sqlite3.connect(project_file) as connection:
        events = connection.execute(
            "SELECT count(*) FROM audit_event WHERE action = 'coding.add'"
        ).fetchone()[0]
    connection.close()
    assert events == len(stored)
