"""Small real projects for the suggester: transcripts imported, passages coded by keyword."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from qualcode.codebook.yamlio import load_codebook
from qualcode.importing import import_files
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project, open_project
from qualcode.store.models import Passage

NEUTRAL = "We moved the office to a new street last year and the weather was lovely."
INTERVIEWS = {
    "alpha": [
        "We lost the tender to a national provider after a bidding round; competing against "
        "bigger charities in every tender is exhausting.",
        NEUTRAL,
        "Security clearance for our new staff took four months, the vetting forms kept getting "
        "lost and nobody could draw keys.",
        "Our volunteers do most of it; we recruit and train volunteer mentors every spring and "
        "they give their time freely.",
    ],
    "bravo": [
        "The contract went out to tender again and we were bidding against three rivals, so "
        "it was competition all over again.",
        "Vetting is the killer. Clearance for a sessional worker can take half a year and "
        "without keys they need an escort everywhere.",
        "I had a nice lunch with the team and we talked about holidays and football.",
        "Volunteering is the heart of it: forty volunteers, mostly retired, mentoring men "
        "after release, and we train every one of them.",
    ],
    "charlie": [
        "Every three years it is re-tendered and we compete with the very people we refer to; "
        "we won the last tender but lost the one before.",
        "Volunteer mentors give their time each week; recruiting volunteers and keeping them "
        "trained is a job in itself.",
        "Our clearance applications vanish for weeks; security vetting stalls and new staff "
        "cannot get keys or an induction.",
        "The building has a lift now, which is good, and the car park was resurfaced.",
    ],
    "delta": [
        "We bid in an open competition and lost the contract to a rival provider at the "
        "tendering stage.",
        "Half our mentors are volunteers who were recruited through the church and trained by us.",
        "The prison security department held our vetting for months; clearance and key "
        "training came through only in spring.",
        "My daughter started school in September and loves it.",
    ],
}
CODES = {
    "tender": "competitive-tendering",
    "clearance": "security-clearance",
    "volunteer": "volunteers",
}


def write_interview(folder: Path, name: str, answers: list[str]) -> Path:
    """A plain-text interview: each answer follows an interviewer question."""
    lines = [f"Interview {name}", ""]
    for number, answer in enumerate(answers, start=1):
        lines += [f"Interviewer: Question {number}, please?", "", f"Rowan: {answer}", ""]
    path = folder / f"interview-{name}.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def code_by_keyword(project: Project, coder: str = "ana") -> int:
    """Code every answer passage whose text names a keyword with that keyword's code."""
    added = 0
    with project.write() as session:
        for passage in session.scalars(select(Passage).order_by(Passage.id)):
            if passage.speaker != "Rowan":
                continue
            for word, key in CODES.items():
                if word in passage.text.lower():
                    start = passage.start + len("Rowan: ")
                    code = find_code(session, key)
                    add_coding(session, passage.document, code, coder, start, passage.end)
                    added += 1
    return added


def build_project(folder: Path, interviews: dict[str, list[str]] | None = None) -> Path:
    """A project file with the default codebook, the interviews imported and coded by ana."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "study.qc"
    project, _ = new_project(str(path), load_codebook(DEFAULT_CODEBOOK), coder="tester")
    with project:
        files = [write_interview(folder, n, a) for n, a in (interviews or INTERVIEWS).items()]
        outcomes = import_files(project, files, coder="tester")
        assert all(o.status == "imported" for o in outcomes), outcomes
        code_by_keyword(project)
    return path


@pytest.fixture(scope="session")
def coded_project_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per session; tests that change it use `coded_project` (a copy)."""
    return build_project(tmp_path_factory.mktemp("nlp") / "base")


@pytest.fixture
def coded_project_path(coded_project_file: Path, tmp_path: Path) -> Path:
    path = tmp_path / "study.qc"
    shutil.copy(coded_project_file, path)
    return path


@pytest.fixture
def coded_project(coded_project_path: Path) -> Iterator[Project]:
    project = open_project(str(coded_project_path))
    yield project
    project.close()
