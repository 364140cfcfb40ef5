"""Sources kept as documents inside a .qdpx (NVivo for Mac: a .docx beside a 1-byte .txt)."""

from __future__ import annotations

import io
from pathlib import Path

import docx
from fpdf import FPDF
from test_qdpx_errors_and_quirks import SOURCE, import_new, qde, qdpx, selection

from qualcode.store.db import open_project
from qualcode.store.models import Coding, Document

PARAGRAPHS = [
    "Interviewer: How is the resettlement service paid for now?",
    "Participant: Mostly through the probation framework, and every renewal feels precarious.",
    "Interviewer: And the volunteers?",
]


def word_file(paragraphs: list[str]) -> bytes:
    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def pdf_file(lines: list[str]) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for line in lines:
        pdf.multi_cell(0, 6, line)
        pdf.ln(4)
    return bytes(pdf.output())


def source(body: str, plain: str | None, rich: str) -> str:
    path = f' plainTextPath="internal://{plain}"' if plain else ""
    return (
        f'<TextSource guid="{SOURCE}" name="Interview B"{path} '
        f'richTextPath="internal://{rich}">{body}</TextSource>'
    )


def coded(tmp_path: Path) -> list[tuple[str, str]]:
    with open_project(str(tmp_path / "new.qc")) as project, project.read() as session:
        return [
            (c.document.text[c.start : c.end], c.code.name) for c in session.query(Coding).all()
        ]


def test_a_one_byte_text_beside_a_word_document_imports_the_document(tmp_path: Path) -> None:
    plain_text = "\n".join(PARAGRAPHS)  # the tool counts one line break between paragraphs
    start = plain_text.index("probation framework")
    body = selection(start, start + len("probation framework"))
    files = {f"sources/{SOURCE}.txt": b"\n", f"sources/{SOURCE}.docx": word_file(PARAGRAPHS)}
    project = qde(source(body, f"{SOURCE}.txt", f"{SOURCE}.docx"))
    summary = import_new(tmp_path, qdpx(tmp_path, project, files))
    assert (summary.documents, summary.codings) == (1, 1)
    assert coded(tmp_path) == [("probation framework", "Funding pots")]
    with open_project(str(tmp_path / "new.qc")) as project, project.read() as session:
        text = session.query(Document).one().text
    assert "every renewal feels precarious" in text and "And the volunteers?" in text


def test_a_word_document_without_any_plain_text_path(tmp_path: Path) -> None:
    files = {f"Sources/{SOURCE}.docx": word_file(PARAGRAPHS)}
    summary = import_new(tmp_path, qdpx(tmp_path, qde(source("", None, f"{SOURCE}.docx")), files))
    assert summary.documents == 1 and not [r for r in summary.remarks if "Interview B" in r]


def test_a_pdf_document_source(tmp_path: Path) -> None:
    files = {f"sources/{SOURCE}.pdf": pdf_file(PARAGRAPHS)}
    summary = import_new(tmp_path, qdpx(tmp_path, qde(source("", None, f"{SOURCE}.pdf")), files))
    assert summary.documents == 1
    with open_project(str(tmp_path / "new.qc")) as project, project.read() as session:
        assert "probation framework" in session.query(Document).one().text


def test_an_empty_text_and_an_unreadable_document_are_skipped_with_a_reason(
    tmp_path: Path,
) -> None:
    files = {f"sources/{SOURCE}.txt": b"\n", f"sources/{SOURCE}.docx": b"not a zip at all"}
    path = qdpx(tmp_path, qde(source("", f"{SOURCE}.txt", f"{SOURCE}.docx")), files)
    summary = import_new(tmp_path, path)
    assert summary.documents == 0
    assert any("Interview B" in remark for remark in summary.remarks)


def test_a_selection_of_only_a_line_break_is_left_out(tmp_path: Path) -> None:
    text = "\n".join(PARAGRAPHS)
    newline = text.index("\n")
    word = text.index("volunteers")
    body = selection(newline, newline + 1) + selection(word, word + len("volunteers"))
    files = {f"sources/{SOURCE}.txt": text.encode()}
    path = qdpx(tmp_path, qde(source(body, f"{SOURCE}.txt", f"{SOURCE}.docx")), files)
    summary = import_new(tmp_path, path)
    assert summary.codings == 1
    assert coded(tmp_path) == [("volunteers", "Funding pots")]
    assert "1 selections held only spaces or line breaks; not imported" in summary.remarks


def test_init_with_no_codebook_then_import_gives_the_other_tools_codebook_alone(
    tmp_path: Path,
) -> None:
    import json

    from typer.testing import CliRunner

    from qualcode.cli.app import app

    runner = CliRunner()
    files = {f"sources/{SOURCE}.txt": "\n".join(PARAGRAPHS).encode()}
    path = qdpx(tmp_path, qde(source("", f"{SOURCE}.txt", f"{SOURCE}.docx")), files)
    empty, default = tmp_path / "empty.qc", tmp_path / "default.qc"
    assert runner.invoke(app, ["init", str(empty), "--codebook", "none"]).exit_code == 0
    assert runner.invoke(app, ["init", str(default)]).exit_code == 0
    for project in (empty, default):
        result = runner.invoke(app, ["import", str(project), str(path)])
        assert result.exit_code == 0, result.output
    shown = json.loads(runner.invoke(app, ["codebook", "show", str(empty), "--json"]).stdout)
    assert [code["name"] for code in shown["codes"]] == ["Funding pots"]
    assert shown["codebook"] == "Tool project"
    shown = json.loads(runner.invoke(app, ["codebook", "show", str(default), "--json"]).stdout)
    assert len(shown["codes"]) > 1 and shown["codebook"] != "Tool project"
