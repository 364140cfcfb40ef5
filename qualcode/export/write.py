"""Write a quote set in the format asked for (or implied by the file name), atomically."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from qualcode.errors import QualcodeError
from qualcode.export.markdown import render_markdown
from qualcode.export.model import FORMATS, QuoteSet
from qualcode.files import atomic_path

EXTENSIONS = {".md": "md", ".markdown": "md", ".htm": "html", ".html": "html"}


def format_for(path: Path, explicit: str | None) -> str:
    """The export format: --format if given, else from the file extension."""
    if explicit is not None:
        if explicit not in FORMATS:
            raise QualcodeError(f"--format must be one of {', '.join(FORMATS)}")
        return explicit
    suffix = path.suffix.lower()
    fmt = EXTENSIONS.get(suffix, suffix.lstrip("."))
    if fmt not in FORMATS:
        raise QualcodeError(
            f"{path.name}: cannot tell the format from '{suffix or 'no extension'}'; "
            f"give --format ({', '.join(FORMATS)})"
        )
    return fmt


def check_template(fmt: str, template: Path | None) -> None:
    """Refuse --template for a format that is not HTML (it would be silently ignored)."""
    if template is not None and fmt != "html":
        raise QualcodeError(f"--template works only with HTML output, not {fmt}")


def quote_set_json(quote_set: QuoteSet) -> dict[str, Any]:
    """The quote set as plain data for scripts."""
    quotes = quote_set.all_quotes()
    return {
        "format": "qualcode-quotes",
        "version": 1,
        "title": quote_set.title,
        "generated_at": quote_set.generated_at,
        "options": quote_set.described,
        "counts": {"quotes": len(quotes), "participants": len({q.participant for q in quotes})},
        "groups": [g.as_json() for g in quote_set.groups],
    }


def _write(quote_set: QuoteSet, path: Path, fmt: str, template: Path | None) -> None:
    # Each writer's library (Jinja2, openpyxl, python-docx) loads only for its own format.
    if fmt == "md":
        path.write_text(render_markdown(quote_set), encoding="utf-8")
    elif fmt == "html":
        from qualcode.export.html import render_html

        path.write_text(render_html(quote_set, template), encoding="utf-8")
    elif fmt == "json":
        text = json.dumps(quote_set_json(quote_set), ensure_ascii=False, indent=2)
        path.write_text(text + "\n", encoding="utf-8")
    elif fmt == "csv":
        from qualcode.export.tables import write_csv

        write_csv(quote_set, path)
    elif fmt == "xlsx":
        from qualcode.export.tables import write_xlsx

        write_xlsx(quote_set, path)
    else:
        from qualcode.export.word import write_docx

        write_docx(quote_set, path)


def write_quote_set(
    quote_set: QuoteSet, path: Path, fmt: str, template: Path | None = None
) -> None:
    """Write the export whole or not at all, readable by its owner only (see files.atomic_path);
    `template`: the user's own HTML template for the html format."""
    with atomic_path(path) as temporary:
        _write(quote_set, temporary, fmt, template)
