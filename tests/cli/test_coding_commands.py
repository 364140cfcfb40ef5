"""Coding and codebook commands on a real project: add, remove, list, CSV, rename, merge, move."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Coder, Coding
from qualcode.store.trail_check import prove_trail


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def imported(runner: CliRunner, project_ref: str, transcript: Path) -> str:
    assert run(runner, "import", project_ref, transcript, "--participant", "Interviewee 7")[0] == 0
    return project_ref


def passages(runner: CliRunner, project: Path) -> list[dict[str, object]]:
    shown = json.loads(run(runner, "show", project, "1", "--json")[1])
    return list(shown["passages"])


def codings(runner: CliRunner, project: Path, *args: str) -> list[dict[str, object]]:
    return list(json.loads(run(runner, "code", "list", project, "--json", *args)[1]))


def test_code_passage_and_span_then_list_and_remove(runner: CliRunner, imported: str) -> None:
    answer = next(p for p in passages(runner, imported) if "tendering" in str(p["text"]))
    code, _, err = run(
        runner,
        "code",
        "add",
        imported,
        "--doc",
        "1",
        "--passage",
        answer["passage"],
        "--code",
        "competitive-tendering",
        "--coder",
        "ana",
    )
    assert code == 0, err
    text = str(answer["text"])
    offset = int(str(answer["start"])) + text.index("undercut")
    span = f"{offset}:{offset + len('undercut on price')}"
    code, _, err = run(
        runner,
        "code",
        "add",
        imported,
        "--doc",
        "interview-07.txt",
        "--span",
        span,
        "--code",
        "full-cost-recovery",
        "--coder",
        "ben",
    )
    assert code == 0, err

    records = codings(runner, imported)
    assert [(r["code"], r["coder"]) for r in records] == [
        ("competitive-tendering", "ana"),
        ("full-cost-recovery", "ben"),
    ]
    assert records[1]["text"] == "undercut on price"
    assert records[0]["text"] == answer["text"]
    assert set(records[0]) >= {"document", "start", "end", "text", "code", "coder"}
    assert codings(runner, imported, "--coder", "ben")[0]["code"] == "full-cost-recovery"

    status = json.loads(run(runner, "status", imported, "--json")[1])
    assert status["codings"] == 2
    assert status["coded_passages"] == 1
    assert {c["coder"] for c in status["coders"]} == {"ana", "ben"}

    code, _, err = run(
        runner,
        "code",
        "remove",
        imported,
        "--doc",
        "1",
        "--span",
        span,
        "--code",
        "full-cost-recovery",
        "--coder",
        "ben",
    )
    assert code == 0, err
    assert len(codings(runner, imported)) == 1


def test_coding_errors_are_one_line_and_change_nothing(runner: CliRunner, imported: str) -> None:
    cases = [
        (
            ["--passage", "1", "--code", "competitve-tendering"],
            "did you mean 'competitive-tendering'",
        ),
        (["--passage", "999", "--code", "competitive-tendering"], "has no passage 999"),
        (["--span", "10:5", "--code", "competitive-tendering"], "not inside document"),
        (["--span", "0:999999", "--code", "competitive-tendering"], "not inside document"),
        (["--span", "a:b", "--code", "competitive-tendering"], "not START:END"),
        (["--code", "competitive-tendering"], "exactly one of --passage"),
    ]
    for extra, message in cases:
        code, _, err = run(runner, "code", "add", imported, "--doc", "1", "--coder", "ana", *extra)
        assert code != 0
        assert message in err, err
        assert "Traceback" not in err
    code, _, err = run(
        runner,
        "code",
        "add",
        imported,
        "--doc",
        "interview-7.txt",
        "--passage",
        "1",
        "--code",
        "competitive-tendering",
    )
    assert code == 1 and "did you mean 'interview-07.txt'" in err
    assert codings(runner, imported) == []


def test_same_coding_twice_is_refused(runner: CliRunner, imported: str) -> None:
    args = [
        "code",
        "add",
        imported,
        "--doc",
        "1",
        "--passage",
        "1",
        "--code",
        "voice-advocacy",
        "--coder",
        "ana",
    ]
    assert run(runner, *args)[0] == 0
    code, _, err = run(runner, *args)
    assert code == 1 and "already coded" in err
    assert len(codings(runner, imported)) == 1


def test_code_add_writes_the_coding_and_its_events_into_an_intact_trail(
    runner: CliRunner, imported: str
) -> None:
    # `code add` writes with plain SQL: the same rows and audit events as the models wrote.
    args = ["code", "add", imported, "--doc", "1", "--passage", "2", "--code", "voice-advocacy"]
    code, out, err = run(runner, *args, "--coder", "Dana Q", "--memo", "why it matters")
    assert code == 0, err
    with open_project(imported) as project, project.read() as session:
        coding = session.scalars(select(Coding)).one()
        coder = session.scalars(select(Coder).where(Coder.name == "Dana Q")).one()
        events = session.scalars(select(AuditEvent).order_by(AuditEvent.sequence)).all()
        proof = prove_trail(session)
    assert f"(coding {coding.id})" in out
    assert (coding.coder_id, coding.origin, coding.memo) == (coder.id, "manual", "why it matters")
    assert None not in (coding.created_at, coding.updated_at, coder.created_at)
    added_coder, added_coding = events[-2:]
    assert (added_coder.action, added_coder.entity_id, added_coder.coder) == (
        "coder.add",
        coder.id,
        "Dana Q",
    )
    assert added_coder.after == {"name": "Dana Q"}
    assert (added_coding.action, added_coding.entity_id) == ("coding.add", coding.id)
    assert added_coding.after == {
        "document": 1,
        "code": "voice-advocacy",
        "coder": "Dana Q",
        "start": coding.start,
        "end": coding.end,
        "origin": "manual",
        "memo": {"omitted": "text", "characters": len("why it matters")},  # no words kept
    }
    assert proof.problems == [] and proof.events == len(events)


def test_codings_csv_round_trip_and_import_by_quote(
    runner: CliRunner, imported: str, tmp_path: Path, project_ref: str
) -> None:
    table = tmp_path / "codings.csv"
    table.write_text(
        "document,code,coder,text,memo\n"
        'interview-07.txt,bureaucracy-pqq,ana,"the pre-qualification questionnaire\nalone took '
        'us three weeks",slow\n'
        "interview-07.txt,security-clearance,ben,Security clearance for,\n",
        encoding="utf-8",
    )
    code, out, err = run(runner, "code", "import", imported, table)
    assert code == 0, err
    assert "2 codings imported" in out
    records = codings(runner, imported)
    assert [r["code"] for r in records] == ["bureaucracy-pqq", "security-clearance"]
    assert records[0]["memo"] == "slow"
    assert str(records[0]["text"]).startswith("the pre-qualification questionnaire")
    assert run(runner, "code", "import", imported, table)[1].count("0 codings imported") == 1

    exported = tmp_path / "out.csv"
    assert run(runner, "code", "export", imported, exported)[0] == 0
    lines = exported.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "document,document_id,start,end,passage,code,coder,origin,memo,text"
    run(runner, "code", "remove", imported, "--id", "1", "--coder", "ana")
    code, out, _ = run(runner, "code", "import", imported, exported)
    assert code == 0 and "1 coding imported, 1 already present" in out


def test_bad_codings_csv_names_line_and_imports_nothing(
    runner: CliRunner, imported: str, tmp_path: Path
) -> None:
    table = tmp_path / "bad.csv"
    table.write_text(
        "document,code,coder,text\n"
        "1,bureaucracy-pqq,ana,pre-qualification questionnaire\n"
        "1,no-such-code,ana,three weeks\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "code", "import", imported, table)
    assert code == 1
    assert "bad.csv:3" in err and "no-such-code" in err
    assert codings(runner, imported) == []


def test_codebook_add_rename_move_merge_are_logged(runner: CliRunner, imported: str) -> None:
    assert (
        run(
            runner,
            "codebook",
            "add",
            imported,
            "peer-support",
            "Peer support",
            "--parent",
            "other-themes",
            "--cue",
            "peer mentor",
        )[0]
        == 0
    )
    code, _, err = run(runner, "codebook", "add", imported, "Bad Key", "x")
    assert code == 1 and "not valid" in err
    assert (
        run(
            runner,
            "code",
            "add",
            imported,
            "--doc",
            "1",
            "--passage",
            "1",
            "--code",
            "peer-support",
            "--coder",
            "ana",
        )[0]
        == 0
    )
    assert (
        run(
            runner,
            "code",
            "add",
            imported,
            "--doc",
            "1",
            "--passage",
            "1",
            "--code",
            "volunteers",
            "--coder",
            "ana",
        )[0]
        == 0
    )
    assert (
        run(
            runner,
            "codebook",
            "rename",
            imported,
            "peer-support",
            "--to",
            "peer-mentoring",
            "--name",
            "Peer mentoring",
        )[0]
        == 0
    )
    assert run(runner, "codebook", "move", imported, "peer-mentoring", "--top")[0] == 0
    code, _, err = run(
        runner, "codebook", "move", imported, "commissioning", "--parent", "competitive-tendering"
    )
    assert code == 1 and "inside" in err

    code, _, err = run(runner, "codebook", "merge", imported, "peer-mentoring", "volunteers")
    assert code == 0, err
    records = codings(runner, imported)
    # ana had both codes on the same passage: the merge leaves one coding, not a duplicate.
    assert [(r["code"], r["coder"]) for r in records] == [("volunteers", "ana")]
    tree = json.loads(run(runner, "codebook", "show", imported, "--json")[1])
    keys = [c["key"] for c in tree["codes"]]
    assert "peer-mentoring" not in keys

    from qualcode.store.db import open_project
    from qualcode.store.models import AuditEvent

    with open_project(str(imported)) as project, project.read() as session:
        actions = [e.action for e in session.query(AuditEvent).order_by(AuditEvent.id)]
    for action in ("code.add", "code.rename", "code.move", "code.merge", "coding.add"):
        assert action in actions


def test_codebook_export_import_round_trip(
    runner: CliRunner, imported: str, tmp_path: Path
) -> None:
    out = tmp_path / "book.yaml"
    assert run(runner, "codebook", "export", imported, out)[0] == 0
    fresh = tmp_path / "fresh.qc"
    assert run(runner, "init", fresh, "--codebook", out)[0] == 0
    first = json.loads(run(runner, "codebook", "show", imported, "--json")[1])
    second = json.loads(run(runner, "codebook", "show", fresh, "--json")[1])
    assert first == second
    bad = tmp_path / "bad.yaml"
    bad.write_text("codebook: x\ncodes:\n  - key: a\n    nme: A\n", encoding="utf-8")
    code, _, err = run(runner, "codebook", "import", imported, bad)
    assert code == 1
    assert "bad.yaml:4: unknown field 'nme' in code 'a'; did you mean 'name'?" in err


def test_participant_sheet(runner: CliRunner, imported: str, tmp_path: Path) -> None:
    sheet = tmp_path / "participants.csv"
    sheet.write_bytes(
        "label,real_name,aliases,organisation,places,documents,organisation_type,size\r\n"
        "Interviewee 7,Priya Sharma,Pri;P. Sharma,Northgate Housing Trust,Leeds;Wakefield,"
        "interview-07.txt,housing charity,small\r\n".encode("cp1252")
    )
    code, out, err = run(runner, "participants", "import", imported, sheet)
    assert code == 0, err
    assert out.startswith("1 participant, ") and "1 document linked." in out
    docs = json.loads(run(runner, "docs", imported, "--json")[1])
    assert docs[0]["attributes"] == {"organisation_type": "housing charity", "size": "small"}
    listing = run(runner, "docs", imported)[1] + run(runner, "status", imported)[1]
    assert "Priya Sharma" not in listing and "Northgate" not in listing
    from qualcode.store.db import open_project
    from qualcode.store.models import Identifier

    with open_project(str(imported)) as project, project.read() as session:
        values = {(i.kind, i.value) for i in session.query(Identifier)}
    assert {
        ("name", "Priya Sharma"),
        ("alias", "Pri"),
        ("place", "Wakefield"),
        ("organisation", "Northgate Housing Trust"),
        ("speaker", "Priya"),
    } <= values
    no_label = tmp_path / "nolabel.csv"
    no_label.write_text("name,org\nx,y\n")
    code, _, err = run(runner, "participants", "import", imported, no_label)
    assert code == 1 and "'label' column" in err
