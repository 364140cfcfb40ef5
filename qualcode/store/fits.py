"""One check that a value fits its column (VARCHAR(n): PostgreSQL refuses more, SQLite keeps it)."""

from __future__ import annotations

from qualcode.errors import QualcodeError


def check_fits(value: str, limit: int | None, what: str) -> None:
    """Refuse a value longer than its column's `limit` (None: no limit), naming it as `what`."""
    if limit is not None and len(value) > limit:
        raise QualcodeError(
            f"{what} must be at most {limit} characters (this one has {len(value)})"
        )
