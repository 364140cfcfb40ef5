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
from typing import cast

import numpy
from spacy.attrs import IS_ALPHA, IS_STOP, LEMMA
from spacy.language import Language
from spacy.tokens import Doc

from qualcode.nlp.pipeline import lemmatize
from qualcode.nlp.types import CodeEntry

MIN_SIMILARITY = 0.01
SHOWN_WORDS = 3


@dataclass(frozen=True)
class DefinitionMatches:
    """A passage's similarity to each code's definition; the shared words worked out on demand."""

    similarity: dict[str, float]
    _index: DefinitionIndex | None = None
    _rows: numpy.ndarray | None = None
    _weights: numpy.ndarray | None = None

    def words(self, code: str) -> tuple[str, ...]:
        """The passage words that contribute most to its similarity with this code."""
        if self._index is None or self._weights is None or self._rows is None:
            return ()
        column = self._index.labels.index(code)
        parts = self._index.matrix[self._rows, column] * self._weights
        top = numpy.argsort(-parts)[:SHOWN_WORDS]
        vocabulary = self._index.vocabulary
        return tuple(
            self._index.strings[vocabulary[self._rows[i]]] for i in top.tolist() if parts[i] > 0
        )


NO_MATCHES = DefinitionMatches({})


def profile_text(code: CodeEntry) -> str:
    """The codebook text a code's definition profile is built from."""
    parts = [code.name, code.description, *code.include, *code.examples, *code.cues]
    return "\n".join(part for part in parts if part)


def content_lemmas(doc: Doc) -> numpy.ndarray:
    """Lemma hashes of the content words in a processed doc (no stop words, punctuation)."""
    rows = doc.to_array([LEMMA, IS_ALPHA, IS_STOP]).reshape(-1, 3)
    return cast(numpy.ndarray, rows[(rows[:, 1] == 1) & (rows[:, 2] == 0), 0])


class DefinitionIndex:
    """Codes' definition profiles as unit tf-idf vectors, one column per code."""

    def __init__(self, nlp: Language, codes: Sequence[CodeEntry]) -> None:
        self.labels = [code.key for code in codes if code.is_leaf]
        self.strings = nlp.vocab.strings
        entries = [code for code in codes if code.is_leaf]
        counts = [
            Counter(content_lemmas(doc).tolist())
            for doc in lemmatize(nlp, (profile_text(code) for code in entries))
        ]
        vocabulary = sorted({lemma for count in counts for lemma in count})
        self.column = {lemma: row for row, lemma in enumerate(vocabulary)}
        n = len(entries)
        df = Counter(lemma for count in counts for lemma in count)
        self.idf = numpy.array(
            [math.log((1 + n) / (1 + df[lemma])) + 1 for lemma in vocabulary], dtype="f"
        )
        matrix = numpy.zeros((len(vocabulary), n), dtype="f")
        for col, count in enumerate(counts):
            for lemma, times in count.items():
                matrix[self.column[lemma], col] = (1 + math.log(times)) * self.idf[
                    self.column[lemma]
                ]
        norms = numpy.linalg.norm(matrix, axis=0)
        self.matrix = matrix / numpy.where(norms > 0, norms, 1)
        self.vocabulary = vocabulary

    def matches(self, doc: Doc) -> DefinitionMatches:
        """The passage's similarity to every definition (codes under MIN_SIMILARITY left out)."""
        if not self.labels:
            return NO_MATCHES
        lemmas, times = numpy.unique(content_lemmas(doc), return_counts=True)
        column = self.column
        rows = [column.get(lemma, -1) for lemma in lemmas.tolist()]
        keep = [i for i, row in enumerate(rows) if row >= 0]
        if not keep:
            return NO_MATCHES
        index = numpy.array([rows[i] for i in keep])
        weights = (1 + numpy.log(times[keep].astype("f"))) * self.idf[index]
        weights /= numpy.linalg.norm(weights)
        similarity = (weights @ self.matrix[index]).tolist()
        labels = self.labels
        found = {labels[col]: v for col, v in enumerate(similarity) if v >= MIN_SIMILARITY}
        return DefinitionMatches(found, self, index, weights)
