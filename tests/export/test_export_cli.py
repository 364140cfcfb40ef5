"""`qualcode export quotes` on the demo project: every format, filters, warnings and refusals."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from export_helpers import read_back
from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.anonymise.lexicon import is_common_word
from qualcode.cli.app import app
from qualcode.demo import build_demo
from qualcode.store.db import open_project
from qualcode.store.models import Document, Identifier

FORMATS = ("md", "docx", "csv", "xlsx", "json", "html")
# Mentioned in passing in the demo transcripts but on no participant sheet.
UNREGISTERED = {"Jo Pinder", "Dean", "Cath Donnelly", "Ellie", "Aisha", "Paul Greaves", "Mel"}


def leaked(secret: str, text: str) -> bool:
    """Whether a secret is in the text: any case, unless it is made of everyday words
    ("Haven", "Open Door"), which only count with their capitals ("they haven't" is fine)."""
    everyday = all(is_common_word(w) for w in secret.split())
    flags = 0 if everyday else re.IGNORECASE
    return re.search(rf"(?<!\w){re.escape(secret)}(?!\w)", text, flags) is not None


def run(runner: CliRunner, *args: object) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("demo") / "demo.qc"
    build_demo(str(path), coder="tester", train=False)
    return path


@pytest.fixture(scope="module")
def secrets(demo: Path) -> list[str]:
    """Registered identifiers, titles and file names that must stay out of exports."""
    project = open_project(str(demo))
    with project.read() as session:
        values = list(session.scalars(select(Identifier.value)))
        documents = list(session.scalars(select(Document)))
        values += [d.source_name for d in documents]
        values += [
            d.title for d in documents if not d.title.startswith(("Interview ", "interview-"))
        ]
    project.close()
    return values


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_is_anonymised(
    runner: CliRunner, demo: Path, secrets: list[str], tmp_path: Path, fmt: str
) -> None:
    out = tmp_path / f"quotes.{fmt}"
    code, stdout, stderr = run(runner, "export", "quotes", demo, "--out", out, "--context", "1")
    assert code == 0, stderr
    assert re.search(r"Wrote \d+ quotes from 16 participants in \d+ groups", stdout)
    text = read_back(out)
    assert [s for s in secrets if leaked(s, text)] == []
    assert "[Interviewee 3, music/general rehabilitation charity]" in text or fmt in {
        "csv",
        "xlsx",
        "json",
    }
    warnings = stderr.strip().splitlines()
    assert len(warnings) == 1
    assert re.match(
        r"\d+ unreviewed possible identifiers? redacted as \[name\?\].*"
        r"qualcode anonymise check .*--unreviewed keep to keep them",
        warnings[0],
    )


def test_check_lists_people_not_on_the_sheet(runner: CliRunner, demo: Path) -> None:
    code, out, _ = run(runner, "anonymise", "check", demo, "--json")
    assert code == 0
    values = {f["value"] for doc in json.loads(out) for f in doc["findings"]}
    assert values >= UNREGISTERED
    kinds = {f["kind"] for doc in json.loads(out) for f in doc["findings"]}
    assert kinds >= {"capitalised", "phone", "email", "name"}


def test_filters_grouping_and_labels(runner: CliRunner, demo: Path, tmp_path: Path) -> None:
    out = tmp_path / "small.json"
    code, _, err = run(
        runner, "export", "quotes", demo, "--out", out, "--where", "size=small",
        "--code", "commissioning", "--consensus", "--group-by", "participant",
        "--label", "{label}, {role|lower}",
    )  # fmt: skip
    assert code == 0, err
    data = json.loads(out.read_text())
    assert data["options"]["coders"] == "consensus"
    quotes = [q for g in data["groups"] for q in g["quotes"]]
    assert quotes and all(q["attributes"]["size"] == "small" for q in quotes)
    assert all(c.startswith("commissioning") for q in quotes for c in q["code_paths"])
    assert all(q["coders"] == ["ana", "ben"] for q in quotes)
    assert quotes[0]["label"] == "Interviewee 3, founder and director"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--coder", "ana", "--consensus"], "give --coder or --consensus, not both"),
        (["--where", "size"], "is not ATTR=VALUE"),
        (["--label", "{label|shout}"], "unknown filter 'shout'"),
        (["--code", "comissioning"], "did you mean 'commissioning'"),
        (["--group-by", "colour"], "use code, participant or an attribute"),
        (["--format", "pdf"], "--format must be one of"),
    ],
)
def test_bad_options_fail_in_one_line(
    runner: CliRunner, demo: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    out = tmp_path / "x.md"
    code, _, err = run(runner, "export", "quotes", demo, "--out", out, *args)
    assert code != 0 and message in err
    assert not out.exists()


def test_an_unknown_label_field_is_one_error_naming_the_fields_there_are(
    runner: CliRunner, demo: Path, tmp_path: Path
) -> None:
    out = tmp_path / "x.docx"
    code, stdout, err = run(runner, "export", "quotes", demo, "--out", out, "--label", "{nope}")
    assert code == 1 and stdout == "" and not out.exists()
    assert err.startswith("error: label template: unknown field {nope} (use {label}, {document}, ")
    assert "{role}" in err and "{size}" in err and len(err.splitlines()) == 1
    # a field only some participants have is known: the others' labels drop it
    role = "{label} ({role})"
    code, _, err = run(runner, "export", "quotes", demo, "--out", out, "--label", role)
    assert code == 0, err


def test_refuses_to_overwrite_the_project(runner: CliRunner, demo: Path) -> None:
    code, _, err = run(runner, "export", "quotes", demo, "--out", demo, "--format", "md")
    assert code == 1 and "refusing to overwrite" in err
