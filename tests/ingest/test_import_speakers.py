"""Importing a service's transcript: every personal speaker label becomes a private identifier."""

from __future__ import annotations

from pathlib import Path

import service_files as sf
from sqlalchemy import select

from qualcode.importing import import_one
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Identifier, Passage


def test_otter_docx_import_registers_every_speaker_and_the_layout(
    project_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "partnership.docx"
    path.write_bytes(sf.otter_docx())
    project = open_project(str(project_file))
    try:
        outcome = import_one(project, path, participant="Interviewee 9", coder="ana")
        assert outcome.status == "imported"
        with project.read() as session:
            identifiers = set(session.scalars(select(Identifier.value)))
            speakers = set(session.scalars(select(Passage.speaker)))
            event = session.scalars(
                select(AuditEvent).where(AuditEvent.action == "document.import")
            ).one()
    finally:
        project.close()
    assert set(sf.SPEAKERS) <= identifiers  # the interviewer and the one-off speaker too
    assert speakers == {None, *sf.SPEAKERS}
    assert event.after is not None and event.after["layout"] == "otter"
