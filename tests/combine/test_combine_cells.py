"""Combining brings cell summaries and coders' number keys, and reports where they differ."""

from __future__ import annotations

import shutil
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.analysis.summaries import set_summary, summaries_by_cell
from qualcode.cli.app import app
from qualcode.store.db import open_project
from qualcode.store.models import Code, Coder, Participant
from qualcode.store.number_keys import number_keys, pin_key


def run(*args: object) -> tuple[int, str]:
    result = CliRunner().invoke(app, [str(a) for a in args])
    return result.exit_code, result.output


def texts(target: Path) -> set[str]:
    with open_project(str(target)) as project, project.read() as session:
        return set(summaries_by_cell(session).values())


def keys_of(target: Path, coder: str) -> dict[str, int]:
    with open_project(str(target)) as project, project.read() as session:
        keys = number_keys(session, coder)
        return {session.get_one(Code, code_id).key: slot for code_id, slot in keys.items()}


def copies(demo: Path, tmp_path: Path) -> tuple[Path, Path, str, str]:
    """Ours summarises one cell; theirs (by cy) the same cell differently and another one,
    and cy pinned a code on key 1."""
    ours, theirs = tmp_path / "ours.qc", tmp_path / "theirs.qc"
    shutil.copy(demo, ours)
    shutil.copy(demo, theirs)
    with open_project(str(ours)) as project, project.read() as session:
        first, second = session.scalars(select(Participant.label).order_by(Participant.id)).all()[
            :2
        ]
        code = session.scalars(select(Code.key).order_by(Code.id)).all()[-1]
    with open_project(str(ours)) as project, project.write() as session:
        set_summary(session, "participant", first, code, "Ours: mixed views.", coder="dee")
    with open_project(str(theirs)) as project, project.write() as session:
        set_summary(session, "participant", first, code, "Theirs: mostly hopeful.", coder="cy")
        set_summary(session, "participant", second, code, "Theirs: sceptical.", coder="cy")
        pin_key(session, "cy", code, 1)
    return ours, theirs, first, code


def test_summaries_and_keys_come_in_and_conflicts_keep_ours(demo: Path, tmp_path: Path) -> None:
    ours, theirs, first, code = copies(demo, tmp_path)
    before = texts(ours)
    status, output = run("import", ours, theirs)
    assert status == 0, output
    assert texts(ours) == before | {"Theirs: sceptical."}
    assert f"cell summary (code '{code}' by participant '{first}') differs there" in output
    assert "cell summaries: 1 matched, 1 added" in output
    assert keys_of(ours, "cy")[code] == 1 and "coder keys: 1 added" in output
    status, output = run("import", ours, theirs)  # again: nothing new, the conflict still told
    assert (
        status == 0 and "Nothing new" in output and texts(ours) == before | {"Theirs: sceptical."}
    )
    assert run("check", ours)[0] == 0


def test_prefer_other_takes_their_summary(demo: Path, tmp_path: Path) -> None:
    ours, theirs, _, _ = copies(demo, tmp_path)
    status, output = run("import", ours, theirs, "--prefer-other")
    assert status == 0, output
    found = texts(ours)
    assert "Theirs: mostly hopeful." in found and "Ours: mixed views." not in found
    assert "taken from the other project" in output
    assert run("check", ours)[0] == 0


def test_one_coders_work_only(demo: Path, tmp_path: Path) -> None:
    ours, theirs, _, _ = copies(demo, tmp_path)
    before = texts(ours)
    status, output = run("import", ours, theirs, "--coder", "tester")
    assert status == 0, output
    assert texts(ours) == before  # cy's summaries stay out
    with open_project(str(ours)) as project, project.read() as session:
        assert session.scalar(select(Coder).where(Coder.name == "cy")) is None  # nor cy's keys
