"""Speaker labels mapped to roles: `import --speakers` and `doc speakers`, on real project files."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Coding, Document, Identifier, Passage


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def stored(project_file: Path) -> dict[str, object]:
    """What the project holds: passages (speaker, label, text), codings with their text,
    identifiers and audit events."""
    project = open_project(str(project_file))
    try:
        with project.read() as session:
            passages = [
                (p.speaker, (p.meta or {}).get("label"), p.text)
                for p in session.scalars(select(Passage).order_by(Passage.index))
            ]
            document = session.scalars(select(Document)).first()
            text = document.text if document else ""
            codings = sorted(
                (c.code_id, c.start, c.end, text[c.start : c.end])
                for c in session.scalars(select(Coding))
            )
            identifiers = set(session.scalars(select(Identifier.value)))
            events = [
                (e.action, json.dumps(e.before), json.dumps(e.after))
                for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))
            ]
    finally:
        project.close()
    return {
        "passages": passages,
        "codings": codings,
        "identifiers": identifiers,
        "events": events,
    }


def test_import_speakers_maps_labels_to_roles_and_keeps_the_name_private(
    runner: CliRunner, project_file: Path, transcript: Path
) -> None:
    code, out, err = run(
        runner, "import", project_file, transcript, "--speakers", "priya=Interviewee 7"
    )
    assert code == 0, err
    assert "speakers: Interviewer, Priya=Interviewee 7" in out
    held = stored(project_file)
    speakers = [(speaker, label) for speaker, label, _ in held["passages"]]  # type: ignore[attr-defined]
    assert speakers == [
        (None, None),
        ("Interviewer", None),
        ("Interviewee 7", "Priya"),
        ("Interviewer", None),
        ("Interviewee 7", "Priya"),
    ]
    assert "Priya" in held["identifiers"]  # type: ignore[operator]


def test_import_speakers_malformed_or_unknown(
    runner: CliRunner, project_file: Path, transcript: Path
) -> None:
    code, out, err = run(runner, "import", project_file, transcript, "--speakers", "Priya")
    assert code == 1 and out == ""
    assert err.splitlines() == [
        "error: speakers: 'Priya' is not LABEL=ROLE (e.g. 'Sara=Interviewer')"
    ]
    assert stored(project_file)["passages"] == []
    code, out, err = run(runner, "import", project_file, transcript, "--speakers", "Sara=Chair")
    assert code == 0
    assert err.splitlines() == ["warning: --speakers: 'Sara' is not a speaker in any file imported"]


def test_doc_speakers_shows_and_changes_the_mapping_keeping_every_coding(
    runner: CliRunner, project_file: Path, transcript: Path
) -> None:
    assert run(runner, "import", project_file, transcript)[0] == 0
    for args in (("--passage", "3"), ("--passage", "5"), ("--span", "60:140")):
        code, _, err = run(
            runner, "code", "add", project_file, "--doc", "1", "--code", "commissioning", *args
        )
        assert code == 0, err
    before = stored(project_file)
    assert len(before["codings"]) == 3  # type: ignore[arg-type]

    code, out, _ = run(runner, "doc", "speakers", project_file, "1", "--json")
    assert json.loads(out) == [
        {"label": "Interviewer", "speaker": "Interviewer", "passages": 2},
        {"label": "Priya", "speaker": "Priya", "passages": 2},
    ]
    code, out, err = run(
        runner, "doc", "speakers", project_file, "1", "--set", "Priya=Interviewee 3"
    )
    assert code == 0, err
    assert "Interviewee 3" in out and "Priya" in out
    after = stored(project_file)
    assert after["codings"] == before["codings"]  # every coding, same spans, same words
    assert [p[2] for p in after["passages"]] == [p[2] for p in before["passages"]]  # type: ignore[attr-defined]
    assert [p[0] for p in after["passages"]] == [  # type: ignore[attr-defined]
        None,
        "Interviewer",
        "Interviewee 3",
        "Interviewer",
        "Interviewee 3",
    ]
    action, event_before, event_after = after["events"][-1]  # type: ignore[index]
    assert action == "document.speakers"
    assert "Priya" not in event_before + event_after  # the audit trail names roles only

    # An edit of the text keeps the mapping.
    code, _, err = run(
        runner, "doc", "edit", project_file, "1", "--passage", "4", "--text",
        "Interviewer: And inside the prisons, then?",
    )  # fmt: skip
    assert code == 0, err
    edited = stored(project_file)
    assert [p[0] for p in edited["passages"]][2:] == [  # type: ignore[attr-defined]
        "Interviewee 3",
        "Interviewer",
        "Interviewee 3",
    ]
    assert len(edited["codings"]) == 3  # type: ignore[arg-type]

    # Undo it: the label maps back to itself.
    assert run(runner, "doc", "speakers", project_file, "1", "--set", "Priya=Priya")[0] == 0
    assert {p[0] for p in stored(project_file)["passages"]} == {None, "Interviewer", "Priya"}  # type: ignore[attr-defined]


def test_doc_speakers_bad_input_changes_nothing(
    runner: CliRunner, project_file: Path, transcript: Path
) -> None:
    assert run(runner, "import", project_file, transcript)[0] == 0
    before = stored(project_file)
    for mapping, message in (
        ("Sara=Interviewer", "error: document 1 has no speaker 'Sara' (its speakers: "
         "Interviewer, Priya); nothing was changed"),
        ("Priya=", "error: speakers: 'Priya=' is not LABEL=ROLE (e.g. 'Sara=Interviewer')"),
        ("Priya=A,Priya=B", "error: speakers: 'Priya' is mapped twice"),
        # A doubled comma is an empty item, not a comma inside the next label (",Interviewer").
        ("Priya=A,,Interviewer=B",
         "error: speakers: '' is not LABEL=ROLE (e.g. 'Sara=Interviewer')"),
    ):  # fmt: skip
        code, out, err = run(runner, "doc", "speakers", project_file, "1", "--set", mapping)
        assert code == 1 and out == ""
        assert err.splitlines() == [message]
    assert stored(project_file) == before


def test_labels_with_commas_can_be_mapped(
    runner: CliRunner, project_file: Path, tmp_path: Path
) -> None:
    captions = tmp_path / "teams.vtt"
    captions.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Lee, Sara (Justice)>How did it start?</v>"
        "\n\n00:00:03.000 --> 00:00:06.000\n<v Okafor, Tomasz>With a cut.</v>\n",
        encoding="utf-8",
    )
    mapping = "Lee, Sara (Justice)=Interviewer,Okafor, Tomasz=Interviewee 4"
    code, _, err = run(runner, "import", project_file, captions, "--speakers", mapping)
    assert code == 0, err
    speakers = [(s, label) for s, label, _ in stored(project_file)["passages"]]  # type: ignore[attr-defined]
    assert speakers == [
        ("Interviewer", "Lee, Sara (Justice)"),
        ("Interviewee 4", "Okafor, Tomasz"),
    ]
    code, _, err = run(
        runner, "doc", "speakers", project_file, "1", "--set", "Okafor, Tomasz=Okafor, Tomasz"
    )
    assert code == 0, err
    assert [s for s, _, _ in stored(project_file)["passages"]] == [  # type: ignore[attr-defined]
        "Interviewer",
        "Okafor, Tomasz",
    ]


TEAMS_GUEST_VTT = """WEBVTT

00:00:01.000 --> 00:00:04.000
<v Sara Lee>How is the service funded now?</v>

00:00:05.000 --> 00:00:09.000
<v Tomasz Okafor (Guest)>Mostly a grant from the trust, and one small contract.</v>

00:00:10.000 --> 00:00:12.000
<v Sara Lee>And before that?</v>

00:00:13.000 --> 00:00:16.000
<v Tomasz Okafor (Guest)>Before that we had nothing settled at all.</v>
"""


def test_a_teams_guest_tag_need_not_be_typed_to_map_a_speaker(
    runner: CliRunner, project_file: Path, tmp_path: Path
) -> None:
    """Teams shows outside participants as "Name (Guest)": the map matches without the tag,
    at import and with doc speakers --set, and the name as shown stays a private identifier."""
    path = tmp_path / "teams.vtt"
    path.write_text(TEAMS_GUEST_VTT, encoding="utf-8")
    code, out, err = run(
        runner,
        "import",
        project_file,
        path,
        "--speakers",
        "sara lee=Interviewer,Tomasz Okafor=Interviewee 4",
    )
    assert code == 0, err
    assert "not a speaker" not in out + err
    held = stored(project_file)
    speakers = [speaker for speaker, _, _ in held["passages"]]  # type: ignore[attr-defined]
    assert speakers == ["Interviewer", "Interviewee 4", "Interviewer", "Interviewee 4"]
    assert "Tomasz Okafor (Guest)" in held["identifiers"]  # type: ignore[operator]

    code, out, err = run(runner, "doc", "speakers", project_file, "1", "--set", "tomasz okafor=P4")
    assert code == 0, err
    speakers = [speaker for speaker, _, _ in stored(project_file)["passages"]]  # type: ignore[attr-defined]
    assert speakers == ["Interviewer", "P4", "Interviewer", "P4"]
