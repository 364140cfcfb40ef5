"""Scoring in forked worker processes that share the parent's suggester, and BLAS held to one
thread while scoring."""

from __future__ import annotations

import multiprocessing as mp
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from threadpoolctl import ThreadpoolController, threadpool_limits

from qualcode.gcpause import existing_objects_frozen, paused_gc
from qualcode.nlp.types import PassageText, Suggestion

if TYPE_CHECKING:
    from qualcode.nlp.suggester import Suggester

CHUNK = 2000
_FORKED: tuple[Suggester, Sequence[PassageText]] | None = None


def worth_forking(passages: int) -> bool:
    """More than one chunk of passages, and a system that can fork."""
    return passages > CHUNK and "fork" in mp.get_all_start_methods()


def score_forked(
    suggester: Suggester,
    passages: Sequence[PassageText],
    floor: float,
    batch_size: int,
    n_process: int,
) -> Iterator[tuple[PassageText, list[Suggestion]]]:
    """Workers are forked with the suggester and the passages in their memory, so a chunk
    is sent as a range and comes back as suggestions only (no text crosses a pipe)."""
    global _FORKED
    _FORKED = (suggester, passages)
    chunks = [
        (i, min(i + CHUNK, len(passages)), floor, batch_size)
        for i in range(0, len(passages), CHUNK)
    ]
    # Frozen, the parent's objects are left out of every collection, so neither process
    # writes to (and so copies) the memory pages the workers share with it.
    try:
        with (
            existing_objects_frozen(),
            mp.get_context("fork").Pool(n_process, initializer=_one_blas_thread) as pool,
        ):
            for (start, stop, _, _), ranked in zip(
                chunks, pool.imap(_score_chunk, chunks), strict=True
            ):
                yield from zip(passages[start:stop], ranked, strict=True)
    finally:
        _FORKED = None


def one_blas_thread() -> AbstractContextManager[Any]:
    """BLAS held to one thread inside the block, then given back as it was."""
    limit: AbstractContextManager[Any] = _blas().limit(limits=1, user_api="blas")
    return limit


@lru_cache(maxsize=1)
def _blas() -> ThreadpoolController:
    """The process's thread pools, looked up once (threadpool_limits looks each time, ~2 ms)."""
    return ThreadpoolController()


def _one_blas_thread() -> None:
    """Scoring multiplies small matrices: BLAS threads only contend with the other workers."""
    threadpool_limits(limits=1, user_api="blas")


def _score_chunk(job: tuple[int, int, float, int]) -> list[list[Suggestion]]:
    """Score passages[start:stop] in a forked worker with the parent's suggester."""
    start, stop, floor, batch_size = job
    assert _FORKED is not None
    suggester, passages = _FORKED
    with paused_gc():
        return [
            suggester.rank(layers, floor)
            for _, layers in suggester.layers(passages[start:stop], batch_size=batch_size)
        ]
