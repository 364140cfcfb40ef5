"""Keep trained pipelines in the project database (gzipped tar in a BLOB) and load them back."""

from __future__ import annotations

import io
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import spacy
from spacy.language import Language
from sqlalchemy import delete, select
from sqlalchemy.orm import Session

import qualcode.nlp.neighbours
import qualcode.nlp.pipeline  # noqa: F401 - registers the factories the stored config names
from qualcode.errors import QualcodeError
from qualcode.store.models import SuggestionModel

KEEP_MODELS = 2


class ModelLoadError(QualcodeError):
    """The stored model cannot be used (corrupt, or made by an incompatible spaCy)."""


@dataclass(frozen=True)
class ModelInfo:
    """A stored model's record without its archive: when, by whom, on what, how well."""

    id: int
    created_at: str
    trained_by: str | None
    labels: list[str]
    coding_ids: list[int]
    training_hash: str
    examples: int
    metrics: dict[str, Any]
    spacy_version: str
    size: int

    def as_json(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["codings"] = len(out.pop("coding_ids"))
        return out


def pack(nlp: Language) -> bytes:
    """The pipeline directory as gzipped tar bytes."""
    with tempfile.TemporaryDirectory(prefix="qualcode-model-") as tmp:
        nlp.to_disk(Path(tmp) / "model")
        buffer = io.BytesIO()
        with tarfile.open(fileobj=buffer, mode="w:gz", compresslevel=3) as archive:
            archive.add(Path(tmp) / "model", arcname="model")
    return buffer.getvalue()


def unpack(data: bytes) -> Language:
    """Load a pipeline from pack() bytes; anything wrong raises ModelLoadError."""
    try:
        with tempfile.TemporaryDirectory(prefix="qualcode-model-") as tmp:
            with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
                archive.extractall(tmp, filter="data")
            return spacy.load(Path(tmp) / "model")
    except Exception as exc:  # tarfile, OSError, msgpack, config errors: all mean "unusable"
        raise ModelLoadError(f"{type(exc).__name__}: {exc}".strip()[:300]) from exc


def _info(row: SuggestionModel) -> ModelInfo:
    return ModelInfo(
        id=row.id,
        created_at=row.created_at.isoformat(),
        trained_by=row.trained_by,
        labels=list(row.labels),
        coding_ids=list(row.coding_ids),
        training_hash=row.training_hash,
        examples=row.examples,
        metrics=dict(row.metrics),
        spacy_version=row.spacy_version,
        size=len(row.archive),
    )


def save_model(
    session: Session,
    nlp: Language,
    *,
    labels: list[str],
    coding_ids: list[int],
    training_hash: str,
    examples: int,
    metrics: dict[str, Any],
    trained_by: str | None,
) -> ModelInfo:
    """Store a trained pipeline as the current model, keeping only the newest few."""
    row = SuggestionModel(
        trained_by=trained_by,
        labels=labels,
        coding_ids=coding_ids,
        training_hash=training_hash,
        examples=examples,
        metrics=metrics,
        spacy_version=spacy.about.__version__,
        archive=pack(nlp),
    )
    session.add(row)
    session.flush()
    keep = select(SuggestionModel.id).order_by(SuggestionModel.id.desc()).limit(KEEP_MODELS)
    session.execute(delete(SuggestionModel).where(SuggestionModel.id.not_in(keep)))
    return _info(row)


def current_model_id(session: Session) -> int | None:
    """The id of the newest stored model, if any (cheap: no archive read)."""
    return session.scalar(select(SuggestionModel.id).order_by(SuggestionModel.id.desc()).limit(1))


def current_model_info(session: Session) -> ModelInfo | None:
    """The newest stored model's record, if any."""
    model_id = current_model_id(session)
    row = session.get(SuggestionModel, model_id) if model_id is not None else None
    return _info(row) if row is not None else None


def load_current(session: Session) -> tuple[ModelInfo, Language] | None:
    """The newest stored model and its pipeline; ModelLoadError when it cannot be loaded."""
    model_id = current_model_id(session)
    if model_id is None:
        return None
    row = session.get(SuggestionModel, model_id)
    assert row is not None
    return _info(row), unpack(row.archive)
