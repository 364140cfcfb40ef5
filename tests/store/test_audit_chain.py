"""The chained audit trail: check proves it unaltered and names the event where it was broken."""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.importing import import_one
from qualcode.store.audit import record
from qualcode.store.check import check_project
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import open_project
from qualcode.store.models import Document
from qualcode.store.trail import GENESIS, as_utc, content_hash, link, payload_hash

NO_UPDATE = (
    "the audit log's append-only trigger audit_event_no_update is missing or altered: "
    "events can be rewritten"
)
NO_DELETE = (
    "the audit log's append-only trigger audit_event_no_delete is missing or altered: "
    "events can be deleted"
)


def _code(path: Path, coder: str, spans: list[tuple[int, int]], key: str = "informed-risk") -> None:
    with open_project(str(path)) as project, project.write() as session:
        document = session.get_one(Document, 1)
        for start, end in spans:
            add_coding(session, document, find_code(session, key), coder, start, end)


@pytest.fixture
def coded(project_file: Path, transcript: Path) -> Path:
    """The test project with the transcript imported and coded by ana (3 codings) and ben (1)."""
    with open_project(str(project_file)) as project:
        import_one(project, transcript, participant="Interviewee 7")
    _code(project_file, "ana", [(0, 10), (20, 40), (50, 60)])
    _code(project_file, "ben", [(0, 12)])
    return project_file


def _sql(path: Path, *statements: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Run statements on the raw file, as someone bypassing qualcode would; the last's rows."""
    with sqlite3.connect(path) as connection:
        rows: list[tuple[Any, ...]] = []
        for statement in statements:
            rows = connection.execute(
                statement, args if statement is statements[-1] else ()
            ).fetchall()
    connection.close()
    return rows


def _event(path: Path, where: str) -> tuple[int, str]:
    """(sequence, "YYYY-MM-DD HH:MM, coder NAME") of the first event matching a WHERE clause."""
    sequence, at, coder = _sql(
        path, f"SELECT sequence, at, coder FROM audit_event WHERE {where} ORDER BY sequence"
    )[0]
    return sequence, f"{datetime.fromisoformat(at):%Y-%m-%d %H:%M}, coder {coder}"


def _problems(path: Path, since_hash: str | None = None) -> list[str]:
    with open_project(str(path)) as project:
        return check_project(project, since_hash=since_hash).problems


def test_an_untouched_trail_proves_itself(coded: Path) -> None:
    with open_project(str(coded)) as project:
        report = check_project(project)
    assert report.problems == []
    count, first, last = _sql(
        coded, "SELECT count(*), min(sequence), max(sequence) FROM audit_event"
    )[0]
    assert (first, last) == (1, count) and report.trail.events == count > 30
    (head,) = _sql(coded, "SELECT chain_hash FROM audit_event ORDER BY sequence DESC LIMIT 1")[0]
    assert (report.trail.head, report.trail.head_event) == (head, count)


def test_a_rewritten_state_is_found_at_its_event(coded: Path) -> None:
    sequence, when = _event(coded, "action = 'coding.add' AND coder = 'ana' AND entity_id = 2")
    _sql(
        coded,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET after = json_set(after, '$.end', 30) WHERE sequence = ?",
        args=(sequence,),
    )
    assert _problems(coded) == [
        f"audit trail broken at event {sequence} ({when}): content does not match its hash",
        NO_UPDATE,
    ]


def test_a_rewrite_with_its_hashes_recomputed_breaks_the_next_link(coded: Path) -> None:
    sequence, _ = _event(coded, "action = 'coder.add' AND coder = 'ben'")
    row = _sql(
        coded,
        "SELECT at, action, entity, entity_id, payload_hash FROM audit_event WHERE sequence = ?",
        args=(sequence,),
    )[0]
    (previous,) = _sql(
        coded, "SELECT chain_hash FROM audit_event WHERE sequence = ?", args=(sequence - 1,)
    )[0]
    at, action, entity, entity_id, payload = row
    forged = content_hash(
        sequence, datetime.fromisoformat(at), "ana", action, entity, entity_id, payload
    )
    _sql(
        coded,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET coder = 'ana', content_hash = ?, chain_hash = ? WHERE sequence = ?",
        args=(forged, link(previous, forged), sequence),
    )
    _, when = _event(coded, f"sequence = {sequence + 1}")
    assert _problems(coded) == [
        f"audit trail broken at event {sequence + 1} ({when}): chain does not link to event "
        f"{sequence}",
        NO_UPDATE,
    ]


def test_a_deleted_event_is_named_missing(coded: Path) -> None:
    sequence, _ = _event(coded, "action = 'coder.add' AND coder = 'ana'")
    _sql(
        coded,
        "DROP TRIGGER audit_event_no_delete",
        "DELETE FROM audit_event WHERE sequence = ?",
        args=(sequence,),
    )
    assert _problems(coded) == [f"event {sequence} missing: chain does not link", NO_DELETE]


def test_a_forged_event_is_found_though_inserting_is_allowed(coded: Path) -> None:
    (count,) = _sql(coded, "SELECT count(*) FROM audit_event")[0]
    # A forger copies the head's hashes onto a new event of their own.
    _sql(
        coded,
        "INSERT INTO audit_event (at, coder, action, entity, entity_id, before, after, sequence, "
        "payload_hash, content_hash, chain_hash) SELECT '2026-11-02 14:03:00.000000', 'ana', "
        "'coding.remove', 'coding', 4, NULL, NULL, sequence + 1, payload_hash, content_hash, "
        "chain_hash FROM audit_event WHERE sequence = ?",
        args=(count,),
    )
    where = f"audit trail broken at event {count + 1} (2026-11-02 14:03, coder ana)"
    assert _problems(coded) == [
        f"{where}: content does not match its hash",
        f"{where}: chain does not link to event {count}",
    ]


@pytest.mark.parametrize(
    ("where", "problem"),
    [
        ("action = 'coding.add' AND entity_id = 4", "coding 4"),
        ("action = 'document.import'", "document 1"),
        ("action = 'code.add' AND entity_id = 3", "code 3"),
    ],
)
def test_a_row_without_its_creation_event_is_named(coded: Path, where: str, problem: str) -> None:
    # Removing the newest events leaves a chain that still links: the rows give it away.
    (sequence,) = _sql(coded, f"SELECT sequence FROM audit_event WHERE {where}")[0]
    _sql(
        coded,
        "DROP TRIGGER audit_event_no_delete",
        "DELETE FROM audit_event WHERE sequence >= ?",
        args=(sequence,),
    )
    problems = _problems(coded)
    assert f"{problem} has no audit event recording its creation" in problems
    assert NO_DELETE in problems


def test_a_defanged_trigger_is_found(coded: Path) -> None:
    _sql(
        coded,
        "DROP TRIGGER audit_event_no_update",
        "CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event BEGIN SELECT 1; END",
    )
    assert _problems(coded) == [NO_UPDATE]


def _rechain(path: Path, start: int, coder: str) -> None:
    """Rewrite every event from start on with another coder, recomputing all hashes."""
    connection = sqlite3.connect(path)
    connection.execute("DROP TRIGGER audit_event_no_update")
    rows = connection.execute(
        "SELECT sequence, at, action, entity, entity_id, before, after FROM audit_event "
        "ORDER BY sequence"
    ).fetchall()
    previous = GENESIS
    for sequence, at, action, entity, entity_id, before, after in rows:
        who = (
            coder
            if sequence >= start
            else connection.execute(
                "SELECT coder FROM audit_event WHERE sequence = ?", (sequence,)
            ).fetchone()[0]
        )
        payload = payload_hash(json.loads(before or "null"), json.loads(after or "null"))
        content = content_hash(
            sequence, as_utc(datetime.fromisoformat(at)), who, action, entity, entity_id, payload
        )
        previous = link(previous, content)
        connection.execute(
            "UPDATE audit_event SET coder = ?, content_hash = ?, chain_hash = ? WHERE sequence = ?",
            (who, content, previous, sequence),
        )
    connection.commit()
    connection.close()


def test_a_hash_written_down_proves_the_trail_up_to_it(coded: Path) -> None:
    with open_project(str(coded)) as project:
        written = check_project(project).trail
    _code(coded, "ben", [(70, 80)])
    with open_project(str(coded)) as project:
        later = check_project(project, since_hash=written.head)
    assert later.problems == [] and later.trail.since_event == written.head_event
    assert later.trail.head_event == written.head_event + 1

    _rechain(coded, 3, "mallory")  # a careful forger: every hash recomputed
    problems = _problems(coded)
    assert problems == [NO_UPDATE]
    assert _problems(coded, since_hash=written.head) == [
        f"the hash written down ({written.head}) is not in the audit trail: events up to it "
        "were altered or removed",
        NO_UPDATE,
    ]


def test_check_command_prints_the_head_and_where_the_trail_breaks(
    coded: Path, runner: CliRunner
) -> None:
    good = runner.invoke(app, ["check", str(coded), "--json"])
    assert good.exit_code == 0, good.stderr
    audit = json.loads(good.stdout)["audit"]
    table = runner.invoke(app, ["check", str(coded)], env={"COLUMNS": "200"})
    assert table.exit_code == 0 and audit["head_hash"] in table.stdout
    since = runner.invoke(app, ["check", str(coded), "--since-hash", audit["head_hash"].upper()])
    assert since.exit_code == 0 and f"event {audit['head_event']}" in since.stdout

    sequence, when = _event(coded, "action = 'coding.add' AND coder = 'ana'")
    _sql(
        coded,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET coder = '[bold]ana' WHERE sequence = ?",
        args=(sequence,),
    )
    bad = runner.invoke(app, ["check", str(coded)], env={"COLUMNS": "300"})
    assert bad.exit_code == 1
    when = when.replace("coder ana", "coder [bold]ana")
    expected = f"audit trail broken at event {sequence} ({when}): content does not match its hash"
    assert f"problem: {expected}" in bad.stderr
    as_json = runner.invoke(app, ["check", str(coded), "--json"])
    assert as_json.exit_code == 1 and expected in json.loads(as_json.stdout)["problems"]


def test_check_refuses_a_malformed_hash_in_one_line(coded: Path, runner: CliRunner) -> None:
    result = runner.invoke(app, ["check", str(coded), "--since-hash", "[red]abc"])
    assert result.exit_code == 1
    assert result.stderr.strip().splitlines() == [
        "error: --since-hash must be a head hash as check prints it (64 hexadecimal digits)"
    ]


def test_audit_log_numbers_events_as_check_does(coded: Path, runner: CliRunner) -> None:
    logged = runner.invoke(app, ["audit", "log", str(coded), "--json"])
    assert logged.exit_code == 0, logged.stderr
    events = json.loads(logged.stdout)
    checked = json.loads(runner.invoke(app, ["check", str(coded), "--json"]).stdout)["audit"]
    assert [e["sequence"] for e in events] == list(range(1, checked["events"] + 1))
    assert events[-1]["chain_hash"] == checked["head_hash"]


def test_a_damaged_head_is_named_and_coding_goes_on(coded: Path) -> None:
    (last,) = _sql(coded, "SELECT max(sequence) FROM audit_event")[0]
    _, when = _event(coded, f"sequence = {last}")
    _sql(
        coded,
        "DROP TRIGGER audit_event_no_update",
        "UPDATE audit_event SET chain_hash = 'not a hash' WHERE sequence = ?",
        args=(last,),
    )
    _code(coded, "ben", [(70, 80)])  # the next event links to what is stored
    assert _problems(coded) == [
        f"audit trail broken at event {last} ({when}): chain does not link to event {last - 1}",
        NO_UPDATE,
    ]


@pytest.mark.parametrize("flushed", [False, True])
def test_an_event_rolled_back_with_its_savepoint_leaves_no_gap(
    project_file: Path, flushed: bool
) -> None:
    with open_project(str(project_file)) as project:
        with project.write() as session:
            first = record(session, "memo.add", "memo", 1, coder="ana", after={"n": 1})
            try:
                with session.begin_nested():
                    record(session, "memo.add", "memo", 2, coder="ana", after={"n": 2})
                    if flushed:
                        session.flush()
                    raise RuntimeError("the nested change fails")
            except RuntimeError:
                pass
            last = record(session, "memo.add", "memo", 3, coder="ana", after={"n": 3})
        assert last.sequence == first.sequence + 1
        assert check_project(project).problems == []
