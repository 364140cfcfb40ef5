"""Withdrawal is all or nothing under SIGKILL, and erases the same rows on PostgreSQL."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from sqlalchemy import select
from typer.testing import CliRunner
from withdraw_demo import STAYING, WITHDRAWN, enrich

from qualcode.cli.app import app
from qualcode.demo import build_demo
from qualcode.store.check import check_project
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Base, Participant

HOLD_OPEN = """
import sys, time
from qualcode.store.db import open_project
from qualcode.withdraw.participant import plan_withdrawal, withdraw

project = open_project(sys.argv[1])
with project.read() as session:
    plan = plan_withdrawal(session, sys.argv[2])
with project.write() as session:
    withdraw(session, plan, coder="sue", reason=None)
    session.flush()
    print("READY", flush=True)
    time.sleep(60)
"""


def rows_of(target: str) -> dict[str, dict[Any, dict[str, Any]]]:
    """Every row of every table, keyed by primary key, through SQLAlchemy (any database)."""
    with open_project(target) as project, project.engine.connect() as connection:
        return {
            table.name: {
                tuple(row[c.name] for c in table.primary_key): dict(row)
                for row in connection.execute(select(table)).mappings()
            }
            for table in Base.metadata.sorted_tables
        }


def _labels(rows: dict[str, dict[Any, dict[str, Any]]]) -> set[str]:
    return {r["label"] for r in rows["participant"].values()}


def test_kill_inside_the_withdrawal_transaction_changes_nothing(demo_copy: Path) -> None:
    before = rows_of(str(demo_copy))
    child = subprocess.Popen(
        [sys.executable, "-c", HOLD_OPEN, str(demo_copy), WITHDRAWN],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None and child.stdout.readline().strip() == "READY"
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert rows_of(str(demo_copy)) == before
    with open_project(str(demo_copy)) as project:
        assert check_project(project).ok


def test_a_kill_at_any_moment_leaves_all_or_nothing(enriched_demo: Path, tmp_path: Path) -> None:
    qualcode = Path(sys.executable).with_name("qualcode")
    full = rows_of(str(enriched_demo))
    outcomes = set()
    for delay in (1.0, 2.0, 3.0, 4.5, 6.5):
        target = tmp_path / f"study-{delay}.qc"
        shutil.copyfile(enriched_demo, target)
        child = subprocess.Popen(
            [str(qualcode), "participants", "withdraw", str(target), WITHDRAWN, "--yes"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        after = rows_of(str(target))
        if WITHDRAWN in _labels(after):
            assert after == full, f"killed after {delay}s: partly withdrawn"
            outcomes.add("nothing")
        else:
            theirs = [
                e for e in after["audit_event"].values() if e["action"] == "participant.withdraw"
            ]
            assert len(theirs) == 1 and STAYING in _labels(after)
            outcomes.add("all")
        with open_project(str(target)) as project:
            report = check_project(project)
        assert report.ok, (delay, report.problems)
    assert outcomes  # each run ended one way or the other, never in between


def test_withdrawal_on_postgresql_erases_their_rows_and_no_one_elses(empty_postgres: str) -> None:
    build_demo(empty_postgres, coder="tester")
    enrich(empty_postgres)
    before = rows_of(empty_postgres)
    participant = next(r for r in before["participant"].values() if r["label"] == WITHDRAWN)
    documents = {
        r["id"] for r in before["document"].values() if r["participant_id"] == participant["id"]
    }
    passages = {r["id"] for r in before["passage"].values() if r["document_id"] in documents}
    assignments = {r["id"] for r in before["assignment"].values() if r["document_id"] in documents}

    result = CliRunner().invoke(
        app, ["participants", "withdraw", empty_postgres, WITHDRAWN, "--yes", "--reason", "asked"]
    )
    assert result.exit_code == 0, result.output
    assert "VACUUM FULL" in result.output

    after = rows_of(empty_postgres)

    def theirs(table: str, row: dict[str, Any]) -> bool:
        if table == "participant":
            return bool(row["id"] == participant["id"])
        if table == "identifier":
            return bool(row["participant_id"] == participant["id"])
        if table == "document":
            return row["id"] in documents
        if table == "assignment_coder":
            return row["assignment_id"] in assignments
        if row.get("participant_id") is not None:  # memos, cell summaries about them
            return bool(row["participant_id"] == participant["id"])
        return row.get("document_id") in documents or row.get("passage_id") in passages

    for table, rows in before.items():
        if table in ("audit_event", "suggestion_model"):
            continue
        assert after[table] == {k: r for k, r in rows.items() if not theirs(table, r)}, table
    assert after["suggestion_model"] == {}
    new = [e for k, e in after["audit_event"].items() if k not in before["audit_event"]]
    assert [e["action"] for e in new] == ["participant.withdraw"]
    assert new[0]["after"]["counts"]["documents"] == 1
    with open_project(empty_postgres) as project:
        report = check_project(project)
        assert report.ok, report.problems
        with project.read() as session:
            assert session.scalar(select(Participant).where(Participant.label == WITHDRAWN)) is None
            assert session.scalars(select(AuditEvent.action)).all()[-1] == "participant.withdraw"
