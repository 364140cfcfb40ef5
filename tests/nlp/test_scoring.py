"""Definition similarity and the blend of the codebook layer with the model."""

from __future__ import annotations

import pytest
from spacy.language import Language

from qualcode.nlp.combine import PRIOR, Parts, blend, origin_of, reason, trust
from qualcode.nlp.definitions import DefinitionIndex
from qualcode.nlp.pipeline import blank_pipeline
from qualcode.nlp.types import CodeEntry, CueEvidence, CueHit

CODES = [
    CodeEntry(
        "funding",
        "Funding dependence",
        None,
        description="Reliance on a single funder, trusts and foundations, grants and donations.",
        include=("Share of income from one funder",),
    ),
    CodeEntry(
        "lockdowns",
        "Staffing and lockdowns",
        None,
        description="Prison officers short-staffed, wings locked down, regimes restricted.",
    ),
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


def test_definition_similarity_ranks_the_closest_code(nlp: Language) -> None:
    index = DefinitionIndex(nlp, CODES)
    found = index.matches(nlp("Most of our income is grants from two trusts and one funder."))
    assert max(found.similarity, key=found.similarity.get) == "funding"  # type: ignore[arg-type]
    assert 0 < found.similarity["funding"] <= 1
    assert set(found.words("funding")) <= {"grant", "trust", "funder", "income"}
    assert index.matches(nlp("Lovely weather today.")).similarity == {}


def test_blend_without_model_is_the_codebook_layer() -> None:
    parts = Parts(cue=0.5, definition=1.0, model=None, relative=0.0, positives=0)
    assert blend(parts) == pytest.approx(0.75)
    assert origin_of(parts) == "cue"


def test_blend_trusts_the_model_more_with_more_examples() -> None:
    assert trust(0) == 0
    assert trust(int(PRIOR)) == pytest.approx(0.5)
    few = Parts(cue=0.0, definition=0.0, model=0.9, relative=1.0, positives=1)
    many = Parts(cue=0.0, definition=0.0, model=0.9, relative=1.0, positives=50)
    assert blend(few) < blend(many) <= 1.0
    assert origin_of(many) == "model"
    both = Parts(cue=0.75, definition=1.0, model=0.9, relative=1.0, positives=10)
    assert origin_of(both) == "both"


def test_reason_names_the_cue_and_where() -> None:
    hit = CueHit("bid", "bidding", 10, 17)
    parts = Parts(cue=0.5, definition=0.2, model=0.8, relative=1.0, positives=7)
    text = reason(parts, CueEvidence(0.5, (hit,)), ("bid",))
    assert 'cue "bid: bidding" at 10–17' in text
    assert "learned from 7 coded passages" in text
    assert "definition words" not in text


def test_definition_matches_of_a_batch_equal_one_at_a_time(nlp: Language) -> None:
    index = DefinitionIndex(nlp, CODES)
    texts = [
        "Most of our income is grants from two trusts and one funder.",
        "",
        "Nothing in common here.",
        "The wings were locked down again; officers short-staffed, the regime restricted.",
        "Grants, grants and more grants: one funder, lockdowns and officers.",
    ]
    docs = list(nlp.pipe(texts))
    batch = index.matches_batch(docs)
    for doc, found in zip(docs, batch, strict=True):
        alone = index.matches(doc)
        assert found.similarity == alone.similarity  # the same bits
        assert all(found.words(c.key) == alone.words(c.key) for c in CODES)
    assert batch[1].vector is None and batch[2].vector is None
    assert batch[4].similarity.keys() == {"funding", "lockdowns"}
