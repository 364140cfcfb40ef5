"""The anonymise commands end to end: check, register, dismiss, key, preview."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

INTERVIEW = """Interviewer: How do you get your contracts?

Priya: Through tenders, mostly. My colleague Dean Hollis writes the bids and we meet in Leeds.

Interviewer: Anything else?

Priya: Ring me on 07700 900123 if you need more.
"""


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def project(runner: CliRunner, project_file: Path, tmp_path: Path) -> Path:
    source = tmp_path / "interview-07.txt"
    source.write_text(INTERVIEW, encoding="utf-8")
    code, _, err = run(runner, "import", project_file, source, "--participant", "Interviewee 7")
    assert code == 0, err
    return project_file


def check(runner: CliRunner, project: Path) -> dict[str, str]:
    code, out, err = run(runner, "anonymise", "check", project, "--json")
    assert code == 0, err
    return {f["value"]: f["kind"] for doc in json.loads(out) for f in doc["findings"]}


def test_check_register_and_dismiss(runner: CliRunner, project: Path) -> None:
    assert check(runner, project) == {
        "Dean Hollis": "name",
        "Leeds": "capitalised",
        "07700 900123": "phone",
    }
    code, out, _ = run(
        runner, "anonymise", "register", project, "Dean Hollis", "--participant", "Interviewee 7"
    )
    assert code == 0 and "Registered" in out
    code, out, _ = run(runner, "anonymise", "dismiss", project, "Leeds")
    assert code == 0 and "Dismissed" in out
    assert check(runner, project) == {"07700 900123": "phone"}
    code, out, _ = run(runner, "anonymise", "dismiss", project, "leeds", "--undo")
    assert code == 0 and "removed" in out
    assert "Leeds" in check(runner, project)


def test_check_table_and_unknown_participant(runner: CliRunner, project: Path) -> None:
    code, out, _ = run(runner, "anonymise", "check", project, "--doc", "1")
    assert code == 0 and "Dean Hollis" in out and "possible identifier" in out
    code, _, err = run(runner, "anonymise", "register", project, "X Y", "--participant", "Nobody")
    assert code == 1 and "no participant labelled 'Nobody'" in err
    code, _, err = run(runner, "anonymise", "register", project, "X", "--kind", "speaker")
    assert code == 1 and "kind must be one of" in err


def test_preview_redacts_everything_registered(runner: CliRunner, project: Path) -> None:
    run(runner, "anonymise", "register", project, "Dean Hollis")
    code, out, _ = run(runner, "anonymise", "preview", project, "--doc", "1")
    assert code == 0
    assert "Priya" not in out and "Dean" not in out and "Hollis" not in out
    # Speakers are shown as exports show them: by participant label or as "Speaker N".
    assert "[Speaker 1]: Through tenders" in out and "[phone]" in out


def test_key_is_private_and_exports_use_it(
    runner: CliRunner, project: Path, tmp_path: Path
) -> None:
    run(runner, "anonymise", "register", project, "Dean Hollis")
    key = tmp_path / "key.json"
    code, out, err = run(runner, "anonymise", "key", project, "--out", key)
    assert code == 0, err
    assert stat.S_IMODE(key.stat().st_mode) == 0o600
    entities = json.loads(key.read_text())["entities"]
    dean = next(e["pseudonym"] for e in entities if e["values"] == ["Dean Hollis"])
    coding = ["--doc", "1", "--passage", "2", "--code", "competitive-tendering", "--coder", "ana"]
    assert run(runner, "code", "add", project, *coding)[0] == 0
    out_file = tmp_path / "quotes.md"
    code, _, err = run(runner, "export", "quotes", project, "--out", out_file, "--key", key)
    assert code == 0, err
    text = out_file.read_text()
    assert f"My colleague [{dean}] writes" in text and "Dean" not in text
    assert "qualcode-pseudonym-key" not in text and "pseudonyms" in text
    run(runner, "anonymise", "register", project, "Leeds", "--kind", "place")
    code, _, err = run(runner, "export", "quotes", project, "--out", out_file, "--key", key)
    assert code == 0 and "1 identifier is not in the key" in err
    assert "we meet in [place]" in out_file.read_text()
    code, out, _ = run(runner, "anonymise", "key", project, "--out", key)
    assert "(1 new)" in out
    code, _, err = run(runner, "export", "quotes", project, "--out", key, "--key", key)
    assert code == 1 and "refusing to overwrite" in err
