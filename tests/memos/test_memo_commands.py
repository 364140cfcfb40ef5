"""memo add|edit|list|remove on a real project file: every kind, bad input, the audit trail."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

runner = CliRunner()


def memo(project: Path, *args: str, coder: str = "ana") -> Any:
    return runner.invoke(app, ["memo", *args[:1], str(project), *args[1:], "--coder", coder])


def listed(project: Path, *filters: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["memo", "list", str(project), "--json", *filters])
    assert result.exit_code == 0, result.output
    return list(json.loads(result.stdout))


def rows(project: Path, sql: str) -> list[tuple[Any, ...]]:
    connection = sqlite3.connect(project)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def add_every_kind(project: Path) -> None:
    for args in (
        ("project memo",),
        ("--participant", "Interviewee 1", "participant memo"),
        ("--document", "2", "document memo"),
        ("--code", "funding", "code memo"),
        ("--cell", "Interviewee 2", "grants", "cell memo"),
        ("--passage", "1:4", "passage memo"),
        ("--coding", "1", "coding memo"),
    ):
        result = memo(project, "add", *args)
        assert result.exit_code == 0, result.output


def test_a_memo_on_each_kind_is_stored_where_it_belongs(memo_project: Path) -> None:
    add_every_kind(memo_project)
    by_kind = {m["kind"]: m for m in listed(memo_project)}
    assert list(by_kind) == [
        "project", "participant", "document", "code", "cell", "passage", "coding",
    ]  # fmt: skip
    assert by_kind["passage"]["about"] == "document 1, passage 4"
    assert by_kind["passage"]["passage"] == 4 and by_kind["passage"]["document"] == 1
    assert by_kind["cell"]["about"] == "Interviewee 2 × grants"
    assert by_kind["coding"]["about"] == "contracts on document 1, passage 2"
    assert by_kind["coding"]["id"] == "coding-1"
    stored = rows(
        memo_project,
        'SELECT m.text, m.participant_id, m.document_id, m.passage_id, m.code_id, p."index" '
        "FROM memo m LEFT JOIN passage p ON p.id = m.passage_id ORDER BY m.id",
    )
    assert stored[0] == ("project memo", None, None, None, None, None)
    assert stored[1][1] is not None and stored[1][2:] == (None, None, None, None)
    assert stored[4][0] == "passage memo" and stored[4][5] == 3  # typed 1-based, stored 0-based
    assert rows(memo_project, "SELECT text FROM cell_summary") == [("cell memo",)]
    assert rows(memo_project, "SELECT memo FROM coding WHERE id = 1") == [("coding memo",)]


def test_list_filters_by_kind_code_document_and_coder(memo_project: Path) -> None:
    add_every_kind(memo_project)
    assert (
        memo(memo_project, "add", "--code", "prisons", "ben's thought", coder="ben").exit_code == 0
    )
    assert [m["text"] for m in listed(memo_project, "--kind", "code")] == [
        "code memo", "ben's thought",
    ]  # fmt: skip
    # A code's memos include its sub-codes': the cell on grants and the coding with contracts.
    assert {m["text"] for m in listed(memo_project, "--code", "funding")} == {
        "code memo", "cell memo", "coding memo",
    }  # fmt: skip
    assert {m["text"] for m in listed(memo_project, "--document", "1")} == {
        "passage memo", "coding memo",
    }  # fmt: skip
    assert [m["text"] for m in listed(memo_project, "--coder", "ben")] == ["ben's thought"]


def test_edit_and_remove_each_table(memo_project: Path) -> None:
    add_every_kind(memo_project)
    ids = {m["kind"]: m["id"] for m in listed(memo_project)}
    for kind in ("participant", "cell", "coding"):
        result = memo(memo_project, "edit", ids[kind], f"new {kind}", coder="ben")
        assert result.exit_code == 0, result.output
    texts = {m["kind"]: (m["text"], m["coder"]) for m in listed(memo_project)}
    assert texts["participant"] == ("new participant", "ana")  # the author stays
    assert texts["cell"] == ("new cell", "ben")  # a cell summary is the last writer's
    assert texts["coding"] == ("new coding", "ana")  # a coding's memo is its coder's
    for kind in ("participant", "cell", "coding", "passage"):
        assert memo(memo_project, "remove", ids[kind]).exit_code == 0
    assert {m["kind"] for m in listed(memo_project)} == {"project", "document", "code"}
    assert rows(memo_project, "SELECT count(*) FROM coding") == [(3,)]  # codings stay


def test_the_trail_records_each_change_without_the_words(memo_project: Path) -> None:
    add_every_kind(memo_project)
    ids = {m["kind"]: m["id"] for m in listed(memo_project)}
    assert memo(memo_project, "edit", ids["project"], "second thoughts on tendering").exit_code == 0
    assert memo(memo_project, "remove", ids["participant"]).exit_code == 0
    events = rows(memo_project, "SELECT action, before, after FROM audit_event ORDER BY sequence")
    actions = [a for a, _, _ in events]
    assert actions.count("memo.add") == 5 and "memo.update" in actions
    assert "memo.remove" in actions and "summary.add" in actions and "coding.memo" in actions
    trail = json.dumps(events)
    for words in (
        "project memo",
        "participant memo",
        "cell memo",
        "coding memo",
        "second thoughts",
    ):
        assert words not in trail


def _state(project: Path) -> list[Any]:
    return [
        rows(project, "SELECT * FROM memo"),
        rows(project, "SELECT * FROM cell_summary"),
        rows(project, "SELECT id, memo FROM coding"),
        rows(project, "SELECT count(*) FROM audit_event"),
    ]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("add", "--code", "fundng", "x"), "no code with key 'fundng'; did you mean 'funding'?"),
        (("add", "--participant", "Interviewee 9", "x"), "no participant labelled"),
        (("add", "--passage", "1:9", "x"), "document 1 has no passage 9 (passages 1–4)"),
        (("add", "--passage", "1:0", "x"), "passage numbers start at 1"),
        (("add", "--passage", "1", "x"), "is not DOC:N"),
        (("add", "--passage", "7:1", "x"), "no document '7'"),
        (("add", "--coding", "99", "x"), "no coding 99"),
        (("add", "--coding", "99999999999999999999999", "x"), "is not a whole number"),
        (("add", "--cell", "Interviewee 9", "grants", "x"), "no participant with that label"),
        (("add", "   "), "the memo is empty"),
        (("add", "--code", "funding", "--document", "1", "x"), "a memo is about one thing"),
        (("add", "--passage", "1:2", "again"), "has a memo on that passage"),
        (("edit", "42", "x"), "no memo 42"),
        (("edit", "cell-x", "x"), "is not a memo id"),
        (("edit", "1", ""), "the memo is empty"),
        (("remove", "coding-2"), "no memo coding-2"),
        (("list", "--kind", "theme"), "--kind 'theme': use one of"),
        (("list", "--coder", "zed"), "no coder named 'zed'"),
    ],
)
def test_bad_input_is_one_line_and_changes_nothing(
    memo_project: Path, args: tuple[str, ...], message: str
) -> None:
    assert memo(memo_project, "add", "--passage", "1:2", "first").exit_code == 0
    before = _state(memo_project)
    if args[0] == "list":
        result = runner.invoke(app, ["memo", "list", str(memo_project), *args[1:]])
    else:
        result = memo(memo_project, *args)
    assert result.exit_code == 1, result.output
    assert result.output.startswith("error: ") and message in result.output
    assert result.output.count("\n") == 1 and "Traceback" not in result.output
    assert _state(memo_project) == before


def test_markup_in_a_memo_is_shown_as_written(memo_project: Path) -> None:
    words = "[bold]x[/] and [red]{label}[/red] %s"
    assert memo(memo_project, "add", "--document", "1", words).exit_code == 0
    result = runner.invoke(app, ["memo", "list", str(memo_project)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert words in result.output
    assert listed(memo_project)[0]["text"] == words


def test_memo_list_hides_other_coders_memos_on_a_document_blind_for_the_viewer(
    memo_project: Path,
) -> None:
    for subject in (
        ("--document", "1", "ben reads it as funding"),
        ("--coding", "2", "ben's doubt"),
        ("--code", "prisons", "ben on the code"),
    ):
        assert memo(memo_project, "add", *subject, coder="ben").exit_code == 0
    assigned = runner.invoke(
        app, ["assign", str(memo_project), "--doc", "1", "--coders", "ana,ben", "--blind"]
    )
    assert assigned.exit_code == 0, assigned.output

    def texts(viewer: str) -> list[str]:
        result = runner.invoke(
            app, ["memo", "list", str(memo_project), "--json"], env={"QUALCODE_CODER": viewer}
        )
        assert result.exit_code == 0, result.output
        return [m["text"] for m in json.loads(result.stdout)]

    assert texts("ana") == ["ben on the code"]
    assert texts("sue") == ["ben reads it as funding", "ben on the code", "ben's doubt"]
