"""Which passages carry which codes: the one definition that matrices and queries count by."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from qualcode.export.selection import CodedSpan, coded_spans, matching_documents
from qualcode.store.codes import all_codes
from qualcode.store.models import Code, Coder, Coding, Document, Passage

if TYPE_CHECKING:  # numpy loads only when something is counted
    from qualcode.analysis.carried_arrays import Carried, Ints, PassageKeys, PassageTable

Ids = Collection[int] | None
"""Documents by id; None stands for all the project's."""
PassageRef = tuple[int, int]
"""A passage as (document id, index); the index is stored 0-based, people see index + 1."""


@dataclass(frozen=True)
class Filters:
    """Which documents and codings count, as `export quotes` filters them."""

    where: dict[str, list[str]] = field(default_factory=dict)
    coder: str | None = None
    consensus: bool = False


class CodeTree:
    """The codebook's codes in order, each matching itself and every code below it."""

    def __init__(self, codes: list[Code]) -> None:
        self.codes = codes
        self.by_key = {c.key: c for c in codes}
        below: dict[int, set[int]] = {c.id: {c.id} for c in codes}
        # all_codes lists parents first, so in reverse every child is complete before its parent.
        for code in reversed(codes):
            if code.parent_id in below:
                below[code.parent_id] |= below[code.id]
        self.below = below

    @classmethod
    def of(cls, session: Session) -> CodeTree:
        return cls(all_codes(session))

    @staticmethod
    def all_ids(session: Session) -> list[int]:
        return list(session.scalars(select(Code.id)))

    def themes(self) -> list[Code]:
        """The top-level codes."""
        return [c for c in self.codes if c.parent_id is None]

    def matched(self, code: Code) -> set[int]:
        """Ids of the code and all its sub-codes."""
        return self.below[code.id]


def _packed(
    session: Session, *columns: ColumnElement[int] | InstrumentedAttribute[int]
) -> ColumnElement[str]:
    """Every row's columns as one string "a,b,c,a,b,c…": the database joins them, and numpy
    parses one string far faster than Python builds a tuple per row."""
    joined: ColumnElement[str] = cast(columns[0], String)
    for column in columns[1:]:
        joined = joined + "," + cast(column, String)
    if session.get_bind().dialect.name == "postgresql":
        return func.string_agg(joined, ",")
    return func.group_concat(joined, ",")


def _numbers(packed: str | None) -> Ints:
    """The integers of "a,b,c…", parsed by numpy in one call."""
    import numpy as np

    return np.fromstring(packed, dtype=np.int64, sep=",") if packed else np.zeros(0, np.int64)


def _among(column: InstrumentedAttribute[int], ids: Ids) -> list[ColumnElement[bool]]:
    """The condition that a row's document is one of `ids` (none when they are all)."""
    return [] if ids is None else [column.in_(sorted(ids))]


def passage_table(session: Session, document_ids: Ids) -> PassageTable:
    """The passages of these documents (None: all the project's, so no list of ids goes to
    the database), read through the covering ix_passage_span index."""
    from qualcode.analysis.carried_arrays import PassageTable

    columns = (Passage.document_id, Passage.index, Passage.start, Passage.end)
    query = select(_packed(session, *columns)).where(*_among(Passage.document_id, document_ids))
    return PassageTable.of(_numbers(session.scalar(query)))


def every_passage(session: Session, document_ids: Ids) -> PassageKeys:
    """Every passage of these documents (None: all), from each one's count of passages: a
    document's passages are numbered 0, 1, 2… with no gaps."""
    import numpy as np

    from qualcode.analysis.carried_arrays import PassageKeys, passage_keys

    per_document = (
        select(Passage.document_id.label("document"), func.count().label("passages"))
        .where(*_among(Passage.document_id, document_ids))
        .group_by(Passage.document_id)
        .subquery()
    )
    query = select(_packed(session, per_document.c.document, per_document.c.passages))
    counts = _numbers(session.scalar(query)).reshape(-1, 2)
    documents = np.repeat(counts[:, 0], counts[:, 1])
    steps = np.arange(len(documents)) - np.repeat(
        np.cumsum(counts[:, 1]) - counts[:, 1], counts[:, 1]
    )
    return PassageKeys(np.sort(passage_keys(documents, steps)))


def _stored_codings(
    session: Session, documents: Ids, codes: list[Code], filters: Filters
) -> tuple[Ints, Ints, Ints, Ints]:
    """(document, code, first passage, last passage) arrays of every selected coding, as the
    database keeps them on each coding (no passage: first -1, last -2)."""
    first = func.coalesce(Coding.first_passage, -1)
    last = func.coalesce(Coding.last_passage, -2)
    columns = (Coding.document_id, Coding.code_id, first, last)
    query = select(_packed(session, *columns)).where(*_among(Coding.document_id, documents))
    wanted = {c.id for c in codes}
    if len(wanted) < len(CodeTree.all_ids(session)):
        query = query.where(Coding.code_id.in_(sorted(wanted)))  # through ix_coding_passages
    if filters.coder is not None:
        coder = select(Coder.id).where(Coder.name == filters.coder).scalar_subquery()
        query = query.where(Coding.coder_id == coder)
    rows = _numbers(session.scalar(query)).reshape(-1, 4)
    return rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]


def _agreed_codings(
    session: Session, documents: Ids, spans: list[CodedSpan]
) -> tuple[Ints, Ints, Ints, Ints]:
    """The (document, code, first passage, last passage) arrays of the agreed spans."""
    import numpy as np

    rows = np.array(
        [(s.document_id, s.code_id, s.start, s.end) for s in spans], dtype=np.int64
    ).reshape(-1, 4)
    first, last = passage_table(session, documents).bounds(rows[:, 0], rows[:, 2], rows[:, 3])
    return rows[:, 0], rows[:, 1], first, last


def carried(
    session: Session,
    filters: Filters,
    codes: list[Code],
    *,
    load: bool = True,
    text: bool = False,
    spans: bool = False,
) -> Carried:
    """The passages of the documents `filters` selects that carry each of `codes` (a passage
    carries a code when one of the selected codings with it shares a character with it).
    `load` keeps the selected Document rows (`text` with their text); `spans` also gathers the
    coded spans quotes are made from."""
    from qualcode.analysis.carried_arrays import Carried

    selected: list[Document] = []
    ids: Ids = None  # every document: no list of ids goes to the database
    if load or filters.where or spans or filters.consensus:
        selected = matching_documents(session, filters.where, text=text)
        ids = {d.id for d in selected} if filters.where else None
    found_spans: list[CodedSpan] = []
    if spans or filters.consensus:
        found_spans = coded_spans(
            session, selected, codes, coder=filters.coder, consensus=filters.consensus
        )
    if filters.consensus:
        rows = _agreed_codings(session, ids, found_spans)
    else:
        rows = _stored_codings(session, ids, codes, filters)
    documents = {d.id: d for d in selected} if load else {}
    return Carried.of(documents, rows, lambda: every_passage(session, ids), found_spans)
