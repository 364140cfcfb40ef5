"""Combining coders' project files: the union of their work, idempotent, all or nothing."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

from sqlalchemy import func, select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.revise.edit import edit_passage
from qualcode.store.codes import add_code
from qualcode.store.coding_actions import set_passage_memo
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.models import (
    AuditEvent,
    Code,
    Coder,
    Coding,
    Document,
    Memo,
    OrphanedCoding,
    Participant,
    Passage,
)

QUALCODE = str(Path(sys.executable).with_name("qualcode"))
EDITED = (
    "Interviewer: Why music, and why a charity rather than the prison's own education provider?"
)


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def codings(target: str) -> set[tuple[object, ...]]:
    """Every coding as a person would compare them: document, words, code, coder, origin, memo."""
    with open_project(target) as project, project.read() as session:
        rows = session.execute(
            select(Document.sha256, Document.text, Coding.start, Coding.end, Code.key,
                   Coder.name, Coding.origin, Coding.memo)
            .join(Document, Coding.document_id == Document.id)
            .join(Code, Coding.code_id == Code.id)
            .join(Coder, Coding.coder_id == Coder.id)
        ).all()  # fmt: skip
    return {(sha, text[a:b], a, b, *rest) for sha, text, a, b, *rest in rows}


def counts(target: str) -> dict[str, int]:
    with open_project(target) as project, project.read() as session:
        return {
            model.__name__: session.scalar(select(func.count()).select_from(model)) or 0
            for model in (AuditEvent, Code, Coder, Coding, Document, Memo, Participant, Passage)
        }


def two_coders_files(demo: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The demo given to two coders, each of whom worked on their own copy."""
    ours, theirs = tmp_path / "ours.qc", tmp_path / "theirs.qc"
    shutil.copy(demo, ours)
    shutil.copy(demo, theirs)
    with open_project(str(ours)) as project, project.write() as session:
        first = session.scalars(select(Passage).order_by(Passage.id)).first()
        assert first is not None
        code = session.scalars(select(Code).order_by(Code.id)).first()
        assert code is not None
        add_coding(session, first.document, code, "dee", first.start, first.end)
    with open_project(str(theirs)) as project, project.write() as session:
        add_code(session, "volunteer-burnout", "Volunteer burnout", coder="cy")
        passage = session.scalars(
            select(Passage).where(Passage.text.contains("It's a patchwork"))
        ).one()
        burnout = session.scalars(select(Code).where(Code.key == "volunteer-burnout")).one()
        add_coding(session, passage.document, burnout, "cy", passage.start, passage.end,
                   memo="funding mix")  # fmt: skip
        set_passage_memo(session, passage.id, "cy", "Compare with interview 5.")
        person = session.scalars(select(Participant).order_by(Participant.id)).first()
        assert person is not None
        assert person.attributes, "the demo's participants have attributes"
        key = sorted(person.attributes)[0]
        person.attributes = {**person.attributes, "region": "North West", key: "changed"}
    with open_project(str(theirs)) as project, project.write() as session:  # a correction
        question = session.scalars(
            select(Passage).where(Passage.text.startswith("Interviewer: Why music"))
        ).one()
        edit_passage(session, question.document, question.index, EDITED, "cy")
    return ours, theirs


def test_combining_gives_the_union_and_a_second_time_changes_nothing(
    demo: Path, tmp_path: Path
) -> None:
    ours, theirs = two_coders_files(demo, tmp_path)
    mine, other = codings(str(ours)), codings(str(theirs))
    code, output = run("import", ours, theirs)
    assert code == 0, output
    assert "codes: 34 matched, 1 added" in output or "1 added" in output
    combined = codings(str(ours))
    # Every document but the edited one has identical text in both files, so the result is
    # the union row for row; the edited one's codings re-anchor onto our text and match ours.
    edited = {row[0] for row in other} - {row[0] for row in mine}
    assert len(edited) == 1
    assert combined == mine | {row for row in other if row[0] not in edited}
    assert any(row[4] == "volunteer-burnout" and row[5] == "cy" for row in combined - mine)
    assert "warning: participant" in output and "and 'changed' there; kept" in output
    with open_project(str(ours)) as project, project.read() as session:
        memo = session.scalars(select(Memo).where(Memo.text == "Compare with interview 5.")).one()
        assert memo.passage_id is not None
        person = session.scalars(select(Participant).order_by(Participant.id)).first()
        assert person is not None and person.attributes["region"] == "North West"
        assert "changed" not in person.attributes.values()
    before = counts(str(ours))
    code, output = run("import", ours, theirs)
    assert code == 0 and "Nothing new" in output
    assert counts(str(ours)) == before and codings(str(ours)) == combined
    assert run("check", ours)[0] == 0


def test_a_dry_run_changes_nothing_and_one_coder_can_be_taken(demo: Path, tmp_path: Path) -> None:
    ours, theirs = two_coders_files(demo, tmp_path)
    before, rows = counts(str(ours)), codings(str(ours))
    code, output = run("import", ours, theirs, "--dry-run")
    assert code == 0 and "Would combine" in output and "Nothing was changed" in output
    assert counts(str(ours)) == before and codings(str(ours)) == rows
    code, output = run("import", ours, theirs, "--coder", "cy")
    assert code == 0, output
    added = codings(str(ours)) - rows
    assert added and {row[5] for row in added} == {"cy"}
    code, output = run("import", ours, theirs, "--coder", "nobody")
    assert code == 1 and "no coder named 'nobody'" in output


def test_refusals_are_one_line(demo: Path, tmp_path: Path) -> None:
    ours, _ = two_coders_files(demo, tmp_path)
    code, output = run("import", ours, ours)
    assert code == 1 and "is the project itself" in output
    code, output = run("import", ours, tmp_path / "missing.qc")
    assert code == 1 and len(output.strip().splitlines()) == 1


def test_a_killed_combine_leaves_the_target_unchanged(demo: Path, tmp_path: Path) -> None:
    ours, theirs = two_coders_files(demo, tmp_path)
    rows = codings(str(ours))
    wal = Path(f"{ours}-wal")
    start = wal.stat().st_size if wal.exists() else 0
    child = subprocess.Popen([QUALCODE, "import", str(ours), str(theirs)],
                             stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not (wal.exists() and wal.stat().st_size > start):  # the combine is writing
            assert child.poll() is None, "the combine ended before it was seen writing"
            assert time.monotonic() < deadline
            time.sleep(0.0005)
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.wait()
    assert child.returncode == -signal.SIGKILL
    assert codings(str(ours)) == rows
    assert run("check", ours)[0] == 0
    assert run("import", ours, theirs)[0] == 0  # and it can simply be run again
    assert codings(str(ours)) > rows


def test_the_same_on_postgresql(demo: Path, tmp_path: Path, empty_postgres: str) -> None:
    ours, theirs = two_coders_files(demo, tmp_path)
    code, output = run("copy", ours, empty_postgres)
    assert code == 0, output
    assert run("import", empty_postgres, theirs)[0] == 0
    assert run("import", ours, theirs)[0] == 0
    assert codings(empty_postgres) == codings(str(ours))
    with open_project(str(ours)) as project, project.read() as session:
        assert session.scalar(select(func.count()).select_from(OrphanedCoding)) == 0


def test_a_postgresql_database_as_the_other_project(
    demo: Path, tmp_path: Path, empty_postgres: str
) -> None:
    ours, theirs = two_coders_files(demo, tmp_path)
    from_file = tmp_path / "from-file.qc"
    shutil.copy(ours, from_file)
    code, output = run("copy", theirs, empty_postgres)  # the coder's work kept on a server
    assert code == 0, output
    code, output = run("import", from_file, theirs)
    assert code == 0, output
    code, output = run("import", ours, empty_postgres, "--dry-run")
    assert code == 0 and "Would combine" in output, output
    code, output = run("import", ours, empty_postgres)
    assert code == 0 and "codings:" in output, output
    assert codings(str(ours)) == codings(str(from_file))
    assert counts(str(ours)) | {"AuditEvent": 0} == counts(str(from_file)) | {"AuditEvent": 0}
    code, output = run("import", ours, empty_postgres)
    assert code == 0 and "Nothing new" in output
    assert run("check", ours)[0] == 0


def test_a_withdrawn_participant_is_not_brought_back_from_a_coders_copy(
    demo: Path, tmp_path: Path
) -> None:
    ours, theirs = two_coders_files(demo, tmp_path)
    with open_project(str(ours)) as project, project.read() as session:
        label = session.scalars(select(Participant.label).order_by(Participant.id)).first()
    assert label is not None
    code, output = run("participants", "withdraw", ours, label, "--yes", "--reason", "asked")
    assert code == 0, output
    before = counts(str(ours))
    code, output = run("import", ours, theirs)
    assert code == 0, output
    assert f"participant '{label}' withdrew from this project" in output
    assert "left out" in output
    with open_project(str(ours)) as project, project.read() as session:
        assert session.scalar(select(Participant).where(Participant.label == label)) is None
        assert session.scalar(select(func.count()).select_from(Document)) == before["Document"]
    assert run("check", ours)[0] == 0
