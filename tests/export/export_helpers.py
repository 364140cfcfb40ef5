"""Build small projects for export tests, and read every export format back as plain text."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

from docx import Document as WordDocument
from openpyxl import load_workbook  # type: ignore[import-untyped]

from qualcode.codebook.types import CodebookSpec, CodeSpec
from qualcode.ingest import read_document
from qualcode.project import new_project
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.documents import add_document, add_identifiers, get_or_create_participant
from qualcode.store.models import Document

CODEBOOK = CodebookSpec(
    name="Test codebook",
    description="",
    codes=[
        CodeSpec(
            key="funding",
            name="Funding",
            description="Money matters.",
            children=[
                CodeSpec(key="contracts", name="Contracts", description="Contract terms."),
                CodeSpec(key="grants", name="Grants", description="Grant funding."),
            ],
        ),
        CodeSpec(key="prisons", name="Prisons", description="Prison regimes."),
    ],
)


@dataclass
class Interview:
    """One transcript for a test project."""

    label: str
    text: str
    attributes: dict[str, str] = field(default_factory=dict)
    file_name: str = ""


def build_project(
    path: Path,
    interviews: list[Interview],
    identifiers: Sequence[tuple[str | None, str, str]] = (),
    codings: Sequence[tuple[int, str, str, int, int]] = (),
) -> Project:
    """A project with these interviews, identifiers (label, kind, value) and codings
    (document number from 1, code key, coder, start, end); returned open."""
    project, _ = new_project(str(path), CODEBOOK, coder="tester")
    with project.write() as session:
        for number, interview in enumerate(interviews, start=1):
            name = interview.file_name or f"interview-{number:02d}.txt"
            read = read_document(Path(name), data=interview.text.encode("utf-8"))
            add_document(
                session,
                read,
                participant_label=interview.label or None,
                attributes=interview.attributes or None,
            )
        for label, kind, value in identifiers:
            owner = get_or_create_participant(session, label, coder=None) if label else None
            add_identifiers(session, owner, kind, [value], source="sheet")
    with project.write() as session:
        for number, key, coder, start, end in codings:
            document = session.get(Document, number)
            assert document is not None
            add_coding(session, document, find_code(session, key), coder, start, end)
    return project


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def read_back(path: Path) -> str:
    """Everything a reader of the export could see, as one string."""
    suffix = path.suffix.lstrip(".")
    if suffix in ("md", "csv"):
        text = path.read_text(encoding="utf-8-sig")
        if suffix == "csv":
            rows = list(csv.reader(text.splitlines()))
            text += "\n" + "\n".join(" ".join(row) for row in rows)
        return text
    if suffix == "html":
        raw = path.read_text(encoding="utf-8")
        parser = _Text()
        parser.feed(raw)
        return raw + "\n" + "".join(parser.parts)
    if suffix == "json":
        data = json.loads(path.read_text(encoding="utf-8"))
        return json.dumps(data, ensure_ascii=False)
    if suffix == "xlsx":
        book = load_workbook(path)
        cells = [
            str(cell.value)
            for sheet in book.worksheets
            for row in sheet.iter_rows()
            for cell in row
            if cell.value is not None
        ]
        props = book.properties
        return "\n".join([*cells, str(props.creator), str(props.title), str(props.lastModifiedBy)])
    document = WordDocument(str(path))
    props = document.core_properties
    texts = [p.text for p in document.paragraphs]
    texts += [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    texts += [props.title or "", props.author or "", props.comments or "", props.subject or ""]
    return "\n".join(texts)


def export_whole_interview(
    folder: Path, transcript: str, *import_options: str, names: Sequence[str] = ()
) -> dict[str, str]:
    """Through the CLI: a new project, `transcript` imported as a .txt with `import_options`,
    the whole document coded, names (`names`, as a sheet would) registered to its participant,
    quotes exported (unreviewed names kept) as .md and .docx; each export read back as text,
    Markdown's escaped brackets unescaped."""
    from typer.testing import CliRunner

    from qualcode.cli.app import app
    from qualcode.store.db import open_project

    def run(*args: object) -> None:
        result = CliRunner().invoke(app, [str(a) for a in args])
        assert result.exit_code == 0, result.stderr

    project_file = folder / "study.qc"
    run("init", project_file)
    interview = folder / "interview.txt"
    interview.write_text(transcript, encoding="utf-8")
    run("import", project_file, interview, *import_options)
    project = open_project(str(project_file))
    with project.write() as session:
        document = session.get(Document, 1)
        assert document is not None
        if names and document.participant is not None:
            add_identifiers(session, document.participant, "name", list(names), source="sheet")
        code = find_code(session, "commissioning")
        add_coding(session, document, code, "ana", 0, len(document.text))
    project.close()
    exported = {}
    for fmt in ("md", "docx"):
        out = folder / f"quotes.{fmt}"
        run("export", "quotes", project_file, "--out", out, "--unreviewed", "keep")
        exported[fmt] = read_back(out).replace("\\[", "[")
    return exported
