"""Matrix rows: cases (participants, documents or an attribute's values) or codes."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qualcode.errors import QualcodeError
from qualcode.export.grouping import NOT_RECORDED, natural_order
from qualcode.export.selection import public_attributes
from qualcode.store.models import Document

CODE_ROWS = ("code", "theme")


@dataclass(frozen=True)
class RowRef:
    """What a row stands for in the store, so a cell summary can be kept against it."""

    participant_id: int | None = None
    document_id: int | None = None
    attribute: str | None = None
    value: str | None = None


@dataclass
class Row:
    """A matrix row as shown (key and name already redacted) and the documents it gathers."""

    key: str
    name: str
    ref: RowRef = field(default_factory=RowRef)
    documents: list[int] = field(default_factory=list)

    @classmethod
    def of_code(cls, key: str, name: str) -> Row:
        return cls(key, name)

    def as_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"key": self.key, "name": self.name}
        if self.ref != RowRef():
            out["documents"] = len(self.documents)
        return out


def case_kinds(documents: list[Document]) -> list[str]:
    """What a framework matrix's rows can be by: participant, document, then each public
    attribute of these documents."""
    names = sorted({n for d in documents for n in public_attributes(d)}, key=str.casefold)
    return ["participant", "document", *names]


def attribute_name(documents: list[Document], wanted: str) -> str:
    """The public attribute called `wanted` (any case), or an error naming the known ones."""
    names = {n for d in documents for n in public_attributes(d)}
    found = next((n for n in sorted(names) if n.casefold() == wanted.casefold()), None)
    if found is None:
        known = ", ".join(sorted(names)) or "none"
        raise QualcodeError(
            f"--rows {wanted!r}: use participant, document, code, theme or an attribute ({known})"
        )
    return found


def case_rows(documents: list[Document], kind: str, redact: Callable[[str], str]) -> list[Row]:
    """One row per participant (by public label), per document, or per value of an attribute;
    every document lands in exactly one row."""
    rows: dict[str, Row] = {}
    if kind == "document":
        for d in documents:
            who = f" ({redact(d.participant.label)})" if d.participant else ""
            rows[str(d.id)] = Row(str(d.id), f"Document {d.id}{who}", RowRef(document_id=d.id))
            rows[str(d.id)].documents.append(d.id)
        return list(rows.values())
    if kind == "participant":
        for d in documents:
            if d.participant is not None:
                key = redact(d.participant.label)
                ref = RowRef(participant_id=d.participant.id)
            else:
                key, ref = f"Document {d.id}", RowRef(document_id=d.id)
            rows.setdefault(key, Row(key, key, ref)).documents.append(d.id)
        return sorted(rows.values(), key=lambda r: natural_order(r.key))
    name = attribute_name(documents, kind)
    for d in documents:
        value = (public_attributes(d).get(name) or "").strip()
        key = redact(value) if value else NOT_RECORDED
        ref = RowRef(attribute=name, value=value or None)
        rows.setdefault(key, Row(key, key, ref)).documents.append(d.id)
    return sorted(rows.values(), key=lambda r: (r.key == NOT_RECORDED, natural_order(r.key)))
