"""Core of open coding, codebook editing and stable number keys, on a real project file."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from qualcode.errors import QualcodeError
from qualcode.importing import import_files
from qualcode.store.codebook_edits import edit_code, restore_code_state
from qualcode.store.codes import code_state, find_code, rename_code
from qualcode.store.db import Project, open_project
from qualcode.store.models import AuditEvent, Code, Coding
from qualcode.store.number_keys import (
    every_coders_keys,
    fix_number_keys,
    number_keys,
    pin_key,
    slot_of,
)
from qualcode.store.open_coding import create_and_apply, in_vivo_name, undo_create
from qualcode.store.workbench import apply_code
from qualcode.withdraw.removals import remove_code


@pytest.fixture
def study(project_file: Path, transcript: Path) -> Path:
    with open_project(str(project_file)) as project:
        import_files(project, [transcript], participant="Interviewee 7", coder="tester")
    return project_file


def actions(project: Project) -> list[str]:
    with project.read() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.sequence)))


def test_create_and_apply_is_one_audited_change_that_undo_takes_back(study: Path) -> None:
    with open_project(str(study)) as project:
        with project.write() as session:
            created = create_and_apply(
                session, "  Trust  in   the regime ", "prison-disruption", 1, "ana", 100, 150
            )
        assert (created.key, created.name) == ("trust-in-the-regime", "Trust in the regime")
        with project.read() as session:
            code = find_code(session, "trust-in-the-regime")
            assert code.parent is not None and code.parent.key == "prison-disruption"
            [coding] = session.scalars(select(Coding).where(Coding.code_id == code.id))
            assert (coding.start, coding.end, coding.coder.name) == (100, 150, "ana")
        assert actions(project)[-3:] == ["code.add", "coder.add", "coding.add"]
        with project.write() as session, pytest.raises(QualcodeError, match="already exists"):
            create_and_apply(session, "trust IN the regime", None, 1, "ana", 0, 10)
        with project.write() as session:
            undo_create(session, created, "ana")
        with project.read() as session:
            assert session.scalar(select(Code).where(Code.key == created.key)) is None
            assert session.scalar(select(func.count(Coding.id))) == 0
        assert actions(project)[-2:] == ["coding.remove", "code.remove"]


def test_in_vivo_names_are_the_words_cut_at_a_word() -> None:
    assert in_vivo_name('  "not a level\nplaying field."  ') == "not a level playing field"
    long = in_vivo_name("word " * 30)
    assert long.endswith("…") and len(long) <= 61 and "wor…" not in long


def test_edit_and_restore_a_code(study: Path) -> None:
    with open_project(str(study)) as project:
        with project.write() as session:
            before = code_state(find_code(session, "competitive-tendering"))
            rename_code(session, "competitive-tendering", new_key="tenders", new_name="Tenders")
            edit_code(
                session,
                "tenders",
                description="Bidding for contracts.",
                include=["bids", "  "],
                cues=["tender", "bid  round"],
                coder="ana",
            )
        with project.read() as session:
            code = find_code(session, "tenders")
            assert (code.description, code.include, code.cues) == (
                "Bidding for contracts.",
                ["bids"],
                ["tender", "bid round"],
            )
        with project.write() as session:
            restore_code_state(session, "tenders", before, coder="ana")
        with project.read() as session:
            assert code_state(find_code(session, "competitive-tendering")) == before
        assert "code.edit" in actions(project) and "code.restore" in actions(project)


def test_number_keys_are_written_once_and_move_only_when_pinned(study: Path) -> None:
    with open_project(str(study)) as project:
        with project.write() as session:
            first = fix_number_keys(session, "ana")
            codes = {c.key: c.id for c in session.scalars(select(Code))}
            slot_seven = next(code for code, slot in first.items() if slot == 7)
            # Using a code a lot would move it up a usage ranking: the keys must not follow.
            for n in range(5):
                apply_code(session, 1, slot_seven, "ana", 10 * n, 10 * n + 5)
        with project.read() as session:
            assert number_keys(session, "ana") == first
        with project.write() as session:
            keys = pin_key(session, "ana", "level-playing-field", slot_of("3"))
        assert keys[codes["level-playing-field"]] == 3
        with project.write() as session:
            keys = pin_key(session, "ana", "level-playing-field", slot_of("0"))
            shown = every_coders_keys(session)
        assert keys[codes["level-playing-field"]] == 10
        assert shown["ana"]["0"] == "level-playing-field"
        assert list(shown["ana"]) == [*"1234567890"]
        with project.write() as session:
            remove_code(session, "level-playing-field", into=None, coder="ana")
            assert every_coders_keys(session)["ana"]["0"] is None
        assert actions(project).count("coder.pin") == 2
        with pytest.raises(QualcodeError, match="one digit"):
            slot_of("12")
