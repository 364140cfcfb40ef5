"""`codebook edit` and the coders' number keys in `codebook show --json`."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.number_keys import pin_key


def run(runner: CliRunner, *args: object, given: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], input=given)
    return result.exit_code, result.stdout, result.stderr


def shown(runner: CliRunner, project: Path) -> dict[str, object]:
    return dict(json.loads(run(runner, "codebook", "show", project, "--json")[1]))


def code(tree: dict[str, object], key: str) -> dict[str, object]:
    stack = list(tree["codes"])  # type: ignore[call-overload]
    while stack:
        item = stack.pop()
        if item["key"] == key:
            return dict(item)
        stack.extend(item["children"])
    raise AssertionError(key)


def test_edit_then_remove_with_confirmation(
    runner: CliRunner, project_file: Path, transcript: Path
) -> None:
    assert run(runner, "import", project_file, transcript, "--participant", "P7")[0] == 0
    status, _, err = run(
        runner, "codebook", "edit", project_file, "mission-drift",
        "--description", "[bold]Drift[/bold] towards funders", "--cue", "drift", "--cue", "chase",
    )  # fmt: skip
    assert status == 0, err
    edited = code(shown(runner, project_file), "mission-drift")
    assert edited["description"] == "[bold]Drift[/bold] towards funders"
    assert edited["cues"] == ["drift", "chase"]
    add = ("code", "add", project_file, "--doc", "1", "--code", "mission-drift", "--span", "0:20")
    assert run(runner, *add)[0] == 0
    status, out, _ = run(runner, "codebook", "remove", project_file, "mission-drift", "--yes")
    assert status == 0, out
    assert '"key": "mission-drift"' not in json.dumps(shown(runner, project_file)["codes"])


def test_show_json_lists_each_coders_number_keys(runner: CliRunner, project_file: Path) -> None:
    assert shown(runner, project_file)["number_keys"] == {}
    with open_project(str(project_file)) as project, project.write() as session:
        pin_key(session, "ana", "volunteers", 2)
    keys = shown(runner, project_file)["number_keys"]
    assert isinstance(keys, dict) and keys["ana"]["2"] == "volunteers"
    assert list(keys["ana"]) == [*"1234567890"]
