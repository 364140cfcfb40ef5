"""Cue phrases match on lowercase lemmas, with offsets, weights and theme support."""

from __future__ import annotations

import pytest
from spacy.language import Language

from qualcode.nlp.cues import CueIndex
from qualcode.nlp.pipeline import blank_pipeline
from qualcode.nlp.types import CodeEntry

CODES = [
    CodeEntry("commissioning", "Commissioning", None, ("commission", "contract"), is_leaf=False),
    CodeEntry("tendering", "Tendering", "commissioning", ("commissioner", "bid", "tender")),
    CodeEntry("clearance", "Clearance", "commissioning", ("security clearance", "bid")),
    CodeEntry("volunteers", "Volunteers", None, ("volunteer", "give their time")),
]


@pytest.fixture(scope="module")
def nlp() -> Language:
    return blank_pipeline()


@pytest.fixture(scope="module")
def index(nlp: Language) -> CueIndex:
    return CueIndex(nlp, CODES)


def test_lemmatizer_lowercases_and_lemmatizes(nlp: Language) -> None:
    doc = nlp("Commissioners were Bidding; Prisons cancelled sessions.")
    lemmas = [t.lemma_ for t in doc]
    assert lemmas[:3] == ["commissioner", "be", "bid"]
    assert "prison" in lemmas and "cancel" in lemmas and "session" in lemmas


def test_inflected_forms_match_cues(nlp: Language, index: CueIndex) -> None:
    text = "The commissioners were bidding again."
    found = index.evidence(nlp(text))
    hits = {h.cue: h for h in found["tendering"].hits}
    assert set(hits) == {"commissioner", "bid"}
    assert text[hits["commissioner"].start : hits["commissioner"].end] == "commissioners"
    assert text[hits["bid"].start : hits["bid"].end] == "bidding"


def test_multiword_cues_match_inflections_and_case(nlp: Language, index: CueIndex) -> None:
    found = index.evidence(nlp("Our Security Clearances stalled; mentors gave their time."))
    assert [h.text for h in found["clearance"].hits] == ["Security Clearances"]
    assert [h.cue for h in found["volunteers"].hits] == ["give their time"]


def test_offsets_are_shifted_into_the_document(nlp: Language, index: CueIndex) -> None:
    prefix = "Rowan: "
    body = "We put in a bid."
    hit = index.evidence(nlp(body), offset=len(prefix))["tendering"].hits[0]
    assert (prefix + body)[hit.start : hit.end] == "bid"


def test_scores_saturate_and_shared_cues_count_less(nlp: Language, index: CueIndex) -> None:
    one = index.evidence(nlp("a tender"))["tendering"].score
    two = index.evidence(nlp("a tender from the commissioner"))["tendering"].score
    shared = index.evidence(nlp("a bid"))["tendering"].score
    assert one == pytest.approx(0.5)
    assert two == pytest.approx(0.75)
    assert 0 < shared < one
    phrase = index.evidence(nlp("security clearance"))["clearance"].score
    assert phrase > one


def test_repeated_cue_counts_once(nlp: Language, index: CueIndex) -> None:
    found = index.evidence(nlp("tender, tender, tendered"))["tendering"]
    assert len(found.hits) == 3
    assert found.score == pytest.approx(0.5)


def test_theme_cues_only_support_sub_codes(nlp: Language, index: CueIndex) -> None:
    assert index.evidence(nlp("The contract was renewed.")) == {}
    alone = index.evidence(nlp("a tender"))["tendering"].score
    backed = index.evidence(nlp("a tender for the contract"))["tendering"]
    assert backed.score > alone
    assert [h.cue for h in backed.supporting] == ["contract"]


def test_no_cues_no_evidence(nlp: Language) -> None:
    index = CueIndex(nlp, [CodeEntry("x", "X", None, ())])
    assert index.evidence(nlp("anything at all")) == {}
    assert index.size == 0
