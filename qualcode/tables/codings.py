"""Codings as CSV: import a coding table (by offsets or by quoted text) and export one."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.ingest.decode import decode_text
from qualcode.numbering import passage_number
from qualcode.store.codes import find_code
from qualcode.store.codings import CodingRecord, add_coding, find_codings
from qualcode.store.documents import find_document
from qualcode.store.models import Document

EXPORT_COLUMNS = (
    "document",
    "document_id",
    "start",
    "end",
    "passage",
    "code",
    "coder",
    "origin",
    "memo",
    "text",
)
SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class CodingRow:
    """One row of a coding table, resolved to offsets."""

    line: int
    document: Document
    code_key: str
    coder: str
    start: int
    end: int
    memo: str | None
    origin: str


def locate(text: str, quote: str) -> tuple[int, int]:
    """Offsets of a quote in a text: exact match first, then ignoring differences in spacing."""
    quote = quote.strip()
    if not quote:
        raise QualcodeError("has neither start/end nor text")
    first = text.find(quote)
    if first >= 0:
        if text.find(quote, first + 1) >= 0:
            raise QualcodeError("its text occurs more than once; give start and end")
        return first, first + len(quote)
    pattern = r"\s+".join(re.escape(word) for word in SPACE.split(quote))
    matches = list(re.finditer(pattern, text))
    if len(matches) == 1:
        return matches[0].start(), matches[0].end()
    if len(matches) > 1:
        raise QualcodeError("its text occurs more than once; give start and end")
    raise QualcodeError("its text is not found in the document")


def read_table(session: Session, path: Path, *, coder: str | None = None) -> list[CodingRow]:
    """Parse and check every row of a coding CSV; any bad row is an error naming its line."""
    try:
        text = decode_text(path.name, path.read_bytes())
    except OSError as exc:
        raise QualcodeError(f"{path.name}: cannot be read ({exc.strerror})") from None
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # a long passage is one field
    reader = csv.DictReader(io.StringIO(text))
    columns = {c.strip().lower() for c in reader.fieldnames or []}
    missing = {"document", "code"} - columns
    if missing:
        raise QualcodeError(f"{path.name}: missing column(s) {', '.join(sorted(missing))}")
    if "coder" not in columns and coder is None:
        raise QualcodeError(f"{path.name}: no 'coder' column; give --coder")
    rows: list[CodingRow] = []
    documents: dict[str, Document] = {}
    for line, raw in enumerate(reader, start=2):
        row = {k.strip().lower(): (v or "").strip() for k, v in raw.items() if k}
        try:
            rows.append(_resolve(session, row, line, documents, coder))
        except QualcodeError as exc:
            raise QualcodeError(f"{path.name}:{line}: {exc}") from None
    return rows


def _resolve(
    session: Session,
    row: dict[str, str],
    line: int,
    documents: dict[str, Document],
    coder: str | None,
) -> CodingRow:
    ref = row.get("document", "")
    if ref not in documents:
        documents[ref] = find_document(session, ref)
    document = documents[ref]
    code = find_code(session, row.get("code", ""))
    who = coder or row.get("coder", "")
    if not who:
        raise QualcodeError("no coder")
    if row.get("start") and row.get("end"):
        try:
            start, end = int(row["start"]), int(row["end"])
        except ValueError:
            raise QualcodeError("start and end must be whole numbers") from None
        if max(abs(start), abs(end)) > len(document.text):
            raise QualcodeError(
                f"offsets {start}:{end} lie outside the document ({len(document.text)} characters)"
            )
    else:
        start, end = locate(document.text, row.get("text", ""))
    origin = row.get("origin") or "import"
    return CodingRow(line, document, code.key, who, start, end, row.get("memo") or None, origin)


def import_table(session: Session, rows: list[CodingRow]) -> tuple[int, int]:
    """Add the rows' codings; ones already present are skipped. Returns (added, skipped)."""
    added = skipped = 0
    for row in rows:
        code = find_code(session, row.code_key)
        existing = find_codings(
            session, document=row.document, code=code, coder=row.coder, start=row.start, end=row.end
        )
        if existing:
            skipped += 1
            continue
        try:
            add_coding(
                session,
                row.document,
                code,
                row.coder,
                row.start,
                row.end,
                origin=row.origin,
                memo=row.memo,
            )
        except QualcodeError as exc:
            raise QualcodeError(f"line {row.line}: {exc}") from None
        added += 1
    return added, skipped


def write_table(records: list[CodingRecord]) -> str:
    """Codings as CSV text with the export columns."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(EXPORT_COLUMNS)
    for r in records:
        writer.writerow(
            [
                r.document,
                r.document_id,
                r.start,
                r.end,
                "" if r.passage is None else passage_number(r.passage),
                r.code,
                r.coder,
                r.origin,
                r.memo or "",
                r.text,
            ]
        )
    return out.getvalue()
