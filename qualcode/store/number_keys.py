"""Each coder's number keys 1…0: a fixed default written once, changed only by pinning."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import find_coder, get_or_create_coder, record
from qualcode.store.codebook_view import CodeRow, code_rows
from qualcode.store.codes import find_code
from qualcode.store.models import Code, Coder, CoderKey

SLOTS = 10  # keys 1…9 and 0, which is slot 10


def digit(slot: int) -> str:
    """The key a person presses for a slot: '1'…'9', and '0' for the tenth."""
    return str(slot % 10)


def slot_of(key: str) -> int:
    """The slot of a typed digit ('0' is the tenth), or an error."""
    if len(key) != 1 or not key.isdigit():
        raise QualcodeError(f"number key {key!r} is not valid: use one digit, 1…9 or 0")
    return int(key) or SLOTS


def default_keys(codes: Sequence[CodeRow]) -> list[int]:
    """Ids of the codes a coder's keys start on: most used by them, then by everyone.

    Ties go to sub-codes before themes, in codebook order. It is only a starting point:
    it is written once and then stays put.
    """
    order = {code.id: position for position, code in enumerate(codes)}
    ranked = sorted(codes, key=lambda c: (-c.mine, -c.total, c.has_children, order[c.id]))
    return [code.id for code in ranked[:SLOTS]]


def _stored(session: Session, coder: Coder | None) -> dict[int, int | None] | None:
    if coder is None:
        return None
    rows = session.execute(
        select(CoderKey.slot, CoderKey.code_id).where(CoderKey.coder_id == coder.id)
    ).all()
    return {slot: code_id for slot, code_id in rows} if rows else None


def number_keys(session: Session, coder: str) -> dict[int, int]:
    """Code id → slot for this coder: their stored keys, or the default they would get."""
    stored = _stored(session, find_coder(session, coder))
    if stored is None:
        codes = default_keys(code_rows(session, coder))
        return {code_id: slot for slot, code_id in enumerate(codes, start=1)}
    return {code_id: slot for slot, code_id in stored.items() if code_id is not None}


def fix_number_keys(session: Session, coder: str) -> dict[int, int]:
    """Write the coder's default keys if they have none yet; returns code id → slot."""
    who = get_or_create_coder(session, coder)
    if _stored(session, who) is not None:
        return number_keys(session, who.name)
    keys = number_keys(session, who.name)
    by_slot = {slot: code_id for code_id, slot in keys.items()}
    for slot in range(1, SLOTS + 1):
        session.add(CoderKey(coder_id=who.id, slot=slot, code_id=by_slot.get(slot)))
    session.flush()
    record(session, "coder.keys", "coder", who.id, coder=who.name, after=_named(session, keys))
    return keys


def pin_key(session: Session, coder: str, code_key: str | None, slot: int) -> dict[int, int]:
    """Put a code on a number key (None empties the key); returns code id → slot.

    A code already on another key swaps places with the key's old code, so no code is
    dropped without the coder seeing it move.
    """
    if not 1 <= slot <= SLOTS:
        raise QualcodeError(f"number key slot {slot} is not valid: use 1…{SLOTS}")
    code = find_code(session, code_key) if code_key else None
    before = fix_number_keys(session, coder)
    who = get_or_create_coder(session, coder)
    rows = {
        row.slot: row
        for row in session.scalars(select(CoderKey).where(CoderKey.coder_id == who.id))
    }
    target = rows[slot]
    if code is not None and code.id in before and before[code.id] != slot:
        rows[before[code.id]].code_id = target.code_id
    target.code_id = code.id if code else None
    session.flush()
    after = number_keys(session, who.name)
    record(
        session,
        "coder.pin",
        "coder",
        who.id,
        coder=who.name,
        before=_named(session, before),
        after=_named(session, after),
    )
    return after


def _named(session: Session, keys: dict[int, int]) -> dict[str, str | None]:
    """Digit → code key (None for an empty key), as people and scripts read them."""
    by_slot = {slot: code_id for code_id, slot in keys.items()}
    names: dict[int, str] = {row.id: row.key for row in session.execute(select(Code.id, Code.key))}
    return {
        digit(slot): names.get(by_slot[slot]) if slot in by_slot else None
        for slot in range(1, SLOTS + 1)
    }


def every_coders_keys(session: Session) -> dict[str, dict[str, str | None]]:
    """For each coder who has keys: digit → code key, in key order 1…9, 0."""
    found: dict[str, dict[str, str | None]] = {}
    for coder in session.scalars(select(Coder).order_by(Coder.name)):
        stored = _stored(session, coder)
        if stored is not None:
            keys = {code_id: slot for slot, code_id in stored.items() if code_id is not None}
            found[coder.name] = _named(session, keys)
    return found
