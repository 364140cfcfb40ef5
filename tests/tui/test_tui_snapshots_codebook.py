"""Snapshots of the palette offering a new code and the codebook screen, small and large."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import keys, steps

from qualcode.store.db import Project, open_project
from qualcode.store.workbench import apply_code, code_rows
from qualcode.tui.app import QualcodeApp

Snap = Callable[..., bool]
SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((200, 50), id="200x50")]


@pytest.fixture
def study_project(study: Path) -> Iterator[Project]:
    project = open_project(str(study))
    with project.write() as session:
        codes = {code.key: code.id for code in code_rows(session, "ana")}
        apply_code(session, 1, codes["competitive-tendering"], "ana", 122, 143)
    yield project
    project.close()


@pytest.mark.parametrize("size", SIZES)
def test_palette_offers_to_create_a_code(
    snap_compare: Snap, study_project: Project, size: tuple[int, int]
) -> None:
    app = QualcodeApp(study_project, "ana", document=1)
    pressed = keys("j", "j", "a", *"trust in officers")
    assert snap_compare(app, terminal_size=size, run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_palette_new_code_asks_for_its_theme(
    snap_compare: Snap, study_project: Project, size: tuple[int, int]
) -> None:
    app = QualcodeApp(study_project, "ana", document=1)
    pressed = keys("j", "j", "a", *"zqxv blorp", "enter")
    assert snap_compare(app, terminal_size=size, run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_codebook_screen(snap_compare: Snap, study_project: Project, size: tuple[int, int]) -> None:
    app = QualcodeApp(study_project, "ana", document=1)
    assert snap_compare(app, terminal_size=size, run_before=steps(("C",), ("down",)))


@pytest.mark.parametrize("size", SIZES)
def test_codebook_edit_form(
    snap_compare: Snap, study_project: Project, size: tuple[int, int]
) -> None:
    app = QualcodeApp(study_project, "ana", document=1)
    assert snap_compare(
        app,
        terminal_size=size,
        run_before=steps(
            ("C",),
            (
                "down",
                "e",
            ),
        ),
    )


@pytest.mark.parametrize("size", SIZES)
def test_codebook_remove_confirmation(
    snap_compare: Snap, study_project: Project, size: tuple[int, int]
) -> None:
    app = QualcodeApp(study_project, "ana", document=1)
    pressed = steps(
        ("C",),
        (
            "down",
            "x",
            "down",
            "enter",
        ),
    )
    assert snap_compare(app, terminal_size=size, run_before=pressed)
