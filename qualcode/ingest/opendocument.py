"""Reader for OpenDocument text (.odt): content.xml read with lxml from a checked archive."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from typing import Any

from qualcode.ingest.archive import check_archive
from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import fail, read_transcript
from qualcode.ingest.header import join_details
from qualcode.ingest.marked_headings import Heading, heading_offsets
from qualcode.ingest.table_rows import read_table
from qualcode.ingest.types import ReadDocument, ReadError

_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_MIMETYPE = "application/vnd.oasis.opendocument.text"  # also -template, -master, -web
# Elements holding no running text of the interview: notes, comments, the deleted text of
# tracked changes, frames (text boxes, pictures), and generated tables of contents and
# indexes that repeat the headings.
_SKIPPED_TEXT = (
    "note", "tracked-changes", "sequence-decls", "ruby-text", "table-of-content",
    "alphabetical-index", "illustration-index", "table-index", "object-index", "user-index",
    "bibliography",
)  # fmt: skip
_SKIP = frozenset(
    [f"{_TEXT}{tag}" for tag in _SKIPPED_TEXT] + [f"{_OFFICE}annotation", f"{_OFFICE}forms"]
)
_SKIP_LOCAL = frozenset({"frame", "custom-shape", "rect", "line", "ellipse", "g"})
# ODF collapses runs of white space in character data (spaces, tabs and newlines written to
# indent the XML) to one space; spaces meant to show are written as text:s, tabs as text:tab.
_WHITE = re.compile(r"[ \t\r\n]+")
# A text:s element with a huge count would expand a few bytes into gigabytes.
_MAX_SPACES = 64
_ERROR = "not a valid OpenDocument text (corrupt or not an .odt)"


def read_odt(name: str, data: bytes) -> ReadDocument:
    """Read an OpenDocument text: paragraphs and headings in order, one paragraph each (a
    heading ends a turn); a table row whose first cell names the speaker of the second reads
    "Label: text"."""
    check_archive(name, data)  # every member's size and CRC checked: reading it is bounded
    try:
        body = _office_text(name, data)
        speakers: list[str] = []
        blocks = list(_blocks(body, speakers))
    except ReadError:
        raise
    except Exception:  # zip, XML syntax and structure errors
        raise fail(name, _ERROR) from None
    blocks = join_details(blocks)
    text = normalise_text("\n\n".join(blocks))
    headings = heading_offsets(text, blocks)
    return read_transcript(name, "odt", text, named=speakers, headings=headings)


def _office_text(name: str, data: bytes) -> Any:
    """The office:text element of content.xml, parsed without DTDs, entities or network."""
    import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]

    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
        remove_pis=True,
    )  # fmt: skip
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if _media_type(archive, etree, parser) != _MIMETYPE:
            raise fail(name, _ERROR)
        root = etree.fromstring(archive.read("content.xml"), parser)
    body = root.find(f"{_OFFICE}body/{_OFFICE}text")
    if body is None:
        raise fail(name, _ERROR)
    return body


def _media_type(archive: zipfile.ZipFile, etree: Any, parser: Any) -> str:
    """The package's media type: its `mimetype` member, else the manifest's root entry."""
    names = set(archive.namelist())
    if "mimetype" in names:
        return archive.read("mimetype").decode("ascii", "replace").strip()
    if "META-INF/manifest.xml" in names:
        manifest = etree.fromstring(archive.read("META-INF/manifest.xml"), parser)
        for entry in manifest.iter(f"{_MANIFEST}file-entry"):
            if entry.get(f"{_MANIFEST}full-path") == "/":
                return str(entry.get(f"{_MANIFEST}media-type", ""))
    return ""


def _skipped(element: Any) -> bool:
    tag = element.tag
    return not isinstance(tag, str) or tag in _SKIP or tag.rpartition("}")[2] in _SKIP_LOCAL


def _blocks(container: Any, speakers: list[str]) -> Iterator[str]:
    """Texts of the paragraphs and headings under an element, in document order; the labels
    in its tables' speaker columns are added to `speakers`."""
    for child in container:
        if _skipped(child):
            continue
        if child.tag == f"{_TEXT}h":
            yield Heading(_text(child))
        elif child.tag == f"{_TEXT}p":
            yield _text(child)
        elif child.tag == f"{_TABLE}table":
            rows = [
                [
                    "\n".join(_blocks(cell, speakers)).strip()
                    for cell in row.iterchildren(f"{_TABLE}table-cell")
                ]
                for row in _rows(child)
            ]
            table = read_table(rows)
            speakers.extend(s for s in table.speakers if s not in speakers)
            yield from table.paragraphs
        else:
            yield from _blocks(child, speakers)


def _rows(table: Any) -> Iterator[Any]:
    """A table's rows, inside header-row and row groups too, not those of nested tables."""
    for child in table:
        if child.tag == f"{_TABLE}table-row":
            yield child
        elif child.tag in (f"{_TABLE}table-header-rows", f"{_TABLE}table-rows",
                           f"{_TABLE}table-row-group"):  # fmt: skip
            yield from _rows(child)


def _text(element: Any) -> str:
    """Visible text of a paragraph: runs, text:s spaces, tabs and line breaks; the text after
    a skipped note or comment still belongs to the paragraph."""
    parts = [_WHITE.sub(" ", element.text or "")]
    for child in element:
        tag = child.tag
        if _skipped(child):
            pass
        elif tag == f"{_TEXT}s":
            count = child.get(f"{_TEXT}c", "1")
            spaces = int(count) if count.isascii() and count.isdigit() else 1
            parts.append(" " * min(spaces, _MAX_SPACES))
        elif tag == f"{_TEXT}tab":
            parts.append("\t")
        elif tag == f"{_TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text(child))
        parts.append(_WHITE.sub(" ", child.tail or ""))
    return "".join(parts)
