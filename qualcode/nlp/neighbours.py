"""The model's memory of coded passages: a passage's nearest coded neighbours vote for codes.

A spaCy pipeline component stored in the model beside the text classifier. Training passages
(and the codebook's example texts) are kept as unit tf-idf vectors over lowercase lemmas of
content words. For a new passage, the K most similar remembered passages vote:

    vote(code) = Σ similarity of neighbours coded with it ÷ Σ similarity of all K neighbours
    uncoded    = the share of that similarity held by neighbours coders left uncoded

On a few hundred coded passages this memory generalises better than the classifier alone, and
its reason is one a coder can check: "like 4 passages coded with it". The uncoded share says
how much the passage resembles talk that coders saw and left uncoded.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy
from scipy import sparse
from spacy.language import Language
from spacy.tokens import Doc

from qualcode.nlp.pipeline import content_lemmas

NEIGHBOURS = "neighbours"
K = 12
SAME = 0.9999
EXTENSION = "qualcode_neighbours"
# Passages ranked against the memory at once: their similarity and ranking arrays stay small
# enough (about 1 MB for 5,000 remembered passages) for the allocator to reuse, where a whole
# batch's are mapped and faulted in afresh every time (a tenth of the CPU time, in the kernel).
RANKED = 32

if not Doc.has_extension(EXTENSION):
    Doc.set_extension(EXTENSION, default=None)


@dataclass(frozen=True)
class Vote:
    """What a passage's neighbours say: a vote per label, how many neighbours back each
    label, and the share of similarity held by uncoded neighbours."""

    votes: numpy.ndarray
    support: numpy.ndarray
    uncoded: float


@dataclass(frozen=True)
class Votes:
    """A batch's votes: one row per passage (heard: it shares a word with the memory)."""

    votes: numpy.ndarray
    support: numpy.ndarray
    uncoded: numpy.ndarray
    heard: numpy.ndarray


class NeighbourMemory:
    """Remembered passages as a sparse tf-idf matrix and their codes as a 0/1 matrix.

    keys holds the vocabulary's lemma hashes in ascending order; a lemma's column is its
    position there, so passages are looked up with one searchsorted per batch.
    """

    def __init__(self, nlp: Language, name: str = NEIGHBOURS, k: int = K) -> None:
        self.name = name
        self.strings = nlp.vocab.strings
        self.k = k
        self.labels: list[str] = []
        self.keys = numpy.zeros(0, dtype=numpy.uint64)
        self.idf = numpy.zeros(0, dtype="f")
        self.matrix = sparse.csr_matrix((0, 0), dtype="f")
        self.codes = numpy.zeros((0, 0), dtype="f")

    @property
    def size(self) -> int:
        """How many passages are remembered."""
        return int(self.matrix.shape[0])

    def remember(self, docs: Sequence[Doc], positives: Sequence[Iterable[str]]) -> None:
        """Keep these (lemmatized) passages and their codes; an empty code set is a passage
        coders left uncoded."""
        labels = sorted({code for codes in positives for code in codes})
        bags = [set(content_lemmas(doc).tolist()) for doc in docs]
        df = Counter(lemma for bag in bags for lemma in bag)
        n = len(bags)
        self.labels = labels
        self.keys = numpy.array(sorted(df), dtype=numpy.uint64)
        self.idf = numpy.array(
            [math.log((1 + n) / (1 + df[int(key)])) + 1 for key in self.keys.tolist()], dtype="f"
        )
        self.matrix = self._rows(docs)
        position = {label: i for i, label in enumerate(labels)}
        self.codes = numpy.zeros((n, len(labels)), dtype="f")
        for row, codes in enumerate(positives):
            for code in codes:
                self.codes[row, position[code]] = 1.0

    def vote(self, docs: Sequence[Doc]) -> list[Vote | None]:
        """Each passage's vote (None when it shares no word with anything remembered)."""
        found = self.votes(docs)
        if found is None:
            return [None] * len(docs)
        return [
            Vote(found.votes[i], found.support[i], float(found.uncoded[i])) if heard else None
            for i, heard in enumerate(found.heard.tolist())
        ]

    def votes(self, docs: Sequence[Doc]) -> Votes | None:
        """The votes of a batch of passages as matrices (None: nothing remembered, no docs)."""
        if not self.size or not docs:
            return None
        # Sparse memory times the batch as a dense block: a passage shares common words with
        # most of the memory, so the product is dense anyway and this is several times faster.
        query = self._rows(docs).toarray()
        found = [
            self._nearest(query[start : start + RANKED]) for start in range(0, len(docs), RANKED)
        ]
        nearest = numpy.concatenate([rows for rows, _ in found])
        weights = numpy.concatenate([weights for _, weights in found])
        codes = self.codes[nearest]
        total = weights.sum(axis=1)
        scale = numpy.where(total > 0, total, 1.0)
        votes = numpy.einsum("bk,bkl->bl", weights, codes) / scale[:, None]
        support = ((weights > 0)[:, :, None] & (codes > 0)).sum(axis=1)
        uncoded = (weights * ~codes.any(axis=2)).sum(axis=1) / scale
        return Votes(votes, support, uncoded, total > 0)

    def _nearest(self, query: numpy.ndarray) -> tuple[numpy.ndarray, numpy.ndarray]:
        """The K nearest remembered passages of each query row, and their similarities."""
        similarity = numpy.ascontiguousarray((self.matrix @ query.T).T)
        # The K + 1 nearest, then the passage's own remembered copy (a coded passage looked at
        # again) is dropped, or else the farthest: a copy would only repeat the codes the
        # passage already has.
        take = min(self.k + 1, self.size)
        nearest = numpy.argpartition(similarity, self.size - take, axis=1)[:, self.size - take :]
        weights = numpy.take_along_axis(similarity, nearest, axis=1)
        weights[weights >= SAME] = 0.0
        if take > self.k:
            keep = numpy.argpartition(weights, 1, axis=1)[:, 1:]
            nearest = numpy.take_along_axis(nearest, keep, axis=1)
            weights = numpy.take_along_axis(weights, keep, axis=1)
        return nearest, weights

    def _rows(self, docs: Sequence[Doc]) -> sparse.csr_matrix:
        """Unit tf-idf rows, (1 + ln tf) × idf, over the docs' content lemmas the memory knows."""
        width = len(self.keys)
        lemmas = [content_lemmas(doc) for doc in docs]
        flat = numpy.concatenate(lemmas) if lemmas else numpy.zeros(0, dtype=numpy.uint64)
        owner = numpy.repeat(numpy.arange(len(docs)), [len(found) for found in lemmas])
        column = numpy.minimum(numpy.searchsorted(self.keys, flat), max(0, width - 1))
        known = (self.keys[column] == flat) if width else numpy.zeros(len(flat), dtype=bool)
        pairs, times = numpy.unique(owner[known] * width + column[known], return_counts=True)
        rows, columns = pairs // max(1, width), pairs % max(1, width)
        weights = (1 + numpy.log(times)) * self.idf[columns]
        norms = numpy.sqrt(numpy.bincount(rows, weights * weights, minlength=len(docs)))
        weights = (weights / norms[rows]).astype("f")
        return sparse.csr_matrix((weights, (rows, columns)), shape=(len(docs), width))

    def __call__(self, doc: Doc) -> Doc:
        doc._.set(EXTENSION, self.vote([doc])[0])
        return doc

    def pipe(self, stream: Iterable[Doc], *, batch_size: int = 256) -> Iterator[Doc]:
        batch: list[Doc] = []
        for doc in stream:
            batch.append(doc)
            if len(batch) >= batch_size:
                yield from self._label(batch)
                batch = []
        if batch:
            yield from self._label(batch)

    def _label(self, batch: list[Doc]) -> list[Doc]:
        for doc, vote in zip(batch, self.vote(batch), strict=True):
            doc._.set(EXTENSION, vote)
        return batch

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        words = [self.strings[key] for key in self.keys.tolist()]
        meta = {"k": self.k, "labels": self.labels, "vocabulary": words}
        (folder / "memory.json").write_text(json.dumps(meta), encoding="utf-8")
        numpy.savez_compressed(
            folder / "memory.npz",
            idf=self.idf,
            data=self.matrix.data,
            indices=self.matrix.indices,
            indptr=self.matrix.indptr,
            codes=self.codes,
        )

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> NeighbourMemory:
        folder = Path(path)
        meta = json.loads((folder / "memory.json").read_text(encoding="utf-8"))
        arrays = numpy.load(folder / "memory.npz", allow_pickle=False)
        self.k = int(meta["k"])
        self.labels = [str(label) for label in meta["labels"]]
        self.keys = numpy.array(
            [self.strings.add(word) for word in meta["vocabulary"]], dtype=numpy.uint64
        )
        self.idf = arrays["idf"]
        self.codes = arrays["codes"]
        self.matrix = sparse.csr_matrix(
            (arrays["data"], arrays["indices"], arrays["indptr"]),
            shape=(self.codes.shape[0], len(self.keys)),
        )
        return self


@Language.factory(NEIGHBOURS)
def make_neighbours(nlp: Language, name: str) -> NeighbourMemory:
    """Factory named in stored pipelines' configs."""
    return NeighbourMemory(nlp, name)


def add_memory(
    nlp: Language,
    passages: Sequence[tuple[str, frozenset[str]]],
    lemmatized: Callable[[list[str]], list[Doc]],
) -> NeighbourMemory:
    """Add a memory of these (text, codes) passages to a trained pipeline."""
    memory = nlp.add_pipe(NEIGHBOURS, last=True)
    assert isinstance(memory, NeighbourMemory)
    memory.remember(lemmatized([text for text, _ in passages]), [codes for _, codes in passages])
    return memory
