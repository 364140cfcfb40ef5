"""A participant label too long for its column is refused alike on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from sqlalchemy import func, select

from qualcode.errors import QualcodeError
from qualcode.importing import import_files
from qualcode.store.db import Project
from qualcode.store.documents import get_or_create_participant
from qualcode.store.models import Document, Participant

LONG = "Interviewee " + "7" * 250


def _note(folder: Path, name: str, participant: str, reply: str) -> None:
    (folder / name).write_text(
        f"---\nparticipant: {participant}\n---\nInterviewer: How did the tender go?\n\n"
        f"Morgan: {reply}\n",
        encoding="utf-8",
    )


def test_a_file_naming_a_too_long_participant_fails_alone(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    _note(folder, "a.md", "Interviewee 1", "We were undercut on price.")
    _note(folder, "b.md", LONG, "We lost the contract.")
    _note(folder, "c.md", "Interviewee 3", "We won it back.")
    outcomes = import_files(project, [folder], coder="ana")
    assert [o.status for o in outcomes] == ["imported", "failed", "imported"]
    assert outcomes[1].message == (
        "a participant label must be at most 200 characters (this one has 262)"
    )
    with project.read() as session:
        labels = sorted(session.scalars(select(Participant.label)))
        documents = session.scalar(select(func.count(Document.id)))
    assert (labels, documents) == (["Interviewee 1", "Interviewee 3"], 2)


@pytest.mark.parametrize(
    ("label", "why"),
    [(LONG, "at most 200 characters"), ("Interviewee\n7", "one line: 'Interviewee\\n7'")],
)
def test_a_participant_sheet_label_too_long_or_on_two_lines_is_refused(
    project: Project, label: str, why: str
) -> None:
    refused = pytest.raises(QualcodeError, match=re.escape(why))
    with refused, project.write() as session:
        get_or_create_participant(session, label, coder="ana")
    with project.read() as session:
        assert session.scalar(select(func.count(Participant.id))) == 0
