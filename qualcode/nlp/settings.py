"""Project settings of the suggester: default threshold, retraining cadence, optional vectors."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import get_setting, set_setting

THRESHOLD = "suggest.threshold"
RETRAIN_AFTER = "suggest.retrain_after"
VECTORS = "suggest.vectors"

DEFAULT_THRESHOLD = 0.5
DEFAULT_RETRAIN_AFTER = 20


def threshold(session: Session) -> float:
    """The score at which a code counts as suggested (calibrated by `suggest evaluate`)."""
    return _number(session, THRESHOLD, DEFAULT_THRESHOLD)


def retrain_after(session: Session) -> int:
    """How many new codings, reviews or rejections trigger background retraining (0: never)."""
    return int(_number(session, RETRAIN_AFTER, DEFAULT_RETRAIN_AFTER))


def vectors(session: Session) -> str | None:
    """An installed pretrained pipeline (package name or folder) whose vectors to use, if any."""
    value = get_setting(session, VECTORS)
    return value.strip() if value and value.strip() else None


def set_threshold(session: Session, value: float) -> None:
    if not 0.0 < value < 1.0:
        raise QualcodeError(f"threshold must be between 0 and 1, not {value}")
    set_setting(session, THRESHOLD, f"{value:.4g}")


def _number(session: Session, key: str, default: float) -> float:
    raw = get_setting(session, key)
    if raw is None:
        return default
    try:
        return float(raw)
    except ValueError:
        raise QualcodeError(f"project setting {key}={raw!r} is not a number") from None
