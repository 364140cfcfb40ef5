"""Write a memo report as Markdown or Word, whole or not at all."""

from __future__ import annotations

import io
from pathlib import Path

from qualcode.errors import QualcodeError
from qualcode.export.markdown import escape
from qualcode.files import write_format
from qualcode.memos.report import MemoReport
from qualcode.wording import plural

MEMO_FORMATS = {".md": "md", ".markdown": "md", ".docx": "docx"}
TITLE = "Memos"


def memo_format(path: Path, explicit: str | None) -> str:
    """md or docx: --format if given, else from the file's extension."""
    if explicit is not None:
        if explicit not in ("md", "docx"):
            raise QualcodeError("--format must be md or docx")
        return explicit
    fmt = MEMO_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise QualcodeError(f"{path.name}: memos are written as .md or .docx (or give --format)")
    return fmt


def _header(report: MemoReport) -> str:
    return (
        f"{plural(report.count, 'memo')} · identifiers replaced by placeholders · "
        f"exported {report.generated_at}"
    )


def render_memos_markdown(report: MemoReport) -> str:
    """The report as Markdown: a section per kind, each memo under its place."""
    out = [f"# {TITLE}\n", f"{escape(_header(report))}\n"]
    if not report.sections:
        out.append("No memos match this selection.\n")
    for section in report.sections:
        out.append(f"## {escape(section.title)}\n")
        for memo in section.memos:
            out.append(f"### {escape(memo.place)}\n")
            out.append(f"*{escape(memo.coder)}, {memo.date}*\n")
            out.append(f"{escape(memo.text)}\n")
    return "\n".join(out)


def _docx_bytes(report: MemoReport) -> bytes:
    from docx import Document  # only when a Word file is asked for

    document = Document()
    properties = document.core_properties
    properties.title = TITLE
    properties.author = ""
    properties.last_modified_by = ""
    properties.comments = ""
    document.add_heading(TITLE, 0)
    document.add_paragraph(_header(report))
    if not report.sections:
        document.add_paragraph("No memos match this selection.")
    for section in report.sections:
        document.add_heading(section.title, 1)
        for memo in section.memos:
            document.add_heading(memo.place, 2)
            document.add_paragraph().add_run(f"{memo.coder}, {memo.date}").italic = True
            for line in memo.text.split("\n"):
                document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def write_memo_report(report: MemoReport, path: Path, fmt: str) -> None:
    """Write the report atomically, readable by its owner only (see files.atomic_path)."""
    write_format(path, fmt, {
        "md": lambda _: render_memos_markdown(report),
        "docx": lambda _: _docx_bytes(report),
    })  # fmt: skip
