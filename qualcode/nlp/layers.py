"""What each layer says about one passage, and the blend inputs per code, computed as vectors."""

from __future__ import annotations

from dataclasses import dataclass

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
class Layers:
    """Cue evidence, definition similarities and model probabilities for one passage.

    model holds one probability per label, NaN where the model has no such label; None when
    there is no model at all. trust, if given, is labels.trust(positives) worked out once.
    votes and alike hold the neighbour vote and the count of coded neighbours per label (NaN
    and 0 where the memory has no such label), None when the model has no memory or the
    passage shares no word with it; uncoded is the share of uncoded neighbours.
    """

    labels: Labels
    cues: dict[str, CueEvidence]
    definitions: DefinitionMatches
    model: numpy.ndarray | None
    trust: numpy.ndarray | None = None
    votes: numpy.ndarray | None = None
    alike: numpy.ndarray | None = None
    uncoded: float = 0.0

    def parts(self, positives: dict[str, int], floor: float = 0.0) -> dict[str, Parts]:
        """The blend inputs of every code with something said about it (only those whose
        blended score reaches floor, when floor > 0).

        The score is worked out in float64 in the blend's order of operations, so it equals
        blend(parts) to the last bit and the floor keeps exactly the codes blend() puts there.
        """
        size = len(self.labels.keys)
        cue = numpy.zeros(size)
        for code, evidence in self.cues.items():
            cue[self.labels.position[code]] = evidence.score
        similarity = self.definitions.vector
        if similarity is None:
            similarity = numpy.zeros(size)
        definition = similarity / max(DEFINITION_FLOOR, float(similarity.max(initial=0.0)))
        score = (cue + definition) / 2
        said = (cue > 0) | (similarity > 0)
        if self.model is not None:
            has = ~numpy.isnan(self.model)
            probability = numpy.where(has, self.model, 0.0).astype(float)
            best = float(probability.max(initial=0.0))
            relative = probability / best if best > 0 else numpy.zeros(size)
            trust = self.trust if self.trust is not None else self.labels.trust(positives)
            trust = numpy.where(has, trust, 0.0).astype(float)
            classifier = numpy.where(has, (probability + relative) / 2, 0.0)
            similar = self._similar(size)
            heard = ~numpy.isnan(similar)
            learned = (classifier + numpy.where(heard, similar, 0.0)) / numpy.maximum(
                1, has.astype(int) + heard
            )
            spoken = has | heard
            score = numpy.where(spoken, trust * learned + (1 - trust) * score, score)
            said |= has
        else:
            has, probability, relative = numpy.zeros(size, dtype=bool), cue * 0, cue * 0
            similar = numpy.full(size, numpy.nan)
        score = score * (1 - UNCODED_DAMPING * self.uncoded)
        chosen = numpy.nonzero(said & (score >= floor) if floor > 0 else said)[0]
        keys = self.labels.keys
        alike = self.alike if self.alike is not None else numpy.zeros(size, dtype=int)
        return {
            keys[i]: Parts(
                float(cue[i]),
                float(definition[i]),
                float(probability[i]) if has[i] else None,
                float(relative[i]),
                positives.get(keys[i], 0),
                None if numpy.isnan(similar[i]) else float(similar[i]),
                int(alike[i]),
                self.uncoded,
            )
            for i in chosen.tolist()
        }

    def _similar(self, size: int) -> numpy.ndarray:
        """The neighbours' voice per label: (vote + vote ÷ best vote) / 2, NaN if silent."""
        if self.votes is None:
            return numpy.full(size, numpy.nan)
        best = float(numpy.nanmax(self.votes, initial=0.0))
        return (self.votes + (self.votes / best if best > 0 else 0.0)) / 2
