"""The audit log command: filters by coder, date, code (through renames) and action."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from audit_helpers import Study, run, run_json
from typer.testing import CliRunner

from qualcode.audit.log import parse_since
from qualcode.errors import QualcodeError


def _events(runner: CliRunner, study: Study, *args: str) -> list[dict[str, object]]:
    found = run_json(runner, "audit", "log", study.target, *args)
    assert isinstance(found, list)
    return found


def test_filters_by_coder_action_and_code(runner: CliRunner, study: Study) -> None:
    everything = _events(runner, study)
    assert [e["id"] for e in everything] == sorted(e["id"] for e in everything)
    ana = _events(runner, study, "--coder", "ana")
    assert ana and {e["coder"] for e in ana} == {"ana"}
    added = _events(runner, study, "--coder", "ana", "--action", "coding.add")
    assert len(added) == 5  # ANA: four competitive-tendering, one level-playing-field
    assert len(_events(runner, study, "--coder", "ana", "--action", "coding")) == 5
    assert _events(runner, study, "--action", "codin") == []  # a prefix stops at a dot
    volunteers = _events(runner, study, "--code", "volunteers")
    assert {(e["coder"], e["action"]) for e in volunteers} >= {("ben", "coding.add")}
    assert all(e["action"] != "coding.add" or e["coder"] == "ben" for e in volunteers)
    assert [e["id"] for e in _events(runner, study, "--limit", "2")] == [
        e["id"] for e in everything[-2:]
    ]


def test_code_filter_follows_renames(runner: CliRunner, study: Study) -> None:
    code, _, err = run(
        runner, "codebook", "rename", study.target, "volunteers", "--to", "volunteering"
    )
    assert code == 0, err
    found = _events(runner, study, "--code", "volunteering")
    actions = {e["action"] for e in found}
    assert "coding.add" in actions and "code.rename" in actions


def test_since(runner: CliRunner, study: Study) -> None:
    assert len(_events(runner, study, "--since", "1d")) == len(_events(runner, study))
    tomorrow = (datetime.now(UTC) + timedelta(days=1)).date().isoformat()
    assert _events(runner, study, "--since", tomorrow) == []
    code, _, err = run(runner, "audit", "log", study.target, "--since", "last tuesday")
    assert code == 1 and "is not a date" in err


def test_table_output(runner: CliRunner, study: Study) -> None:
    code, out, err = run(runner, "audit", "log", study.target, "--coder", "ben", "--limit", "1")
    assert code == 0, err
    assert "Audit log (1 event)" in out and "coding.add" in out and "ben" in out


def test_parse_since_forms() -> None:
    now = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
    assert parse_since("7d", now) == now - timedelta(days=7)
    assert parse_since("12h", now) == now - timedelta(hours=12)
    assert parse_since("2026-11-20") == datetime(2026, 11, 20, tzinfo=UTC)
    assert parse_since("2026-11-20T10:00+01:00") == datetime(2026, 11, 20, 9, tzinfo=UTC)
    with pytest.raises(QualcodeError):
        parse_since("soon")
