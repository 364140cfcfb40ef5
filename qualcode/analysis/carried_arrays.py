"""Which passages carry which codes, as arrays: counted and combined without a loop per coding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from qualcode.analysis.carrying import PassageRef
from qualcode.export.selection import CodedSpan
from qualcode.store.models import Document

Ints = NDArray[np.int64]


@dataclass(frozen=True)
class PassageTable:
    """The selected documents' passages in document, then index order (one row each)."""

    document: Ints
    index: Ints
    start: Ints
    end: Ints

    @classmethod
    def of(cls, flat: Ints) -> PassageTable:
        """From document, index, start, end of each passage in turn, in any order."""
        rows = flat.reshape(-1, 4)
        order = np.lexsort((rows[:, 1], rows[:, 0]))
        rows = rows[order]
        return cls(rows[:, 0].copy(), rows[:, 1].copy(), rows[:, 2].copy(), rows[:, 3].copy())

    def counts(self) -> dict[int, int]:
        """Passages per document."""
        documents, counts = np.unique(self.document, return_counts=True)
        return dict(zip(documents.tolist(), counts.tolist(), strict=True))

    def overlapped(self, document: Ints, start: Ints, end: Ints) -> tuple[Ints, Ints]:
        """Per span, the rows [first, stop) of the passages sharing at least one character with
        it (passage.start < end and passage.end > start, as `agree --unit passage` counts); a
        span in a gap between passages, or in a document not selected, overlaps none."""
        stride = int(max(self.end.max(initial=0), end.max(initial=0))) + 1
        first = np.searchsorted(
            self.document * stride + self.end, document * stride + start, "right"
        )
        stop = np.searchsorted(self.document * stride + self.start, document * stride + end, "left")
        return first, np.maximum(stop, first)


@dataclass
class Carried:
    """The selected documents' passages and the codes carried by each, with coding counts."""

    documents: dict[int, Document]
    table: PassageTable
    code: Ints
    """Per coding: its code id."""
    document: Ints
    """Per coding: its document id."""
    carrier_code: Ints
    """With `carrier_row`: each (code, passage row) pair where a selected coding of the code
    shares a character with the passage, once."""
    carrier_row: Ints
    spans: list[CodedSpan] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        documents: dict[int, Document],
        table: PassageTable,
        codings: tuple[Ints, Ints, Ints, Ints],
        spans: list[CodedSpan],
    ) -> Carried:
        """From the codings as (document, code, start, end) arrays."""
        document, code, start, end = codings
        first, stop = table.overlapped(document, start, end)
        lengths = stop - first
        # Each coding's rows first..stop-1 laid end to end, with no loop per coding.
        rows = np.arange(int(lengths.sum())) - np.repeat(
            np.cumsum(lengths) - lengths - first, lengths
        )
        codes = np.repeat(code, lengths)
        # Each (code, row) once: one sortable number per pair.
        height = max(len(table.document), 1)
        pairs = np.unique(codes * height + rows)
        return cls(documents, table, code, document, pairs // height, pairs % height, spans)

    @cached_property
    def passage_counts(self) -> dict[int, int]:
        """Passages per selected document."""
        return self.table.counts()

    @cached_property
    def codings(self) -> dict[tuple[int, int], int]:
        """(document id, code id) -> codings; with --consensus, agreed spans."""
        return dict(Counter(zip(self.document.tolist(), self.code.tolist(), strict=True)))

    @cached_property
    def direct(self) -> dict[int, set[PassageRef]]:
        """Code id -> passages that one of its (selected) codings overlaps."""
        found: dict[int, set[PassageRef]] = {}
        for code_id in np.unique(self.carrier_code).tolist():
            found[code_id] = self.passages([code_id])
        return found

    def _rows(self, code_ids: Collection[int]) -> Ints:
        wanted = np.isin(self.carrier_code, np.fromiter(code_ids, np.int64, len(code_ids)))
        return np.unique(self.carrier_row[wanted])

    def passages(self, code_ids: Iterable[int]) -> set[PassageRef]:
        """Passages carrying any of these codes."""
        rows = self._rows(set(code_ids))
        documents, indexes = self.table.document[rows].tolist(), self.table.index[rows].tolist()
        return set(zip(documents, indexes, strict=True))

    def passages_by_document(self, code_ids: Iterable[int]) -> dict[int, int]:
        """Per document, how many of its passages carry any of these codes."""
        rows = self._rows(set(code_ids))
        documents, counts = np.unique(self.table.document[rows], return_counts=True)
        return dict(zip(documents.tolist(), counts.tolist(), strict=True))

    def codings_by_document(self, code_ids: Iterable[int]) -> dict[int, int]:
        """Per document, how many of the selected codings are of one of these codes."""
        wanted = set(code_ids)
        mask = np.isin(self.code, np.fromiter(wanted, np.int64, len(wanted)))
        documents, counts = np.unique(self.document[mask], return_counts=True)
        return dict(zip(documents.tolist(), counts.tolist(), strict=True))

    def shared(self, groups: list[set[int]]) -> list[list[int]]:
        """For each two groups of code ids, the passages carrying a code of each."""
        carrying, dense = np.unique(self.carrier_row, return_inverse=True)
        carries = np.zeros((len(carrying), len(groups)))
        for column, code_ids in enumerate(groups):
            wanted = np.isin(self.carrier_code, np.fromiter(code_ids, np.int64, len(code_ids)))
            carries[dense[wanted], column] = 1.0
        both = carries.T @ carries  # whole numbers, exact in float64
        return [[int(n) for n in row] for row in both.tolist()]

    def universe(self) -> set[PassageRef]:
        """Every passage of the selected documents."""
        return set(zip(self.table.document.tolist(), self.table.index.tolist(), strict=True))

    def coding_count(self, documents: Iterable[int], code_ids: set[int]) -> int:
        wanted = set(documents)
        return sum(n for (d, c), n in self.codings.items() if d in wanted and c in code_ids)
