"""The suggester: cue phrases and the stored model scoring passages into ranked suggestions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from typing import Any, cast

import numpy
from spacy.language import Language
from spacy.tokens import Doc
from sqlalchemy.orm import Session

from qualcode.gcpause import paused_gc
from qualcode.nlp.combine import blend, origin_of, reason
from qualcode.nlp.corpus import codebook_entries
from qualcode.nlp.cues import CueIndex, leaf_codes
from qualcode.nlp.definitions import DefinitionIndex
from qualcode.nlp.layers import Labels, Layers, blend_batch
from qualcode.nlp.modelstore import ModelInfo, ModelLoadError, current_model_info, load_current
from qualcode.nlp.neighbours import NEIGHBOURS, NeighbourMemory
from qualcode.nlp.pipeline import TEXTCAT, blank_pipeline
from qualcode.nlp.settings import threshold
from qualcode.nlp.types import CodeEntry, PassageText, Suggestion
from qualcode.nlp.workers import one_blas_thread, score_forked, worth_forking

FLOOR = 0.05
BATCH_SIZE = 256


@lru_cache(maxsize=1)
def shared_blank_pipeline() -> Language:
    """One blank lemmatizing pipeline per process (loading the lookup tables takes a moment)."""
    return blank_pipeline()


@dataclass
class Suggester:
    """Scores passages; built by load_suggester() or directly from a pipeline and codes."""

    nlp: Language
    codes: list[CodeEntry]
    threshold: float
    model: ModelInfo | None = None
    warning: str | None = None
    trained_positives: dict[str, int] | None = None
    cues: CueIndex = field(init=False)
    definitions: DefinitionIndex = field(init=False)
    positives: dict[str, int] = field(init=False)
    labels: Labels = field(init=False)
    _memory: tuple[numpy.ndarray, numpy.ndarray] | None = field(init=False, default=None)
    _codebook_only: Suggester | None = field(init=False, default=None, repr=False)
    _classifier: tuple[list[int], list[int]] = field(
        init=False, default_factory=lambda: ([], []), repr=False
    )
    _trust: numpy.ndarray = field(init=False, default_factory=lambda: numpy.zeros(0), repr=False)

    def __post_init__(self) -> None:
        self.cues = CueIndex(self.nlp, self.codes)
        self.definitions = DefinitionIndex(self.nlp, self.codes)
        self.labels = Labels.of(leaf_codes(self.codes))
        assert list(self.labels.keys) == self.definitions.labels
        known = set(leaf_codes(self.codes))
        trained = self.trained_positives
        if trained is None:
            trained = dict((self.model.metrics.get("positives") or {}) if self.model else {})
        labels = set(getattr(self.nlp.get_pipe(TEXTCAT), "labels", ())) if self.has_model else set()
        self.positives = {k: int(v) for k, v in trained.items() if k in known and k in labels}
        self._memory = self._memory_positions()
        if self.positives:
            learned = list(getattr(self.nlp.get_pipe(TEXTCAT), "labels", ()))
            pairs = [
                (learned.index(k), i) for i, k in enumerate(self.labels.keys) if k in self.positives
            ]
            self._classifier = ([c for c, _ in pairs], [p for _, p in pairs])
        self._trust = self.labels.trust(self.positives)

    def _memory_positions(self) -> tuple[numpy.ndarray, numpy.ndarray] | None:
        """Where the neighbour memory's labels sit among ours (memory columns, our positions)."""
        if NEIGHBOURS not in self.nlp.pipe_names:
            return None
        memory = self.nlp.get_pipe(NEIGHBOURS)
        assert isinstance(memory, NeighbourMemory)
        pairs = [
            (column, self.labels.position[label])
            for column, label in enumerate(memory.labels)
            if label in self.labels.position and label in self.positives
        ]
        columns = numpy.array([c for c, _ in pairs], dtype=int)
        return columns, numpy.array([p for _, p in pairs], dtype=int)

    @property
    def has_model(self) -> bool:
        return TEXTCAT in self.nlp.pipe_names

    def codebook_only(self) -> Suggester:
        """The same codebook and threshold without the model: cue phrases and definitions."""
        if not self.has_model:
            return self
        if self._codebook_only is None:
            self._codebook_only = Suggester(shared_blank_pipeline(), self.codes, self.threshold)
        return self._codebook_only

    def layers(
        self, passages: Iterable[PassageText], *, batch_size: int = BATCH_SIZE
    ) -> Iterator[tuple[PassageText, Layers]]:
        """Each passage with its cue evidence and model scores, through nlp.pipe in batches;
        the blend of each batch is worked out at once (qualcode.nlp.layers.blend_batch)."""
        todo = iter(passages)
        size = max(1, batch_size)
        while True:
            with paused_gc():
                found = self._chunk_layers(list(islice(todo, size)))
            if not found:
                return
            yield from found

    def _chunk_layers(self, chunk: list[PassageText]) -> list[tuple[PassageText, Layers]]:
        """The layers of one chunk of passages, piped through the pipeline in one batch."""
        if not chunk:
            return []
        apart = [name for name in (TEXTCAT, NEIGHBOURS) if name in self.nlp.pipe_names]
        # The bodies alone go through nlp.pipe: as_tuples pairs each doc with its passage
        # through generators, a tenth of the tokenizer's time.
        docs = self.nlp.pipe((p.body for p in chunk), batch_size=len(chunk), disable=apart)
        return self._batch_layers(list(zip(docs, chunk, strict=True)))

    def _batch_layers(
        self, batch: list[tuple[Doc, PassageText]]
    ) -> list[tuple[PassageText, Layers]]:
        labels, trust = self.labels, self._trust
        docs = [doc for doc, _ in batch]
        model = self._model_scores(docs)
        votes, alike, uncoded, heard = self._neighbour_votes(docs)
        definitions = self.definitions.matches_batch(docs)
        evidence = [self.cues.evidence(doc, p.body_start, p.body) for doc, p in batch]
        size = (len(batch), len(labels.keys))
        cue, similarity = numpy.zeros(size), numpy.zeros(size)
        position = labels.position
        for row, (found, matches) in enumerate(zip(evidence, definitions, strict=True)):
            for code, hits in found.items():
                cue[row, position[code]] = hits.score
            if matches.vector is not None:
                similarity[row] = matches.vector
        blended = blend_batch(cue, similarity, model, trust, votes, uncoded)
        return [
            (
                passage,
                Layers(
                    labels,
                    evidence[row],
                    definitions[row],
                    None if model is None else model[row],
                    trust,
                    votes[row] if heard[row] else None,
                    alike[row] if heard[row] else None,
                    float(uncoded[row]),
                    blended,
                    row,
                ),
            )
            for row, (_, passage) in enumerate(batch)
        ]

    def _model_scores(self, docs: list[Doc]) -> numpy.ndarray | None:
        """The classifier's probabilities for a batch (float32, one column per label, NaN for
        labels it did not learn); None without a model. Read from its predictions directly:
        setting doc.cats, a dict per passage, cost more than the classifier itself."""
        if not self.positives:
            return None
        textcat = self.nlp.get_pipe(TEXTCAT)
        scores = numpy.asarray(cast(Any, textcat).predict(docs), dtype="f")
        columns, positions = self._classifier
        model = numpy.full((len(docs), len(self.labels.keys)), numpy.nan, dtype="f")
        model[:, positions] = scores[:, columns]
        return model

    def _neighbour_votes(
        self, docs: list[Doc]
    ) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """The neighbour votes and coded-neighbour counts of a batch in label order (NaN and 0
        where silent), the uncoded shares, and which passages the memory heard."""
        size = (len(docs), len(self.labels.keys))
        votes, alike = numpy.full(size, numpy.nan), numpy.zeros(size, dtype=int)
        uncoded, heard = numpy.zeros(len(docs)), numpy.zeros(len(docs), dtype=bool)
        if self._memory is None:
            return votes, alike, uncoded, heard
        memory = self.nlp.get_pipe(NEIGHBOURS)
        assert isinstance(memory, NeighbourMemory)
        found = memory.votes(docs)
        if found is None:
            return votes, alike, uncoded, heard
        columns, positions = self._memory
        rows = numpy.flatnonzero(found.heard)
        votes[numpy.ix_(rows, positions)] = found.votes[numpy.ix_(rows, columns)]
        alike[numpy.ix_(rows, positions)] = found.support[numpy.ix_(rows, columns)]
        uncoded[rows] = found.uncoded[rows]
        return votes, alike, uncoded, found.heard

    def rank(self, layers: Layers, floor: float = FLOOR) -> list[Suggestion]:
        """Blend the layers into suggestions scoring at least floor, best first."""
        out: list[Suggestion] = []
        for code, parts in layers.parts(self.positives, floor).items():
            evidence = layers.cues.get(code)
            words = layers.definitions.words(code) if parts.definition >= 0.5 else ()
            out.append(
                Suggestion(
                    code=code,
                    score=blend(parts),
                    origin=origin_of(parts),
                    reason=reason(parts, evidence, words),
                    cue_score=parts.codebook,
                    model_score=parts.model,
                    hits=evidence.hits if evidence else (),
                )
            )
        out.sort(key=lambda s: (-s.score, s.code))
        return out

    def suggest(
        self,
        passages: Sequence[PassageText],
        *,
        min_score: float | None = None,
        batch_size: int = BATCH_SIZE,
        n_process: int = 1,
    ) -> Iterator[tuple[PassageText, list[Suggestion]]]:
        """Ranked suggestions per passage at or above min_score (default: the threshold).

        BLAS is held to one thread while scoring: its matrices are small, and extra threads
        cost more than they give (about a tenth of the time on two cores). The limit is taken
        per batch and given back before the batch is yielded, so it never outlives a call nor
        covers the caller's code, and interleaved calls cannot leave it set for good. Cyclic
        garbage collection is held off the same way (qualcode.gcpause: a fifth of the CPU time).

        With n_process > 1 (and fork available), chunks of passages are scored whole in
        forked worker processes, which share this suggester's memory and return only the
        suggestions.
        """
        floor = self.threshold if min_score is None else min_score
        if n_process > 1 and worth_forking(len(passages)):
            yield from score_forked(self, passages, floor, batch_size, n_process)
            return
        todo = iter(passages)
        size = max(1, batch_size)
        while True:
            # Each chunk's layers (docs, cue evidence) are made and dropped with the collector
            # held off, so only the suggestions are left for its next pass to walk.
            with paused_gc(), one_blas_thread():
                batch = [
                    (passage, self.rank(layers, floor))
                    for passage, layers in self._chunk_layers(list(islice(todo, size)))
                ]
            if not batch:
                return
            yield from batch


def load_suggester(session: Session, codes: Sequence[CodeEntry] | None = None) -> Suggester:
    """The project's suggester: the stored model if it loads, else cue phrases with a warning."""
    entries = list(codes) if codes is not None else codebook_entries(session)
    cutoff = threshold(session)
    try:
        loaded = load_current(session)
    except ModelLoadError as exc:
        info = current_model_info(session)
        when = f" (model {info.id}, trained {info.created_at[:16]})" if info else ""
        warning = (
            f"the stored suggestion model{when} could not be loaded: {exc}; "
            "suggesting from cue phrases only — retrain with: qualcode suggest train PROJECT"
        )
        return Suggester(shared_blank_pipeline(), entries, cutoff, warning=warning)
    if loaded is None:
        return Suggester(shared_blank_pipeline(), entries, cutoff)
    info, nlp = loaded
    return Suggester(nlp, entries, cutoff, model=info)
