"""Passage numbers as people count them: stored indexes count from 0, people count from 1."""

from __future__ import annotations

from qualcode.errors import QualcodeError

MAX_ROW_ID = 2**62  # beyond any id or index; larger numbers do not fit a database integer


def passage_number(index: int) -> int:
    """The number a person reads for the passage stored at `index` (the first is 1)."""
    return index + 1


def passage_index(number: int) -> int:
    """The stored index of the passage a person numbered `number`, or a one-line error."""
    if number < 1:
        raise QualcodeError(f"passage numbers start at 1 (the first passage), not {number}")
    return number - 1


def passage_range(count: int) -> str:
    """The passage numbers a document has, for error messages: "passages 1–41"."""
    if count == 0:
        return "it has no passages"
    return "passage 1 only" if count == 1 else f"passages 1–{count}"
