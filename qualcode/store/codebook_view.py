"""The codebook as the workbench shows it: codes with their counts, quotes, and the coders.

Plain-data reads (no UI imports) for the codebook tree and the code view: each code with
its rules, depth in the tree and how often it was applied by this coder and by everyone;
every span coded with a code across documents, with participant and passage; and the
names of everyone who has coded in the project.
"""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.store.blinding import blind_documents
from qualcode.store.codes import all_codes
from qualcode.store.models import Coder, Coding, Document, Participant, Passage


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
    cues: tuple[str, ...] = ()


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


def code_rows(session: Session, coder: str) -> list[CodeRow]:
    """The codebook in tree order, with counts of codings by this coder and by everyone.

    "Everyone" leaves out other coders' codings of documents this coder is coding blind.
    """
    totals: Counter[int] = Counter()
    mine: Counter[int] = Counter()
    query = select(Coding.code_id, Coder.name, func.count()).join(
        Coder, Coder.id == Coding.coder_id
    )
    hidden = blind_documents(session, coder)
    if hidden:
        query = query.where(~(Coding.document_id.in_(hidden) & (Coder.name != coder.strip())))
    counts = session.execute(query.group_by(Coding.code_id, Coder.name))
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
                tuple(code.cues),
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
