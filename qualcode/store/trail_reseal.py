"""Re-sealing the audit trail after content is stripped from old events: new hashes, said openly."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from qualcode.store.trail import GENESIS, content_hash, link, payload_hash
from qualcode.store.trail_content import without_content

RESEAL_ACTION = "trail.reseal"


@dataclass
class Reseal:
    """The new states and hashes of the events from the first stripped one on, and a summary."""

    updates: list[dict[str, Any]] = field(default_factory=list)
    stripped: int = 0
    first: int | None = None
    previous_head: str = GENESIS
    head: str = GENESIS
    last_sequence: int = 0

    def event_after(self, reason: str) -> dict[str, Any]:
        """What the re-seal event records: why, which events, and the head hash it replaced."""
        return {
            "reason": reason,
            "events_stripped": self.stripped,
            "resealed_from": self.first,
            "resealed_to": self.last_sequence,
            "previous_head": self.previous_head,
        }


def reseal(rows: list[Any]) -> Reseal:
    """Strip content from events (ordered by sequence) and re-hash the chain from the first
    event that changed; events before it keep their hashes, so hashes of them still prove."""
    result = Reseal()
    previous = GENESIS
    for row in rows:
        before, after = without_content(row.before), without_content(row.after)
        changed = before != row.before or after != row.after
        result.stripped += changed
        if changed and result.first is None:
            result.first = row.sequence
        result.previous_head, result.last_sequence = row.chain_hash, row.sequence
        if result.first is None:
            previous = row.chain_hash
            continue
        payload = payload_hash(before, after)
        content = content_hash(
            row.sequence, row.at, row.coder, row.action, row.entity, row.entity_id, payload
        )
        previous = link(previous, content)
        result.updates.append(
            {
                "event_id": row.id,
                "new_before": before,
                "new_after": after,
                "new_payload": payload,
                "new_content": content,
                "new_chain": previous,
            }
        )
    result.head = previous
    return result


def reseal_event(result: Reseal, at: datetime, reason: str) -> dict[str, Any]:
    """The row of the event that records a re-seal, linked to the new head."""
    sequence = result.last_sequence + 1
    after = result.event_after(reason)
    payload = payload_hash(None, after)
    content = content_hash(sequence, at, None, RESEAL_ACTION, "audit_event", None, payload)
    return {
        "at": at,
        "coder": None,
        "action": RESEAL_ACTION,
        "entity": "audit_event",
        "entity_id": None,
        "before": None,
        "after": after,
        "sequence": sequence,
        "payload_hash": payload,
        "content_hash": content,
        "chain_hash": link(result.head, content),
    }
