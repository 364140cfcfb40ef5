"""The store's clock: every timestamp it writes, in UTC."""

from __future__ import annotations

from datetime import UTC, datetime


def utcnow() -> datetime:
    """The current time in UTC; every timestamp in the store uses it."""
    return datetime.now(UTC)
