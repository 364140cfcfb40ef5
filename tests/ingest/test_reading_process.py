"""Files read in a second process are stored as files read here are; a reader that dies."""

from __future__ import annotations

import os
import signal
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

import docx
import pytest

import qualcode.importing
import qualcode.reading_process
from qualcode import import_read
from qualcode.import_read import ImportOutcome, read_in_turn
from qualcode.importing import import_paths
from qualcode.ingest import iter_import_files, read_document
from qualcode.reading_process import ReaderStopped, ReadingProcess, read_ahead
from qualcode.store.check import check_project
from qualcode.store.db import open_project

SPEAKERS = {"Morgan": "Interviewee 1"}


def _turns(speaker: str, number: int, repeat: int = 1) -> str:
    turn = (
        f"Interviewer: How did the tender go, time {number}?\n\n"
        f"{speaker}: We were undercut on price by a national provider ({number}).\n\n"
    )
    return turn * repeat


def _folder(tmp_path: Path) -> list[Path]:
    """Files of several kinds, a copy of one (a duplicate) and two that cannot be read."""
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "01-morgan.txt").write_text(_turns("Morgan", 1, 3), encoding="utf-8")
    (folder / "02-priya.md").write_text(
        "---\nparticipant: Interviewee 2\nsector: housing\n---\n" + _turns("Priya", 2),
        encoding="utf-8",
    )
    word = docx.Document()
    for line in _turns("Dev", 3).split("\n\n"):
        word.add_paragraph(line)
    word.save(str(folder / "03-dev.docx"))
    (folder / "04-captions.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sam>The tender came late.\n\n"
        "00:00:05.000 --> 00:00:08.000\n<v Interviewer>And then?\n",
        encoding="utf-8",
    )
    (folder / "05-copy.txt").write_bytes((folder / "01-morgan.txt").read_bytes())
    (folder / "06-empty.txt").write_bytes(b"")
    (folder / "07-broken.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    (folder / "08-morgan-again.txt").write_text(_turns("Morgan", 8), encoding="utf-8")
    return iter_import_files([folder])


def _contents(project_file: Path) -> dict[str, Any]:
    """Every row an import writes, by what people see rather than by row ids; and searches."""
    with sqlite3.connect(project_file) as db:
        who = dict(db.execute("SELECT id, label FROM participant").fetchall())
        sha = dict(db.execute("SELECT id, sha256 FROM document").fetchall())
        contents = {
            "documents": db.execute(
                "SELECT title, source_name, sha256, format, text, attributes, "
                "participant_id IS NOT NULL FROM document ORDER BY id"
            ).fetchall(),
            "passages": sorted(
                (sha[row[0]], *row[1:])
                for row in db.execute(
                    'SELECT document_id, "index", start, "end", speaker, text, meta FROM passage'
                )
            ),
            "identifiers": sorted(
                (who.get(row[0], ""), *row[1:])
                for row in db.execute("SELECT participant_id, kind, value, source FROM identifier")
            ),
            "events": Counter(
                db.execute("SELECT action, entity FROM audit_event WHERE sequence > 0")
            ),
            "searches": {
                word: db.execute(
                    'SELECT d.sha256, p."index" FROM passage_fts '
                    "JOIN passage p ON p.id = passage_fts.rowid "
                    "JOIN document d ON d.id = p.document_id "
                    'WHERE passage_fts MATCH ? ORDER BY d.sha256, p."index"',
                    (word,),
                ).fetchall()
                for word in ("tender", "undercut", "late")
            },
        }
    db.close()
    return contents


def _shown(outcomes: list[ImportOutcome]) -> list[tuple[object, ...]]:
    return [(o.status, o.message, o.warnings, o.mapped, o.speakers) for o in outcomes]


def test_files_read_in_a_second_process_are_stored_as_files_read_here(
    project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _folder(tmp_path)
    here = tmp_path / "here.qc"
    here.write_bytes(project_file.read_bytes())

    def not_here(path: Path, **_: object) -> None:
        raise AssertionError(f"{path.name} was read in the storing process")

    with monkeypatch.context() as patched:  # the reader process does not see this
        patched.setattr(import_read, "read_document", not_here)
        with open_project(str(project_file)) as project:
            reading = ReadingProcess(files, SPEAKERS)
            away = import_paths(project, files, coder="ana", speakers=SPEAKERS, reading=reading)
        with pytest.raises(ProcessLookupError):  # it has ended, and was waited for
            os.kill(reading.pid, 0)
    with open_project(str(here)) as project:
        at_home = import_paths(
            project, files, coder="ana", speakers=SPEAKERS, reading=read_in_turn(files, SPEAKERS)
        )
        assert check_project(project).ok
    assert _shown(away) == _shown(at_home)
    assert [o.status for o in away] == [
        "imported", "imported", "imported", "imported", "duplicate", "failed", "failed",
        "imported",
    ]  # fmt: skip
    assert away[5].message == "06-empty.txt: the file is empty"
    assert away[6].message.startswith("07-broken.docx: ")
    assert away[0].mapped == ("Morgan",)
    assert _contents(project_file) == _contents(here)
    contents = _contents(project_file)
    assert ("", "speaker", "Morgan", "import") in contents["identifiers"]  # a private name
    assert any(row[4] == "Interviewee 1" for row in contents["passages"])
    assert len(contents["searches"]["tender"]) >= 5


def test_a_small_import_is_read_here_and_a_big_one_in_a_second_process(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qualcode.reading_process, "PROCESS_BYTES", 80_000)
    few = _folder(tmp_path)
    reading = read_ahead(few, None)
    assert not isinstance(reading, ReadingProcess)
    reading.close()
    big = tmp_path / "big"
    big.mkdir()
    for number in range(3):
        (big / f"{number}.txt").write_text(_turns("Ana", number, 300), encoding="utf-8")
    reading = read_ahead(iter_import_files([big]), None)
    try:
        assert isinstance(reading, ReadingProcess)
        assert [item.read is not None for item in reading] == [True] * 3
    finally:
        reading.close()


def test_a_reader_killed_midway_leaves_the_batches_stored_before_it_whole(
    project_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for number in range(30):  # far more than the reader can hold ready (pipe, one waiting)
        (folder / f"interview-{number:02d}.txt").write_text(
            _turns("Morgan", number, 800), encoding="utf-8"
        )
    files = iter_import_files([folder])
    monkeypatch.setattr(qualcode.importing, "BATCH_FILES", 2)
    reading = ReadingProcess(files, None, ahead=1)
    reported: list[ImportOutcome] = []

    def committed(_path: Path, outcome: ImportOutcome) -> None:
        if not reported:
            # The reader gives way to the storing when they share a core.
            mine = os.getpriority(os.PRIO_PROCESS, 0)
            assert os.getpriority(os.PRIO_PROCESS, reading.pid) == min(mine + 10, 19)
            os.kill(reading.pid, signal.SIGKILL)
        reported.append(outcome)

    with open_project(str(project_file)) as project:
        with pytest.raises(ReaderStopped) as stopped:
            import_paths(project, files, coder="ana", on_file=committed, reading=reading)
        assert check_project(project).ok
    message = str(stopped.value)
    assert "stopped by SIGKILL" in message and "\n" not in message
    assert f"of {len(files)} files" in message
    stored = _contents(project_file)["documents"]
    assert [row[1] for row in stored] == [o.path.name for o in reported]
    assert 2 <= len(stored) < len(files) and len(stored) % 2 == 0  # whole batches only
    passages = Counter(row[0] for row in _contents(project_file)["passages"])
    for row in stored:
        assert passages[row[2]] == len(read_document(folder / row[1]).passages)


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity"), reason="needs CPU affinity (Linux)")
def test_with_one_core_a_big_import_is_read_here(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(qualcode.reading_process, "PROCESS_BYTES", 10_000)
    big = tmp_path / "big"
    big.mkdir()
    for number in range(3):
        (big / f"{number}.txt").write_text(_turns("Ana", number, 300), encoding="utf-8")
    cores = os.sched_getaffinity(0)
    os.sched_setaffinity(0, {min(cores)})  # a second process would only wait for this one
    try:
        reading = read_ahead(iter_import_files([big]), None)
    finally:
        os.sched_setaffinity(0, cores)
    assert not isinstance(reading, ReadingProcess)
    assert [item.read is not None for item in reading] == [True] * 3
