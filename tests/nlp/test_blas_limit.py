"""Suggester.suggest holds BLAS to one thread while it scores, and only then."""

from __future__ import annotations

from itertools import islice

from threadpoolctl import ThreadpoolController, threadpool_limits

from qualcode.nlp.suggester import Suggester
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.types import CodeEntry, PassageText

CODES = [
    CodeEntry("volunteers", "Volunteers", None, description="Volunteers and mentors"),
    CodeEntry("clearance", "Clearance", None, cues=("vetting",), description="Security keys"),
]
TEXTS = [
    ("Our volunteers mentor people after release.", "volunteers"),
    ("We trained the volunteer mentors.", "volunteers"),
    ("The vetting took months, clearance never came.", "clearance"),
    ("Security clearance again: keys refused.", "clearance"),
    ("The weather was lovely.", ""),
]


def _blas_threads() -> list[int]:
    pools = ThreadpoolController().info()
    return [pool["num_threads"] for pool in pools if pool["user_api"] == "blas"]


def test_interleaved_suggest_calls_leave_the_blas_threads_as_they_were() -> None:
    items = [(text, {"volunteers": float(c == "volunteers")}) for text, c in TEXTS]
    nlp = train_pipeline(items, ["volunteers"], epochs=2).nlp
    suggester = Suggester(nlp, CODES, 0.3, trained_positives={"volunteers": 2})
    passages = [
        PassageText(i, 1, "d", i, 0, 40, "A", TEXTS[i % len(TEXTS)][0], 0) for i in range(40)
    ]
    with threadpool_limits(limits=2, user_api="blas"):
        before = _blas_threads()
        first = suggester.suggest(passages, batch_size=8)
        second = suggester.suggest(passages, batch_size=8)
        head = list(islice(first, 3)) + list(islice(second, 3))
        # While suspended between passages, neither generator holds the limit.
        assert _blas_threads() == before
        rest = list(first) + list(second)
        assert len(head) + len(rest) == 2 * len(passages)
        assert _blas_threads() == before
