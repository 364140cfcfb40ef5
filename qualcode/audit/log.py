"""Queries over the append-only audit log: who changed what, when, filtered by coder, code, date."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qualcode.codebook.slug import fold_key
from qualcode.errors import QualcodeError
from qualcode.store.models import AuditEvent, Code
from qualcode.store.trail import as_utc as as_utc  # re-exported: callers read times here

_AGO = re.compile(r"^(\d+)\s*([mhdw])$")
_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


@dataclass(frozen=True)
class EventRecord:
    """One audit event as plain data with stable field names; sequence is its place in the chain."""

    id: int
    at: datetime
    coder: str | None
    action: str
    entity: str
    entity_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    sequence: int
    chain_hash: str

    def as_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "sequence": self.sequence,
            "chain_hash": self.chain_hash,
            "at": self.at.isoformat(),
            "coder": self.coder,
            "action": self.action,
            "entity": self.entity,
            "entity_id": self.entity_id,
            "before": self.before,
            "after": self.after,
        }


def parse_since(value: str, now: datetime | None = None) -> datetime:
    """A moment from YYYY-MM-DD, an ISO date-time (UTC unless it has an offset), or 7d/12h/2w/30m
    (that long ago)."""
    text = value.strip()
    ago = _AGO.match(text.lower())
    if ago:
        delta = timedelta(**{_UNITS[ago.group(2)]: int(ago.group(1))})
        return (now or datetime.now(UTC)) - delta
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise QualcodeError(
            f"--since {value!r} is not a date (2026-11-20), a date-time (2026-11-20T14:00) "
            "or a duration (7d, 12h, 2w, 30m)"
        ) from None
    return as_utc(moment)


def _code_keys(session: Session, key: str) -> tuple[set[str], int | None]:
    """The code's key and every key it had before a rename, and its id (None if deleted)."""
    key = fold_key(key)
    code = session.scalar(select(Code).where(Code.key == key))
    if code is None:
        return {key}, None
    keys = {key}
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.entity == "code", AuditEvent.entity_id == code.id)
    )
    for event in events:
        for state in (event.before, event.after):
            if state and isinstance(state.get("key"), str):
                keys.add(state["key"])
    return keys, code.id


def _mentions(event: AuditEvent, keys: set[str], code_id: int | None) -> bool:
    if event.entity == "code" and code_id is not None and event.entity_id == code_id:
        return True
    for state in (event.before, event.after):
        if not state:
            continue
        if state.get("code") in keys or (event.entity == "code" and state.get("into") in keys):
            return True
        if event.entity == "code" and state.get("key") in keys:
            return True
        listed = state.get("codes")
        if isinstance(listed, list) and keys & {str(k) for k in listed}:
            return True
    return False


def audit_events(
    session: Session,
    *,
    coder: str | None = None,
    since: datetime | None = None,
    code: str | None = None,
    action: str | None = None,
    limit: int | None = None,
) -> list[EventRecord]:
    """Events, oldest first, matching every filter given.

    action matches exactly or as a prefix ("coding" finds coding.add and coding.remove);
    code finds events about the code or its codings, under its current or earlier keys.
    limit keeps the newest events.
    """
    query = select(AuditEvent).order_by(AuditEvent.at, AuditEvent.id)
    if coder is not None:
        query = query.where(AuditEvent.coder == coder.strip())
    if since is not None:
        query = query.where(AuditEvent.at >= as_utc(since))
    if action is not None:
        wanted = action.strip().rstrip(".")
        query = query.where(
            or_(
                AuditEvent.action == wanted,
                AuditEvent.action.startswith(f"{wanted}.", autoescape=True),
            )
        )
    events = list(session.scalars(query))
    if code is not None:
        keys, code_id = _code_keys(session, code.strip())
        events = [e for e in events if _mentions(e, keys, code_id)]
    if limit is not None:
        events = events[-limit:] if limit > 0 else []
    return [_plain(e) for e in events]


def _plain(e: AuditEvent) -> EventRecord:
    return EventRecord(
        e.id, as_utc(e.at), e.coder, e.action, e.entity, e.entity_id, e.before, e.after,
        e.sequence, e.chain_hash,
    )  # fmt: skip
