"""The project's codebook in the store: import a spec, export it, add, rename, move, merge codes."""

from __future__ import annotations

import unicodedata
from typing import Any

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from qualcode.codebook.order import codebook_order
from qualcode.codebook.slug import is_slug, slugify
from qualcode.codebook.types import CodebookSpec, CodeSpec
from qualcode.errors import QualcodeError
from qualcode.store.audit import record
from qualcode.store.lookup import find_code_key
from qualcode.store.models import Code, Codebook, Coding, OrphanedCoding

PALETTE = (
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b",
    "#e377c2", "#7f7f7f", "#bcbd22", "#17becf", "#aec7e8", "#ffbb78",
)  # fmt: skip
FIELDS = ("name", "description", "include", "exclude", "examples", "cues", "colour")


def code_state(code: Code) -> dict[str, Any]:
    """A code's fields as plain data, for the audit trail."""
    state: dict[str, Any] = {field: getattr(code, field) for field in FIELDS}
    state["key"] = code.key
    state["parent"] = code.parent.key if code.parent else None
    return state


def get_codebook(session: Session) -> Codebook:
    """The project's codebook (created empty on first use)."""
    codebook = session.scalar(select(Codebook).order_by(Codebook.id).limit(1))
    if codebook is None:
        codebook = Codebook(name="Codebook", description="")
        session.add(codebook)
        session.flush()
    return codebook


def all_codes(session: Session) -> list[Code]:
    """Every code, parents before children, siblings in codebook order."""
    return codebook_order(session.scalars(select(Code)))


def find_code(session: Session, key: str) -> Code:
    """The code with this key, or an error with a "did you mean" hint."""
    code = session.get(Code, find_code_key(session, key).id)
    assert code is not None  # found a moment ago, in the same transaction
    return code


def code_path(code: Code) -> list[str]:
    """Keys from the theme down to this code."""
    path = [code.key]
    parent = code.parent
    while parent is not None:
        path.append(parent.key)
        parent = parent.parent
    return list(reversed(path))


def _valid_key(key: str) -> str:
    """The key in composed (NFC) form, as stored; an error suggesting a slug if it is not one."""
    composed = unicodedata.normalize("NFC", key)
    if not is_slug(composed):
        raise QualcodeError(
            f"code key '{key}' is not valid: use lowercase letters (any language), digits "
            f"and single hyphens, e.g. '{slugify(key)}'"
        )
    return composed


def _next_colour(session: Session) -> str:
    count = session.scalar(select(func.count(Code.id))) or 0
    return PALETTE[count % len(PALETTE)]


def _next_position(session: Session, parent_id: int | None) -> int:
    highest = session.scalar(select(func.max(Code.position)).where(Code.parent_id == parent_id))
    return 0 if highest is None else highest + 1


def install_codebook(session: Session, spec: CodebookSpec, *, coder: str | None) -> tuple[int, int]:
    """Merge a codebook spec into the project by key: add new codes, update existing ones.

    Codes missing from the spec are kept (they may carry codings). Returns (added, updated).
    """
    codebook = get_codebook(session)
    if spec.name:
        codebook.name = spec.name
        codebook.description = spec.description
    added = updated = 0
    for position, (item, parent_spec) in enumerate(spec.walk()):
        parent = find_code(session, parent_spec.key) if parent_spec else None
        code = session.scalar(select(Code).where(Code.key == item.key))
        if code is None:
            colour = item.colour or _next_colour(session)
            code = Code(key=item.key, position=position, colour=colour)
            _apply_spec(code, item)
            code.codebook = codebook
            code.parent = parent
            session.add(code)
            session.flush()
            record(session, "code.add", "code", code.id, coder=coder, after=code_state(code))
            added += 1
            continue
        before = code_state(code)
        _apply_spec(code, item)
        code.colour = item.colour or code.colour
        if parent is not None and _is_descendant(parent, code):
            raise QualcodeError(f"code '{item.key}' cannot sit under its own sub-code")
        code.parent = parent
        code.position = position
        session.flush()
        after = code_state(code)
        if after != before:
            record(session, "code.update", "code", code.id, coder=coder, before=before, after=after)
            updated += 1
    return added, updated


def _apply_spec(code: Code, item: CodeSpec) -> None:
    code.name = item.name
    code.description = item.description
    code.include = list(item.include)
    code.exclude = list(item.exclude)
    code.examples = list(item.examples)
    code.cues = list(item.cues)


def _is_descendant(candidate: Code, ancestor: Code) -> bool:
    node: Code | None = candidate
    while node is not None:
        if node.id == ancestor.id:
            return True
        node = node.parent
    return False


def codebook_spec(session: Session) -> CodebookSpec:
    """The project's codebook as plain data, ready to save or show."""
    codebook = get_codebook(session)
    specs: dict[int, CodeSpec] = {}
    roots: list[CodeSpec] = []
    for code in all_codes(session):
        spec = CodeSpec(
            key=code.key,
            name=code.name,
            description=code.description,
            include=list(code.include),
            exclude=list(code.exclude),
            examples=list(code.examples),
            cues=list(code.cues),
            colour=code.colour,
        )
        specs[code.id] = spec
        if code.parent_id is None:
            roots.append(spec)
        else:
            specs[code.parent_id].children.append(spec)
    return CodebookSpec(name=codebook.name, description=codebook.description, codes=roots)


def add_code(
    session: Session,
    key: str,
    name: str,
    *,
    parent_key: str | None = None,
    description: str = "",
    cues: list[str] | None = None,
    coder: str | None = None,
) -> Code:
    """Add one code (under a parent when given)."""
    key = _valid_key(key)
    if not name.strip():
        raise QualcodeError("a code needs a non-empty name")
    if session.scalar(select(Code.id).where(Code.key == key)) is not None:
        raise QualcodeError(f"a code with key '{key}' already exists")
    parent = find_code(session, parent_key) if parent_key else None
    code = Code(
        codebook=get_codebook(session),
        key=key,
        name=name.strip(),
        description=description,
        cues=cues or [],
        colour=_next_colour(session),
        parent=parent,
        position=_next_position(session, parent.id if parent else None),
    )
    session.add(code)
    session.flush()
    record(session, "code.add", "code", code.id, coder=coder, after=code_state(code))
    return code


def rename_code(
    session: Session,
    key: str,
    *,
    new_key: str | None = None,
    new_name: str | None = None,
    coder: str | None = None,
) -> Code:
    """Change a code's key and/or name; its codings follow it."""
    code = find_code(session, key)
    before = code_state(code)
    if new_key and new_key != code.key:
        new_key = _valid_key(new_key)
        if session.scalar(select(Code.id).where(Code.key == new_key)) is not None:
            raise QualcodeError(f"a code with key '{new_key}' already exists")
        code.key = new_key
    if new_name is not None:
        if not new_name.strip():
            raise QualcodeError("a code needs a non-empty name")
        code.name = new_name.strip()
    session.flush()
    record(
        session, "code.rename", "code", code.id, coder=coder, before=before, after=code_state(code)
    )
    return code


def move_code(session: Session, key: str, parent_key: str | None, *, coder: str | None) -> Code:
    """Put a code under another parent (or make it a theme when parent_key is None)."""
    code = find_code(session, key)
    parent = find_code(session, parent_key) if parent_key else None
    if parent is not None and _is_descendant(parent, code):
        raise QualcodeError(f"cannot move '{key}' under '{parent_key}': that is inside '{key}'")
    before = code_state(code)
    code.parent = parent
    code.position = _next_position(session, parent.id if parent else None)
    session.flush()
    record(
        session, "code.move", "code", code.id, coder=coder, before=before, after=code_state(code)
    )
    return code


def check_merge(session: Session, source_key: str, target_key: str) -> tuple[Code, Code]:
    """The two codes of a merge, refused before anything moves if it cannot be done."""
    if source_key == target_key:
        raise QualcodeError("cannot merge a code into itself")
    source = find_code(session, source_key)
    target = find_code(session, target_key)
    if _is_descendant(target, source):
        raise QualcodeError(f"cannot merge '{source_key}' into its own sub-code '{target_key}'")
    return source, target


def merge_codes(session: Session, source_key: str, target_key: str, *, coder: str | None) -> int:
    """Merge source into target: codings and sub-codes move to target, source is removed.

    A coding that target already has for the same coder and span is not duplicated.
    Returns how many codings moved.
    """
    source, target = check_merge(session, source_key, target_key)
    before = code_state(source)
    target_rows = {
        (row.document_id, row.coder_id, row.start, row.end)
        for row in session.execute(
            select(Coding.document_id, Coding.coder_id, Coding.start, Coding.end).where(
                Coding.code_id == target.id
            )
        )
    }
    moved = dropped = 0
    for coding in session.scalars(select(Coding).where(Coding.code_id == source.id)):
        if (coding.document_id, coding.coder_id, coding.start, coding.end) in target_rows:
            session.delete(coding)
            dropped += 1
        else:
            coding.code_id = target.id
            moved += 1
    session.flush()
    session.execute(update(Code).where(Code.parent_id == source.id).values(parent_id=target.id))
    # Codings orphaned by a transcript edit follow their code too, ready to be re-attached.
    session.execute(
        update(OrphanedCoding).where(OrphanedCoding.code_id == source.id).values(code_id=target.id)
    )
    session.execute(delete(Code).where(Code.id == source.id))
    record(
        session,
        "code.merge",
        "code",
        target.id,
        coder=coder,
        before=before,
        after={"into": target.key, "codings_moved": moved, "duplicates_dropped": dropped},
    )
    session.expire_all()
    return moved
