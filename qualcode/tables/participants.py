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
from qualcode.store.models import Document, Participant
from qualcode.tables.columns import (
    PRIVATE,
    PUBLIC,
    REFUSED,
    ColumnUse,
    column_use,
    is_private_attribute,
    private_kind,
)


@dataclass(frozen=True)
class SheetSummary:
    """What a participant sheet import did."""

    participants: int
    identifiers: int
    documents_linked: int
    made_private: int = 0


@dataclass(frozen=True)
class Sheet:
    """A participant sheet as read: how each column is used, and its rows keyed by column."""

    name: str
    columns: list[ColumnUse]
    rows: list[dict[str, str]]

    def refused(self) -> list[ColumnUse]:
        return [c for c in self.columns if c.use == REFUSED]

    def check(self) -> None:
        """Refuse a sheet with a column qualcode will not keep, naming the column."""
        for column in self.refused():
            raise QualcodeError(
                f"{self.name}: column {column.header!r} holds {column.kind}, which qualcode "
                "does not keep; remove the column from the sheet and import again"
            )


def plan_sheet(path: Path) -> Sheet:
    """A participant sheet read and its columns judged, without checking refused columns."""
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
    uses = [column_use(header.strip()) for header in reader.fieldnames or []]
    columns = [use.key for use in uses]
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
    return Sheet(path.name, uses, rows)


def read_sheet(path: Path) -> Sheet:
    """A participant sheet (CSV in any common encoding), checked for a label column and for
    columns qualcode refuses to keep."""
    sheet = plan_sheet(path)
    sheet.check()
    return sheet


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.split(";") if part.strip()]


def make_private(session: Session, participant: Participant) -> int:
    """Move a participant's name-like public attributes (from older imports) into private
    identifiers; how many values moved."""
    private = {k: v for k, v in participant.attributes.items() if is_private_attribute(k)}
    for name, value in private.items():
        kind = private_kind(name)
        # A date of birth and the like is dropped, not kept in the registry.
        if kind is not None:
            add_identifiers(session, participant, kind, _split(value), source="sheet")
    if private:
        participant.attributes = {
            k: v for k, v in participant.attributes.items() if k not in private
        }
        record(
            session,
            "participant.attributes_private",
            "participant",
            participant.id,
            after={"attributes": sorted(private)},
        )
    return len(private)


def import_sheet(session: Session, sheet: Sheet, *, coder: str | None) -> SheetSummary:
    """Create or update participants from sheet rows; link documents named in 'documents'."""
    sheet.check()
    identifiers = linked = moved = 0
    public = [c.key for c in sheet.columns if c.use == PUBLIC]
    private = [c for c in sheet.columns if c.use == PRIVATE]
    for row in sheet.rows:
        participant = get_or_create_participant(session, row["label"], coder=coder)
        moved += make_private(session, participant)
        attributes = {k: row[k] for k in public if row.get(k)}
        before = dict(participant.attributes)
        participant.attributes = {**participant.attributes, **attributes}
        for column in private:
            values = _split(row.get(column.key, ""))
            identifiers += add_identifiers(
                session, participant, column.kind, values, source="sheet"
            )
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
    return SheetSummary(len(sheet.rows), identifiers, linked, moved)


def attribute_values(session: Session, name: str) -> dict[str, str]:
    """Participant label -> value of one public attribute, for the participants that have it."""
    participants = session.scalars(select(Participant).order_by(Participant.id))
    return {p.label: p.attributes[name] for p in participants if name in p.attributes}


def remove_attribute(session: Session, name: str, *, coder: str | None) -> int:
    """Remove a public attribute from every participant, in the caller's transaction, with one
    audit event that names the attribute but holds none of its values; how many it removed."""
    participants = [
        p
        for p in session.scalars(select(Participant).order_by(Participant.id))
        if name in p.attributes
    ]
    if not participants:
        raise QualcodeError(f"no participant has an attribute {name!r}")
    for participant in participants:
        participant.attributes = {k: v for k, v in participant.attributes.items() if k != name}
    record(
        session,
        "participant.attribute_remove",
        "participant",
        None,
        coder=coder,
        after={"attribute": name, "participants": len(participants)},
    )
    session.flush()
    return len(participants)
