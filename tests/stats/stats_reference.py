"""Brute-force references and hypothesis strategies for the agreement tests (per character)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
from hypothesis import strategies as st
from numpy.typing import NDArray

from qualcode.stats import Coding, Document, Passage

CODES = ("p", "q", "r")
Bools = NDArray[np.bool_]


def char_vector(codings: Sequence[Coding], doc: Document, code: str, coder: str) -> Bools:
    """One 0/1 value per character: the slow, obvious definition."""
    vector = np.zeros(doc.length, dtype=bool)
    for c in codings:
        if c.document_id == doc.document_id and c.code == code and c.coder == coder:
            vector[c.start : c.end] = True
    return vector


def passage_vector(codings: Sequence[Coding], doc: Document, code: str, coder: str) -> Bools:
    """One 0/1 value per passage: coded if any of the coder's codings shares a character."""
    return np.array(
        [
            any(
                c.document_id == doc.document_id
                and c.code == code
                and c.coder == coder
                and c.start < p.end
                and c.end > p.start
                for c in codings
            )
            for p in doc.passages
        ],
        dtype=bool,
    )


def fleiss_reference(ratings: NDArray[np.int64]) -> float:
    """Fleiss' kappa straight from the textbook, one unit at a time (ratings: units × raters)."""
    n_units, m = ratings.shape
    categories = sorted(set(ratings.ravel().tolist()))
    counts = [[int((row == c).sum()) for c in categories] for row in ratings]
    p_i = [(sum(x * x for x in row) - m) / (m * (m - 1)) for row in counts]
    p_j = [sum(row[j] for row in counts) / (n_units * m) for j in range(len(categories))]
    p_bar = sum(p_i) / n_units
    p_e = sum(p * p for p in p_j)
    return float((p_bar - p_e) / (1 - p_e))


@st.composite
def documents(draw: st.DrawFn, max_docs: int = 3, max_length: int = 40) -> list[Document]:
    """1..max_docs documents (some possibly empty) cut into passages, with gaps."""
    docs = []
    for d in range(draw(st.integers(1, max_docs))):
        length = draw(st.integers(0, max_length))
        cuts = sorted(draw(st.sets(st.integers(0, length), max_size=8)))
        spans = list(itertools.pairwise(cuts))
        keep = draw(st.lists(st.booleans(), min_size=len(spans), max_size=len(spans)))
        passages = tuple(Passage(a, b) for (a, b), k in zip(spans, keep, strict=True) if k)
        docs.append(Document(10 + d, length, passages))
    return docs


@st.composite
def corpora(
    draw: st.DrawFn, coders: Sequence[str] = ("A", "B"), max_codings: int = 14
) -> tuple[list[Document], list[Coding]]:
    """Documents and random codings of them by `coders` with codes from CODES."""
    docs = draw(documents())
    usable = [d for d in docs if d.length > 0]
    codings: list[Coding] = []
    if usable:
        for _ in range(draw(st.integers(0, max_codings))):
            doc = draw(st.sampled_from(usable))
            start = draw(st.integers(0, doc.length - 1))
            end = draw(st.integers(start + 1, doc.length))
            code = draw(st.sampled_from(CODES))
            codings.append(Coding(doc.document_id, code, draw(st.sampled_from(coders)), start, end))
    return docs, codings
