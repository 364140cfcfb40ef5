"""Scoring holds off cyclic garbage collection within a batch, and only there."""

from __future__ import annotations

import gc
from itertools import islice
from typing import Any

from spacy.tokens import Doc

from qualcode.nlp.layers import Layers
from qualcode.nlp.suggester import Suggester
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.types import CodeEntry, PassageText

CODES = [
    CodeEntry("volunteers", "Volunteers", None, description="Volunteers and mentors"),
    CodeEntry("clearance", "Clearance", None, cues=("vetting",), description="Security keys"),
]
TEXTS = [
    ("Our volunteers mentor people after release, and the vetting took months.", "volunteers"),
    ("We trained the volunteer mentors.", "volunteers"),
    ("The vetting took months, clearance never came.", "clearance"),
    ("Security clearance again: keys refused.", "clearance"),
    ("The weather was lovely.", ""),
]


def test_a_batch_is_scored_without_collections_and_collection_is_back_between_batches() -> None:
    items = [(text, {"volunteers": float(c == "volunteers")}) for text, c in TEXTS]
    nlp = train_pipeline(items, ["volunteers"], epochs=2).nlp
    suggester = Suggester(nlp, CODES, 0.3, trained_positives={"volunteers": 2})
    passages = [
        PassageText(i, 1, "d", i, 0, 80, "A", TEXTS[i % len(TEXTS)][0], 0) for i in range(1200)
    ]
    collections = []

    def count(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            collections.append(info["generation"])

    gc.callbacks.append(count)
    try:
        found = suggester.suggest(passages, batch_size=300)
        head = list(islice(found, 5))
        assert gc.isenabled()  # not while the caller holds a suspended batch
        rest = list(found)
    finally:
        gc.callbacks.remove(count)
    assert len(head) + len(rest) == len(passages)
    # Unpaused, these 1,200 passages set off dozens of collections; paused, at most one
    # at each batch's start (the objects made between batches).
    assert len(collections) <= 5
    assert gc.isenabled()


def _scoring_objects_alive() -> int:
    """Docs and layers still held anywhere (the collector tracks both)."""
    return sum(isinstance(thing, Doc | Layers) for thing in gc.get_objects())


def test_a_batch_handed_back_holds_no_docs_for_the_next_collection_to_walk() -> None:
    # The batch's docs, cue evidence and layers were still held when the collector came back
    # on, so its first pass walked some 13,000 objects of each batch: a twentieth of the CPU.
    items = [(text, {"volunteers": float(c == "volunteers")}) for text, c in TEXTS]
    nlp = train_pipeline(items, ["volunteers"], epochs=2).nlp
    suggester = Suggester(nlp, CODES, 0.3, trained_positives={"volunteers": 2})
    passages = [
        PassageText(i, 1, "d", i, 0, 80, "A", TEXTS[i % len(TEXTS)][0], 0) for i in range(600)
    ]
    before = _scoring_objects_alive()
    found = suggester.suggest(passages, batch_size=200)
    head = list(islice(found, 5))
    assert _scoring_objects_alive() == before
    assert [s.code for s in head[0][1]] == ["volunteers", "clearance"]
    assert len(head) + len(list(found)) == len(passages)
