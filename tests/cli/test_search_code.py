"""`search QUERY --code KEY`: every hit passage coded in one go, after saying how many and
asking; each coding in the audit trail; hits already coded skipped and counted."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app

QUERY = "tendering OR lockdown"


def run(*args: object) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, [str(a) for a in args])
    return done.exit_code, done.stdout, done.stderr


def imported(project_file: Path, transcript: Path) -> str:
    assert run("import", project_file, transcript)[0] == 0
    return str(project_file)


def codings(project: str) -> list[dict[str, object]]:
    code, out, _ = run("code", "list", project, "--json")
    assert code == 0
    return list(json.loads(out))


def test_yes_codes_every_hit_once_with_the_audit_trail(
    project_file: Path, transcript: Path
) -> None:
    project = imported(project_file, transcript)
    code, out, err = run(
        "search", project, QUERY, "--code", "competitive-tendering", "--coder", "ana", "--yes"
    )
    assert code == 0, err
    assert "2 passages in 1 document match" in out
    assert "Coded 2 passages in 1 document with 'competitive-tendering' for ana" in out
    made = codings(project)
    assert len(made) == 2 and {c["code"] for c in made} == {"competitive-tendering"}
    assert {c["coder"] for c in made} == {"ana"}
    assert all("Priya:" in str(c["text"]) for c in made)  # whole passages
    code, out, _ = run("audit", "log", project, "--json")
    events = [e for e in json.loads(out) if e["action"] == "coding.add"]
    assert len(events) == 2
    # Again: both already carry the code for ana, so nothing is asked or added.
    code, out, _ = run(
        "search", project, QUERY, "--code", "competitive-tendering", "--coder", "ana"
    )
    assert code == 0 and "Coded 0 passages" in out and "2 already coded, skipped" in out
    assert len(codings(project)) == 2
    # Another coder's codings do not count as this coder's.
    code, out, _ = run(
        "search", project, "lockdown", "--code", "competitive-tendering", "--coder", "ben",
        "--yes", "--json",
    )  # fmt: skip
    assert code == 0
    assert json.loads(out) == {
        "hits": 1,
        "coded": 1,
        "skipped": 0,
        "code": "competitive-tendering",
        "coder": "ben",
        "warnings": [],
    }


def test_without_a_terminal_or_yes_it_refuses_and_changes_nothing(
    project_file: Path, transcript: Path
) -> None:
    project = imported(project_file, transcript)
    code, _, err = run("search", project, QUERY, "--code", "competitive-tendering")
    assert code == 1
    assert err.strip().splitlines() == [
        "error: not coding without a yes: give --yes to apply the code from a script"
    ]
    assert codings(project) == []
    code, _, err = run("search", project, QUERY, "--code", "no-such-code", "--yes")
    assert code == 1 and err.startswith("error: ") and len(err.strip().splitlines()) == 1


def _answer(project: str, answer: str) -> tuple[int, str]:
    """Run the command on a terminal and type the answer to its question."""
    main, secondary = pty.openpty()
    env = os.environ | {"PYTHONPATH": str(Path(__file__).parents[2])}
    command = ["search", project, QUERY, "--code", "competitive-tendering", "--coder", "ana"]
    process = subprocess.Popen(
        [sys.executable, "-c", "from qualcode.cli.app import main; main()", *command],
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
    )
    os.close(secondary)
    os.write(main, answer.encode() + b"\n")
    shown = b""
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    process.wait(timeout=600)
    os.close(main)
    return process.returncode, shown.decode(errors="replace")


def test_on_a_terminal_it_asks_and_no_changes_nothing(project_file: Path, transcript: Path) -> None:
    project = imported(project_file, transcript)
    status, shown = _answer(project, "n")
    assert status == 1 and "Code 2 passages with 'competitive-tendering' for ana?" in shown
    assert "nothing was changed" in shown
    assert codings(project) == []
    status, shown = _answer(project, "y")
    assert status == 0 and "Coded 2 passages" in shown
    assert len(codings(project)) == 2
