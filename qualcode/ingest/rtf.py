"""Reader for Rich Text Format (.rtf, as Word and agencies save it): striprtf to plain text."""

from __future__ import annotations

import codecs
import re

from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import fail, read_transcript
from qualcode.ingest.table_rows import read_table
from qualcode.ingest.types import ReadDocument

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
# "\par" (not "\pard", not an escaped "\\par"): doubled so that paragraphs are blank-line
# apart as in a Word file; "\line" (a soft break) stays a single line break.
_PAR = re.compile(r"(?<!\\)\\par(?![a-zA-Z])")
# Table rows and cells, kept as private-use characters through striprtf (which would write
# "|"), so that a row "Interviewer | How is funding?" reads "Interviewer: How is funding?".
_CELL, _ROW_START, _ROW_END = "\ue000", "\ue001", "\ue002"
_TABLE_WORDS = (
    (re.compile(r"(?<!\\)\\cell(?![a-zA-Z])"), r"\\u57344?"),
    (re.compile(r"(?<!\\)\\trowd(?![a-zA-Z])"), r"\\u57345?"),
    (re.compile(r"(?<!\\)\\row(?![a-zA-Z])"), r"\\u57346?"),
)
_TABLE_MARK = re.compile(f"[{_CELL}{_ROW_START}{_ROW_END}]")


def read_rtf(name: str, data: bytes) -> ReadDocument:
    """Read an RTF file: paragraphs, \\'xx bytes in the file's code page, \\u escapes."""
    # Imported here: only RTF imports pay for loading striprtf.
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise fail(name, "not an RTF file (it does not start with {\\rtf)")
    source = _PAR.sub(r"\\par\\par", data.decode(_code_page(data), errors="replace"))
    for pattern, marker in _TABLE_WORDS:
        source = pattern.sub(marker, source)
    try:
        text: str = rtf_to_text(source, errors="replace")  # type: ignore[no-untyped-call]
    except (ValueError, LookupError, IndexError, RecursionError):
        raise fail(name, "not a valid RTF file (corrupt)") from None
    # \u escapes above U+FFFF arrive as two surrogates: pair them.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    speakers: list[str] = []
    return read_transcript(name, "rtf", normalise_text(_tables(text, speakers)), named=speakers)


def _tables(text: str, speakers: list[str]) -> str:
    """Tables as paragraphs, as the Word reader makes them (see table_rows): the rows that
    follow one another make a table; its speaker column's labels are added to `speakers`."""
    if _TABLE_MARK.search(text) is None:
        return text
    out: list[str] = []
    rows: list[list[str]] = []  # the rows of the table being read
    cells: list[str] | None = None  # the cells of the row being read
    pos = 0
    for m in _TABLE_MARK.finditer(text):
        chunk, mark, pos = text[pos : m.start()], m.group(), m.end()
        if cells is None:
            if chunk.strip():  # text between two rows: the table has ended
                _end_table(rows, out, speakers)
            if mark == _ROW_END:
                out.append(chunk)
                continue
            cells = []
            if mark == _ROW_START:
                out.append(chunk)
                continue
        if mark == _CELL:
            cells.append(re.sub(r"\n+", "\n", chunk).strip())
        elif mark == _ROW_END:
            rows.append(cells)
            cells = None
    _end_table(rows, out, speakers)
    out.append(text[pos:])
    return "".join(out)


def _end_table(rows: list[list[str]], out: list[str], speakers: list[str]) -> None:
    """Write the table read so far as paragraphs, and start the next."""
    if rows:
        table = read_table(rows)
        speakers.extend(s for s in table.speakers if s not in speakers)
        out.append("\n\n" + "\n\n".join(table.paragraphs) + "\n\n")
        rows.clear()


def _code_page(data: bytes) -> str:
    """The \\ansicpg code page the file declares (Windows-1252 when none or unknown)."""
    m = _CODE_PAGE.search(data[:4096])
    if m is not None:
        encoding = f"cp{int(m.group(1))}"
        try:
            codecs.lookup(encoding)
            return encoding
        except LookupError:
            pass
    return "cp1252"
