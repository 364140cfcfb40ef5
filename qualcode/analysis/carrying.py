"""Which passages carry which codes: the one definition that matrices and queries count by."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from qualcode.export.selection import CodedSpan, coded_spans, matching_documents
from qualcode.store.codes import all_codes
from qualcode.store.models import Code, Coder, Coding, Passage

if TYPE_CHECKING:  # numpy loads only when something is counted
    from qualcode.analysis.carried_arrays import Carried, Ints, PassageTable

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


def _packed(session: Session, *columns: InstrumentedAttribute[int]) -> ColumnElement[str]:
    """Every row's columns as one string "a,b,c,a,b,c…": the database joins them, and numpy
    parses one string far faster than Python builds a tuple per row."""
    joined: ColumnElement[str] = cast(columns[0], String)
    for column in columns[1:]:
        joined = joined + "," + cast(column, String)
    if session.get_bind().dialect.name == "postgresql":
        return func.string_agg(joined, ",")
    return func.group_concat(joined, ",")


def passage_table(
    session: Session, document_ids: Collection[int], *, every: bool = False
) -> PassageTable:
    """The passages of these documents (`every`: the documents are all the project's, so no
    list of ids goes to the database), read through the covering ix_passage_span index."""
    from qualcode.analysis.carried_arrays import PassageTable

    columns = (Passage.document_id, Passage.index, Passage.start, Passage.end)
    query = select(_packed(session, *columns))
    if not every:
        query = query.where(Passage.document_id.in_(sorted(document_ids)))
    return PassageTable.of(_numbers(session.scalar(query)))


def _numbers(packed: str | None) -> Ints:
    """The integers of "a,b,c…", parsed by numpy in one call."""
    import numpy as np

    return np.fromstring(packed, dtype=np.int64, sep=",") if packed else np.zeros(0, np.int64)


def _stored_codings(
    session: Session, documents: Collection[int], codes: list[Code], filters: Filters, every: bool
) -> tuple[Ints, Ints, Ints, Ints]:
    """(document, code, start, end) arrays of every selected coding."""
    columns = (Coding.document_id, Coding.code_id, Coding.start, Coding.end)
    query = select(_packed(session, *columns))
    if not every:
        query = query.where(Coding.document_id.in_(sorted(documents)))
    wanted = {c.id for c in codes}
    if len(wanted) < len(CodeTree.all_ids(session)):
        # Not through ix_coding_code_id: a row fetch per coding costs twice a scan of the
        # covering uq_coding_span index, and a code and its sub-codes are most of the codings.
        query = query.where((Coding.code_id + 0).in_(sorted(wanted)))
    if filters.coder is not None:
        query = query.join(Coder, Coder.id == Coding.coder_id).where(Coder.name == filters.coder)
    rows = _numbers(session.scalar(query)).reshape(-1, 4)
    return rows[:, 0], rows[:, 1], rows[:, 2], rows[:, 3]


def carried(
    session: Session,
    filters: Filters,
    codes: list[Code],
    *,
    text: bool = False,
    spans: bool = False,
) -> Carried:
    """The passages of the documents `filters` selects that carry each of `codes` (a passage
    carries a code when one of the selected codings with it shares a character with it).
    `spans` also gathers the coded spans quotes are made from; `text` loads documents' text."""
    import numpy as np

    from qualcode.analysis.carried_arrays import Carried

    selected = matching_documents(session, filters.where, text=text)
    documents = {d.id: d for d in selected}
    every = not filters.where
    table = passage_table(session, documents, every=every)
    found_spans: list[CodedSpan] = []
    if spans or filters.consensus:
        found_spans = coded_spans(
            session, selected, codes, coder=filters.coder, consensus=filters.consensus
        )
    if filters.consensus:
        agreed = [(s.document_id, s.code_id, s.start, s.end) for s in found_spans]
        table_rows = np.array(agreed, dtype=np.int64).reshape(-1, 4)
        rows = (table_rows[:, 0], table_rows[:, 1], table_rows[:, 2], table_rows[:, 3])
    else:
        rows = _stored_codings(session, documents, codes, filters, every)
    return Carried.of(documents, table, rows, found_spans)
