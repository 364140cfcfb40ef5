"""Which passages carry which codes, as arrays: counted and combined without a loop per coding."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from numpy.typing import NDArray

from qualcode.analysis.carrying import PassageRef
from qualcode.export.selection import CodedSpan
from qualcode.store.models import Document

Ints = NDArray[np.int64]
SHIFT = 32
"""A passage's key is its document id shifted left by this, plus its index: one sortable number,
and key ± N stays in the document for any N below 2**32 minus the largest index."""


def passage_keys(document: Ints, index: Ints) -> Ints:
    return (document << SHIFT) + index


@dataclass(frozen=True)
class PassageKeys:
    """A set of passages as sorted, unique keys: set algebra and NEAR/N in numpy rather than
    a Python tuple per passage."""

    keys: Ints

    @classmethod
    def of(cls, refs: Iterable[PassageRef]) -> PassageKeys:
        pairs = np.array(sorted(set(refs)), dtype=np.int64).reshape(-1, 2)
        return cls(passage_keys(pairs[:, 0], pairs[:, 1]))

    def __and__(self, other: PassageKeys) -> PassageKeys:
        return PassageKeys(np.intersect1d(self.keys, other.keys, assume_unique=True))

    def __or__(self, other: PassageKeys) -> PassageKeys:
        return PassageKeys(np.union1d(self.keys, other.keys))

    def __sub__(self, other: PassageKeys) -> PassageKeys:
        return PassageKeys(np.setdiff1d(self.keys, other.keys, assume_unique=True))

    def __len__(self) -> int:
        return len(self.keys)

    def near(self, other: PassageKeys, distance: int) -> PassageKeys:
        """Passages of either set with one of the other at most `distance` passages away, in
        the same document (NEAR/0 is AND)."""
        return self._close_to(other, distance) | other._close_to(self, distance)

    def _close_to(self, other: PassageKeys, distance: int) -> PassageKeys:
        at = np.searchsorted(other.keys, self.keys - distance, "left")
        found = at < len(other.keys)
        found[found] = other.keys[at[found]] <= self.keys[found] + distance
        return PassageKeys(self.keys[found])

    def refs(self) -> list[PassageRef]:
        """(document id, index) of each passage, in document, then passage order."""
        documents, indexes = (self.keys >> SHIFT).tolist(), (self.keys & (2**SHIFT - 1)).tolist()
        return list(zip(documents, indexes, strict=True))

    def documents(self) -> dict[int, int]:
        """How many of the passages each document has."""
        documents, counts = np.unique(self.keys >> SHIFT, return_counts=True)
        return dict(zip(documents.tolist(), counts.tolist(), strict=True))


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

    def bounds(self, document: Ints, start: Ints, end: Ints) -> tuple[Ints, Ints]:
        """Per span, the first and last index of the passages sharing at least one character
        with it (passage.start < end and passage.end > start, as `agree --unit passage`
        counts), as the database keeps them on each coding; last < first when none does."""
        stride = int(max(self.end.max(initial=0), end.max(initial=0))) + 1
        first = np.searchsorted(
            self.document * stride + self.end, document * stride + start, "right"
        )
        stop = np.searchsorted(self.document * stride + self.start, document * stride + end, "left")
        some = stop > first
        low, high = np.full(len(first), -1, np.int64), np.full(len(first), -2, np.int64)
        low[some], high[some] = self.index[first[some]], self.index[stop[some] - 1]
        return low, high


@dataclass
class Carried:
    """The selected documents' passages and the codes carried by each, with coding counts."""

    documents: dict[int, Document]
    """The selected documents, when they were loaded (see `carried`)."""
    code: Ints
    """Per coding: its code id."""
    document: Ints
    """Per coding: its document id."""
    carrier_code: Ints
    """With `carrier_key`: each (code, passage key) where a selected coding of the code shares a
    character with the passage (a pair may repeat)."""
    carrier_key: Ints
    every_passage: Callable[[], PassageKeys]
    spans: list[CodedSpan] = field(default_factory=list)

    @classmethod
    def of(
        cls,
        documents: dict[int, Document],
        codings: tuple[Ints, Ints, Ints, Ints],
        every_passage: Callable[[], PassageKeys],
        spans: list[CodedSpan],
    ) -> Carried:
        """From the codings as (document, code, first passage, last passage) arrays."""
        document, code, first, last = codings
        lengths = np.maximum(last - first + 1, 0)
        # Each coding's passages first..last laid end to end, with no loop per coding.
        steps = np.arange(int(lengths.sum())) - np.repeat(np.cumsum(lengths) - lengths, lengths)
        keys = np.repeat(passage_keys(document, first), lengths) + steps
        return cls(documents, code, document, np.repeat(code, lengths), keys, every_passage, spans)

    def _mask(self, code_ids: Collection[int]) -> NDArray[np.bool_]:
        return np.isin(self.carrier_code, np.fromiter(code_ids, np.int64, len(code_ids)))

    def keys(self, code_ids: Iterable[int]) -> PassageKeys:
        """Passages carrying any of these codes."""
        return PassageKeys(np.unique(self.carrier_key[self._mask(set(code_ids))]))

    def passages(self, code_ids: Iterable[int]) -> set[PassageRef]:
        """Passages carrying any of these codes, as (document id, index)."""
        return set(self.keys(code_ids).refs())

    def passages_by_document(self, code_ids: Iterable[int]) -> dict[int, int]:
        """Per document, how many of its passages carry any of these codes."""
        return self.keys(code_ids).documents()

    @cached_property
    def codings(self) -> dict[tuple[int, int], int]:
        """(document id, code id) -> codings; with --consensus, agreed spans."""
        return dict(Counter(zip(self.document.tolist(), self.code.tolist(), strict=True)))

    def codings_by_document(self, code_ids: Iterable[int]) -> dict[int, int]:
        """Per document, how many of the selected codings are of one of these codes."""
        wanted = set(code_ids)
        mask = np.isin(self.code, np.fromiter(wanted, np.int64, len(wanted)))
        documents, counts = np.unique(self.document[mask], return_counts=True)
        return dict(zip(documents.tolist(), counts.tolist(), strict=True))

    def codes_of(self, found: PassageKeys) -> dict[PassageRef, set[int]]:
        """The codes each of these passages carries."""
        within = np.isin(self.carrier_key, found.keys)
        refs = PassageKeys(self.carrier_key[within]).refs()
        codes: dict[PassageRef, set[int]] = {}
        for ref, code in zip(refs, self.carrier_code[within].tolist(), strict=True):
            codes.setdefault(ref, set()).add(code)
        return codes

    def shared(self, groups: list[set[int]]) -> list[list[int]]:
        """For each two groups of code ids, the passages carrying a code of each."""
        carrying, dense = np.unique(self.carrier_key, return_inverse=True)
        carries = np.zeros((len(carrying), len(groups)), dtype=np.bool_)
        for column, code_ids in enumerate(groups):
            carries[dense[self._mask(code_ids)], column] = True
        kinds, counts = _kinds(carries)
        both: list[list[int]] = ((kinds.T * counts) @ kinds).tolist()
        return both


def _kinds(carries: NDArray[np.bool_]) -> tuple[Ints, Ints]:
    """The distinct rows of a boolean table (as 0/1 integers) and how often each occurs.

    Passages carrying the same groups count together: there are far fewer such kinds than
    passages, so the co-occurrence product is small and exact in integers. Rows are compared
    as packed 64-bit words (np.unique(axis=0) sorts them as bytes, ten times slower)."""
    if not carries.size:
        return np.zeros((0, carries.shape[1]), np.int64), np.zeros(0, np.int64)
    packed = np.packbits(carries, axis=1)
    width = -(-packed.shape[1] // 8) * 8
    words = np.pad(packed, ((0, 0), (0, width - packed.shape[1]))).view(np.uint64)
    order = np.lexsort(words.T[::-1])
    ordered = words[order]
    starts = np.flatnonzero(np.r_[True, np.any(ordered[1:] != ordered[:-1], axis=1)])
    counts = np.diff(np.r_[starts, len(ordered)])
    return carries[order[starts]].astype(np.int64), counts
