"""Withdrawing a participant erases them down to the file's bytes and leaves everyone else alone."""

from __future__ import annotations

import json
import re
import sqlite3
from pathlib import Path
from typing import Any

from typer.testing import CliRunner
from withdraw_demo import CODING_MEMO, MEMO, PARTICIPANT_MEMO, STAYING, SUMMARY, WITHDRAWN

from qualcode.cli.app import app
from qualcode.files import project_files
from qualcode.store.check import check_project
from qualcode.store.db import open_project

runner = CliRunner()
SKIPPED = re.compile(r"^(sqlite_|passage_fts|alembic_version)")
# Rows of these tables belong to the withdrawn participant when a column points at them.
OWNED_BY = {
    "participant": ("id",),
    "identifier": ("participant_id",),
    "document": ("id",),
}


def _tables(connection: sqlite3.Connection) -> list[str]:
    names = connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
    return sorted(name for (name,) in names if not SKIPPED.match(name))


def snapshot(path: Path) -> dict[str, dict[int, dict[str, Any]]]:
    """Every row of every table, by id."""
    connection = sqlite3.connect(path)
    connection.row_factory = sqlite3.Row
    try:
        return {
            table: {
                row["_rowid"]: {k: row[k] for k in row.keys() if k != "_rowid"}  # noqa: SIM118
                for row in connection.execute(f'SELECT rowid AS _rowid, * FROM "{table}"')
            }
            for table in _tables(connection)
        }
    finally:
        connection.close()


def _scope(rows: dict[str, dict[int, dict[str, Any]]]) -> tuple[int, set[int], set[int]]:
    participant = next(r["id"] for r in rows["participant"].values() if r["label"] == WITHDRAWN)
    documents = {r["id"] for r in rows["document"].values() if r["participant_id"] == participant}
    passages = {r["id"] for r in rows["passage"].values() if r["document_id"] in documents}
    return participant, documents, passages


def _theirs(table: str, row: dict[str, Any], scope: tuple[int, set[int], set[int]]) -> bool:
    participant, documents, passages = scope
    if table in ("participant",):
        return bool(row["id"] == participant)
    if table == "identifier":
        return bool(row["participant_id"] == participant)
    if table == "document":
        return row["id"] in documents
    if table == "assignment_coder":
        return False  # checked through its assignment below
    if row.get("participant_id") is not None:
        return bool(row["participant_id"] == participant)
    return row.get("document_id") in documents or row.get("passage_id") in passages


def _distinctive(rows: dict[str, dict[int, dict[str, Any]]]) -> tuple[list[str], list[str]]:
    """Long sentences of their interview and their registered names found nowhere else."""
    scope = _scope(rows)
    others = json.dumps(
        {t: [r for r in rs.values() if not _theirs(t, r, scope)] for t, rs in rows.items()
         if t not in ("audit_event", "suggestion_model", "assignment_coder")},
        ensure_ascii=False, default=str,
    ).lower()  # fmt: skip
    text = next(r["text"] for r in rows["document"].values() if r["id"] in scope[1])
    sentences = [s for s in re.split(r"(?<=[.?!])\s+", text) if len(s) > 60]
    names = [
        r["value"]
        for r in rows["identifier"].values()
        if r["participant_id"] == scope[0] and r["value"].lower() not in others
    ]
    return sentences, names


def _raw_bytes(path: Path) -> bytes:
    return b"".join(p.read_bytes() for p in project_files(path) if p.exists())


def _withdraw(path: Path, *extra: str, answer: str | None = None) -> Any:
    return runner.invoke(
        app,
        ["participants", "withdraw", str(path), WITHDRAWN, "--reason", "withdrew consent", *extra],
        input=answer,
    )


def test_withdrawal_leaves_none_of_their_words_or_names_in_the_file(demo_copy: Path) -> None:
    before = snapshot(demo_copy)
    sentences, names = _distinctive(before)
    assert len(sentences) > 10 and len(names) >= 3  # Declan Hargreaves, Soundhouse, ...
    assert all(s.encode() in _raw_bytes(demo_copy) for s in sentences[:3])

    result = _withdraw(demo_copy, "--yes")
    assert result.exit_code == 0, result.output
    assert "Withdrew Interviewee 3" in result.output and "suggestion model" in result.output

    data = _raw_bytes(demo_copy)
    lowered = data.lower()
    assert [s for s in sentences if s.encode() in data] == []
    assert [n for n in names if n.lower().encode() in lowered] == []
    theirs = (MEMO, CODING_MEMO, SUMMARY, PARTICIPANT_MEMO)
    for memo in (f"{WITHDRAWN}: {words}" for words in theirs):
        assert memo.encode() not in data
    assert f"{STAYING}: {MEMO}".encode() in data  # the other participant's memo stays
    assert f"{STAYING}: {PARTICIPANT_MEMO}".encode() in data


def test_everything_of_the_other_participants_is_unchanged(demo_copy: Path) -> None:
    before = snapshot(demo_copy)
    scope = _scope(before)
    assignments = {r["id"] for r in before["assignment"].values() if r["document_id"] in scope[1]}
    assert _withdraw(demo_copy, "--yes").exit_code == 0
    after = snapshot(demo_copy)
    for table, rows in before.items():
        if table in ("audit_event", "suggestion_model"):
            continue
        kept = {
            i: r
            for i, r in rows.items()
            if not _theirs(table, r, scope)
            and not (table == "assignment_coder" and r["assignment_id"] in assignments)
        }
        assert after[table] == kept, table  # row for row, every column
        assert len(kept) < len(rows) or table in ("code", "codebook", "coder", "setting",
                                                   "dismissed_hit", "coder_key")  # fmt: skip
    assert after["suggestion_model"] == {}  # the model learned from their words
    new_events = [
        after["audit_event"][i]
        for i in sorted(set(after["audit_event"]) - set(before["audit_event"]))
    ]
    assert [e["action"] for e in new_events] == ["participant.withdraw"]
    assert {i: after["audit_event"][i] for i in before["audit_event"]} == before["audit_event"]


def test_check_passes_and_the_audit_event_holds_counts_not_content(demo_copy: Path) -> None:
    sentences, names = _distinctive(snapshot(demo_copy))
    assert _withdraw(demo_copy, "--yes").exit_code == 0
    with open_project(str(demo_copy)) as project:
        report = check_project(project)
    assert report.ok, report.problems
    rows = snapshot(demo_copy)["audit_event"]
    event = max(rows.values(), key=lambda r: r["sequence"])
    after = json.loads(event["after"])
    assert after["label"] == WITHDRAWN and after["reason"] == "withdrew consent"
    assert after["counts"]["documents"] == 1 and after["counts"]["memos"] == 2
    assert after["counts"]["set-aside codings"] == 3 and after["counts"]["assignments"] == 1
    assert after["counts"]["rejected suggestions"] == 1 and after["counts"]["versions"] == 2
    trail = json.dumps(list(rows.values()), ensure_ascii=False, default=str).lower()
    assert [s for s in sentences if s.lower() in trail] == []
    assert [n for n in names if n.lower() in trail] == []
    assert MEMO not in trail and CODING_MEMO not in trail


def test_answering_no_or_an_unknown_label_changes_nothing(demo_copy: Path) -> None:
    before = snapshot(demo_copy)
    result = _withdraw(demo_copy, answer="n\n")
    assert result.exit_code == 1 and "nothing was changed" in result.output
    assert "Interviewee 3 erases" in result.output and "24 codings" in result.output
    result = runner.invoke(app, ["participants", "withdraw", str(demo_copy), "[bold]Nobody"])
    assert result.exit_code == 1
    assert result.output.startswith("error: no participant labelled '[bold]Nobody'")
    assert snapshot(demo_copy) == before


def test_the_commit_alone_leaves_none_of_their_words_once_checkpointed(demo_copy: Path) -> None:
    """Killed after the commit but before the VACUUM, the file still holds none of their words:
    freed space is zeroed and the search index rebuilt inside the transaction."""
    from qualcode.withdraw.participant import plan_withdrawal, withdraw

    sentences, names = _distinctive(snapshot(demo_copy))
    with open_project(str(demo_copy)) as project:
        with project.read() as session:
            plan = plan_withdrawal(session, WITHDRAWN)
        with project.write() as session:
            withdraw(session, plan, coder="sue", reason=None)
    data = _raw_bytes(demo_copy)  # the last connection closed: WAL checkpointed and removed
    assert [s for s in sentences if s.encode() in data] == []
    assert [n for n in names if n.lower().encode() in data.lower()] == []


def test_withdrawal_removes_their_names_from_a_pseudonym_key(
    demo_copy: Path, tmp_path: Path
) -> None:
    key = tmp_path / "key.json"
    made = runner.invoke(app, ["anonymise", "key", str(demo_copy), "--out", str(key)])
    assert made.exit_code == 0, made.output
    before = key.read_text(encoding="utf-8")
    assert "Declan Hargreaves" in before and "Soundhouse Arts Trust" in before

    result = _withdraw(demo_copy, "--yes", "--key", str(key))
    assert result.exit_code == 0, result.output
    assert "of their names in the pseudonym key" in result.output
    after = key.read_text(encoding="utf-8")
    assert "Declan Hargreaves" not in after and "Soundhouse Arts Trust" not in after
    assert "Marcus Ellery" in after  # another participant's
    assert "HMP Wexley" not in after and "Calderbrook" in after  # shared with Interviewees 1, 4


def test_the_backups_made_before_schema_upgrades_are_listed(demo_copy: Path) -> None:
    from qualcode.store.db import _backup_before_upgrade

    with open_project(str(demo_copy)) as project:
        backup = _backup_before_upgrade(project.engine, demo_copy, "0007")
    result = _withdraw(demo_copy, "--yes")
    assert result.exit_code == 0, result.output
    assert "still hold the old data" in result.output
    assert backup.name in result.output.replace("\n", "")
