"""Shared fixtures: a real project file with the default codebook, and a CLI runner."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.codebook.yamlio import load_codebook
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.db import Project

TRANSCRIPT = """Interview 7 — housing charity — 3 May 2024

Interviewer: How do you get your contracts these days?

Priya: Mostly through competitive tendering, and honestly the pre-qualification questionnaire
alone took us three weeks. We were undercut on price by a national provider.

Interviewer: And inside the prisons?

Priya: Sessions get cancelled at short notice when there's a lockdown. Security clearance for
our volunteers took four months.
"""


@pytest.fixture
def project_file(tmp_path: Path) -> Path:
    """A new project file with the default codebook (closed, ready to open)."""
    path = tmp_path / "study.qc"
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder="tester")
    project.close()
    return path


@pytest.fixture
def project(project_file: Path) -> Iterator[Project]:
    from qualcode.store.db import open_project

    opened = open_project(str(project_file))
    yield opened
    opened.close()


@pytest.fixture
def transcript(tmp_path: Path) -> Path:
    """A small real interview transcript file."""
    path = tmp_path / "interview-07.txt"
    path.write_text(TRANSCRIPT, encoding="utf-8")
    return path


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()
