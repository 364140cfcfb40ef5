"""The append-only audit trail, coders, and project settings."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.coding_rows import ensure_coder
from qualcode.store.models import AuditEvent, Coder, Setting, utcnow
from qualcode.store.trail import append_events, plain, seal
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
    return append_events(
        session, action, entity, [(entity_id, None, after) for entity_id, after in changes],
        coder=coder,
    )  # fmt: skip


def find_coder(session: Session, name: str) -> Coder | None:
    """The coder with this name, if any."""
    return session.scalar(select(Coder).where(Coder.name == name.strip()))


def known_coder(session: Session, name: str | None) -> str | None:
    """A --coder filter's name, trimmed, refusing one nobody by that name has used here
    (a typo would otherwise select nothing, or everything under NOT)."""
    if name is None:
        return None
    if find_coder(session, name) is None:
        names = list(session.scalars(select(Coder.name).order_by(Coder.name).limit(_LISTED + 1)))
        known = ", ".join(names) if len(names) <= _LISTED else ""
        hint = f" (coders: {known})" if known else " (none yet)" if not names else ""
        raise QualcodeError(f"no coder named {name.strip()!r}{hint}")
    return name.strip()


_LISTED = 8  # more coders than this make the error longer than one line


def get_or_create_coder(session: Session, name: str) -> Coder:
    """The coder with this name, registered on first use (and logged)."""
    coder = session.get(Coder, ensure_coder(session, name).id)
    assert coder is not None  # found or written a moment ago, in this transaction
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
