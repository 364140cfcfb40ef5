"""Cell summaries: the researcher's note on one matrix row by one code, kept in the store."""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from qualcode.analysis.rows import RowRef, attribute_name
from qualcode.errors import QualcodeError
from qualcode.export.grouping import NOT_RECORDED
from qualcode.export.selection import matching_documents
from qualcode.store.audit import find_coder, get_or_create_coder, record
from qualcode.store.blinding import blind_documents
from qualcode.store.codes import find_code
from qualcode.store.models import CellSummary, Code, Coder, Document, Participant

MAX_SUMMARY = 20_000


def summaries_by_cell(session: Session, coder: str | None = None) -> dict[tuple[RowRef, int], str]:
    """Every stored summary (or only the coder's), keyed by its row and code."""
    chosen = select(CellSummary)
    if coder is not None:
        chosen = chosen.join(Coder, Coder.id == CellSummary.coder_id).where(
            Coder.name == coder.strip()
        )
    return {
        (RowRef(s.participant_id, s.document_id, s.attribute, s.value), s.code_id): s.text
        for s in session.scalars(chosen)
    }


def _document(session: Session, text: str) -> Document:
    number = text.strip().removeprefix("Document ").strip()
    document = session.get(Document, int(number)) if number.isascii() and number.isdigit() else None
    if document is None:
        raise QualcodeError(f"row {text!r}: no document with that number")
    return document


def resolve_row(session: Session, kind: str, text: str) -> RowRef:
    """The row a researcher names: a participant label, a document number ("3" or
    "Document 3"), or a value of the attribute the rows are by."""
    if kind == "participant":
        participant = session.scalar(select(Participant).where(Participant.label == text.strip()))
        if participant is not None:
            return RowRef(participant_id=participant.id)
        if text.strip().startswith("Document "):
            return RowRef(document_id=_document(session, text).id)
        raise QualcodeError(f"row {text!r}: no participant with that label")
    if kind == "document":
        return RowRef(document_id=_document(session, text).id)
    if kind in ("code", "theme"):
        raise QualcodeError("cell summaries are kept for participant, document or attribute rows")
    name = attribute_name(matching_documents(session, {}, text=False), kind)
    value = text.strip()
    return RowRef(attribute=name, value=None if value == NOT_RECORDED else value)


def find_summary(session: Session, ref: RowRef, code_id: int) -> CellSummary | None:
    """The stored summary of the cell at this row and code, if there is one."""
    return session.scalar(
        select(CellSummary).where(
            CellSummary.code_id == code_id,
            _is(CellSummary.participant_id, ref.participant_id),
            _is(CellSummary.document_id, ref.document_id),
            _is(CellSummary.attribute, ref.attribute),
            _is(CellSummary.value, ref.value),
        )
    )


def set_summary(
    session: Session, kind: str, row: str, column: str, text: str, *, coder: str
) -> str:
    """Write (or, with empty text, remove) the summary of a cell named as people name it;
    says what it did. Another coder's is refused while the coder is blind, as in the matrix."""
    _check_length(text)
    ref = resolve_row(session, kind, row)
    code_id = find_code(session, column).id
    blind = is_blind(session, coder)
    return write_summary(session, ref, code_id, text, coder=coder, blind=blind)


def is_blind(session: Session, coder: str) -> bool:
    """Whether a blind assignment of the coder is open: other coders' summaries are hidden."""
    return bool(blind_documents(session, coder))


def check_own_while_blind(session: Session, summary: CellSummary, coder: str) -> None:
    """Refuse another coder's summary (hidden from them) while the coder is blind."""
    if is_blind(session, coder):
        _check_own(session, summary, coder)


HIDDEN = (
    "another coder's summary of this cell is hidden while your blind assignment is open; "
    "read or change it once the assignment is closed"
)


def summary_to_edit(
    session: Session, ref: RowRef, code_id: int, coder: str, *, blind: bool = False
) -> str:
    """A cell's summary as the researcher wrote it (not redacted), to edit; "" if none. While
    the coder is `blind`, another coder's summary is hidden, so it is refused (not shown)."""
    found = find_summary(session, ref, code_id)
    if found is None:
        return ""
    if blind:
        _check_own(session, found, coder)
    return found.text


def _check_own(session: Session, summary: CellSummary, coder: str) -> None:
    mine = find_coder(session, coder)
    if summary.coder_id != (None if mine is None else mine.id):
        raise QualcodeError(HIDDEN)


def write_summary(
    session: Session, ref: RowRef, code_id: int, text: str, *, coder: str, blind: bool = False
) -> str:
    """Write (or, with empty text, remove) the summary of the cell of row `ref` by a code;
    says what it did ("written", "replaced", "removed"). A cell holds one summary: while the
    coder is `blind`, another coder's (hidden from them) is refused, not replaced."""
    _check_length(text)
    code = session.get(Code, code_id)
    if code is None:
        raise QualcodeError("that code was removed; the summary was not saved")
    existing = find_summary(session, ref, code.id)
    if blind and existing is not None:
        _check_own(session, existing, coder)
    where = {"code": code.key, "row": _describe(ref)}
    text = text.strip()
    if not text:
        if existing is None:
            return "no summary to remove"
        session.delete(existing)
        record(session, "summary.remove", "cell_summary", existing.id, coder=coder, before=where)
        return "removed"
    author = get_or_create_coder(session, coder)
    if existing is None:
        existing = CellSummary(
            code_id=code.id,
            participant_id=ref.participant_id,
            document_id=ref.document_id,
            attribute=ref.attribute,
            value=ref.value,
            text=text,
            coder_id=author.id,
        )
        session.add(existing)
        session.flush()
        action, outcome = "summary.add", "written"
    else:
        existing.text, existing.coder_id = text, author.id
        action, outcome = "summary.edit", "replaced"
    # The trail says which cell changed and by how much, not what the summary says.
    after = {**where, "chars": len(text)}
    record(session, action, "cell_summary", existing.id, coder=coder, after=after)
    return outcome


def _check_length(text: str) -> None:
    if len(text) > MAX_SUMMARY:
        raise QualcodeError(f"summary is {len(text)} characters; the limit is {MAX_SUMMARY}")


def _describe(ref: RowRef) -> dict[str, object]:
    return {k: v for k, v in vars(ref).items() if v is not None}


def _is(column: InstrumentedAttribute[Any], value: object) -> ColumnElement[bool]:
    return column.is_(None) if value is None else column == value
