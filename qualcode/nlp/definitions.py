"""How close a passage's words are to each code's definition in the codebook (tf-idf cosine).

A code's profile is its name, description, inclusion criteria, examples and cues (exclusion
criteria name other topics, so they are left out). Words are lowercase lemmas of content words;
idf is taken across the codes' profiles, so words every definition uses count for little.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

import numpy
from spacy.language import Language
from spacy.tokens import Doc

from qualcode.nlp.pipeline import content_lemmas, lemmatize
from qualcode.nlp.types import CodeEntry

MIN_SIMILARITY = 0.01
SHOWN_WORDS = 3


@dataclass(frozen=True)
class DefinitionMatches:
    """A passage's similarity to each code's definition; the shared words worked out on demand.

    vector holds one similarity per code, in the index's label order (None: no shared words).
    """

    vector: numpy.ndarray | None
    _index: DefinitionIndex | None = None
    _rows: numpy.ndarray | None = None
    _weights: numpy.ndarray | None = None

    @property
    def similarity(self) -> dict[str, float]:
        """Similarities of at least MIN_SIMILARITY, by code."""
        if self.vector is None or self._index is None:
            return {}
        labels = self._index.labels
        return {labels[i]: v for i, v in enumerate(self.vector.tolist()) if v >= MIN_SIMILARITY}

    def words(self, code: str) -> tuple[str, ...]:
        """The passage words that contribute most to its similarity with this code."""
        if self._index is None or self._weights is None or self._rows is None:
            return ()
        index = self._index
        parts = index.by_code[index.column[code]][self._rows] * self._weights
        top = numpy.argsort(-parts)[:SHOWN_WORDS].tolist()
        values, rows = parts.tolist(), self._rows
        return tuple(index.strings[index.vocabulary[rows[i]]] for i in top if values[i] > 0)


NO_MATCHES = DefinitionMatches(None)


def profile_text(code: CodeEntry) -> str:
    """The codebook text a code's definition profile is built from."""
    parts = [code.name, code.description, *code.include, *code.examples, *code.cues]
    return "\n".join(part for part in parts if part)


class DefinitionIndex:
    """Codes' definition profiles as unit tf-idf vectors, one column per code."""

    def __init__(self, nlp: Language, codes: Sequence[CodeEntry]) -> None:
        self.labels = [code.key for code in codes if code.is_leaf]
        self.column = {key: i for i, key in enumerate(self.labels)}
        self.strings = nlp.vocab.strings
        entries = [code for code in codes if code.is_leaf]
        counts = [
            Counter(content_lemmas(doc).tolist())
            for doc in lemmatize(nlp, (profile_text(code) for code in entries))
        ]
        vocabulary = sorted({lemma for count in counts for lemma in count})
        column = {lemma: row for row, lemma in enumerate(vocabulary)}
        n = len(entries)
        df = Counter(lemma for count in counts for lemma in count)
        self.idf = numpy.array(
            [math.log((1 + n) / (1 + df[lemma])) + 1 for lemma in vocabulary], dtype="f"
        )
        matrix = numpy.zeros((len(vocabulary), n), dtype="f")
        for col, count in enumerate(counts):
            for lemma, times in count.items():
                matrix[column[lemma], col] = (1 + math.log(times)) * self.idf[column[lemma]]
        norms = numpy.linalg.norm(matrix, axis=0)
        self.matrix = matrix / numpy.where(norms > 0, norms, 1)
        # Each code's column laid out as a row, for the words of one code (a plain take).
        self.by_code = numpy.ascontiguousarray(self.matrix.T)
        self.vocabulary = vocabulary  # lemma hashes, ascending: row = position
        self.keys = numpy.array(vocabulary, dtype=numpy.uint64)

    def matches(self, doc: Doc) -> DefinitionMatches:
        """The passage's similarity to every definition (under MIN_SIMILARITY counts as 0)."""
        return self.matches_batch([doc])[0]

    def matches_batch(self, docs: Sequence[Doc]) -> list[DefinitionMatches]:
        """Each passage's matches; the words of the whole batch are looked up at once."""
        if not self.labels or not len(self.keys):
            return [NO_MATCHES] * len(docs)
        lemmas = [content_lemmas(doc) for doc in docs]
        flat = numpy.concatenate(lemmas) if lemmas else numpy.zeros(0, dtype=numpy.uint64)
        owner = numpy.repeat(numpy.arange(len(docs)), [len(found) for found in lemmas])
        rows = numpy.minimum(numpy.searchsorted(self.keys, flat), len(self.keys) - 1)
        known = self.keys[rows] == flat
        width = len(self.keys)
        pairs, counts = numpy.unique(owner[known] * width + rows[known], return_counts=True)
        index = pairs % width
        weights = (1 + numpy.log(counts)) * self.idf[index]
        bounds = numpy.searchsorted(pairs // width, numpy.arange(len(docs) + 1)).tolist()
        return [
            self._similarity(index[start:stop], weights[start:stop])
            for start, stop in pairwise(bounds)
        ]

    def _similarity(self, index: numpy.ndarray, weights: numpy.ndarray) -> DefinitionMatches:
        """Cosine of a passage's weights with each definition, one passage at a time: the
        same dot products, so the same bits, as scoring it alone."""
        if not len(index):
            return NO_MATCHES
        weights /= numpy.sqrt(weights @ weights)
        similarity = weights @ self.matrix[index]
        similarity[similarity < MIN_SIMILARITY] = 0.0
        return DefinitionMatches(similarity, self, index, weights)
