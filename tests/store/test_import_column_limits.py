"""Values longer than their columns: a title is cut to fit; a file PostgreSQL still refuses
fails alone, with a one-line reason, and the rest of its batch goes in."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from qualcode.importing import import_files
from qualcode.store.db import Project
from qualcode.store.models import Document


def test_a_heading_longer_than_a_title_is_cut_to_fit(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    heading = "Notes on the tender round " * 30  # 780 characters
    (folder / "a.md").write_text(
        f"# {heading}\n\nInterviewer: How did it go?\n\nMorgan: Badly.\n", encoding="utf-8"
    )
    outcomes = import_files(project, [folder], coder="ana")
    assert [o.status for o in outcomes] == ["imported"]
    with project.read() as session:
        [title] = session.scalars(select(Document.title))
    assert len(title) == 500 and title.endswith("…") and heading.startswith(title[:-1])


def test_a_file_the_database_refuses_fails_alone(project: Project, tmp_path: Path) -> None:
    folder = tmp_path / "captions"
    folder.mkdir()
    voice = " ".join(["Morgan"] * 40)  # 279 characters: a speaker column holds 200
    (folder / "a.vtt").write_text(
        f"WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v {voice}>Hello there.\n\n"
        "00:00:03.000 --> 00:00:04.000\n<v Sam>Hi.\n",
        encoding="utf-8",
    )
    (folder / "b.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v Sam>We lost the contract.\n",
        encoding="utf-8",
    )
    outcomes = import_files(project, [folder], coder="ana")
    assert outcomes[1].status == "imported"
    if project.engine.dialect.name == "postgresql":  # SQLite does not enforce the length
        assert outcomes[0].status == "failed"
        assert outcomes[0].message.startswith("a.vtt: cannot be stored (value too long")
        assert "\n" not in outcomes[0].message
    with project.read() as session:
        sources = list(session.scalars(select(Document.source_name)))
    assert "b.vtt" in sources
