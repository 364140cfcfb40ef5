"""What an audit event may keep: ids, counts, keys and hashes, never words people wrote or said."""

from __future__ import annotations

from typing import Any

# Fields that hold interview words, memo text, identifier values or things named after people:
# an event keeps only how long they were. Their hash would not do: a short value (a first
# name) is found again by hashing guesses.
CONTENT_FIELDS = frozenset(
    {
        "text",
        "memo",
        "note",
        "value",
        "values",
        "title",
        "source_name",
        "speaker",
        "speakers",
        "examples",
        "words",
        "quote",
    }
)
# Fields whose keys are names of things (attributes) but whose values may be private.
KEYS_ONLY_FIELDS = frozenset({"attributes"})


def omitted(value: Any) -> Any:
    """What stands in for a content value: text by its length, lists by their size; None and
    numbers (a count that shares a content field's name) stay as they are."""
    if value is None or isinstance(value, bool | int | float):
        return value
    if isinstance(value, dict) and "omitted" in value:  # stripped already
        return value
    if isinstance(value, str):
        return {"omitted": "text", "characters": len(value)}
    if isinstance(value, list | tuple | dict):
        return {"omitted": "items", "count": len(value)}
    return {"omitted": "value"}


def without_content(state: Any) -> Any:
    """A state with every content field replaced by `omitted(...)`, at any depth."""
    if isinstance(state, dict):
        cleaned: dict[Any, Any] = {}
        for key, value in state.items():
            if key in CONTENT_FIELDS:
                cleaned[key] = omitted(value)
            elif key in KEYS_ONLY_FIELDS and isinstance(value, dict):
                cleaned[key] = sorted(str(name) for name in value)
            else:
                cleaned[key] = without_content(value)
        return cleaned
    if isinstance(state, list | tuple):
        return [without_content(item) for item in state]
    return state


def has_content(state: Any) -> bool:
    """True when stripping would change the state (it holds some content field's value)."""
    return bool(without_content(state) != state)
