"""A names roster (Otter's SPEAKERS, a header's Participants) reads "Lee, Sara" as one person."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import service_files as sf
from sqlalchemy import select

from qualcode.importing import import_one
from qualcode.ingest.roster import roster_names
from qualcode.store.db import open_project
from qualcode.store.models import Identifier

TURNS = "\n\nLee, Sara  0:04\nHow did it start?\n\nNg, Tom  0:13\nWith a grant.\n"


@pytest.mark.parametrize(
    ("names", "elsewhere", "people"),
    [
        ("Sara Lee, Tom Ng", "", ["Sara Lee", "Tom Ng"]),
        ("Sara, Tom, Jo", "", ["Sara", "Tom", "Jo"]),
        ("Sara, Tom", "", ["Sara", "Tom"]),  # two first names, no sign of a directory
        ("Lee, Sara; Ng, Tom", "", ["Lee, Sara", "Ng, Tom"]),
        ("Lee, Sara (Justice); Ng, Tom", "", ["Lee, Sara (Justice)", "Ng, Tom"]),
        ("Lee, Sara, Ng, Tom", TURNS, ["Lee, Sara", "Ng, Tom"]),  # the turns show the labels
        ("Lee, Sara, Ng, Tom", "", ["Lee, Sara", "Ng, Tom"]),  # "Ng" is no given name
        ("Lee, Sara", TURNS, ["Lee, Sara"]),
        ("Lee, Sara", "", ["Lee", "Sara"]),  # "Lee" may be a given name: two people
        ("Okafor, Tomasz", "", ["Okafor, Tomasz"]),
        ("van der Berg, Jan M., Sara Lee", "", ["van der Berg, Jan M.", "Sara Lee"]),
        ("Lee, Sara (Justice), Ng, Tom", TURNS, ["Lee, Sara (Justice)", "Ng, Tom"]),
        ("Sara Lee, Tom", "Sara Lee, Tom: hello", ["Sara Lee", "Tom"]),  # no one-word surname
    ],
)
def test_a_roster_lists_people_not_pieces(names: str, elsewhere: str, people: list[str]) -> None:
    assert roster_names(names, elsewhere) == people


def _registered(project_file: Path, path: Path) -> set[str]:
    project = open_project(str(project_file))
    try:
        assert import_one(project, path, participant="Interviewee 9", coder="ana").status == (
            "imported"
        )
        with project.read() as session:
            return set(session.scalars(select(Identifier.value)))
    finally:
        project.close()


DIRECTORY = {"Sara Lindqvist": "Lindqvist, Sara", "Tomasz Okafor": "Okafor, Tomasz"}


def test_an_otter_roster_of_directory_names_registers_each_person_once(
    project_file: Path, tmp_path: Path
) -> None:
    interview = tuple(
        dataclasses.replace(u, speaker=DIRECTORY.get(u.speaker, "Brennan, Ngozi (Finance)"))
        for u in sf.INTERVIEW
    )
    path = tmp_path / "partnership.txt"
    path.write_text(sf.otter_txt(interview), encoding="utf-8")
    assert "Lindqvist, Sara, Okafor, Tomasz, Brennan, Ngozi (Finance)" in path.read_text()
    registered = _registered(project_file, path)
    assert registered == {"Lindqvist, Sara", "Okafor, Tomasz", "Brennan, Ngozi (Finance)"}


def test_a_header_list_of_directory_names_registers_each_person_once(
    project_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "notes.txt"
    path.write_text(
        "Participants: Lee, Sara; Pinder, Jo and Tom Ng\n\n"
        "Interviewer: How did it start?\n\nInterviewee: With a grant from the council.\n",
        encoding="utf-8",
    )
    assert _registered(project_file, path) == {"Lee, Sara", "Pinder, Jo", "Tom Ng"}
