"""Importing a folder stores files several to a transaction, each file whole or absent."""

from __future__ import annotations

import gc
import sqlite3
from pathlib import Path

from sqlalchemy import event, func, select

from qualcode.importing import BATCH_FILES, ImportOutcome, import_files
from qualcode.store.check import check_project
from qualcode.store.db import Project, open_project
from qualcode.store.models import AuditEvent, Document, Identifier, Passage


def _interviews(folder: Path, count: int) -> list[Path]:
    folder.mkdir(exist_ok=True)
    paths = []
    for number in range(1, count + 1):
        path = folder / f"interview-{number:02d}.txt"
        path.write_text(
            f"Interviewer: How is the contract going, number {number}?\n\n"
            f"Morgan: The tender came late and the price was undercut ({number}).\n\n"
            "Interviewer: And then?\n\nMorgan: We lost it.\n",
            encoding="utf-8",
        )
        paths.append(path)
    return paths


def _commits(project: Project) -> list[int]:
    commits: list[int] = []
    event.listen(project.engine, "commit", lambda _connection: commits.append(1))
    return commits


def test_a_folder_is_stored_in_few_transactions(project_file: Path, tmp_path: Path) -> None:
    files = _interviews(tmp_path / "notes", BATCH_FILES + 6)
    with open_project(str(project_file)) as project:
        commits = _commits(project)
        outcomes = import_files(project, [tmp_path / "notes"], coder="ana")
        assert [o.status for o in outcomes] == ["imported"] * len(files)
        assert [o.path for o in outcomes] == files
        assert len(commits) == 2  # one per batch, not one per file
        with project.read() as session:
            assert session.scalar(select(func.count()).select_from(Document)) == len(files)
            assert session.scalar(select(func.count()).select_from(Passage)) == 4 * len(files)
            speakers = set(session.scalars(select(Identifier.value)))
            imports = select(func.count()).where(AuditEvent.action == "document.import")
            assert session.scalar(imports) == len(files)
        assert check_project(project).ok
    assert speakers == {"Morgan"}


def test_each_file_is_reported_once_it_is_committed(project_file: Path, tmp_path: Path) -> None:
    _interviews(tmp_path / "notes", 3)
    seen: list[int] = []

    def committed(_path: Path, outcome: ImportOutcome) -> None:
        with sqlite3.connect(project_file) as other:  # another connection sees only commits
            row = other.execute(
                "SELECT count(*) FROM document WHERE id = ?", (outcome.document_id,)
            ).fetchone()
        other.close()
        seen.append(row[0])

    with open_project(str(project_file)) as project:
        import_files(project, [tmp_path / "notes"], coder="ana", on_file=committed)
    assert seen == [1, 1, 1]


def test_a_file_the_database_refuses_leaves_the_others_of_its_batch_whole(
    project_file: Path, tmp_path: Path
) -> None:
    files = _interviews(tmp_path / "notes", 3)
    copy = tmp_path / "notes" / "interview-04.txt"
    copy.write_bytes(files[0].read_bytes())  # the same text again, in the same batch
    with sqlite3.connect(project_file) as connection:  # a real refusal from the database
        connection.execute(
            "CREATE TRIGGER refuse_second BEFORE INSERT ON document "
            "WHEN new.source_name = 'interview-02.txt' "
            "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
        )
    connection.close()
    with open_project(str(project_file)) as project:
        outcomes = import_files(project, [tmp_path / "notes"], coder="ana")
        assert [o.status for o in outcomes] == ["imported", "failed", "imported", "duplicate"]
        assert outcomes[1].message.startswith("interview-02.txt: cannot be stored")
        assert "\n" not in outcomes[1].message
        assert f"already imported as document {outcomes[0].document_id}" in outcomes[3].message
        with project.read() as session:
            titles = list(session.scalars(select(Document.source_name).order_by(Document.id)))
            passages = session.scalars(select(Passage.document_id).distinct())
            assert set(passages) == {d for d in session.scalars(select(Document.id))}
            imports = select(func.count()).where(AuditEvent.action == "document.import")
            assert session.scalar(imports) == 2
        assert check_project(project).ok
    assert titles == ["interview-01.txt", "interview-03.txt"]


def test_the_objects_of_start_up_stay_out_of_collections_while_files_import(
    project_file: Path, tmp_path: Path
) -> None:
    # Passing over modules and SQLAlchemy's tables at each collection was a twentieth of an
    # import's CPU time; they are frozen while it runs, and thawed after (as they were).
    _interviews(tmp_path / "notes", 3)
    frozen: list[int] = []
    before = gc.get_freeze_count()
    with open_project(str(project_file)) as project:
        import_files(
            project,
            [tmp_path / "notes"],
            coder="ana",
            on_file=lambda _path, _outcome: frozen.append(gc.get_freeze_count()),
        )
    assert len(frozen) == 3 and min(frozen) > before
    assert gc.get_freeze_count() == before
