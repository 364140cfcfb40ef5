"""Blind double-coding: assignments, and who sees whose codings in show, code list and export."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from audit_helpers import Study, add_document, code_passages, run, run_json
from typer.testing import CliRunner

from qualcode.audit.blind import blind_documents, visible_coders


def _coders_in_list(
    runner: CliRunner, study: Study, viewer: str, *args: str
) -> dict[int, set[str]]:
    found = run_json(runner, "code", "list", study.target, *args, coder=viewer)
    assert isinstance(found, list)
    seen: dict[int, set[str]] = {}
    for record in found:
        seen.setdefault(record["document"]["id"], set()).add(record["coder"])
    return seen


def _assign(runner: CliRunner, study: Study, *extra: str) -> None:
    code, out, err = run(
        runner, "assign", study.target, "--doc", study.document_id, "--coders", "ana,ben",
        *extra, coder="sam",
    )  # fmt: skip
    assert code == 0, err
    assert "by sam" in out


def test_blind_assignment_hides_other_coders_until_closed(
    runner: CliRunner, study: Study, tmp_path: Path
) -> None:
    with study.open() as project:
        other = add_document(project, tmp_path, "second.txt", "Interviewee 4")
        code_passages(project, other, "ana", {"volunteers": [7]})
        code_passages(project, other, "ben", {"volunteers": [7]})
    assert _coders_in_list(runner, study, "ana")[study.document_id] == {"ana", "ben"}
    _assign(runner, study, "--blind")

    seen = _coders_in_list(runner, study, "ana")
    assert seen[study.document_id] == {"ana"}
    assert seen[other] == {"ana", "ben"}  # not assigned: nothing hidden
    assert _coders_in_list(runner, study, "ben")[study.document_id] == {"ben"}
    assert _coders_in_list(runner, study, "sam")[study.document_id] == {"ana", "ben"}
    # asking for the other coder's codings by name gives nothing
    assert _coders_in_list(runner, study, "ana", "--coder", "ben").get(study.document_id) is None

    shown = run_json(runner, "show", study.target, study.document_id, coder="ana")
    assert isinstance(shown, dict)
    assert {c["coder"] for p in shown["passages"] for c in p["codings"]} == {"ana"}
    code, csv_text, err = run(runner, "code", "export", study.target, "-", coder="ben")
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(csv_text)))
    mine = {(int(r["document_id"]), r["coder"]) for r in rows}
    assert (study.document_id, "ben") in mine and (study.document_id, "ana") not in mine
    assert (other, "ana") in mine

    code, _, err = run(
        runner, "assign", "close", study.target, "--doc", study.document_id, coder="sam"
    )
    assert code == 0, err
    assert _coders_in_list(runner, study, "ana")[study.document_id] == {"ana", "ben"}


def test_open_assignment_hides_nothing_and_core_function(runner: CliRunner, study: Study) -> None:
    _assign(runner, study)
    assert _coders_in_list(runner, study, "ana")[study.document_id] == {"ana", "ben"}
    with study.open() as project, project.read() as session:
        assert visible_coders(session, study.document_id, "ana") is None
        assert blind_documents(session, "ana") == set()


def test_visible_coders_for_the_tui(runner: CliRunner, study: Study) -> None:
    _assign(runner, study, "--blind")
    with study.open() as project, project.read() as session:
        assert visible_coders(session, study.document_id, "ana") == {"ana"}
        assert visible_coders(session, study.document_id, " ben ") == {"ben"}
        assert visible_coders(session, study.document_id, "sam") is None


def test_assign_list_close_and_audit(runner: CliRunner, study: Study) -> None:
    _assign(runner, study, "--blind")
    code, _, err = run(
        runner, "assign", study.target, "--doc", study.document_id, "--coders", "ana,cat"
    )
    assert code == 1 and "already has open assignment" in err
    listed = run_json(runner, "assign", "list", study.target)
    assert isinstance(listed, list) and len(listed) == 1
    item = listed[0]
    assert item["coders"] == ["ana", "ben"] and item["blind"] is True
    assert item["assigned_by"] == "sam" and item["status"] == "open"
    assert item["document"]["id"] == study.document_id
    code, _, err = run(runner, "assign", "close", study.target, item["id"], coder="sam")
    assert code == 0, err
    assert run_json(runner, "assign", "list", study.target) == []
    closed = run_json(runner, "assign", "list", study.target, "--all")
    assert isinstance(closed, list) and closed[0]["closed_by"] == "sam"
    events = run_json(runner, "audit", "log", study.target, "--action", "assignment")
    assert isinstance(events, list)
    assert [(e["action"], e["coder"]) for e in events] == [
        ("assignment.open", "sam"),
        ("assignment.close", "sam"),
    ]


def test_assign_refuses_one_coder(runner: CliRunner, study: Study) -> None:
    code, _, err = run(
        runner, "assign", study.target, "--doc", study.document_id, "--coders", "ana"
    )
    assert code == 1 and "two or more" in err
    code, _, err = run(runner, "assign", "close", study.target, "99")
    assert code == 1 and "no assignment 99" in err
