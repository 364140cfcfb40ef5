"""Train the project's model on demand or when enough has changed, and keep it in the project."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.nlp.corpus import codebook_entries
from qualcode.nlp.evaluate import cross_validate, report, summary_rows
from qualcode.nlp.labels import SUGGESTER, TrainingSet, training_set
from qualcode.nlp.modelstore import ModelInfo, current_model_info, save_model
from qualcode.nlp.settings import retrain_after, threshold, vectors
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.types import CodeEntry
from qualcode.store.audit import record
from qualcode.store.db import Project
from qualcode.store.models import Coder, Coding, Review, SuggestionDecision, SuggestionModel

# One training at a time per process: a background retrain never races an explicit one.
_TRAINING = threading.Lock()


def train_project(
    project: Project,
    *,
    coder: str | None = None,
    force: bool = False,
    epochs: int | None = None,
    folds: int | None = None,
    progress: Callable[[str], None] | None = None,
) -> tuple[ModelInfo, bool]:
    """Train on the project's codings and store the model; (model, whether it is new).

    With an unchanged training set (same hash) the current model is kept unless force is set.
    With folds, a cross-validation summary is stored in the model's metrics as well.
    """
    with _TRAINING:
        return _train(project, coder, force, epochs, folds, progress)


def _train(
    project: Project,
    coder: str | None,
    force: bool,
    epochs: int | None,
    folds: int | None,
    progress: Callable[[str], None] | None,
) -> tuple[ModelInfo, bool]:
    with project.read() as session:
        codes = codebook_entries(session)
        training = training_set(session, codes)
        current = current_model_info(session)
        use_vectors = vectors(session)
        cutoff = threshold(session)
    fingerprint = training.fingerprint
    if current is not None and current.training_hash == fingerprint and not force:
        return current, False
    metrics: dict[str, Any] = {}
    if folds:
        metrics["evaluation"] = _evaluate(training, codes, folds, cutoff, epochs, progress)
    if progress is not None:
        progress(f"training on {len(training.items())} examples")
    memory = training.memory()
    trained = train_pipeline(
        training.items(),
        training.labels,
        epochs=epochs,
        vectors=use_vectors,
        memory=memory,
    )
    metrics.update(
        positives=training.positives_per_label(),
        passages=len(training.passages),
        coded_passages=sum(1 for p in training.passages if p.positives),
        codebook_examples=len(training.examples),
        remembered=len(memory),
        epochs=trained.epochs,
        seconds=round(trained.seconds, 2),
        vectors=use_vectors,
    )
    with project.write() as session:
        info = save_model(
            session,
            trained.nlp,
            labels=training.labels,
            coding_ids=training.coding_ids,
            training_hash=fingerprint,
            examples=trained.examples,
            metrics=metrics,
            trained_by=coder,
        )
        record(
            session,
            "suggest.train",
            "suggestion_model",
            info.id,
            coder=coder,
            after={
                "labels": len(info.labels),
                "examples": info.examples,
                "codings": len(info.coding_ids),
                "training_hash": fingerprint,
                "seconds": metrics["seconds"],
            },
        )
    return info, True


def _evaluate(
    training: TrainingSet,
    codes: list[CodeEntry],
    folds: int,
    cutoff: float,
    epochs: int | None,
    progress: Callable[[str], None] | None,
) -> dict[str, Any]:
    def tell(done: int, of: int) -> None:
        if progress is not None:
            progress(f"cross-validation fold {done}/{of}")

    held_out = cross_validate(training, codes, folds=folds, epochs=epochs, progress=tell)
    result = report(held_out, cutoff, folds)
    return {"folds": folds, "threshold": cutoff, "modes": summary_rows(result)}


def pending_changes(session: Session) -> int:
    """Codings, reviews and rejections made since the current model was trained."""
    current = session.scalar(
        select(SuggestionModel.id).order_by(SuggestionModel.id.desc()).limit(1)
    )
    codings = select(func.count(Coding.id)).join(Coder, Coding.coder_id == Coder.id)
    codings = codings.where(Coder.name != SUGGESTER)
    if current is None:
        return int(session.scalar(codings) or 0)
    row = session.get(SuggestionModel, current)
    assert row is not None
    trained = set(row.coding_ids)
    ids = session.scalars(select(Coding.id).join(Coder).where(Coder.name != SUGGESTER))
    new_codings = sum(1 for coding_id in ids if coding_id not in trained)
    since: datetime = row.created_at
    reviews = session.scalar(select(func.count(Review.id)).where(Review.reviewed_at > since))
    rejections = session.scalar(
        select(func.count(SuggestionDecision.id)).where(
            SuggestionDecision.decided_at > since, SuggestionDecision.decision == "reject"
        )
    )
    return new_codings + int(reviews or 0) + int(rejections or 0)


def maybe_retrain(
    project: Project, threshold: int | None = None, *, coder: str = SUGGESTER
) -> ModelInfo | None:
    """Retrain when at least `threshold` changes (default: the project setting) are pending.

    Meant for a background worker: returns at once (None) when another training is running,
    nothing is pending, or there is not yet enough to train on.
    """
    with project.read() as session:
        needed = retrain_after(session) if threshold is None else threshold
        if needed <= 0 or pending_changes(session) < needed:
            return None
    if not _TRAINING.acquire(blocking=False):
        return None
    try:
        info, fresh = _train(project, coder, False, None, None, None)
    except QualcodeError:
        return None
    finally:
        _TRAINING.release()
    return info if fresh else None
