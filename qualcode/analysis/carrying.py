"""Which passages carry which codes: the one definition that matrices and queries count by."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, String, cast, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from qualcode.analysis.overlap import overlapping
from qualcode.export.selection import CodedSpan, coded_spans, matching_documents
from qualcode.store.codes import all_codes
from qualcode.store.models import Code, Coder, Coding, Document, Passage

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


@dataclass
class Carried:
    """The selected documents' passages and the codes carried by each, with coding counts."""

    documents: dict[int, Document]
    passage_counts: dict[int, int]
    direct: dict[int, set[PassageRef]]
    """Code id -> passages that one of its (selected) codings overlaps."""
    codings: dict[tuple[int, int], int]
    """(document id, code id) -> codings; with --consensus, agreed spans."""
    spans: list[CodedSpan]

    def passages(self, code_ids: Iterable[int]) -> set[PassageRef]:
        """Passages carrying any of these codes."""
        found: set[PassageRef] = set()
        for code_id in code_ids:
            found |= self.direct.get(code_id, set())
        return found

    def universe(self) -> set[PassageRef]:
        """Every passage of the selected documents."""
        return {(d, i) for d, n in self.passage_counts.items() for i in range(n)}

    def coding_count(self, documents: Iterable[int], code_ids: set[int]) -> int:
        wanted = set(documents)
        return sum(n for (d, c), n in self.codings.items() if d in wanted and c in code_ids)


def _packed(session: Session, *columns: InstrumentedAttribute[int]) -> ColumnElement[str]:
    """Every row's columns of a group as one string "a,b,c,a,b,c…": the database joins them,
    and Python splits one string per document far faster than it builds a tuple per row."""
    joined: ColumnElement[str] = cast(columns[0], String)
    for column in columns[1:]:
        joined = joined + "," + cast(column, String)
    if session.get_bind().dialect.name == "postgresql":
        return func.string_agg(joined, ",")
    return func.group_concat(joined, ",")


def _unpacked(packed: str, width: int) -> list[tuple[int, ...]]:
    values = list(map(int, packed.split(",")))
    return list(zip(*(values[i::width] for i in range(width)), strict=True))


Bounds = tuple[list[int], list[int], list[int]]


def passage_bounds(
    session: Session, document_ids: Collection[int], *, every: bool = False
) -> dict[int, Bounds]:
    """Per document: its passages' indexes, starts and ends, in order (`every`: the documents
    are all the project's, so no list of ids goes to the database)."""
    query = select(
        Passage.document_id, _packed(session, Passage.index, Passage.start, Passage.end)
    ).group_by(Passage.document_id)
    if not every:
        query = query.where(Passage.document_id.in_(sorted(document_ids)))
    found: dict[int, Bounds] = {}
    for document_id, packed in session.execute(query):
        if document_id not in document_ids or not packed:
            continue
        rows = sorted(_unpacked(packed, 3))
        found[document_id] = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
    return found


def _stored_codings(
    session: Session, documents: Collection[int], codes: list[Code], filters: Filters, every: bool
) -> list[tuple[int, int, int, int]]:
    """(document, code, start, end) of every selected coding."""
    query = select(
        Coding.document_id, _packed(session, Coding.code_id, Coding.start, Coding.end)
    ).group_by(Coding.document_id)
    if not every:
        query = query.where(Coding.document_id.in_(sorted(documents)))
    wanted = {c.id for c in codes}
    if len(wanted) < len(CodeTree.all_ids(session)):
        query = query.where(Coding.code_id.in_(sorted(wanted)))
    if filters.coder is not None:
        query = query.join(Coder, Coder.id == Coding.coder_id).where(Coder.name == filters.coder)
    rows: list[tuple[int, int, int, int]] = []
    for document_id, packed in session.execute(query):
        if document_id in documents and packed:
            rows += [
                (document_id, code, start, end)
                for code, start, end in _unpacked(packed, 3)
                if code in wanted
            ]
    return rows


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
    selected = matching_documents(session, filters.where, text=text)
    documents = {d.id: d for d in selected}
    every = not filters.where
    bounds = passage_bounds(session, documents, every=every)
    found_spans: list[CodedSpan] = []
    if spans or filters.consensus:
        found_spans = coded_spans(
            session, selected, codes, coder=filters.coder, consensus=filters.consensus
        )
    if filters.consensus:
        rows = [(s.document_id, s.code_id, s.start, s.end) for s in found_spans]
    else:
        rows = _stored_codings(session, documents, codes, filters, every)
    direct: dict[int, set[PassageRef]] = defaultdict(set)
    codings: dict[tuple[int, int], int] = defaultdict(int)
    empty: Bounds = ([], [], [])
    for document_id, code_id, start, end in rows:
        codings[(document_id, code_id)] += 1
        indexes, starts, ends = bounds.get(document_id, empty)
        found = direct[code_id]
        for position in overlapping(starts, ends, start, end):
            found.add((document_id, indexes[position]))
    counts = {d: len(b[0]) for d, b in bounds.items()}
    return Carried(documents, counts, dict(direct), dict(codings), found_spans)
