"""The suggest commands end to end through typer's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from sqlalchemy import select, update
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Coding, SuggestionDecision, SuggestionModel


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_run_json_before_and_after_training(runner: CliRunner, coded_project_path: Path) -> None:
    code, out, _ = run(runner, "suggest", "run", coded_project_path, "--json")
    assert code == 0
    records = json.loads(out)
    assert records and {r["origin"] for r in records} == {"cue"}
    first = records[0]
    assert set(first) == {
        "document", "passage", "start", "end", "code", "score", "origin", "reason",
    }  # fmt: skip
    assert set(first["document"]) == {"id", "title"} and first["score"] >= 0.5
    code, out, _ = run(runner, "suggest", "train", coded_project_path, "--epochs", "3", "--json")
    assert code == 0 and json.loads(out)["new"] is True
    code, out, _ = run(runner, "suggest", "run", coded_project_path, "--json", "--doc", "1")
    trained = json.loads(out)
    assert {r["document"]["id"] for r in trained} == {1}
    assert "both" in {r["origin"] for r in trained}
    code, out, _ = run(
        runner, "suggest", "run", coded_project_path, "--json", "--min-score", "0.99"
    )
    assert code == 0 and all(r["score"] >= 0.99 for r in json.loads(out))


def test_train_twice_reports_unchanged(runner: CliRunner, coded_project_path: Path) -> None:
    assert run(runner, "suggest", "train", coded_project_path, "--epochs", "2")[0] == 0
    code, out, _ = run(runner, "suggest", "train", coded_project_path, "--epochs", "2")
    assert code == 0 and "Unchanged" in out


def test_evaluate_json_has_per_code_metrics(runner: CliRunner, coded_project_path: Path) -> None:
    code, out, _ = run(
        runner, "suggest", "evaluate", coded_project_path, "--folds", "2", "--epochs", "3",
        "--json", "--calibrate", "--coder", "ana",
    )  # fmt: skip
    assert code == 0, out
    result = json.loads(out)
    assert set(result["modes"]) == {"cue", "codebook", "model", "combined"}
    combined = result["modes"]["combined"]
    supported = {code for code, m in combined["per_code"].items() if m["support"] > 0}
    assert supported == {"competitive-tendering", "security-clearance", "volunteers"}
    assert 0.0 <= combined["top2"] <= 1.0 and 0.0 <= combined["micro"]["f1"] <= 1.0
    code, out, _ = run(runner, "suggest", "status", coded_project_path, "--json")
    assert json.loads(out)["threshold"] == result["calibrated_threshold"]
    code, out, _ = run(runner, "suggest", "evaluate", coded_project_path, "--folds", "9")
    assert code == 1


def test_evaluate_table(runner: CliRunner, coded_project_path: Path) -> None:
    code, out, _ = run(
        runner, "suggest", "evaluate", coded_project_path, "--folds", "2", "--epochs", "2"
    )
    assert code == 0 and "combined" in out and "Top-2" in out


def test_accept_reject_queue_status(runner: CliRunner, coded_project_path: Path) -> None:
    base = ("--doc", "4", "--passage", "9", "--coder", "ben")
    code, out, _ = run(runner, "suggest", "reject", coded_project_path, *base, "--code", "mergers")
    assert code == 0 and "Rejected" in out
    code, out, _ = run(
        runner, "suggest", "accept", coded_project_path, *base, "--code", "volunteers"
    )
    assert code == 0 and "Accepted" in out
    with open_project(str(coded_project_path)) as project, project.read() as session:
        assert session.scalar(select(Coding).where(Coding.origin == "suggestion")) is not None
        assert len(list(session.scalars(select(SuggestionDecision)))) == 2
        actions = set(session.scalars(select(AuditEvent.action)))
        assert {"suggestion.accept", "suggestion.reject"} <= actions
    code, out, _ = run(runner, "suggest", "queue", coded_project_path, "--json", "--limit", "3")
    assert code == 0 and len(json.loads(out)) <= 3
    code, out, _ = run(runner, "suggest", "queue", coded_project_path)
    assert code == 0 and "Review queue" in out
    code, out, _ = run(
        runner, "suggest", "status", coded_project_path, "--retrain-after", "7", "--json"
    )
    state = json.loads(out)
    assert state["model"] is None and state["retrain_after"] == 7 and state["pending_changes"] > 0
    code, _, err = run(runner, "suggest", "accept", coded_project_path, *base, "--code", "nope")
    assert code == 1 and "no code with key" in err


def test_corrupt_model_warns_and_falls_back(runner: CliRunner, coded_project_path: Path) -> None:
    assert run(runner, "suggest", "train", coded_project_path, "--epochs", "2")[0] == 0
    with open_project(str(coded_project_path)) as project, project.write() as session:
        session.execute(update(SuggestionModel).values(archive=b"\x1f\x8b broken"))
    code, out, err = run(runner, "suggest", "run", coded_project_path, "--json")
    assert code == 0 and "could not be loaded" in err and "suggest train" in err
    assert {r["origin"] for r in json.loads(out)} == {"cue"}
