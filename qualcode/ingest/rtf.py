"""Reader for Rich Text Format (.rtf, as Word and agencies save it): striprtf to plain text."""

from __future__ import annotations

import codecs
import re

from qualcode.ingest.decode import normalise_text
from qualcode.ingest.document import fail, read_transcript
from qualcode.ingest.types import ReadDocument

_CODE_PAGE = re.compile(rb"\\ansicpg(\d{3,5})")
# "\par" (not "\pard", not an escaped "\\par"): doubled so that paragraphs are blank-line
# apart as in a Word file; "\line" (a soft break) stays a single line break.
_PAR = re.compile(r"(?<!\\)\\par(?![a-zA-Z])")


def read_rtf(name: str, data: bytes) -> ReadDocument:
    """Read an RTF file: paragraphs, \\'xx bytes in the file's code page, \\u escapes."""
    # Imported here: only RTF imports pay for loading striprtf.
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise fail(name, "not an RTF file (it does not start with {\\rtf)")
    source = data.decode(_code_page(data), errors="replace")
    try:
        text: str = rtf_to_text(  # type: ignore[no-untyped-call]
            _PAR.sub(r"\\par\\par", source), errors="replace"
        )
    except (ValueError, LookupError, IndexError, RecursionError):
        raise fail(name, "not a valid RTF file (corrupt)") from None
    # \u escapes above U+FFFF arrive as two surrogates: pair them.
    text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    return read_transcript(name, "rtf", normalise_text(text))


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
