"""A table from word forms (spaCy orth hashes) to their lemma and kind, looked up a whole
batch of tokens at once."""

from __future__ import annotations

from collections.abc import Callable

import numpy

EMPTY = 0  # the hash of the empty string, which no token has: marks a free slot


class FormTable:
    """Word forms → (lemma hash, content word?) in numpy arrays, open addressing.

    A batch of tokens is looked up with a few whole-array steps instead of a Python step per
    token or a sort of the batch; forms not seen before are worked out once each, by `work`.
    Orth hashes are murmur hashes, so their low bits spread them over the slots; the table is
    kept at most half full, so a lookup probes about one and a half slots.
    """

    def __init__(self, work: Callable[[int], tuple[int, bool]], size: int = 4096) -> None:
        self._work = work
        self._keys = numpy.zeros(size, dtype=numpy.uint64)
        self._lemmas = numpy.zeros(size, dtype=numpy.uint64)
        self._content = numpy.zeros(size, dtype=bool)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def lookup(self, orths: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The lemma hash of each form and whether it is a content word."""
        slots, unseen = self._slots(orths)
        if len(unseen):
            for orth in numpy.unique(unseen).tolist():
                self._add(orth, *self._work(orth))
            slots, unseen = self._slots(orths)
            assert not len(unseen)
        return self._lemmas[slots], self._content[slots]

    def _slots(self, orths: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """Each form's slot, and the forms the table does not hold (their slots are junk)."""
        keys, mask = self._keys, numpy.uint64(len(self._keys) - 1)
        slots = (orths & mask).astype(numpy.intp)
        unseen: list[numpy.ndarray] = []
        pending = numpy.arange(len(orths))
        while len(pending):
            held = keys[slots[pending]]
            wanted = orths[pending]
            free = held == EMPTY
            if free.any():
                unseen.append(wanted[free])
            pending = pending[(held != wanted) & ~free]
            slots[pending] = (slots[pending] + 1) & (len(keys) - 1)
        return slots, (numpy.concatenate(unseen) if unseen else orths[:0])

    def _add(self, orth: int, lemma: int, content: bool) -> None:
        if orth == EMPTY:
            raise ValueError("a word form cannot be the empty string")
        if 2 * (self._count + 1) > len(self._keys):
            self._grow()
        mask = len(self._keys) - 1
        slot = orth & mask
        while self._keys[slot]:
            slot = (slot + 1) & mask
        self._keys[slot], self._lemmas[slot], self._content[slot] = orth, lemma, content
        self._count += 1

    def _grow(self) -> None:
        held = numpy.flatnonzero(self._keys)
        entries = zip(
            self._keys[held].tolist(),
            self._lemmas[held].tolist(),
            self._content[held].tolist(),
            strict=True,
        )
        size = 2 * len(self._keys)
        self._keys = numpy.zeros(size, dtype=numpy.uint64)
        self._lemmas = numpy.zeros(size, dtype=numpy.uint64)
        self._content = numpy.zeros(size, dtype=bool)
        self._count = 0
        for orth, lemma, content in entries:
            self._add(orth, lemma, content)
