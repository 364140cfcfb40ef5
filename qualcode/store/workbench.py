"""Plain-data reads and undoable writes behind the coding workbench (no UI imports)."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, and_, func, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import find_coder, get_or_create_coder, record
from qualcode.store.codes import all_codes
from qualcode.store.codings import add_coding, remove_coding
from qualcode.store.models import Code, Coder, Coding, Document, Memo, Participant, Passage, Review


@dataclass(frozen=True, slots=True)
class DocumentRow:
    """A document as the documents list shows it, with the current coder's progress."""

    id: int
    title: str
    participant: str | None
    attributes: dict[str, str]
    passages: int
    coded: int

    @property
    def coded_percent(self) -> float:
        return round(100.0 * self.coded / self.passages, 1) if self.passages else 0.0


@dataclass(frozen=True, slots=True)
class PassageRow:
    """One passage (speaker turn) with its offsets in the document text."""

    id: int
    index: int
    start: int
    end: int
    speaker: str | None
    text: str


@dataclass(frozen=True, slots=True)
class CodingView:
    """A coding as plain data: enough to draw it, and to restore it after a removal."""

    id: int
    document_id: int
    code_id: int
    coder: str
    start: int
    end: int
    origin: str = "manual"
    memo: str | None = None


@dataclass(frozen=True, slots=True)
class CodeRow:
    """A code with its rules and how often it was applied (by this coder / by everyone)."""

    id: int
    key: str
    name: str
    description: str
    include: tuple[str, ...]
    exclude: tuple[str, ...]
    examples: tuple[str, ...]
    colour: str
    parent_id: int | None
    depth: int
    has_children: bool
    mine: int
    total: int


@dataclass(frozen=True)
class Marks:
    """What is layered on a transcript: codings (all coders), and this coder's memos/reviews."""

    codings: list[CodingView]
    memos: dict[int, str] = field(default_factory=dict)
    reviewed: set[int] = field(default_factory=set)


@dataclass(frozen=True)
class TranscriptData:
    """A document opened for coding: its header, passages and marks."""

    document: DocumentRow
    passages: list[PassageRow]
    marks: Marks


@dataclass(frozen=True, slots=True)
class Quote:
    """A coded span with where it came from, for the code view."""

    coding_id: int
    document_id: int
    document: str
    participant: str | None
    coder: str
    passage: int
    start: int
    end: int
    text: str


def document_rows(session: Session, coder: str) -> list[DocumentRow]:
    """Every document with participant label, attributes, passages and passages coded by coder."""
    passages = dict(
        session.execute(
            select(Passage.document_id, func.count()).group_by(Passage.document_id)
        ).all()
    )
    coded: dict[int, int] = {}
    coder_row = find_coder(session, coder)
    if coder_row is not None:
        overlap = and_(
            Coding.document_id == Passage.document_id,
            Coding.start < Passage.end,
            Coding.end > Passage.start,
        )
        query = (
            select(Passage.document_id, func.count(func.distinct(Passage.id)))
            .join(Coding, overlap)
            .where(Coding.coder_id == coder_row.id)
            .group_by(Passage.document_id)
        )
        coded = dict(session.execute(query).all())
    rows = session.execute(_header_query().order_by(Document.id))
    return [_header(row, passages.get(row[0], 0), coded.get(row[0], 0)) for row in rows]


def _header_query() -> Select[int, str, dict[str, str], str, dict[str, str]]:
    columns = (Document.id, Document.title, Document.attributes)
    return select(*columns, Participant.label, Participant.attributes).outerjoin(
        Participant, Participant.id == Document.participant_id
    )


def _header(row: tuple[Any, ...], passages: int, coded: int) -> DocumentRow:
    doc_id, title, attributes, label, person = row
    return DocumentRow(doc_id, title, label, {**attributes, **(person or {})}, passages, coded)


def load_transcript(
    session: Session, document_id: int, coder: str, *, first: int | None = None
) -> TranscriptData:
    """A document's passages (only the first `first` when given) and marks, ready to draw."""
    header = document_header(session, document_id)
    if header is None:
        raise QualcodeError(f"document {document_id} is no longer in the project")
    passages = load_passages(session, document_id, stop=first)
    return TranscriptData(header, passages, load_marks(session, document_id, coder))


def load_passages(
    session: Session, document_id: int, *, start: int = 0, stop: int | None = None
) -> list[PassageRow]:
    """Passages with start <= index < stop, in order (a long transcript loads in two goes)."""
    query = (
        select(Passage.id, Passage.index, Passage.start, Passage.end, Passage.speaker, Passage.text)
        .where(Passage.document_id == document_id, Passage.index >= start)
        .order_by(Passage.index)
    )
    if stop is not None:
        query = query.where(Passage.index < stop)
    # Core rather than ORM rows: 20,000 passages load twice as fast
    return [PassageRow(*row) for row in session.connection().execute(query)]


def document_header(session: Session, document_id: int) -> DocumentRow | None:
    """One document's title, participant, attributes and passage count (None if gone)."""
    row = session.execute(_header_query().where(Document.id == document_id)).first()
    if row is None:
        return None
    count = session.scalar(select(func.count()).where(Passage.document_id == document_id)) or 0
    return _header(tuple(row), count, 0)


def load_marks(session: Session, document_id: int, coder: str) -> Marks:
    """Every coder's codings on a document, and this coder's passage memos and reviews."""
    codings = [
        CodingView(*row)
        for row in session.execute(
            select(
                Coding.id,
                Coding.document_id,
                Coding.code_id,
                Coder.name,
                Coding.start,
                Coding.end,
                Coding.origin,
                Coding.memo,
            )
            .join(Coder, Coder.id == Coding.coder_id)
            .where(Coding.document_id == document_id)
            .order_by(Coding.start, Coding.end, Coding.id)
        )
    ]
    coder_row = find_coder(session, coder)
    if coder_row is None:
        return Marks(codings)
    memos = dict(
        session.execute(
            select(Memo.passage_id, Memo.text)
            .join(Passage, Passage.id == Memo.passage_id)
            .where(Passage.document_id == document_id, Memo.coder_id == coder_row.id)
        ).all()
    )
    reviewed = set(
        session.scalars(
            select(Review.passage_id)
            .join(Passage, Passage.id == Review.passage_id)
            .where(Passage.document_id == document_id, Review.coder_id == coder_row.id)
        )
    )
    return Marks(codings, {k: v for k, v in memos.items() if k is not None}, reviewed)


def code_rows(session: Session, coder: str) -> list[CodeRow]:
    """The codebook in tree order, with counts of codings by this coder and by everyone."""
    totals: Counter[int] = Counter()
    mine: Counter[int] = Counter()
    counts = session.execute(
        select(Coding.code_id, Coder.name, func.count())
        .join(Coder, Coder.id == Coding.coder_id)
        .group_by(Coding.code_id, Coder.name)
    )
    for code_id, name, count in counts:
        totals[code_id] += count
        if name == coder:
            mine[code_id] += count
    codes = all_codes(session)
    parents = {code.parent_id for code in codes}
    depth: dict[int, int] = {}
    rows = []
    for code in codes:
        depth[code.id] = 0 if code.parent_id is None else depth.get(code.parent_id, 0) + 1
        rows.append(
            CodeRow(
                code.id,
                code.key,
                code.name,
                code.description,
                tuple(code.include),
                tuple(code.exclude),
                tuple(code.examples),
                code.colour,
                code.parent_id,
                depth[code.id],
                code.id in parents,
                mine[code.id],
                totals[code.id],
            )
        )
    return rows


def code_quotes(session: Session, code_id: int, coder: str | None = None) -> list[Quote]:
    """Every span coded with a code, across documents, with participant labels and passages."""
    query = (
        select(
            Coding.id,
            Coding.document_id,
            Document.title,
            Participant.label,
            Coder.name,
            Coding.start,
            Coding.end,
            func.substr(Document.text, Coding.start + 1, Coding.end - Coding.start),
        )
        .join(Document, Document.id == Coding.document_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .outerjoin(Participant, Participant.id == Document.participant_id)
        .where(Coding.code_id == code_id)
        .order_by(Coding.document_id, Coding.start, Coder.name)
    )
    if coder is not None:
        query = query.where(Coder.name == coder)
    rows = list(session.execute(query))
    starts: dict[int, list[int]] = {}
    for doc_id in {row[1] for row in rows}:
        starts[doc_id] = list(
            session.scalars(
                select(Passage.start).where(Passage.document_id == doc_id).order_by(Passage.index)
            )
        )
    return [
        Quote(cid, doc, title, label, name, max(0, bisect_right(starts[doc], s) - 1), s, e, text)
        for cid, doc, title, label, name, s, e, text in rows
    ]


def coder_names(session: Session) -> list[str]:
    """Everyone who has coded in this project, by name."""
    return list(session.scalars(select(Coder.name).order_by(Coder.name)))


def _view(coding: Coding) -> CodingView:
    return CodingView(
        coding.id,
        coding.document_id,
        coding.code_id,
        coding.coder.name,
        coding.start,
        coding.end,
        coding.origin,
        coding.memo,
    )


def apply_code(
    session: Session,
    document_id: int,
    code_id: int,
    coder: str,
    start: int,
    end: int,
    *,
    origin: str = "manual",
    memo: str | None = None,
) -> CodingView:
    """Code a span of a document for a coder (audited by add_coding)."""
    document = session.get(Document, document_id)
    code = session.get(Code, code_id)
    if document is None or code is None:
        raise QualcodeError("that document or code was removed elsewhere; refresh (F5)")
    return _view(add_coding(session, document, code, coder, start, end, origin=origin, memo=memo))


def delete_coding(session: Session, coding_id: int, coder: str) -> CodingView:
    """Remove a coding (audited by remove_coding); returns what it was, for undo."""
    coding = session.get(Coding, coding_id)
    if coding is None:
        raise QualcodeError(f"coding {coding_id} was already removed elsewhere; refresh (F5)")
    view = _view(coding)
    remove_coding(session, coding, coder=coder)
    return view


def restore_coding(session: Session, view: CodingView) -> CodingView:
    """Put back a removed coding with its origin and memo (a new row; history is kept)."""
    return apply_code(
        session,
        view.document_id,
        view.code_id,
        view.coder,
        view.start,
        view.end,
        origin=view.origin,
        memo=view.memo,
    )


def set_passage_memo(session: Session, passage_id: int, coder: str, text: str) -> str | None:
    """Write (or with empty text, remove) this coder's memo on a passage; returns the old text."""
    who = get_or_create_coder(session, coder)
    memo = session.scalar(
        select(Memo).where(Memo.passage_id == passage_id, Memo.coder_id == who.id)
    )
    before = memo.text if memo else None
    cleaned = text.strip()
    if cleaned == (before or ""):
        return before
    state: dict[str, Any] = {"passage": passage_id, "text": cleaned}
    if memo is None:
        passage = session.get(Passage, passage_id)
        if passage is None:
            raise QualcodeError("that passage was removed elsewhere; refresh (F5)")
        memo = Memo(coder_id=who.id, passage_id=passage_id, document_id=passage.document_id)
        memo.text = cleaned
        session.add(memo)
        session.flush()
        record(session, "memo.add", "memo", memo.id, coder=who.name, after=state)
    elif not cleaned:
        session.delete(memo)
        session.flush()
        old = {"passage": passage_id, "text": before}
        record(session, "memo.remove", "memo", memo.id, coder=who.name, before=old)
    else:
        memo.text = cleaned
        old = {"passage": passage_id, "text": before}
        record(session, "memo.update", "memo", memo.id, coder=who.name, before=old, after=state)
    return before


def set_coding_memo(session: Session, coding_id: int, coder: str, text: str | None) -> str | None:
    """Set the memo of a coding (None or empty removes it); returns the old memo."""
    coding = session.get(Coding, coding_id)
    if coding is None:
        raise QualcodeError(f"coding {coding_id} was removed elsewhere; refresh (F5)")
    before = coding.memo
    cleaned = (text or "").strip() or None
    if cleaned != before:
        coding.memo = cleaned
        after = {"coding": coding_id, "memo": cleaned}
        old = {"coding": coding_id, "memo": before}
        record(session, "coding.memo", "coding", coding_id, coder=coder, before=old, after=after)
    return before


def set_reviewed(session: Session, passage_id: int, coder: str, reviewed: bool) -> bool:
    """Mark (or unmark) a passage as reviewed by a coder; returns whether it was before."""
    who = get_or_create_coder(session, coder)
    row = session.scalar(
        select(Review).where(Review.passage_id == passage_id, Review.coder_id == who.id)
    )
    if (row is not None) == reviewed:
        return reviewed
    if reviewed:
        row = Review(passage_id=passage_id, coder_id=who.id)
        session.add(row)
        session.flush()
        record(session, "passage.review", "passage", passage_id, coder=who.name)
    else:
        session.delete(row)
        session.flush()
        record(session, "passage.unreview", "passage", passage_id, coder=who.name)
    return not reviewed


def record_history(session: Session, coder: str, action: str, change: dict[str, Any]) -> None:
    """Note in the audit log that a change was undone or redone (action: 'undo' or 'redo')."""
    record(session, f"workbench.{action}", "change", None, coder=coder, after=change)
