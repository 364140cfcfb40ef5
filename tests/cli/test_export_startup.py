"""`qualcode export quotes` loads only what the chosen format needs."""

from __future__ import annotations

from pathlib import Path

from cli_loaded_modules import loaded_by

# Pydantic was Typer's check of the --out path (0.1 s of start-up); the other formats'
# writers and the suggestion libraries are not needed for Markdown or Word.
UNUSED = ["pydantic", "openpyxl", "spacy", "numpy", "scipy", "alembic", "jinja2", "docx"]


def test_a_markdown_export_loads_no_pydantic_and_no_word_writer(
    project_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "quotes.md"
    assert loaded_by(["export", "quotes", str(project_file), "--out", str(out)], UNUSED) == []
    assert out.exists()


def test_a_word_export_loads_python_docx_only(project_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "quotes.docx"
    args = ["export", "quotes", str(project_file), "--out", str(out), "--format", "docx"]
    assert loaded_by(args, UNUSED) == ["docx"]
    assert out.exists()
