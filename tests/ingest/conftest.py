"""Fixtures for the reader tests: real .docx and .odt files built with their own libraries."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Paragraphs = list[str | list[list[str]]]


@pytest.fixture
def make_docx(tmp_path: Path) -> Callable[..., Path]:
    """Write a .docx; each item is a paragraph (str, "\\n" = line break, "\\t" = tab) or a
    table (list of rows of cell texts)."""
    import docx

    def make(items: Paragraphs, name: str = "interview.docx") -> Path:
        document = docx.Document()
        for item in items:
            if isinstance(item, str):
                paragraph = document.add_paragraph()
                for i, line in enumerate(item.split("\n")):
                    run = paragraph.add_run(line)
                    if i < item.count("\n"):
                        run.add_break()
            else:
                table = document.add_table(rows=len(item), cols=len(item[0]))
                for r, row in enumerate(item):
                    for c, cell in enumerate(row):
                        table.cell(r, c).text = cell
        path = tmp_path / name
        document.save(str(path))
        return path

    return make


@pytest.fixture
def make_odt(tmp_path: Path) -> Callable[..., Path]:
    """Write an .odt with odfdo from a builder function that appends elements to the body."""
    from odfdo import Document

    def make(build: Callable[[Any], None], name: str = "interview.odt") -> Path:
        document = Document("text")
        document.body.clear()
        build(document.body)
        buffer = io.BytesIO()
        document.save(buffer)
        path = tmp_path / name
        path.write_bytes(buffer.getvalue())
        return path

    return make
