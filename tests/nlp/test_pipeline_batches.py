"""Batch-at-once work in the pipeline gives what doc-by-doc work gives, to the last bit."""

from __future__ import annotations

from typing import Any

import numpy
import pytest
from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA
from spacy.tokens import Doc
from thinc.api import Model, NumpyOps

from qualcode.nlp.pipeline import (
    _extract_content_ngrams,
    _extract_one_by_one,
    blank_pipeline,
    content_lemmas,
)

TEXTS = [
    "Commissioners tendered the contract; we bid, and bidding again we lost the tender.",
    "",
    "Yes.",
    "The the of and",
    "Volunteers' mentors — 40 of them — give their time freely, every week, to mentoring.",
    "Payment-by-results contracts: PbR, SIBs and prime providers subcontracting to us.",
    "Tender",
]


@pytest.fixture(scope="module")
def docs() -> list[Doc]:
    return list(blank_pipeline().pipe(TEXTS * 3))


def test_content_lemmas_from_the_lemmatizer_are_the_alphabetic_non_stop_lemmas(
    docs: list[Doc],
) -> None:
    for doc in docs:
        rows = doc.to_array([LEMMA, IS_ALPHA, IS_STOP]).reshape(-1, 3)
        expected = rows[(rows[:, 1] == 1) & (rows[:, 2] == 0), 0]
        found = content_lemmas(doc)
        assert found.dtype == expected.dtype
        assert found.tolist() == expected.tolist()
    assert [doc.lemma_ for doc in docs[0][:2]] == ["commissioner", "tender"]


@pytest.mark.parametrize("size", [1, 2, 3])
def test_batch_ngrams_equal_doc_by_doc(docs: list[Doc], size: int) -> None:
    attrs = {"ngram_size": size, "content_only": True, "normalize": True}
    model: Model[Any, Any] = Model("ngrams", lambda *_: None, attrs=attrs, ops=NumpyOps())
    for batch in (docs, docs[:1], docs[1:4], []):
        (keys, vals, lengths), _ = _extract_content_ngrams(model, batch, False)
        want_keys, want_vals, want_lengths = _extract_one_by_one(
            model, [content_lemmas(doc) for doc in batch]
        )
        assert keys.dtype == want_keys.dtype and vals.dtype == want_vals.dtype
        assert numpy.array_equal(keys, want_keys)
        assert numpy.array_equal(vals, want_vals)  # the same float32 bits
        assert numpy.array_equal(lengths, want_lengths)
    assert int(lengths.sum()) == 0


def test_a_doc_of_one_word_said_thousands_of_times_is_scaled_as_doc_by_doc() -> None:
    # Its sum of squared counts is past float32's whole numbers, where summing order matters.
    docs = list(blank_pipeline().pipe(["tender " * 4100 + "contract", "volunteer mentors"]))
    attrs = {"ngram_size": 1, "content_only": True, "normalize": True}
    model: Model[Any, Any] = Model("ngrams", lambda *_: None, attrs=attrs, ops=NumpyOps())
    (keys, vals, lengths), _ = _extract_content_ngrams(model, docs, False)
    want = _extract_one_by_one(model, [content_lemmas(doc) for doc in docs])
    assert lengths.tolist() == [2, 2]
    assert numpy.array_equal(keys, want[0]) and numpy.array_equal(vals, want[1])
    assert max(vals[:2]) > 0.999
