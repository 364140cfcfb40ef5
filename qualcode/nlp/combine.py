"""Blend the codebook layer (cue phrases, definitions) and the learned model into one score.

For a code in a passage:

    codebook = (cue + definition) / 2
        cue        = the cue-phrase score (qualcode.nlp.cues)
        definition = similarity to the code's definition ÷ max(the passage's best such
                     similarity, DEFINITION_FLOOR), so faint overlaps stay faint
    learned  = mean of the model's two voices (either alone when the other is silent)
        classifier = (model + model ÷ the passage's highest model probability) / 2
        neighbours = (vote + vote ÷ the passage's highest vote) / 2
                     vote = similarity share of the passage's nearest remembered passages
                     coded with the code (qualcode.nlp.neighbours)
    trust    = n / (n + PRIOR)        n = passages the model learned the code from
    score    = (trust × learned + (1 − trust) × codebook) × (1 − UNCODED_DAMPING × uncoded)
        uncoded    = the similarity share of nearest passages that coders left uncoded

Before anything is coded there is no model and the score is the codebook layer's. Relative
scores matter because a classifier trained on a few hundred passages gives low, compressed
probabilities whose order within a passage is more telling than their size. Damping by the
uncoded neighbours keeps small talk and background that coders pass over from drawing
suggestions. The origin says which layer backs the code: "cue" (the codebook layer ≥
SUPPORT), "model" (probability ≥ MODEL_SUPPORT or backed by MIN_ALIKE coded neighbours), or
"both".
"""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.nlp.types import CueEvidence

PRIOR = 5.0
SUPPORT = 0.4
MODEL_SUPPORT = 0.25
MIN_ALIKE = 2
DEFINITION_FLOOR = 0.1
UNCODED_DAMPING = 0.5


@dataclass(frozen=True)
class Parts:
    """The inputs of one code's blend."""

    cue: float
    definition: float
    model: float | None
    relative: float
    positives: int
    similar: float | None = None
    alike: int = 0
    uncoded: float = 0.0

    @property
    def codebook(self) -> float:
        return (self.cue + self.definition) / 2

    @property
    def learned(self) -> float | None:
        voices = [] if self.model is None else [(self.model + self.relative) / 2]
        if self.similar is not None:
            voices.append(self.similar)
        return sum(voices) / len(voices) if voices else None


def trust(positives: int) -> float:
    """How far the model is trusted for a code it learned from this many passages."""
    return positives / (positives + PRIOR) if positives > 0 else 0.0


def blend(parts: Parts) -> float:
    """The combined score of one code (see the module formula)."""
    learned = parts.learned
    damping = 1.0 - UNCODED_DAMPING * parts.uncoded
    if learned is None:
        return parts.codebook * damping
    weight = trust(parts.positives)
    return (weight * learned + (1.0 - weight) * parts.codebook) * damping


def model_backs(parts: Parts) -> bool:
    """The model backs a code it gives a probability of at least MODEL_SUPPORT, or that at
    least MIN_ALIKE of the passage's nearest coded passages carry."""
    return (parts.model is not None and parts.model >= MODEL_SUPPORT) or parts.alike >= MIN_ALIKE


def origin_of(parts: Parts) -> str:
    """'both' when both layers back the code, else the one that does, else the one that
    contributes more to the score."""
    by_codebook, by_model = parts.codebook >= SUPPORT, model_backs(parts)
    if by_codebook and by_model:
        return "both"
    if by_codebook != by_model:
        return "model" if by_model else "cue"
    model_share = trust(parts.positives) * (parts.learned or 0.0)
    codebook_share = (1.0 - trust(parts.positives)) * parts.codebook
    return "model" if model_share > codebook_share else "cue"


def reason(parts: Parts, evidence: CueEvidence | None, words: tuple[str, ...]) -> str:
    """Why a code is suggested, in words a coder can check against the text."""
    out: list[str] = []
    if evidence is not None and evidence.hits:
        shown = ", ".join(hit.describe() for hit in evidence.hits[:4])
        more = len(evidence.hits) - 4
        label = "cue" if len(evidence.hits) == 1 else "cues"
        out.append(f"{label} {shown}" + (f" and {more} more" if more > 0 else ""))
    if words and parts.definition >= 0.5:
        out.append("definition words " + ", ".join(words))
    if parts.model is not None and parts.model >= MODEL_SUPPORT:
        first = ", its first choice here" if parts.relative >= 1.0 else ""
        out.append(
            f"model {parts.model:.2f}{first} (learned from {parts.positives} coded passages)"
        )
    if parts.alike >= MIN_ALIKE:
        out.append(f"like {parts.alike} passages coded with it")
    return "; ".join(out) or f"weak match (score {blend(parts):.2f})"
