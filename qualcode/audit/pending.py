"""The disagreements a supervisor still has to settle when merging a document into consensus."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from qualcode.audit.consensus import DEFAULT_CONSENSUS, decisions
from qualcode.audit.disagreements import DisagreementItem, disagreement_items
from qualcode.audit.gather import gather
from qualcode.store.codings import find_codings
from qualcode.store.models import Document


@dataclass(frozen=True)
class PendingItem:
    """A disagreement, what the consensus coder does on that passage now, and any decision."""

    disagreement: DisagreementItem
    consensus_applies: bool
    decision: str | None

    def as_json(self) -> dict[str, Any]:
        return {
            **self.disagreement.as_json(),
            "consensus_applies": self.consensus_applies,
            "decision": self.decision,
        }


def pending(
    session: Session,
    document: Document,
    coders: Sequence[str],
    *,
    into: str = DEFAULT_CONSENSUS,
    include_decided: bool = False,
) -> list[PendingItem]:
    """The coders' disagreements on the document not yet resolved since the last merge.

    With include_decided, the resolved ones too (with their decision).
    """
    data = gather(session, coders, documents=[document.id])
    decided = decisions(session, document.id, into)
    consensus = [
        (c.code.key, c.start, c.end) for c in find_codings(session, document=document, coder=into)
    ]
    items = []
    for item in disagreement_items(session, data):
        decision = decided.get((item.passage, item.code))
        if decision is not None and not include_decided:
            continue
        applies = any(
            key == item.code and start < item.end and end > item.start
            for key, start, end in consensus
        )
        items.append(PendingItem(item, applies, decision))
    return items
