"""Import the researcher's participant sheet: labels, private identifiers and public attributes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.ingest.decode import decode_text
from qualcode.store.audit import record
from qualcode.store.documents import add_identifiers, get_or_create_participant
from qualcode.store.models import Document

IDENTIFIER_COLUMNS = {
    "real_name": "name",
    "aliases": "alias",
    "organisation": "organisation",
    "places": "place",
}
SPECIAL_COLUMNS = {"label", "documents", *IDENTIFIER_COLUMNS}


@dataclass(frozen=True)
class SheetSummary:
    """What a participant sheet import did."""

    participants: int
    identifiers: int
    documents_linked: int


def read_sheet(path: Path) -> list[dict[str, str]]:
    """Rows of a participant sheet (CSV in any common encoding), checked for a label column."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise QualcodeError(f"{path.name}: cannot be read ({exc.strerror})") from None
    text = decode_text(path.name, data)
    sample = text[:4096]
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    csv.field_size_limit(max(csv.field_size_limit(), len(text)))  # long notes are one field
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    columns = [c.strip().lower().replace(" ", "_") for c in reader.fieldnames or []]
    if "label" not in columns:
        raise QualcodeError(f"{path.name}: the participant sheet needs a 'label' column")
    rows = []
    for line, raw in enumerate(reader, start=2):
        row = {
            column: (value or "").strip()
            for column, value in zip(columns, raw.values(), strict=False)
            if isinstance(value, str) or value is None
        }
        if not row.get("label"):
            if any(row.values()):
                raise QualcodeError(f"{path.name}:{line}: row has no participant label")
            continue
        rows.append(row)
    return rows


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def import_sheet(
    session: Session, rows: list[dict[str, str]], *, coder: str | None
) -> SheetSummary:
    """Create or update participants from sheet rows; link documents named in 'documents'."""
    identifiers = linked = 0
    for row in rows:
        participant = get_or_create_participant(session, row["label"], coder=coder)
        attributes = {k: v for k, v in row.items() if k not in SPECIAL_COLUMNS and v}
        before = dict(participant.attributes)
        participant.attributes = {**participant.attributes, **attributes}
        for column, kind in IDENTIFIER_COLUMNS.items():
            values = _split(row.get(column, ""))
            identifiers += add_identifiers(session, participant, kind, values, source="sheet")
        for name in _split(row.get("documents", "")):
            documents = session.scalars(select(Document).where(Document.source_name == name))
            for document in documents:
                document.participant = participant
                linked += 1
        if participant.attributes != before:
            record(
                session,
                "participant.update",
                "participant",
                participant.id,
                coder=coder,
                before={"attributes": before},
                after={"attributes": participant.attributes},
            )
    session.flush()
    return SheetSummary(len(rows), identifiers, linked)
