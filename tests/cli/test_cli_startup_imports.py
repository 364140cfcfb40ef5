"""The CLI loads heavy libraries only inside the commands that use them (issue 14)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from cli_loaded_modules import loaded_by
from typer.testing import CliRunner

from qualcode.cli.app import app

# Each of these costs tens to hundreds of milliseconds to import; none is needed to list
# commands, report status, search or show a document, or apply a code.
HEAVY = [
    "spacy", "thinc", "numpy", "scipy", "openpyxl", "docx", "odf", "alembic", "pypdf",
    "textual", "lxml", "rapidfuzz", "yaml", "sklearn", "psycopg", "pydantic", "jinja2",
]  # fmt: skip

# Declaring the ORM models and configuring their mappers is most of what a command costs
# beyond the floor; the commands that only read counts, lists or search hits do without, and
# so does `code add`, which writes the coding and its audit events with plain SQL.
MODELS = "qualcode.store.models"


def _loaded_by(*args: str, watched: list[str] = HEAVY) -> list[str]:
    return loaded_by(list(args), watched)


def test_loading_the_cli_loads_no_heavy_library() -> None:
    script = (
        "import sys\n"
        "import qualcode.cli.app\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.strip() == "[]"


@pytest.fixture(scope="module")
def coded_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("startup")
    (folder / "interview.txt").write_text(
        "Interviewer: How do you get contracts?\n\nAna: Through competitive tendering.\n",
        encoding="utf-8",
    )
    project = folder / "study.qc"
    runner = CliRunner()
    for args in (["init", project], ["import", project, folder / "interview.txt"]):
        result = runner.invoke(app, [str(arg) for arg in args])
        assert result.exit_code == 0, result.output
    return project


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["status", "{project}"],
        ["docs", "{project}"],
        ["search", "{project}", "tendering"],
        ["show", "{project}", "1"],
        ["code", "add", "{project}", "--doc", "1", "--passage", "1", "--code", "volunteers"],
        ["code", "--help"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_everyday_commands_load_no_heavy_library(coded_project: Path, args: list[str]) -> None:
    assert _loaded_by(*(arg.format(project=coded_project) for arg in args)) == []


@pytest.mark.parametrize(
    "args",
    [
        ["status", "{project}"],
        ["docs", "{project}"],
        ["search", "{project}", "tendering"],
        ["show", "{project}", "1"],
        ["code", "add", "{project}", "--doc", "1", "--passage", "2", "--code", "commissioning"],
    ],
    ids=lambda args: " ".join(args[:2]),
)
def test_everyday_commands_declare_no_models(coded_project: Path, args: list[str]) -> None:
    command = (arg.format(project=coded_project) for arg in args)
    assert _loaded_by(*command, watched=[MODELS]) == []


@pytest.mark.parametrize(("out", "needed"), [("quotes.md", []), ("quotes.docx", ["docx", "lxml"])])
def test_an_export_loads_its_own_writer_only(
    coded_project: Path, out: str, needed: list[str]
) -> None:
    # The export group also holds the REFI-QDA commands; neither they nor other formats load.
    watched = ["openpyxl", "docx", "lxml", "jinja2", "qualcode.refi.api"]
    args = ["export", "quotes", str(coded_project), "--out", str(coded_project.parent / out)]
    assert _loaded_by(*args, watched=watched) == needed
