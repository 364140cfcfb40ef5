"""The append-only audit trail, coders, and project settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from qualcode.store.coder_name import check_coder_name
from qualcode.store.models import AuditEvent, Coder, Setting, utcnow
from qualcode.store.trail import content_hash, link, next_link, payload_hash, plain, seal
from qualcode.store.trail_content import without_content


def record(
    session: Session,
    action: str,
    entity: str,
    entity_id: int | None,
    *,
    coder: str | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEvent:
    """Append one event to the audit log, in the caller's transaction, linked into the chain.

    Content (passage and memo text, identifier values, titles) never enters the trail: only
    its length is kept, whatever the caller passes (see store/trail_content.py).
    """
    event = AuditEvent(
        at=utcnow(),
        action=action,
        entity=entity,
        entity_id=entity_id,
        coder=coder,
        before=plain(without_content(before)),
        after=plain(without_content(after)),
    )
    seal(session, event)
    return event


def record_many(
    session: Session,
    action: str,
    entity: str,
    changes: Sequence[tuple[int | None, dict[str, Any] | None]],
    *,
    coder: str | None = None,
) -> int:
    """Append one event per (entity id, state after) as `record` would, chained in order, in
    one executemany: thousands of rows created together (a combine) each keep their event.
    Returns how many events were written."""
    if not changes:
        return 0
    session.flush()  # events still pending in the session come first in the chain
    where, at = next_link(session), utcnow()
    previous, rows = where.previous, []
    for offset, (entity_id, after) in enumerate(changes):
        state = without_content(after)
        if not _flat(state):
            state = plain(state)
        payload = payload_hash(None, state)
        sequence = where.sequence + offset
        content = content_hash(sequence, at, coder, action, entity, entity_id, payload)
        previous = link(previous, content)
        rows.append(
            {"at": at, "action": action, "entity": entity, "entity_id": entity_id,
             "coder": coder, "before": None, "after": state, "sequence": sequence,
             "payload_hash": payload, "content_hash": content, "chain_hash": previous}
        )  # fmt: skip
    session.connection().execute(insert(AuditEvent), rows)
    return len(rows)


def _flat(state: dict[str, Any] | None) -> bool:
    """Does the state read back from JSON exactly as it is (text keys, plain values)?"""
    return state is None or all(
        isinstance(key, str) and (value is None or isinstance(value, str | int | float))
        for key, value in state.items()
    )


def find_coder(session: Session, name: str) -> Coder | None:
    """The coder with this name, if any."""
    return session.scalar(select(Coder).where(Coder.name == name.strip()))


def get_or_create_coder(session: Session, name: str) -> Coder:
    """The coder with this name, registered on first use (and logged)."""
    cleaned = check_coder_name(name)
    coder = find_coder(session, cleaned)
    if coder is not None:
        return coder
    try:
        with session.begin_nested():
            coder = Coder(name=cleaned)
            session.add(coder)
            session.flush()
    except IntegrityError:  # registered by another process meanwhile
        existing = find_coder(session, cleaned)
        assert existing is not None
        return existing
    record(session, "coder.add", "coder", coder.id, coder=cleaned, after={"name": cleaned})
    return coder


def get_setting(session: Session, key: str, default: str | None = None) -> str | None:
    """A project setting's value, or the default."""
    setting = session.get(Setting, key)
    return default if setting is None else setting.value


def set_setting(session: Session, key: str, value: str) -> None:
    """Set a project setting."""
    setting = session.get(Setting, key)
    if setting is None:
        session.add(Setting(key=key, value=value))
    else:
        setting.value = value
