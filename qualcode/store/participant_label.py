"""A participant's public label as given, checked: one line that fits its column."""

from __future__ import annotations

from qualcode.errors import QualcodeError
from qualcode.store.fits import check_fits

MAX_LABEL = 200  # participant.label is VARCHAR(200): PostgreSQL refuses more, SQLite keeps it


def check_participant_label(label: str) -> str:
    """A participant label, trimmed; refuse an empty, multi-line or too long one."""
    cleaned = label.strip()
    if not cleaned:
        raise QualcodeError("a participant label cannot be empty")
    if "\n" in cleaned:
        raise QualcodeError(f"a participant label must be one line: {cleaned!r}")
    check_fits(cleaned, MAX_LABEL, "a participant label")
    return cleaned
