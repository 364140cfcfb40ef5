"""Blend the codebook layer (cue phrases, definitions) and the learned model into one score.

For a code in a passage:

    codebook = (cue + definition) / 2
        cue        = the cue-phrase score (qualcode.nlp.cues)
        definition = similarity to the code's definition ÷ max(the passage's best such
                     similarity, DEFINITION_FLOOR), so faint overlaps stay faint
    learned  = (model + relative) / 2
        model      = the classifier's probability
        relative   = model ÷ the passage's highest model probability
    trust    = n / (n + PRIOR)        n = passages the model learned the code from
    score    = trust × learned + (1 − trust) × codebook

Before anything is coded there is no model and the score is the codebook layer's. Relative
scores matter because a classifier trained on a few hundred passages gives low, compressed
probabilities whose order within a passage is more telling than their size. The origin says
which layer backs the code: "cue" (the codebook layer ≥ SUPPORT), "model" (probability ≥
MODEL_SUPPORT), or "both".
"""

from __future__ import annotations

from dataclasses import dataclass

from qualcode.nlp.types import CueEvidence

PRIOR = 5.0
SUPPORT = 0.4
MODEL_SUPPORT = 0.25
DEFINITION_FLOOR = 0.1


@dataclass(frozen=True)
class Parts:
    """The inputs of one code's blend."""

    cue: float
    definition: float
    model: float | None
    relative: float
    positives: int

    @property
    def codebook(self) -> float:
        return (self.cue + self.definition) / 2

    @property
    def learned(self) -> float | None:
        return None if self.model is None else (self.model + self.relative) / 2


def trust(positives: int) -> float:
    """How far the model is trusted for a code it learned from this many passages."""
    return positives / (positives + PRIOR) if positives > 0 else 0.0


def blend(parts: Parts) -> float:
    """The combined score of one code (see the module formula)."""
    learned = parts.learned
    if learned is None:
        return parts.codebook
    weight = trust(parts.positives)
    return weight * learned + (1.0 - weight) * parts.codebook


def model_backs(parts: Parts) -> bool:
    """The model backs a code it gives a probability of at least MODEL_SUPPORT."""
    return parts.model is not None and parts.model >= MODEL_SUPPORT


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
    if parts.model is not None and model_backs(parts):
        first = ", its first choice here" if parts.relative >= 1.0 else ""
        out.append(
            f"model {parts.model:.2f}{first} (learned from {parts.positives} coded passages)"
        )
    return "; ".join(out) or f"weak match (score {blend(parts):.2f})"
