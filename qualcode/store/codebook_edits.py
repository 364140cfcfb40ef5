"""Editing codes in place: definition, criteria, examples and cues, and undoing an edit."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import record
from qualcode.store.codes import code_state, find_code, move_code
from qualcode.store.models import Code

LIST_FIELDS = ("include", "exclude", "examples", "cues")


def _clean(items: list[str]) -> list[str]:
    return [" ".join(item.split()) for item in items if item.strip()]


def edit_code(
    session: Session,
    key: str,
    *,
    description: str | None = None,
    include: list[str] | None = None,
    exclude: list[str] | None = None,
    examples: list[str] | None = None,
    cues: list[str] | None = None,
    coder: str | None = None,
) -> Code:
    """Change a code's definition, criteria, examples or cue phrases (fields left None stay)."""
    code = find_code(session, key)
    before = code_state(code)
    if description is not None:
        code.description = description.strip()
    lists = {"include": include, "exclude": exclude, "examples": examples, "cues": cues}
    for field, items in lists.items():
        if items is not None:
            setattr(code, field, _clean(items))
    session.flush()
    after = code_state(code)
    if after != before:
        record(session, "code.edit", "code", code.id, coder=coder, before=before, after=after)
    return code


def restore_code_state(
    session: Session, key: str, state: dict[str, object], *, coder: str | None
) -> Code:
    """Put a code's key, name, fields and parent back as code_state recorded them (for undo)."""
    code = find_code(session, key)
    before = code_state(code)
    new_key = str(state["key"])
    if new_key != code.key:
        if session.scalar(select(Code.id).where(Code.key == new_key)) is not None:
            raise QualcodeError(f"a code with key '{new_key}' already exists")
        code.key = new_key
    code.name = str(state["name"])
    code.description = str(state["description"])
    for field in LIST_FIELDS:
        value = state[field]
        assert isinstance(value, list)
        setattr(code, field, [str(item) for item in value])
    session.flush()
    after = code_state(code)
    record(session, "code.restore", "code", code.id, coder=coder, before=before, after=after)
    parent_key = state["parent"]
    if parent_key != after["parent"]:
        move_code(session, code.key, str(parent_key) if parent_key else None, coder=coder)
    return code
