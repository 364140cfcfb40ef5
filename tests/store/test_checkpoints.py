"""A write can leave copying the log into the database to a checkpoint on another thread."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event, text

from qualcode.importing import BATCH_FILES, import_files
from qualcode.store.checkpoints import background_checkpoints
from qualcode.store.db import WAL_CHECKPOINT_PAGES, Project, open_project

# More log than SQLite lets a commit leave uncopied (WAL_CHECKPOINT_PAGES pages of 4 KiB).
BLOBS = WAL_CHECKPOINT_PAGES + 200


def _fill(project: Project, *, background_checkpoint: bool, rows: int = BLOBS) -> None:
    with project.write(background_checkpoint=background_checkpoint) as session:
        session.execute(text("CREATE TABLE IF NOT EXISTS filler (data BLOB)"))
        session.execute(
            text(
                "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < :rows)"
                " INSERT INTO filler SELECT randomblob(4000) FROM n"
            ),
            {"rows": rows},
        )


def _wal(project_file: Path) -> Path:
    return project_file.with_name(project_file.name + "-wal")


def _copied_bytes(project_file: Path) -> int:
    """Bytes of the database file itself (what checkpoints have copied out of the log)."""
    return project_file.stat().st_size


def test_a_background_checkpoint_write_leaves_its_pages_in_the_log(project_file: Path) -> None:
    with open_project(str(project_file)) as project:
        before = _copied_bytes(project_file)
        _fill(project, background_checkpoint=True)
        assert _copied_bytes(project_file) == before  # committed, but not copied yet
        assert _wal(project_file).stat().st_size > BLOBS * 4000
        with sqlite3.connect(f"{project_file.as_uri()}?mode=ro", uri=True) as reader:
            assert reader.execute("SELECT count(*) FROM filler").fetchone() == (BLOBS,)


def test_the_next_ordinary_write_copies_the_log_as_sqlite_does(project_file: Path) -> None:
    with open_project(str(project_file)) as project:
        _fill(project, background_checkpoint=True)
        _fill(project, background_checkpoint=False, rows=1)
        assert _copied_bytes(project_file) > BLOBS * 4000
        with project.read() as session:
            pages = session.execute(text("PRAGMA wal_autocheckpoint")).scalar()
        assert pages == WAL_CHECKPOINT_PAGES


def test_the_checkpoint_thread_copies_the_log_before_the_block_ends(project_file: Path) -> None:
    with open_project(str(project_file)) as project:
        with background_checkpoints(project) as checkpoint:
            _fill(project, background_checkpoint=True)
            checkpoint()
        assert _copied_bytes(project_file) > BLOBS * 4000


def test_a_checkpoint_asked_for_during_another_is_done_before_the_block_ends(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copied, go = threading.Event(), threading.Event()

    class FirstCheckpointLingers(sqlite3.Connection):
        """The thread's first checkpoint is done, then lingers (a slow disk's fsync)."""

        def execute(self, sql: str, *args: Any) -> sqlite3.Cursor:
            cursor = super().execute(sql, *args)
            if not copied.is_set():
                copied.set()
                go.wait(10)
            return cursor

    connect = sqlite3.connect

    def connect_in_thread(*args: Any, **kwargs: Any) -> sqlite3.Connection:
        if threading.current_thread().name == "qualcode-checkpoint":
            kwargs["factory"] = FirstCheckpointLingers
        return connect(*args, **kwargs)

    monkeypatch.setattr(sqlite3, "connect", connect_in_thread)
    with open_project(str(project_file)) as project:
        with background_checkpoints(project) as checkpoint:
            _fill(project, background_checkpoint=True, rows=1)
            checkpoint()
            assert copied.wait(10)
            _fill(project, background_checkpoint=True)  # committed during that checkpoint
            checkpoint()
            threading.Timer(0.5, go.set).start()  # once the block is being left
        assert _copied_bytes(project_file) > BLOBS * 4000


def test_importing_a_folder_copies_the_log_on_another_thread(
    project_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    words = " ".join(f"word{n}" for n in range(10_000))
    for number in range(BATCH_FILES + 2):
        (folder / f"interview-{number:03d}.txt").write_text(
            f"Interviewer: Number {number}?\n\nMorgan: {words} {number}.\n", encoding="utf-8"
        )
    copied_after_commit: list[int] = []

    def after_commit(*_: object) -> None:
        # The batch's connection goes back to the pool once it has committed, before the
        # import asks for a checkpoint.
        copied_after_commit.append(_copied_bytes(project_file))

    with open_project(str(project_file)) as project:
        start = _copied_bytes(project_file)
        event.listen(project.engine, "checkin", after_commit)
        try:
            outcomes = import_files(project, [folder], coder="tester")
        finally:
            event.remove(project.engine, "checkin", after_commit)
        assert {outcome.status for outcome in outcomes} == {"imported"}
        # The first batch's commit (thousands of pages of log) left the copying to the
        # thread, which had done it all by the time the import returned.
        assert copied_after_commit[0] == start
        assert _copied_bytes(project_file) > _wal_pages_of_a_batch(start)
        with project.read() as session:
            count = session.execute(text("SELECT count(*) FROM document")).scalar()
        assert count == BATCH_FILES + 2


def _wal_pages_of_a_batch(start: int) -> int:
    return start + WAL_CHECKPOINT_PAGES * 4096
