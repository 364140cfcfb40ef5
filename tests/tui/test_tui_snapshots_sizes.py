"""Snapshots of the transcript and code view at 80×24 and 200×50 (update with --snapshot-update)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from conftest import keys

from qualcode.store.db import Project, open_project
from qualcode.store.documents import find_document
from qualcode.store.workbench import apply_code, code_rows
from qualcode.tui.app import QualcodeApp

SIZES = {"small": (80, 24), "large": (200, 50)}
Snap = Callable[..., bool]


@pytest.fixture
def coded(study: Path) -> Iterator[Project]:
    """The study with codings whose keys are long, by two coders."""
    project = open_project(str(study))
    with project.write() as session:
        codes = {code.key: code.id for code in code_rows(session, "ana")}
        document = find_document(session, "1")
        apply_code(session, document.id, codes["competitive-tendering"], "ana", 122, 143)
        apply_code(session, document.id, codes["full-cost-recovery"], "ana", 100, 270)
        apply_code(session, document.id, codes["cancelled-sessions"], "ben", 310, 436)
        apply_code(session, document.id, codes["security-clearance"], "ana", 371, 436)
    yield project
    project.close()


@pytest.mark.parametrize("size", SIZES)
def test_transcript_with_a_sentence_selected(snap_compare: Snap, coded: Project, size: str) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    pressed = keys("j", "j", "s", "right_parenthesis")
    assert snap_compare(app, terminal_size=SIZES[size], run_before=pressed)


@pytest.mark.parametrize("size", SIZES)
def test_transcript_finding_words(snap_compare: Snap, coded: Project, size: str) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("f", *"lockdown"))


def test_transcript_side_pane_shown_at_80(snap_compare: Snap, coded: Project) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZES["small"], run_before=keys("j", "j", "z"))


@pytest.mark.parametrize("size", SIZES)
def test_code_view(snap_compare: Snap, coded: Project, size: str) -> None:
    app = QualcodeApp(coded, "ana", document=1)
    assert snap_compare(app, terminal_size=SIZES[size], run_before=keys("j", "j", "c"))
