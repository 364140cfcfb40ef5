"""A coder's name as typed, checked: one line of 1–200 characters (no models needed)."""

from __future__ import annotations

from qualcode.errors import QualcodeError


def check_coder_name(name: str) -> str:
    """A coder's name, trimmed; refuse empty or multi-line names."""
    cleaned = name.strip()
    if not cleaned or "\n" in cleaned or len(cleaned) > 200:
        raise QualcodeError(f"coder name {name!r} is not valid (one line, 1–200 characters)")
    return cleaned
