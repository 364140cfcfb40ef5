"""A batch of files goes in with a few statements, storing what importing them one by one does."""

from __future__ import annotations

import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import event, select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.importing import import_files, import_one
from qualcode.ingest import read_document
from qualcode.store.check import check_project
from qualcode.store.db import Project, open_project
from qualcode.store.documents import add_identifiers, get_or_create_participant
from qualcode.store.documents_batch import insert_documents
from qualcode.store.models import AuditEvent, Document, Identifier, Participant, Passage

# (file name, participant in the front matter, the interviewee's name as a speaker)
PEOPLE = [
    ("a.md", "Interviewee 1", "Morgan"),
    ("b.md", "Interviewee 2", "Priya"),
    ("c.md", "Interviewee 1", "Morgan"),  # a second interview with the same person
    ("d.md", "Interviewee 9", "Dev"),  # registered before the import, with "Dev" known
    ("e.md", None, "Sam"),  # no participant: the speaker is the project's identifier
    ("f.md", None, "Sam"),
]


NAMES = [
    "Amara",
    "Bello",
    "Cerys",
    "Dafydd",
    "Eilidh",
    "Farah",
    "Gethin",
    "Hana",
    "Idris",
    "Jonah",
    "Kemi",
    "Lior",
    "Maeve",
    "Niamh",
    "Osian",
    "Parveen",
    "Quinn",
    "Rhys",
    "Saoirse",
    "Tariq",
]


def _interview(folder: Path, name: str, participant: str | None, speaker: str, n: int) -> Path:
    front = f"---\nparticipant: {participant}\nsector: housing {n}\n---\n" if participant else ""
    path = folder / name
    path.write_text(
        f"{front}Interviewer: How did the tender go, {name}?\n\n"
        f"{speaker}: We were undercut on price ({n}).\n\n"
        "Interviewer: And then?\n\n"
        f"{speaker}: We lost it, as Jo Pinder said.\n",
        encoding="utf-8",
    )
    return path


def _folder(tmp_path: Path) -> list[Path]:
    folder = tmp_path / "notes"
    folder.mkdir()
    files = [_interview(folder, *person, n) for n, person in enumerate(PEOPLE)]
    (folder / "g.md").write_bytes(files[1].read_bytes())  # a copy, in the same batch
    return [*files, folder / "g.md"]


def _register_dev(project: Project) -> None:
    with project.write() as session:
        participant = get_or_create_participant(session, "Interviewee 9", coder="ana")
        participant.attributes = {"region": "north"}
        add_identifiers(session, participant, "speaker", ["Dev"], source="sheet")


def _contents(project: Project) -> dict[str, Any]:
    """Everything import writes, keyed by what people see rather than by row ids."""
    with project.read() as session:
        who = {p.id: p.label for p in session.scalars(select(Participant))}
        documents = session.scalars(select(Document).order_by(Document.id)).all()
        events = session.scalars(select(AuditEvent).where(AuditEvent.sequence > 0)).all()
        return {
            "documents": [
                (d.title, d.source_name, d.sha256, d.format, d.text, d.attributes,
                 who.get(d.participant_id or 0)) for d in documents
            ],
            "passages": sorted(
                (p.document.sha256, p.index, p.start, p.end, p.speaker, p.text, str(p.meta))
                for p in session.scalars(select(Passage))
            ),
            "participants": sorted(
                (p.label, sorted(p.attributes.items()))
                for p in session.scalars(select(Participant))
            ),
            "identifiers": sorted(
                (who.get(i.participant_id or 0, ""), i.kind, i.value, i.source)
                for i in session.scalars(select(Identifier))
            ),
            "events": Counter(
                (e.action, e.entity, e.coder, str(e.after)) for e in events
            ),
        }  # fmt: skip


def test_a_batch_stores_what_importing_each_file_alone_stores(
    project_file: Path, tmp_path: Path
) -> None:
    files = _folder(tmp_path)
    alone = tmp_path / "alone.qc"
    alone.write_bytes(project_file.read_bytes())
    options: dict[str, Any] = {"attributes": {"wave": "2"}, "coder": "ana"}
    with open_project(str(project_file)) as together, open_project(str(alone)) as apart:
        _register_dev(together)
        _register_dev(apart)
        batched = import_files(together, [tmp_path / "notes"], **options)
        single = [import_one(apart, path, **options) for path in files]
        assert [(o.status, o.message) for o in batched] == [(o.status, o.message) for o in single]
        assert [o.status for o in batched] == ["imported"] * 6 + ["duplicate"]
        assert _contents(together) == _contents(apart)
        assert check_project(together).ok
        contents = _contents(together)
    assert ("Interviewee 1", "speaker", "Morgan", "import") in contents["identifiers"]
    assert ("Interviewee 9", "speaker", "Dev", "sheet") in contents["identifiers"]
    assert ("", "speaker", "Sam", "import") in contents["identifiers"]
    assert ("Interviewee 9", [("region", "north"), ("wave", "2")]) in contents["participants"]
    assert ("Interviewee 1", [("wave", "2")]) in contents["participants"]
    assert (
        contents["events"][("participant.add", "participant", "ana", "{'label': 'Interviewee 1'}")]
        == 1
    )


def _statements(project: Project) -> list[str]:
    seen: list[str] = []
    event.listen(
        project.engine,
        "before_cursor_execute",
        lambda _c, _cursor, statement, *_rest: seen.append(statement),
    )
    return seen


def test_a_batch_takes_as_many_statements_for_twelve_files_as_for_three(
    project_file: Path, tmp_path: Path
) -> None:
    counts = []
    for count in (3, 12):
        folder = tmp_path / f"notes-{count}"
        folder.mkdir()
        for n in range(count):
            _interview(folder, f"{n:02d}.md", f"Interviewee {n}", NAMES[n], n)
        project = tmp_path / f"{count}.qc"
        project.write_bytes(project_file.read_bytes())
        with open_project(str(project)) as opened:
            statements = _statements(opened)
            outcomes = import_files(opened, [folder], coder="ana")
        assert [o.status for o in outcomes] == ["imported"] * count
        counts.append(len(statements))
    assert counts[0] == counts[1]  # not one lookup, insert and audit event per file


def test_a_refused_file_in_the_middle_of_a_batch_fails_alone(
    runner: CliRunner, project_file: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    for n in range(1, 21):
        _interview(folder, f"interview-{n:02d}.md", f"Interviewee {n}", NAMES[n - 1], n)
    with sqlite3.connect(project_file) as connection:  # a real refusal from the database
        connection.execute(
            "CREATE TRIGGER refuse_seventh BEFORE INSERT ON document "
            "WHEN new.source_name = 'interview-07.md' "
            "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END"
        )
    connection.close()
    result = runner.invoke(app, ["import", str(project_file), str(folder), "--coder", "ana"])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "error: interview-07.md: cannot be stored (refused for the test)"
    ]
    lines = result.stdout.splitlines()
    assert lines[-1] == "19 imported, 0 already present, 1 failed."
    assert len(lines) == 20 and not any("interview-07.md" in line for line in lines)
    with open_project(str(project_file)) as project:
        contents = _contents(project)
        assert check_project(project).ok
    stored = [row[1] for row in contents["documents"]]
    assert stored == [f"interview-{n:02d}.md" for n in range(1, 21) if n != 7]
    assert Counter(row[0] for row in contents["passages"]) == Counter(
        {row[2]: 4 for row in contents["documents"]}
    )
    labels = [label for label, _ in contents["participants"]]
    assert "Interviewee 7" not in labels and len(labels) == 19
    speakers = {value for _, kind, value, _ in contents["identifiers"] if kind == "speaker"}
    assert speakers == {NAMES[n - 1] for n in range(1, 21) if n != 7}
    imports = sum(n for key, n in contents["events"].items() if key[0] == "document.import")
    assert imports == 19


def test_attributes_merged_into_a_participant_the_session_holds_read_back_merged(
    project_file: Path, tmp_path: Path
) -> None:
    # The rows are written with plain SQL; a participant the session already loaded must not
    # keep its old attributes (the REFI importer and edits hold such objects).
    path = _interview(tmp_path, "a.md", "Interviewee 1", "Morgan", 1)
    with open_project(str(project_file)) as project, project.write() as session:
        held = get_or_create_participant(session, "Interviewee 1", coder="ana")
        held.attributes = {"site": "north"}
        session.flush()
        read = read_document(path)
        insert_documents(session, [read], attributes={"cohort": "2024"}, coder="ana")
        assert held.attributes == {"site": "north", "cohort": "2024"}
