"""Editing codes in place: definition and criteria, and removing a code (audited, no UI)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import record
from qualcode.store.codes import _next_position, code_state, find_code, merge_codes, move_code
from qualcode.store.models import Code, Coding, Memo

LIST_FIELDS = ("include", "exclude", "examples", "cues")


@dataclass(frozen=True)
class CodeUsage:
    """What removing a code would touch: its codings (and by how many coders), sub-codes, memos."""

    codings: int
    coders: int
    sub_codes: int
    memos: int


@dataclass(frozen=True)
class CodeRemoved:
    """What removing a code did."""

    key: str
    codings_moved: int
    codings_removed: int
    sub_codes_moved: int
    into: str | None


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


def code_usage(session: Session, key: str) -> CodeUsage:
    """How much hangs on a code, for the confirmation before removing it."""
    code = find_code(session, key)
    codings, coders = session.execute(
        select(func.count(Coding.id), func.count(func.distinct(Coding.coder_id))).where(
            Coding.code_id == code.id
        )
    ).one()
    sub_codes = session.scalar(select(func.count(Code.id)).where(Code.parent_id == code.id))
    memos = session.scalar(select(func.count(Memo.id)).where(Memo.code_id == code.id))
    return CodeUsage(codings, coders, sub_codes or 0, memos or 0)


def remove_code(
    session: Session, key: str, *, to_key: str | None = None, coder: str | None = None
) -> CodeRemoved:
    """Remove a code from the codebook.

    With to_key its codings (and sub-codes) go to that code, as a merge does; without it
    its codings are deleted and its sub-codes move up to its parent. Memos on the code go
    with it. Not undoable: the confirmation must say what will go (see code_usage).
    """
    if to_key is not None:
        usage = code_usage(session, key)
        moved = merge_codes(session, key, to_key, coder=coder)
        return CodeRemoved(key, moved, usage.codings - moved, usage.sub_codes, to_key)
    code = find_code(session, key)
    before = code_state(code)
    removed = session.scalar(select(func.count(Coding.id)).where(Coding.code_id == code.id)) or 0
    session.execute(delete(Coding).where(Coding.code_id == code.id))
    children = list(session.scalars(select(Code).where(Code.parent_id == code.id)))
    for child in children:
        child.position = _next_position(session, code.parent_id)
        child.parent_id = code.parent_id
        session.flush()
    code_id = code.id
    session.execute(delete(Code).where(Code.id == code_id))
    after = {"codings_removed": removed, "sub_codes_moved": len(children)}
    record(session, "code.remove", "code", code_id, coder=coder, before=before, after=after)
    session.expire_all()
    return CodeRemoved(key, 0, removed, len(children), None)


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
