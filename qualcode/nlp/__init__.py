"""Code suggestions: codebook cue phrases and definitions, a learned spaCy textcat, evaluation."""

from qualcode.nlp.api import (
    QueueItem,
    project_suggester,
    review_queue,
    suggest_for_passage,
    suggest_project,
    suggester_codings,
)
from qualcode.nlp.feedback import accept_suggestion, forget_decision, reject_suggestion
from qualcode.nlp.training import maybe_retrain, pending_changes, train_project
from qualcode.nlp.types import CueHit, PassageText, Suggestion

__all__ = [
    "CueHit",
    "PassageText",
    "QueueItem",
    "Suggestion",
    "accept_suggestion",
    "forget_decision",
    "maybe_retrain",
    "pending_changes",
    "project_suggester",
    "reject_suggestion",
    "review_queue",
    "suggest_for_passage",
    "suggest_project",
    "suggester_codings",
    "train_project",
]
