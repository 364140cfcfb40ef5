"""The participant sheet: name-like columns are never public, dry runs, removing an attribute."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, Identifier, Participant
from qualcode.tables.columns import PRIVATE, PUBLIC, REFUSED, column_use


def run(runner: CliRunner, *args: object, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, [str(a) for a in args], input=input)
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def imported(runner: CliRunner, project_file: Path, transcript: Path) -> Path:
    code, _, err = run(runner, "import", project_file, transcript, "--participant", "Interviewee 7")
    assert code == 0, err
    return project_file


def state(project: Path) -> tuple[dict[str, dict[str, str]], set[tuple[str, str]]]:
    with open_project(str(project)) as opened, opened.read() as session:
        attributes = {p.label: dict(p.attributes) for p in session.scalars(select(Participant))}
        identifiers = {(i.kind, i.value) for i in session.scalars(select(Identifier))}
    return attributes, identifiers


@pytest.mark.parametrize(
    ("header", "use", "kind"),
    [
        ("Name", PRIVATE, "name"),
        ("Full name", PRIVATE, "name"),
        ("Participant's name", PRIVATE, "name"),
        ("SURNAME", PRIVATE, "name"),
        ("E-mail", PRIVATE, "other"),
        ("Mobile no.", PRIVATE, "other"),
        ("Work e-mail", PRIVATE, "other"),
        ("School name", PRIVATE, "name"),
        ("Organisation name", PRIVATE, "organisation"),
        ("Mobile number", PRIVATE, "other"),
        ("Post code", PRIVATE, "place"),
        ("Home address", PRIVATE, "place"),
        ("Date of birth", REFUSED, "a date of birth"),
        ("DOB", REFUSED, "a date of birth"),
        ("organisation_type", PUBLIC, ""),
        ("Age band", PUBLIC, ""),
    ],
)
def test_headers_are_judged_after_normalising(header: str, use: str, kind: str) -> None:
    column = column_use(header)
    assert (column.use, column.kind) == (use, kind)


def test_name_email_and_phone_columns_are_never_public(
    runner: CliRunner, imported: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "Label,Full Name,E-mail,Phone,Sector,Documents\n"
        "Interviewee 7,Priya Sharma,priya@example.org,0161 496 0001,housing,interview-07.txt\n",
        encoding="utf-8",
    )
    code, _, err = run(runner, "participants", "import", imported, sheet)
    assert code == 0, err
    attributes, identifiers = state(imported)
    assert attributes["Interviewee 7"] == {"sector": "housing"}
    assert {("name", "Priya Sharma"), ("other", "priya@example.org")} <= identifiers
    listing = run(runner, "docs", imported, "--json")[1]
    assert "Priya Sharma" not in listing and "priya@" not in listing
    assert json.loads(listing)[0]["attributes"] == {"sector": "housing"}


def test_dry_run_shows_every_column_and_changes_nothing(
    runner: CliRunner, imported: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text(
        "label,name,email,size,documents\nInterviewee 7,Priya Sharma,p@x.org,small,a.txt\n"
    )
    before = state(imported)
    code, out, err = run(runner, "participants", "import", imported, sheet, "--dry-run")
    assert code == 0, err
    assert "  label: label\n" in out
    assert "  name: private identifier (name)\n" in out
    assert "  email: private identifier (other)\n" in out
    assert "  size: public attribute\n" in out
    assert "  documents: documents\n" in out
    assert "nothing was changed" in out
    assert state(imported) == before


def test_date_of_birth_column_is_refused_by_name(
    runner: CliRunner, imported: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("label,Date of Birth,size\nInterviewee 7,1970-01-02,small\n")
    before = state(imported)
    code, _, err = run(runner, "participants", "import", imported, sheet)
    assert code == 1
    assert err.strip().splitlines() == [
        "error: sheet.csv: column 'Date of Birth' holds a date of birth, which qualcode does "
        "not keep; remove the column from the sheet and import again"
    ]
    assert state(imported) == before
    code, out, err = run(runner, "participants", "import", imported, sheet, "--dry-run")
    assert code == 1 and "Date of Birth: refused: holds a date of birth" in out
    assert state(imported) == before


def test_old_public_name_becomes_private_on_reimport(
    runner: CliRunner, imported: Path, tmp_path: Path
) -> None:
    with open_project(str(imported)) as opened, opened.write() as session:
        participant = session.scalars(select(Participant)).one()
        # What an earlier version made of a sheet with a `name` column.
        participant.attributes = {"name": "Priya Sharma", "size": "small"}
    # Until it is put right, `docs` does not show it as public.
    listing = json.loads(run(runner, "docs", imported, "--json")[1])
    assert listing[0]["attributes"] == {"size": "small"}
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("label,real_name,size\nInterviewee 7,Priya Sharma,small\n")
    code, out, err = run(runner, "participants", "import", imported, sheet)
    assert code == 0, err
    assert "1 name-like public attribute value from an earlier" in out
    attributes, identifiers = state(imported)
    assert attributes["Interviewee 7"] == {"size": "small"}
    assert ("name", "Priya Sharma") in identifiers


def test_attribute_remove_asks_then_removes_everywhere_in_one_event(
    runner: CliRunner, imported: Path, tmp_path: Path
) -> None:
    sheet = tmp_path / "sheet.csv"
    sheet.write_text("label,nickname_band,size\nInterviewee 7,Pri,small\nInterviewee 8,Al,large\n")
    assert run(runner, "participants", "import", imported, sheet)[0] == 0
    code, out, err = run(
        runner, "participants", "attribute", "remove", imported, "nickname_band", input="n\n"
    )
    assert code == 1 and "2 participants" in out and "nothing was changed" in err
    assert state(imported)[0]["Interviewee 8"] == {"nickname_band": "Al", "size": "large"}
    code, out, err = run(
        runner, "participants", "attribute", "remove", imported, "nickname_band", input="y\n"
    )
    assert code == 0, err
    assert "Removed 'nickname_band' from 2 participants." in out
    assert state(imported)[0] == {
        "Interviewee 7": {"size": "small"},
        "Interviewee 8": {"size": "large"},
    }
    with open_project(str(imported)) as opened, opened.read() as session:
        events = list(
            session.scalars(
                select(AuditEvent).where(AuditEvent.action == "participant.attribute_remove")
            )
        )
    assert len(events) == 1
    assert "Pri" not in json.dumps(events[0].after) and 'Al"' not in json.dumps(events[0].after)
    code, _, err = run(runner, "participants", "attribute", "remove", imported, "size", "--yes")
    assert code == 0, err
    code, _, err = run(runner, "participants", "attribute", "remove", imported, "size", "--yes")
    assert code == 1 and err.strip() == "error: no participant has an attribute 'size'"
    # The audit trail stays whole: one chained event per removal.
    code, out, err = run(runner, "check", imported)
    assert code == 0, out + err
