"""The model's neighbour memory: votes from similar coded passages, persistence, the blend."""

from __future__ import annotations

import numpy
import pytest

from qualcode.nlp.combine import Parts, blend, reason
from qualcode.nlp.modelstore import pack, unpack
from qualcode.nlp.neighbours import EXTENSION, NEIGHBOURS, NeighbourMemory, Vote, add_memory
from qualcode.nlp.pipeline import blank_pipeline, lemmatize
from qualcode.nlp.suggester import Suggester
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.types import CodeEntry, PassageText

PASSAGES = [
    ("Our volunteers mentor people after release; we recruited ten volunteers.", {"volunteers"}),
    (
        "We trained the volunteer mentors and matched each with a man leaving prison.",
        {"volunteers"},
    ),
    ("The vetting took months, and clearance for the new worker never came.", {"clearance"}),
    ("Security clearance again: keys refused, vetting forms lost twice.", {"clearance"}),
    ("The weather was lovely and the trains ran on time to the office.", set()),
    ("We moved office in spring, the trains were fine, parking less so.", set()),
]


def _memory() -> tuple[NeighbourMemory, list[Vote | None]]:
    nlp = blank_pipeline()
    memory = add_memory(
        nlp,
        [(text, frozenset(codes)) for text, codes in PASSAGES],
        lambda texts: lemmatize(nlp, texts),
    )
    queries = [
        "Recruiting volunteers to mentor men on release is what we do.",
        "Our trains to the office were on time in the lovely weather.",
        "Zebra quantum marmalade.",
    ]
    return memory, memory.vote(lemmatize(nlp, queries))


def test_neighbours_vote_for_the_codes_of_similar_passages() -> None:
    memory, (mentoring, small_talk, nothing) = _memory()
    assert memory.size == len(PASSAGES) and memory.labels == ["clearance", "volunteers"]
    assert mentoring is not None and small_talk is not None
    volunteers = memory.labels.index("volunteers")
    assert mentoring.votes[volunteers] > 0.5 and mentoring.support[volunteers] == 2
    assert mentoring.uncoded < 0.5
    # Passages like those coders left uncoded carry a high uncoded share and weak votes.
    assert small_talk.uncoded > 0.5 and small_talk.votes.max() < 0.5
    # No shared word with anything remembered: no vote at all, not a vote of zero.
    assert nothing is None


def test_memory_survives_the_model_archive() -> None:
    items = [(text, {"volunteers": float("volunteers" in c)}) for text, c in PASSAGES]
    trained = train_pipeline(items, ["volunteers"], epochs=2)
    assert trained.nlp.pipe_names[-1] == NEIGHBOURS
    text = "Volunteers mentor men leaving prison."
    before = trained.nlp(text)._.get(EXTENSION)
    after = unpack(pack(trained.nlp))(text)._.get(EXTENSION)
    assert isinstance(before, Vote) and isinstance(after, Vote)
    numpy.testing.assert_allclose(before.votes, after.votes)
    assert before.uncoded == pytest.approx(after.uncoded)


def test_pipe_in_batches_matches_one_at_a_time() -> None:
    nlp = blank_pipeline()
    add_memory(nlp, [(t, frozenset(c)) for t, c in PASSAGES], lambda t: lemmatize(nlp, t))
    texts = [text for text, _ in PASSAGES] * 3
    batched = [doc._.get(EXTENSION) for doc in nlp.pipe(texts, batch_size=4)]
    single = [nlp(text)._.get(EXTENSION) for text in texts]
    for a, b in zip(batched, single, strict=True):
        assert a is not None and b is not None
        numpy.testing.assert_allclose(a.votes, b.votes, rtol=1e-5)


def test_blend_uses_neighbours_and_damps_uncoded_lookalikes() -> None:
    base = Parts(cue=0.0, definition=0.2, model=0.3, relative=0.5, positives=10)
    backed = Parts(
        cue=0.0, definition=0.2, model=0.3, relative=0.5, positives=10, similar=0.9, alike=4
    )
    assert blend(backed) > blend(base)
    assert "like 4 passages coded with it" in reason(backed, None, ())
    lookalike = Parts(
        cue=0.0, definition=0.2, model=0.3, relative=0.5, positives=10, similar=0.9, uncoded=0.8
    )
    assert blend(lookalike) < blend(backed)


def test_floor_filter_keeps_exactly_the_codes_the_blend_puts_at_or_above_it() -> None:
    """A floor equal to a code's blended score keeps it, a floor just above drops it: the vector
    score in Layers.parts is the blend to the last bit, so no suggestion below min_score is
    returned and none at it is lost."""
    codes = [
        CodeEntry("volunteers", "Volunteers", None, description="Volunteers and mentors"),
        CodeEntry("clearance", "Clearance", None, cues=("vetting",), description="Security keys"),
    ]
    items = [
        (text, {c: float(c in found) for c in ("volunteers", "clearance")})
        for text, found in PASSAGES
    ]
    trained = train_pipeline(items, ["volunteers", "clearance"], epochs=2)
    suggester = Suggester(
        trained.nlp, codes, 0.5, trained_positives={"volunteers": 7, "clearance": 3}
    )
    texts = [PassageText(i, 1, "doc", i, 0, len(t), "A", t, 0) for i, (t, _) in enumerate(PASSAGES)]
    checked = 0
    for _, layers in suggester.layers(texts):
        everything = layers.parts(suggester.positives)
        assert any(p.similar is not None for p in everything.values())  # the memory speaks
        for code, parts in everything.items():
            score = blend(parts)
            if score <= 0:
                continue
            assert code in layers.parts(suggester.positives, score), (code, score)
            above = float(numpy.nextafter(score, numpy.inf))
            assert code not in layers.parts(suggester.positives, above), (code, score)
            checked += 1
    assert checked >= len(PASSAGES)


def test_a_passage_is_not_its_own_neighbour() -> None:
    nlp = blank_pipeline()
    memory = add_memory(
        nlp, [(t, frozenset(c)) for t, c in PASSAGES], lambda texts: lemmatize(nlp, texts)
    )
    [again] = memory.vote(lemmatize(nlp, [PASSAGES[0][0]]))
    assert again is not None
    # Only the other volunteers passage backs the code, not the remembered copy of this one.
    assert again.support[memory.labels.index("volunteers")] == 1
