"""The audit trail's hash chain: each event's content hash, linked to the hash before it."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import Connection, func, insert, select

from qualcode.store.clock import utcnow
from qualcode.store.tables import AuditEvent as AuditTable
from qualcode.store.trail_content import without_content

if TYPE_CHECKING:  # the trail itself is written with plain SQL: `code add` loads no models
    from sqlalchemy.orm import Session

    from qualcode.store.models import AuditEvent

GENESIS = "0" * 64
HASH = re.compile(r"[0-9a-f]{64}")
# The PostgreSQL advisory lock every audit writer holds until it commits ("qualcode" in ASCII):
# writers take their turn at the chain's head, so two transactions never link to the same event.
CHAIN_LOCK = 0x7175616C636F6465
_PENDING = "qualcode_audit_pending"


_HEAD = (
    select(AuditTable.c.sequence, AuditTable.c.chain_hash)
    .order_by(AuditTable.c.sequence.desc())
    .limit(1)
)


class Link(NamedTuple):
    """Where a new event joins the chain: its sequence number and the chain hash before it."""

    sequence: int
    previous: str


def as_utc(moment: datetime) -> datetime:
    """A stored timestamp as an aware UTC time (SQLite hands them back without a zone)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _sha256(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


_CANONICAL = json.JSONEncoder(sort_keys=True, separators=(",", ":"), ensure_ascii=True)


def canonical(value: Any) -> str:
    """One stable text for a JSON value: sorted keys, no spaces, ASCII only."""
    return _CANONICAL.encode(value)


def plain(state: dict[str, Any] | None) -> dict[str, Any] | None:
    """A state as it reads back from a JSON column (tuples become lists, keys strings)."""
    # Serialised as the JSON column does (keys unsorted: numbers and text may be mixed).
    return None if state is None else dict(json.loads(json.dumps(state)))


def payload_hash(before: dict[str, Any] | None, after: dict[str, Any] | None) -> str:
    """The hash of an event's states. Kept apart so the states can later be erased (a
    participant's withdrawal) while the event's content hash still verifies."""
    return _sha256(canonical({"before": before, "after": after}))


def content_hash(
    sequence: int,
    at: datetime,
    coder: str | None,
    action: str,
    entity: str,
    entity_id: int | None,
    payload: str,
) -> str:
    """The hash of everything an event says, its states standing in by their hash."""
    fields = {
        "sequence": sequence,
        "at": as_utc(at).isoformat(timespec="microseconds"),
        "coder": coder,
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "payload": payload,
    }
    return _sha256(canonical(fields))


def is_hash(value: str) -> bool:
    """True for a SHA-256 hash written as 64 lowercase hexadecimal digits."""
    return bool(HASH.fullmatch(value))


def _digest(value: str) -> bytes:
    # A damaged stored hash stands in by its own digest: writing goes on, check names the event.
    return bytes.fromhex(value) if is_hash(value) else hashlib.sha256(value.encode()).digest()


def link(previous: str, content: str) -> str:
    """The chain hash: SHA-256 of the previous chain hash and this content hash (32 bytes each)."""
    return _sha256(_digest(previous) + _digest(content))


def event_hashes(event: AuditEvent) -> tuple[str, str]:
    """An event's payload and content hashes, worked out from what it holds."""
    payload = payload_hash(event.before, event.after)
    content = content_hash(
        event.sequence, event.at, event.coder, event.action, event.entity, event.entity_id, payload
    )
    return payload, content


def next_link(session: Session) -> Link:
    """Where the next event of this transaction joins the chain; reads the head only.

    On PostgreSQL this takes the chain lock, held until the transaction ends; on SQLite the
    write transaction (BEGIN IMMEDIATE) already excludes every other writer.
    """
    pending = session.info.get(_PENDING)  # an AuditEvent `seal` added, if not yet flushed
    if pending is not None and pending in session.new:
        return Link(pending.sequence + 1, pending.chain_hash)
    return head_link(session.connection())


def head_link(connection: Connection) -> Link:
    """Where the next event joins the chain, read from its head (see next_link): for writers
    of plain rows on a connection, which hold no pending events."""
    if connection.dialect.name == "postgresql":
        connection.execute(select(func.pg_advisory_xact_lock(CHAIN_LOCK)))
    head = connection.execute(_HEAD).first()
    return Link(1, GENESIS) if head is None else Link(head.sequence + 1, head.chain_hash)


def seal(session: Session, event: AuditEvent) -> None:
    """Give a new event its place in the chain and its hashes, then add it to the session."""
    where = next_link(session)
    event.sequence = where.sequence
    event.payload_hash, event.content_hash = event_hashes(event)
    event.chain_hash = link(where.previous, event.content_hash)
    session.add(event)
    session.info[_PENDING] = event


State = dict[str, Any] | None


def append_events(
    writer: Session | Connection,
    action: str,
    entity: str,
    changes: Sequence[tuple[int | None, State, State]],
    *,
    coder: str | None = None,
) -> int:
    """Append one event per (entity id, state before, state after), chained in order, in one
    executemany with plain SQL (no models loaded); content is kept out as `record` keeps it.
    Events still pending in a session are flushed first: they come first in the chain."""
    if not changes:
        return 0
    if isinstance(writer, Connection):
        where = head_link(writer)
    else:
        writer.flush()
        where = next_link(writer)
    at = utcnow()
    previous, rows = where.previous, []
    for offset, (entity_id, before, after) in enumerate(changes):
        old, new = (_stored(without_content(state)) for state in (before, after))
        payload = payload_hash(old, new)
        sequence = where.sequence + offset
        content = content_hash(sequence, at, coder, action, entity, entity_id, payload)
        previous = link(previous, content)
        rows.append(
            {"at": at, "action": action, "entity": entity, "entity_id": entity_id,
             "coder": coder, "before": old, "after": new, "sequence": sequence,
             "payload_hash": payload, "content_hash": content, "chain_hash": previous}
        )  # fmt: skip
    writer.execute(insert(AuditTable), rows)
    return len(rows)


def _stored(state: State) -> State:
    """The state as it reads back from its JSON column (a flat one already does)."""
    flat = state is None or all(
        isinstance(key, str) and (value is None or isinstance(value, str | int | float))
        for key, value in state.items()
    )
    return state if flat else plain(state)
