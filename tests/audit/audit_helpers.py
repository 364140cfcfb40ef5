"""Helpers for the audit tests: the hand-built transcript, its coding plans, CLI runners."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.importing import import_files
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project, open_project
from qualcode.store.models import Document

TRANSCRIPT = """Interviewer: How do you get your contracts these days?

Siobhan: Mostly through competitive tendering, and the pre-qualification questionnaire alone \
took us three weeks.

Interviewer: Were you undercut?

Siobhan: We were undercut on price by a national provider, it is not a level playing field.

Interviewer: And inside the prisons?

Siobhan: Sessions get cancelled at short notice when there's a lockdown.

Interviewer: What about clearance?

Siobhan: Security clearance for our volunteers took four months, so they gave up.

Interviewer: Do you work with other charities?

Siobhan: We share a building with the housing charity and refer clients to each other.
"""

# Passage-level design for competitive-tendering: ana codes passages 1, 3, 5, 7 and ben
# 1, 3, 5, 8, so both = 3, only ana = 1, only ben = 1, neither = 5: kappa = 7/12.
ANA = {"competitive-tendering": [1, 3, 5, 7], "level-playing-field": [3]}
BEN = {"competitive-tendering": [1, 3, 5, 8], "level-playing-field": [3], "volunteers": [7]}


@dataclass
class Study:
    """The project, its one document's id and the passages' (start, end) spans."""

    target: str
    document_id: int
    spans: list[tuple[int, int]]
    text: str

    def open(self) -> Project:
        return open_project(self.target)


def code_passages(
    project: Project, document_id: int, coder: str, plan: dict[str, list[int]]
) -> None:
    """Apply each code to whole passages for a coder."""
    with project.write() as session:
        document = session.get(Document, document_id)
        assert document is not None
        for key, indexes in plan.items():
            code = find_code(session, key)
            for index in indexes:
                passage = document.passages[index]
                add_coding(session, document, code, coder, passage.start, passage.end)


def add_document(project: Project, folder: Path, name: str, participant: str) -> int:
    """Import the transcript again under another name (and one changed word, to be new)."""
    path = folder / name
    path.write_text(TRANSCRIPT.replace("three weeks", f"three weeks ({name})"), encoding="utf-8")
    (outcome,) = import_files(project, [path], participant=participant, coder="tester")
    assert outcome.document_id is not None
    return outcome.document_id


def run(runner: CliRunner, *args: object, coder: str | None = None) -> tuple[int, str, str]:
    """Run the qualcode command; the current coder comes from QUALCODE_CODER."""
    env = {"COLUMNS": "160", **({"QUALCODE_CODER": coder} if coder else {})}
    result = runner.invoke(app, [str(a) for a in args], env=env)
    return result.exit_code, result.stdout, result.stderr


def run_json(runner: CliRunner, *args: object, coder: str | None = None) -> object:
    code, out, err = run(runner, *args, "--json", coder=coder)
    assert code == 0, err
    return json.loads(out)
