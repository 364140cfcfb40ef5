"""Proof of the audit trail: every hash and link recomputed, its guards, events behind each row."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from qualcode.store.models import AuditEvent, Code, Coding, Document
from qualcode.store.trail import GENESIS, as_utc, content_hash, link, payload_hash
from qualcode.store.trail_reseal import RESEAL_ACTION

SHOWN = 50  # problems listed per kind; the rest are counted
BATCH = 5_000
SQLITE_GUARDS = {"audit_event_no_update": "UPDATE", "audit_event_no_delete": "DELETE"}
POSTGRESQL_GUARDS = {"audit_event_append_only": 8 | 16, "audit_event_no_truncate": 32}
# Rows that must have been created by an event: (entity, model, the actions that create one).
CREATED_BY: tuple[tuple[str, Any, tuple[str, ...]], ...] = (
    ("document", Document, ("document.import",)),
    ("code", Code, ("code.add",)),
    ("coding", Coding, ("coding.add", "coding.reattach")),
)


@dataclass
class TrailProof:
    """What the walk along the chain found: its length, head, and where it breaks."""

    events: int = 0
    head: str = GENESIS
    head_event: int = 0
    since_event: int | None = None
    problems: list[str] = field(default_factory=list)


def prove_trail(session: Session, *, since_hash: str | None = None) -> TrailProof:
    """Recompute every event's hashes and links, check the append-only guards and that every
    document, code and coding has the event that created it; nothing is changed."""
    proof = TrailProof()
    _walk(session, proof, since_hash)
    if since_hash is not None and proof.since_event is None:
        proof.problems.append(_unknown_hash(session, since_hash))
    dialect = session.get_bind().dialect.name
    if dialect == "sqlite":
        proof.problems.extend(_sqlite_guards(session))
    elif dialect == "postgresql":
        proof.problems.extend(_postgresql_guards(session))
    proof.problems.extend(_uncreated(session))
    return proof


def _unknown_hash(session: Session, since_hash: str) -> str:
    """Why a hash written down is not in the trail: a recorded re-seal, or an alteration."""
    reseals = session.scalars(
        select(AuditEvent).where(AuditEvent.action == RESEAL_ACTION).order_by(AuditEvent.sequence)
    ).all()
    for event in reseals:
        after = event.after or {}
        held = after.get("previous_head") == since_hash
        moment = as_utc(event.at).strftime("%Y-%m-%d %H:%M")
        if held or after.get("resealed_from") is not None:
            which = "was the head when" if held else "may date from before"
            return (
                f"the hash written down ({since_hash}) {which} the trail was re-sealed at event "
                f"{event.sequence} ({moment}): {after.get('reason', 'no reason recorded')}; "
                "it can no longer prove the events before it: write down the new head"
            )
    return (
        f"the hash written down ({since_hash}) is not in the audit trail: "
        "events up to it were altered or removed"
    )


def _where(row: Any) -> str:
    moment = "no time" if row.at is None else as_utc(row.at).strftime("%Y-%m-%d %H:%M")
    who = f"coder {row.coder}" if row.coder else "no coder"
    return f"audit trail broken at event {row.sequence} ({moment}, {who})"


def _content_matches(row: Any) -> bool:
    if not (isinstance(row.payload_hash, str) and isinstance(row.content_hash, str)):
        return False
    # States and fields are hashed apart: were the states erased (a participant's withdrawal),
    # payload_hash would still prove the fields and the link.
    if payload_hash(row.before, row.after) != row.payload_hash:
        return False
    fields = (row.sequence, row.at, row.coder, row.action, row.entity, row.entity_id)
    return content_hash(*fields, row.payload_hash) == row.content_hash


def _links(previous: str, row: Any) -> bool:
    try:
        return bool(link(previous, row.content_hash) == row.chain_hash)
    except TypeError:  # a hash missing altogether
        return False


def _missing(first: int, last: int) -> str:
    if first == last:
        return f"event {first} missing: chain does not link"
    return f"events {first}–{last} missing: chain does not link"


def _walk(session: Session, proof: TrailProof, since_hash: str | None) -> None:
    columns = (
        AuditEvent.sequence,
        AuditEvent.at,
        AuditEvent.coder,
        AuditEvent.action,
        AuditEvent.entity,
        AuditEvent.entity_id,
        AuditEvent.before,
        AuditEvent.after,
        AuditEvent.payload_hash,
        AuditEvent.content_hash,
        AuditEvent.chain_hash,
    )
    rows = session.execute(
        select(*columns)
        .order_by(AuditEvent.sequence, AuditEvent.id)
        .execution_options(yield_per=BATCH)
    )
    found: list[str] = []
    previous, previous_chain = 0, GENESIS
    for row in rows:
        proof.events += 1
        sequence = row.sequence
        linked = True
        if sequence is None or sequence <= previous:
            found.append(f"{_where(row)}: it repeats event {previous}'s place in the chain")
            linked = False
        elif sequence > previous + 1:
            found.append(_missing(previous + 1, sequence - 1))
            linked = False
        if not _content_matches(row):
            found.append(f"{_where(row)}: content does not match its hash")
        if linked and not _links(previous_chain, row):
            found.append(f"{_where(row)}: chain does not link to event {previous}")
        if since_hash is not None and row.chain_hash == since_hash:
            proof.since_event = sequence
        previous = sequence if sequence is not None else previous
        previous_chain = row.chain_hash if isinstance(row.chain_hash, str) else ""
    proof.head, proof.head_event = previous_chain, previous
    proof.problems.extend(_capped(found, "places where the audit trail is broken"))


def _capped(found: list[str], what: str) -> list[str]:
    if len(found) <= SHOWN:
        return found
    return [*found[:SHOWN], f"… and {len(found) - SHOWN} more {what}"]


def _normalised(sql: str | None) -> str:
    return " ".join((sql or "").upper().split())


def _sqlite_guards(session: Session) -> list[str]:
    triggers = {
        name: _normalised(sql)
        for name, sql in session.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        )
    }
    problems = []
    for name, statement in SQLITE_GUARDS.items():
        sql = triggers.get(name, "")
        if f"BEFORE {statement} ON AUDIT_EVENT" not in sql or "RAISE(ABORT" not in sql:
            problems.append(
                f"the audit log's append-only trigger {name} is missing or altered: "
                f"events can be {'rewritten' if statement == 'UPDATE' else 'deleted'}"
            )
    return problems


def _postgresql_guards(session: Session) -> list[str]:
    rows = session.execute(
        text(
            "SELECT t.tgname, t.tgtype, t.tgenabled, p.prosrc FROM pg_trigger t "
            "JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE t.tgrelid = 'audit_event'::regclass AND NOT t.tgisinternal"
        )
    )
    triggers = {name: (kind, enabled, source) for name, kind, enabled, source in rows}
    problems = []
    for name, events in POSTGRESQL_GUARDS.items():
        kind, enabled, source = triggers.get(name, (0, "D", ""))
        # tgtype bits: 2 BEFORE, 8 DELETE, 16 UPDATE, 32 TRUNCATE; tgenabled 'D' is disabled.
        sound = kind & (2 | events) == 2 | events and enabled != "D"
        if not sound or "RAISE EXCEPTION" not in _normalised(source):
            problems.append(
                f"the audit log's append-only trigger {name} is missing, disabled or altered: "
                "events can be rewritten or deleted"
            )
    return problems


def _uncreated(session: Session) -> list[str]:
    problems: list[str] = []
    for entity, model, actions in CREATED_BY:
        recorded = set(
            session.scalars(
                select(AuditEvent.entity_id).where(
                    AuditEvent.entity == entity, AuditEvent.action.in_(actions)
                )
            )
        )
        missing = [
            f"{entity} {row_id} has no audit event recording its creation"
            for row_id in session.scalars(select(model.id).order_by(model.id))
            if row_id not in recorded
        ]
        problems.extend(_capped(missing, f"{entity} rows without one"))
    return problems
