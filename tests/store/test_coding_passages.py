"""Each coding's stored first and last passage equals what its offsets overlap, after every kind
of write: manual and bulk coding, suggestions, CSV and REFI import, combining, text edits,
undo and redo, merging, withdrawal, and the upgrade of an older project."""

from __future__ import annotations

import shutil
import sqlite3
from collections import defaultdict
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.demo import build_demo
from qualcode.store.coding_actions import delete_coding, restore_coding
from qualcode.store.db import _alembic_config, open_project
from qualcode.store.models import Coding, Passage

Bounds = dict[int, tuple[int | None, int | None]]


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.qc"
    build_demo(str(path), coder="tester")
    return path


def ok(*args: object) -> str:
    result = CliRunner().invoke(app, [str(a) for a in args])
    assert result.exit_code == 0, result.output
    return result.output


def bounds(target: Path | str) -> tuple[Bounds, Bounds]:
    """The bounds stored on each coding, and the same computed here from plain rows: the lowest
    and highest index of the passages sharing a character with the coding."""
    with open_project(str(target)) as project, project.read() as session:
        passages: dict[int, list[tuple[int, int, int]]] = defaultdict(list)
        for document, index, start, end in session.execute(
            select(Passage.document_id, Passage.index, Passage.start, Passage.end)
        ):
            passages[document].append((index, start, end))
        stored: Bounds = {}
        computed: Bounds = {}
        for coding, document, start, end, first, last in session.execute(
            select(
                Coding.id,
                Coding.document_id,
                Coding.start,
                Coding.end,
                Coding.first_passage,
                Coding.last_passage,
            )
        ):
            stored[coding] = (first, last)
            overlapped = [i for i, s, e in passages[document] if s < end and e > start]
            computed[coding] = (min(overlapped), max(overlapped)) if overlapped else (None, None)
        return stored, computed


def assert_kept(target: Path | str, step: str) -> Bounds:
    stored, computed = bounds(target)
    assert stored, f"{step}: no codings to check"
    wrong = {c: (stored[c], computed[c]) for c in stored if stored[c] != computed[c]}
    assert not wrong, f"{step}: stored != computed for {len(wrong)} codings, e.g. {wrong}"
    return stored


def test_both_databases_keep_each_codings_passages(project_ref: str, transcript: Path) -> None:
    """The triggers on SQLite and on PostgreSQL (run through scripts/with-postgres)."""
    ok("import", project_ref, transcript)
    ok("code", "add", project_ref, "--doc", 1, "--span", "5:300", "--code", "independence")
    ok("code", "add", project_ref, "--doc", 1, "--passage", 3, "--code", "commissioning")
    stored = assert_kept(project_ref, "coding")
    assert sorted(stored.values())[-1][1] not in (None, 0)  # a span over several passages
    ok("doc", "edit", project_ref, 1, "--passage", 1, "--text", "Shorter.")
    assert_kept(project_ref, "a passage edited")
    ok("doc", "edit", project_ref, 1, "--passage", 2, "--text", "")
    assert_kept(project_ref, "a passage deleted")
    with open_project(project_ref) as opened, opened.write() as session:
        coding = session.scalars(select(Coding).order_by(Coding.id)).first()
        assert coding is not None
        coding.start, coding.end = 0, 2
    assert_kept(project_ref, "a coding's span changed")


def test_every_write_keeps_each_codings_passages(demo: Path, tmp_path: Path) -> None:
    project = tmp_path / "study.qc"
    shutil.copy(demo, project)
    assert_kept(project, "demo")
    ok("code", "add", project, "--doc", 1, "--passage", 2, "--code", "volunteers", "--coder", "ana")
    ok("code", "add", project, "--doc", 1, "--span", "30:900", "--code", "independence")
    stored = assert_kept(project, "manual coding")
    assert any(
        last is not None and first is not None and last > first for first, last in stored.values()
    )
    ok("search", project, "funding", "--code", "competitive-tendering", "--coder", "cy", "--yes")
    assert_kept(project, "bulk coding from search")
    table = tmp_path / "codings.csv"
    ok("code", "export", project, table, "--coder", "cy")
    ok("suggest", "accept", project, "--doc", 2, "--passage", 3, "--code", "volunteers")
    assert_kept(project, "suggestion accepted")

    with open_project(str(project)) as opened, opened.write() as session:
        coding = session.scalars(select(Coding).order_by(Coding.id)).first()
        assert coding is not None
        view = delete_coding(session, coding.id, "ana")
    with open_project(str(project)) as opened, opened.write() as session:
        restore_coding(session, view)  # undo of the removal
    assert_kept(project, "undo and redo")

    ok("doc", "edit", project, 1, "--passage", 2, "--text", "Much shorter now.")
    assert_kept(project, "a passage edited shorter (later passages move)")
    ok("doc", "edit", project, 1, "--passage", 3, "--text", "")
    assert_kept(project, "a passage deleted (later passages renumbered)")
    ok("doc", "revert", project, 1, "--version", 1)
    assert_kept(project, "a document reverted")
    replaced = tmp_path / "replaced.txt"
    replaced.write_text(
        "Interviewer: A new first question.\n\nInterviewee: A new first answer.\n", "utf-8"
    )
    ok("doc", "replace", project, 2, replaced)
    assert_kept(project, "a document's whole text replaced")

    ok("merge", "apply", project, "--doc", 3, "--coders", "ana,ben", "--strategy", "union")
    assert_kept(project, "merge into the consensus coder")
    ok("codebook", "merge", project, "consortium-bids", "partnership-levels")
    assert_kept(project, "codebook merge")

    fresh = tmp_path / "fresh.qc"
    shutil.copy(demo, fresh)
    assert "0 codings imported" not in ok("code", "import", fresh, table)
    assert_kept(fresh, "CSV import")

    ok("import", project, fresh)
    assert_kept(project, "combining a coder's project file")

    qdpx = tmp_path / "study.qdpx"
    ok("export", "qdpx", project, "--out", qdpx)
    from_refi = tmp_path / "from-refi.qc"
    ok("import-qdpx", from_refi, qdpx, "--coder", "me")
    assert_kept(from_refi, "REFI-QDA import")

    ok("participants", "withdraw", project, "Interviewee 3", "--yes", "--reason", "asked")
    ok("doc", "remove", project, 5, "--yes")
    assert_kept(project, "withdrawal and document removal")


def test_an_older_project_is_filled_in_when_upgraded(demo: Path, tmp_path: Path) -> None:
    project = tmp_path / "old.qc"
    shutil.copy(demo, project)
    expected = assert_kept(project, "demo")
    with open_project(str(project)) as opened, opened.engine.begin() as connection:
        command.downgrade(_alembic_config(connection), "0011")
    connection = sqlite3.connect(project)
    columns = [row[1] for row in connection.execute("PRAGMA table_info(coding)")]
    connection.close()
    assert "first_passage" not in columns
    open_project(str(project)).close()  # upgrades, after a backup
    assert assert_kept(project, "upgrade") == expected
