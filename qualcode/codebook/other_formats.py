"""Recognise files that are not YAML codebooks, so `codebook import` can say what they are."""

from __future__ import annotations

_SEE_FORMAT = "see docs/codebook-format.md"

# (what the file is, what to do with it), by the file's name ending.
_BY_SUFFIX = {
    ".qdc": ("a REFI-QDA codebook", "import it with 'qualcode codebook import-qdc'"),
    ".qde": (
        "a REFI-QDA project file",
        "export it from the other tool as a .qdpx archive and run 'qualcode import'",
    ),
    ".qdpx": ("a REFI-QDA project archive", "import it with 'qualcode import PROJECT FILE.qdpx'"),
    ".csv": ("a CSV table", "write the codebook as YAML (see docs/codebook-format.md)"),
    ".tsv": ("a tab-separated table", "write the codebook as YAML (see docs/codebook-format.md)"),
    ".xlsx": ("an Excel workbook", "write the codebook as YAML (see docs/codebook-format.md)"),
    ".docx": ("a Word document", "write the codebook as YAML (see docs/codebook-format.md)"),
    ".pdf": ("a PDF", "write the codebook as YAML (see docs/codebook-format.md)"),
    ".json": ("a JSON file", "write the codebook as YAML (see docs/codebook-format.md)"),
}


def other_format(name: str, head: bytes) -> str | None:
    """A one-line explanation if the file is plainly not a YAML codebook, else None.

    Judged by the name ending and then the first bytes (a zip archive, an XML document), so a
    renamed file is still recognised.
    """
    suffix = name[name.rfind(".") :].lower() if "." in name else ""
    if suffix in _BY_SUFFIX:
        what, todo = _BY_SUFFIX[suffix]
        return f"{name} is {what}, not a YAML codebook: {todo}"
    start = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:200]
    if start.startswith(b"PK\x03\x04"):
        return (
            f"{name} is a zip archive (a .qdpx, .docx or .xlsx?), not a YAML codebook: "
            "import a .qdpx with 'qualcode import', a .qdc with 'qualcode codebook import-qdc'"
        )
    if start.startswith(b"<"):
        if b"CodeBook" in head[:2000]:
            return f"{name} is a REFI-QDA codebook: import it with 'qualcode codebook import-qdc'"
        return f"{name} is an XML or HTML document, not a YAML codebook ({_SEE_FORMAT})"
    return None
