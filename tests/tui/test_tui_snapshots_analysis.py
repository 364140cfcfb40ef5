"""Snapshots of the matrix and query screens at 80×24 and 200×50 (update: --snapshot-update)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import steps
from test_tui_matrix import code_study

from qualcode.analysis.summaries import set_summary
from qualcode.store.db import Project, open_project
from qualcode.tui.app import QualcodeApp

SIZES = {"small": (80, 24), "large": (200, 50)}
Snap = Callable[..., bool]


@pytest.fixture
def analysed(study: Path) -> Iterator[Project]:
    """The coded study with one cell summary that looks like Rich markup."""
    project = open_project(str(code_study(study)))
    with project.write() as session:
        text = "[bold red]x[/] Tendering and clearance both slow"
        set_summary(session, "participant", "Interviewee 7", "commissioning", text, coder="ana")
    yield project
    project.close()


def keys(*pressed: str) -> Callable[[Any], Any]:
    # one at a time: each may start a worker the next one needs
    return steps(*[(key,) for key in pressed])


@pytest.mark.parametrize("size", SIZES)
def test_matrix_screen(snap_compare: Snap, analysed: Project, size: str) -> None:
    app = QualcodeApp(analysed, "ana")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("f4"))


@pytest.mark.parametrize("size", SIZES)
def test_query_screen(snap_compare: Snap, analysed: Project, size: str) -> None:
    app = QualcodeApp(analysed, "ana")
    typed = "commissioning OR partnership-levels"
    assert snap_compare(
        app, terminal_size=SIZES[size], run_before=keys("f6", *typed, "enter", "down")
    )
