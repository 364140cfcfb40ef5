"""Reader for Word files (.docx, python-docx); tables are read as table_rows describes."""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

from qualcode.ingest.archive import check_archive
from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import fail, read_transcript
from qualcode.ingest.header import join_details
from qualcode.ingest.marked_headings import Heading, heading_offsets
from qualcode.ingest.table_rows import read_table
from qualcode.ingest.types import ReadDocument
from qualcode.ingest.word_headings import heading_styles, is_heading

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Word elements whose content is not part of the visible running text.
_DOCX_SKIP = frozenset(
    f"{_W}{tag}" for tag in ("del", "delText", "moveFrom", "instrText", "txbxContent")
) | {_MC_FALLBACK}


def read_docx(name: str, data: bytes) -> ReadDocument:
    """Read a Word document: body paragraphs and table rows in order, one paragraph each."""
    speakers: list[str] = []
    blocks = join_details(docx_paragraphs(name, data, speakers))
    text = normalise_text("\n\n".join(blocks))
    headings = heading_offsets(text, blocks)
    return read_transcript(name, "docx", text, named=speakers, headings=headings)


def docx_paragraphs(name: str, data: bytes, speakers: list[str] | None = None) -> list[str]:
    """A Word document's body paragraphs and table rows in order, as their visible text;
    the labels in its tables' speaker columns are added to `speakers`; headings (by style,
    or a short bold line) are Heading strings."""
    import docx  # loaded for Word files only, not for every import

    check_archive(name, data)
    try:
        document = docx.Document(io.BytesIO(data))
        body, headings = document.element.body, heading_styles(document)
        return list(_docx_blocks(body, [] if speakers is None else speakers, headings))
    except Exception:  # zip, package, XML and content-type errors from python-docx and lxml
        raise fail(name, "not a valid Word document (corrupt or not a .docx)") from None


def _docx_blocks(container: Any, speakers: list[str], headings: frozenset[str]) -> Iterator[str]:
    """Paragraph texts of a body or content control, descending into tables; `headings`
    are the ids of the heading styles."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            text = _docx_text(child)
            yield Heading(text) if is_heading(child, text, headings) else text
        elif tag == f"{_W}tbl":
            rows = [
                [
                    "\n".join(_docx_text(p) for p in tc.iter(f"{_W}p")).strip()
                    for tc in row.iterchildren(f"{_W}tc")
                ]
                for row in child.iterchildren(f"{_W}tr")
            ]
            table = read_table(rows)
            speakers.extend(s for s in table.speakers if s not in speakers)
            yield from table.paragraphs
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _docx_blocks(child, speakers, headings)


def _docx_text(element: Any) -> str:
    """Visible text of a Word paragraph: text runs, tabs and line breaks, not deletions."""
    parts: list[str] = []
    for child in element.iterchildren():
        tag = child.tag
        if not isinstance(tag, str) or tag in _DOCX_SKIP:
            continue
        if tag == f"{_W}t":
            parts.append(child.text or "")
        elif tag == f"{_W}tab":
            parts.append("\t")
        elif tag in (f"{_W}br", f"{_W}cr"):
            parts.append("\n")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        else:
            parts.append(_docx_text(child))
    return "".join(parts)
