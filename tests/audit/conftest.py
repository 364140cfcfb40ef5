"""A hand-built study for the audit tests: one ten-passage transcript coded by ana and ben."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from audit_helpers import ANA, BEN, TRANSCRIPT, Study, code_passages

from qualcode.anonymise.registry import register
from qualcode.importing import import_files
from qualcode.store.db import open_project
from qualcode.store.models import Document


@pytest.fixture
def study(project_ref: str, tmp_path: Path) -> Iterator[Study]:
    """Document 1 coded by ana and ben as ANA and BEN; "Siobhan" is a registered name."""
    path = tmp_path / "siobhan-interview.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    project = open_project(project_ref)
    try:
        (outcome,) = import_files(project, [path], participant="Interviewee 3", coder="tester")
        assert outcome.document_id is not None
        document_id = outcome.document_id
        code_passages(project, document_id, "ana", ANA)
        code_passages(project, document_id, "ben", BEN)
        with project.write() as session:
            register(session, "Siobhan", "name", participant="Interviewee 3", coder="tester")
            document = session.get(Document, document_id)
            assert document is not None
            spans = [(p.start, p.end) for p in document.passages]
            text = document.text
    finally:
        project.close()
    yield Study(project_ref, document_id, spans, text)
