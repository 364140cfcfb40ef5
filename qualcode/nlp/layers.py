"""What each layer says about one passage, and the blend inputs per code, computed as vectors."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy

from qualcode.nlp.combine import DEFINITION_FLOOR, PRIOR, UNCODED_DAMPING, Parts
from qualcode.nlp.definitions import DefinitionMatches
from qualcode.nlp.types import CueEvidence


@dataclass(frozen=True)
class Labels:
    """The codes that get scores (leaf codes), in a fixed order, with their positions."""

    keys: tuple[str, ...]
    position: dict[str, int]

    @classmethod
    def of(cls, keys: list[str]) -> Labels:
        return cls(tuple(keys), {key: i for i, key in enumerate(keys)})

    def trust(self, positives: dict[str, int]) -> numpy.ndarray:
        """The model's trust per code (see qualcode.nlp.combine.trust), as a vector (float64,
        like the blend's own arithmetic)."""
        counts = numpy.array([positives.get(key, 0) for key in self.keys], dtype=float)
        return counts / (counts + PRIOR)


@dataclass(frozen=True)
class Blend:
    """The blend inputs and scores of a batch of passages: one row per passage, one column per
    label. Worked out in float64 in the blend's own order of operations, so each score equals
    blend(parts) to the last bit (see qualcode.nlp.combine)."""

    cue: numpy.ndarray
    definition: numpy.ndarray
    probability: numpy.ndarray
    relative: numpy.ndarray
    has: numpy.ndarray
    similar: numpy.ndarray
    said: numpy.ndarray
    score: numpy.ndarray
    _chosen: dict[float, list[list[int]]] = field(default_factory=dict, repr=False, compare=False)

    def chosen(self, floor: float) -> list[list[int]]:
        """Per passage, the labels with something said about them whose score reaches floor
        (all of those when floor <= 0), ascending; worked out once per batch and floor."""
        found = self._chosen.get(floor)
        if found is None:
            mask = self.said & (self.score >= floor) if floor > 0 else self.said
            found = [[] for _ in range(len(mask))]
            rows, columns = numpy.nonzero(mask)
            for row, column in zip(rows.tolist(), columns.tolist(), strict=True):
                found[row].append(column)
            self._chosen[floor] = found
        return found


def blend_batch(
    cue: numpy.ndarray,
    similarity: numpy.ndarray,
    model: numpy.ndarray | None,
    trust: numpy.ndarray,
    votes: numpy.ndarray,
    uncoded: numpy.ndarray,
) -> Blend:
    """Blend a batch: cue scores and definition similarities (B×L), model probabilities (B×L,
    NaN where the model has no such label; None: no model), trust (L), neighbour votes (B×L,
    NaN where silent) and uncoded shares (B)."""
    definition = (
        similarity / numpy.maximum(DEFINITION_FLOOR, similarity.max(axis=1, initial=0.0))[:, None]
    )
    score = (cue + definition) / 2
    said = (cue > 0) | (similarity > 0)
    if model is None:
        has = numpy.zeros(cue.shape, dtype=bool)
        probability = relative = numpy.zeros(cue.shape)
        similar = numpy.full(cue.shape, numpy.nan)
    else:
        has = ~numpy.isnan(model)
        probability = numpy.where(has, model, 0.0).astype(float)
        best = probability.max(axis=1, initial=0.0)[:, None]
        relative = numpy.where(best > 0, probability / numpy.where(best > 0, best, 1.0), 0.0)
        weight = numpy.where(has, trust[None, :], 0.0).astype(float)
        classifier = numpy.where(has, (probability + relative) / 2, 0.0)
        loudest = numpy.nanmax(numpy.where(numpy.isnan(votes), -1.0, votes), axis=1, initial=0.0)
        scale = numpy.where(loudest > 0, loudest, numpy.inf)[:, None]
        similar = (votes + votes / scale) / 2
        heard = ~numpy.isnan(similar)
        learned = (classifier + numpy.where(heard, similar, 0.0)) / numpy.maximum(
            1, has.astype(int) + heard
        )
        spoken = has | heard
        score = numpy.where(spoken, weight * learned + (1 - weight) * score, score)
        said = said | has
    score = score * (1 - UNCODED_DAMPING * uncoded)[:, None]
    return Blend(cue, definition, probability, relative, has, similar, said, score)


@dataclass(frozen=True)
class Layers:
    """Cue evidence, definition similarities and model probabilities for one passage.

    model holds one probability per label, NaN where the model has no such label; None when
    there is no model at all. trust, if given, is labels.trust(positives) worked out once.
    votes and alike hold the neighbour vote and the count of coded neighbours per label (NaN
    and 0 where the memory has no such label), None when the model has no memory or the
    passage shares no word with it; uncoded is the share of uncoded neighbours. batch and row,
    when given, are this passage's blend worked out with its batch (Suggester.layers).
    """

    labels: Labels
    cues: dict[str, CueEvidence]
    definitions: DefinitionMatches
    model: numpy.ndarray | None
    trust: numpy.ndarray | None = None
    votes: numpy.ndarray | None = None
    alike: numpy.ndarray | None = None
    uncoded: float = 0.0
    batch: Blend | None = None
    row: int = 0

    def cue_vector(self) -> numpy.ndarray:
        return cue_scores(self.labels, self.cues)

    def similarity_vector(self) -> numpy.ndarray:
        return similarity_scores(self.labels, self.definitions)

    def vote_vector(self) -> numpy.ndarray:
        if self.votes is None:
            return numpy.full(len(self.labels.keys), numpy.nan)
        return self.votes

    def _blend(self, positives: dict[str, int]) -> tuple[Blend, int]:
        if self.batch is not None:
            return self.batch, self.row
        trust = self.trust if self.trust is not None else self.labels.trust(positives)
        model = None if self.model is None else self.model[None, :]
        blended = blend_batch(
            self.cue_vector()[None, :],
            self.similarity_vector()[None, :],
            model,
            trust,
            self.vote_vector()[None, :],
            numpy.array([self.uncoded]),
        )
        return blended, 0

    def parts(self, positives: dict[str, int], floor: float = 0.0) -> dict[str, Parts]:
        """The blend inputs of every code with something said about it (only those whose
        blended score reaches floor, when floor > 0); the score of each equals blend(parts)."""
        batch, row = self._blend(positives)
        chosen = batch.chosen(floor)[row]
        if not chosen:
            return {}
        keys = self.labels.keys
        alike = self.alike
        cue, definition = batch.cue[row], batch.definition[row]
        probability, relative = batch.probability[row], batch.relative[row]
        has, similar = batch.has[row], batch.similar[row]
        return {
            keys[i]: Parts(
                float(cue[i]),
                float(definition[i]),
                float(probability[i]) if has[i] else None,
                float(relative[i]),
                positives.get(keys[i], 0),
                None if numpy.isnan(similar[i]) else float(similar[i]),
                0 if alike is None else int(alike[i]),
                self.uncoded,
            )
            for i in chosen
        }


def cue_scores(labels: Labels, cues: dict[str, CueEvidence]) -> numpy.ndarray:
    """The cue layer's score of each label, in label order (0 where no cue was heard)."""
    cue = numpy.zeros(len(labels.keys))
    for code, evidence in cues.items():
        cue[labels.position[code]] = evidence.score
    return cue


def similarity_scores(labels: Labels, definitions: DefinitionMatches) -> numpy.ndarray:
    """The definition layer's similarity of each label, in label order."""
    found = definitions.vector
    return numpy.zeros(len(labels.keys)) if found is None else found
