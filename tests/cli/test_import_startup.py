"""`qualcode import` of plain text loads no reader, combiner or editor it does not use."""

from __future__ import annotations

from pathlib import Path

import docx
from cli_loaded_modules import loaded_by

# What a folder of .txt transcripts does not need: the other formats' readers, charset
# detection (UTF-8 files), YAML front matter, combining projects, editing, Alembic (the
# project is current), the suggestion and export libraries, Pydantic (Typer's check of the
# list of paths and the flags) and the ORM models (declaring them and configuring their
# mappers): each of the last two was a fifth of a second of start-up. Files are written on a
# Core connection, so SQLAlchemy's ORM does not load at all (0.08 s of CPU).
UNUSED = [
    "docx", "odfdo", "pypdf", "striprtf", "charset_normalizer", "frontmatter", "yaml",
    "qualcode.combine", "qualcode.revise.edit", "rapidfuzz", "alembic", "spacy", "numpy",
    "openpyxl", "lxml", "jinja2", "pydantic", "qualcode.store.models", "sqlalchemy.orm",
]  # fmt: skip


def _loaded_by_import(project: Path, *files: Path) -> list[str]:
    return loaded_by(["import", str(project), *map(str, files), "--coder", "ana"], UNUSED)


def test_importing_text_files_loads_only_what_text_needs(
    project_file: Path, tmp_path: Path
) -> None:
    notes = tmp_path / "notes"
    notes.mkdir()
    for number in (1, 2):
        (notes / f"interview-{number}.txt").write_text(
            f"Interviewer: How did the tender go ({number})?\n\nAna: We were undercut.\n\n"
            "Interviewer: And then?\n\nAna: We lost it.\n",
            encoding="utf-8",
        )
    assert _loaded_by_import(project_file, notes) == []


def test_a_word_file_loads_its_reader(project_file: Path, tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("Interviewer: How did the tender go?")
    document.add_paragraph("Ana: We were undercut.")
    path = tmp_path / "interview.docx"
    document.save(str(path))
    assert "docx" in _loaded_by_import(project_file, path)
