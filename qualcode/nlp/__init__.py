"""Code suggestions: codebook cue phrases and definitions, a learned spaCy textcat, evaluation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.lazy_exports import lazy_exports

if TYPE_CHECKING:
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

# spaCy (seconds to load) comes with the first name that needs it, not with the light types:
# the workbench paints first and loads it in a worker when suggestions are first shown.
__getattr__ = lazy_exports(
    __name__,
    {
        "api": (
            "QueueItem",
            "project_suggester",
            "review_queue",
            "suggest_for_passage",
            "suggest_project",
            "suggester_codings",
        ),
        "feedback": ("accept_suggestion", "forget_decision", "reject_suggestion"),
        "training": ("maybe_retrain", "pending_changes", "train_project"),
        "types": ("CueHit", "PassageText", "Suggestion"),
    },
)
