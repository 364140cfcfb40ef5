"""Write the audit report to a file, as HTML or Markdown by the file's extension."""

from __future__ import annotations

from pathlib import Path

from qualcode.audit.report import ReportData
from qualcode.audit.report_html import render_html
from qualcode.audit.report_md import render_markdown
from qualcode.errors import QualcodeError
from qualcode.files import write_text

FORMATS = {".html": render_html, ".htm": render_html, ".md": render_markdown}


def write_report(data: ReportData, path: Path) -> None:
    """Render the report for the file's extension and write it whole (or not at all)."""
    render = FORMATS.get(path.suffix.lower())
    if render is None:
        raise QualcodeError(f"{path}: the report file must end in .html or .md")
    write_text(path, render(data))
