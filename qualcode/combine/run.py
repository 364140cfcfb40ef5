"""One combine's state: what it counted, and maps from the other project's ids to this one's."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.combine.documents import Placement
from qualcode.store.audit import get_or_create_coder
from qualcode.store.models import Code, Coder, Participant, Passage

# Counts that mean the target changed; "... matched" and "documents re-anchored" do not.
CHANGES = (" added", " updated", " linked", " set aside")  # not "left out": nothing changes


@dataclass
class CombineSummary:
    """What combining did: counts per kind of record, and conflicts in words."""

    counts: dict[str, int] = field(default_factory=dict)
    conflicts: list[str] = field(default_factory=list)

    def add(self, what: str, number: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + number

    def get(self, what: str) -> int:
        return self.counts.get(what, 0)

    @property
    def changed(self) -> bool:
        """Did anything change (as opposed to being found already there)?"""
        return any(n for what, n in self.counts.items() if what.endswith(CHANGES))


class Run:
    """One combine. The other project's rows are read once per table, as plain tuples: a
    combine of 50,000 codings must not ask the database once per coding."""

    def __init__(
        self, target: Session, other: Session, *, coder: str, only: str | None, prefer: bool
    ) -> None:
        self.target, self.other, self.coder, self.only, self.prefer = (
            target, other, coder, only, prefer,
        )  # fmt: skip
        self.summary = CombineSummary()
        self.coders: dict[int, Coder] = {}
        self.codes: dict[int, Code] = {}
        self.participants: dict[int, Participant] = {}
        self.places: dict[int, Placement] = {}
        self.withdrawn: set[int] = set()  # the other's participants withdrawn from this one
        self.left_out: set[int] = set()  # the other's documents of withdrawn participants
        self.their_coders: dict[int, str] = dict(other.execute(select(Coder.id, Coder.name)).all())
        self._their_passages: dict[int, tuple[int, int, int]] | None = None
        self._our_passages: dict[int, tuple[list[int], list[int]]] | None = None

    @property
    def keys(self) -> dict[int, str]:
        return {code.id: code.key for code in self.codes.values()}

    @property
    def names(self) -> dict[int, str]:
        return {coder.id: coder.name for coder in self.coders.values()}

    def coder_of(self, other_id: int) -> Coder:
        if other_id not in self.coders:
            name = self.their_coders[other_id]
            known = self.target.scalar(select(Coder.id).where(Coder.name == name))
            self.coders[other_id] = get_or_create_coder(self.target, name)
            self.summary.add("coders matched" if known else "coders added")
        return self.coders[other_id]

    def wanted(self, coder_id: int) -> bool:
        """Is this coder's work taken (all coders', unless one was asked for)?"""
        return self.only is None or self.their_coders[coder_id] == self.only

    def their_passage(self, passage_id: int) -> tuple[int, int, int]:
        """One of the other project's passages: its document id, start and end."""
        if self._their_passages is None:
            rows = self.other.execute(
                select(Passage.id, Passage.document_id, Passage.start, Passage.end)
            )
            self._their_passages = {row[0]: (row[1], row[2], row[3]) for row in rows}
        return self._their_passages[passage_id]

    def left_out_of(self, document_id: int | None, passage_id: int | None) -> bool:
        """Is this on a document left out (its participant withdrew)?"""
        if passage_id is not None:
            document_id = self.their_passage(passage_id)[0]
        return document_id is not None and document_id in self.left_out

    def passage(self, passage_id: int) -> int | None:
        """This project's passage id for one of the other's: where its first words now stand
        (read after every document is placed, so copied documents' passages are there)."""
        document_id, start, end = self.their_passage(passage_id)
        place = self.places[document_id]
        span = place.span(start, end)
        if span is None:
            return None
        if self._our_passages is None:
            self._our_passages = {}
            rows = self.target.execute(
                select(Passage.document_id, Passage.start, Passage.id).order_by(Passage.start)
            )
            for doc_id, at, row_id in rows:
                starts, ids = self._our_passages.setdefault(doc_id, ([], []))
                starts.append(at)
                ids.append(row_id)
        starts, ids = self._our_passages.get(place.target.id, ([], []))
        index = bisect_right(starts, span[0]) - 1
        return ids[index] if index >= 0 else None
