"""A table from word forms (spaCy orth hashes) to their lemma and kind, looked up a whole
batch of tokens at once."""

from __future__ import annotations

import threading
from collections.abc import Callable

import numpy

EMPTY = 0  # the hash of the empty string, which no token has: marks a free slot


class FormTable:
    """Word forms → (lemma hash, content word?) in numpy arrays, open addressing.

    A batch of tokens is looked up with a few whole-array steps instead of a Python step per
    token or a sort of the batch; forms not seen before are worked out once each, by `work`.
    Orth hashes are murmur hashes, so their low bits spread them over the slots; the table is
    kept at most half full, so a lookup probes about one and a half slots.

    Safe to share between threads (the TUI's workers share one blank pipeline): a lookup reads
    one snapshot of the arrays, a new form is written key last under a lock, and a grown table
    is swapped in whole.
    """

    def __init__(self, work: Callable[[int], tuple[int, bool]], size: int = 4096) -> None:
        self._work = work
        self._lock = threading.Lock()
        self._arrays = _empty(size)
        self._count = 0

    def __len__(self) -> int:
        return self._count

    def lookup(self, orths: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The lemma hash of each form and whether it is a content word."""
        while True:
            arrays = self._arrays
            slots, unseen = _slots(arrays[0], orths)
            if not len(unseen):
                return arrays[1][slots], arrays[2][slots]
            with self._lock:
                # Another thread may have added some of them since the snapshot was taken.
                _, still = _slots(self._arrays[0], numpy.unique(unseen))
                for orth in still.tolist():
                    self._add(orth, *self._work(orth))

    def _add(self, orth: int, lemma: int, content: bool) -> None:
        if orth == EMPTY:
            raise ValueError("a word form cannot be the empty string")
        if 2 * (self._count + 1) > len(self._arrays[0]):
            self._grow()
        keys, lemmas, kinds = self._arrays
        mask = len(keys) - 1
        slot = orth & mask
        while keys[slot]:
            slot = (slot + 1) & mask
        lemmas[slot], kinds[slot] = lemma, content
        keys[slot] = orth  # last: a reader that finds the key finds its lemma
        self._count += 1

    def _grow(self) -> None:
        keys, lemmas, kinds = self._arrays
        held = numpy.flatnonzero(keys)
        entries = zip(keys[held].tolist(), lemmas[held].tolist(), kinds[held].tolist(), strict=True)
        grown = _empty(2 * len(keys))
        mask = len(grown[0]) - 1
        for orth, lemma, content in entries:
            slot = orth & mask
            while grown[0][slot]:
                slot = (slot + 1) & mask
            grown[0][slot], grown[1][slot], grown[2][slot] = orth, lemma, content
        self._arrays = grown


_Arrays = tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray]


def _empty(size: int) -> _Arrays:
    """Keys, lemmas and content flags of an empty table of this many slots (a power of 2)."""
    return (
        numpy.zeros(size, dtype=numpy.uint64),
        numpy.zeros(size, dtype=numpy.uint64),
        numpy.zeros(size, dtype=bool),
    )


def _slots(keys: numpy.ndarray, orths: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
    """Each form's slot among keys, and the forms not held (their slots are junk)."""
    mask = len(keys) - 1
    slots = (orths & numpy.uint64(mask)).astype(numpy.intp)
    unseen: list[numpy.ndarray] = []
    pending = numpy.arange(len(orths))
    while len(pending):
        held = keys[slots[pending]]
        wanted = orths[pending]
        free = held == EMPTY
        if free.any():
            unseen.append(wanted[free])
        pending = pending[(held != wanted) & ~free]
        slots[pending] = (slots[pending] + 1) & mask
    return slots, (numpy.concatenate(unseen) if unseen else orths[:0])
