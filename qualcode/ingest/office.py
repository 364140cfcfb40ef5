"""Readers for word-processor files: Word (.docx, python-docx) and OpenDocument (.odt, odfpy)."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from typing import Any

from odf.element import Node
from odf.namespaces import OFFICENS, TEXTNS
from odf.opendocument import load as load_odf

from qualcode.ingest.archive import check_archive
from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import fail, read_transcript
from qualcode.ingest.segment import LABEL, classify_label
from qualcode.ingest.types import ReadDocument

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Word elements whose content is not part of the visible running text.
_DOCX_SKIP = frozenset(
    f"{_W}{tag}" for tag in ("del", "delText", "moveFrom", "instrText", "txbxContent")
) | {_MC_FALLBACK}
# A table's first cell that names the speaker of the second ("Interviewer" | "So tell me...").
_LABEL_CELL = re.compile(LABEL)
# OpenDocument elements inside a paragraph that hold no running text (notes, comments, frames).
_ODF_SKIP = frozenset({(TEXTNS, "note"), (OFFICENS, "annotation"), (TEXTNS, "tracked-changes")})
_ODF_SKIP_LOCAL = frozenset({"frame", "custom-shape", "sequence-decls", "forms"})


def read_docx(name: str, data: bytes) -> ReadDocument:
    """Read a Word document: body paragraphs and table rows in order, one paragraph each."""
    blocks = docx_paragraphs(name, data)
    return read_transcript(name, "docx", normalise_text("\n\n".join(blocks)))


def docx_paragraphs(name: str, data: bytes) -> list[str]:
    """A Word document's body paragraphs and table rows in order, as their visible text."""
    import docx  # loaded for Word files only, not for every import

    check_archive(name, data)
    try:
        body = docx.Document(io.BytesIO(data)).element.body
        return list(_docx_blocks(body))
    except Exception:  # zip, package, XML and content-type errors from python-docx and lxml
        raise fail(name, "not a valid Word document (corrupt or not a .docx)") from None


def _docx_blocks(container: Any) -> Iterator[str]:
    """Paragraph texts of a body or content control, descending into tables."""
    for child in container.iterchildren():
        tag = child.tag
        if tag == f"{_W}p":
            yield _docx_text(child)
        elif tag == f"{_W}tbl":
            for row in child.iterchildren(f"{_W}tr"):
                cells = [
                    "\n".join(_docx_text(p) for p in tc.iter(f"{_W}p")).strip()
                    for tc in row.iterchildren(f"{_W}tc")
                ]
                yield from _table_row(cells)
        elif tag in (f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"):
            yield from _docx_blocks(child)


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


def _table_row(cells: list[str]) -> list[str]:
    """A table row as paragraphs; a label cell beside a text cell reads "Label: text"."""
    filled = [c for c in cells if c]
    if len(filled) == 2:
        label = " ".join(filled[0].rstrip(":").split())
        if _LABEL_CELL.fullmatch(label) and classify_label(label) is not None:
            return [f"{label}: {filled[1]}"]
    return filled


def read_odt(name: str, data: bytes) -> ReadDocument:
    """Read an OpenDocument text: text:p and text:h elements in order, one paragraph each."""
    check_archive(name, data)
    try:
        doc = load_odf(io.BytesIO(data))
        if not str(doc.mimetype).startswith("application/vnd.oasis.opendocument.text"):
            raise ValueError(doc.mimetype)
        blocks = list(_odf_blocks(doc.text))
    except Exception:  # zip, manifest, SAX parse and structure errors from odfpy
        raise fail(name, "not a valid OpenDocument text (corrupt or not an .odt)") from None
    return read_transcript(name, "odt", normalise_text("\n\n".join(blocks)))


def _odf_blocks(element: Any) -> Iterator[str]:
    """Texts of the paragraphs and headings under an element, in document order."""
    for child in element.childNodes:
        if child.nodeType != Node.ELEMENT_NODE or _odf_skipped(child):
            continue
        if child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
            yield _odf_text(child)
        else:
            yield from _odf_blocks(child)


def _odf_skipped(element: Any) -> bool:
    qname = element.qname
    return qname in _ODF_SKIP or qname[1] in _ODF_SKIP_LOCAL


def _odf_text(element: Any) -> str:
    """Text of a paragraph, with text:s spaces, tabs and line breaks."""
    parts: list[str] = []
    for child in element.childNodes:
        if child.nodeType == Node.TEXT_NODE:
            parts.append(str(child.data))
        elif child.nodeType != Node.ELEMENT_NODE or _odf_skipped(child):
            continue
        elif child.qname == (TEXTNS, "s"):
            count = child.getAttrNS(TEXTNS, "c")
            parts.append(" " * (int(count) if count and str(count).isdigit() else 1))
        elif child.qname == (TEXTNS, "tab"):
            parts.append("\t")
        elif child.qname == (TEXTNS, "line-break"):
            parts.append("\n")
        else:
            parts.append(_odf_text(child))
    return "".join(parts)
