"""A participant's withdrawal: the plan of what goes, then its erasure in one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import record
from qualcode.store.models import Document, Identifier, Memo, Participant
from qualcode.withdraw.scope import (
    DocumentScope,
    count_parts,
    delete_documents,
    discard_models,
    models_trained_on,
)
from qualcode.wording import counted, plural


@dataclass(frozen=True)
class WithdrawalPlan:
    """Everything of one participant that withdrawal erases, by id and by count."""

    participant_id: int
    label: str
    scope: DocumentScope
    counts: dict[str, int]
    models: list[int]
    # Their identifier values registered for no one else: what a pseudonym key may drop.
    own_values: frozenset[str] = frozenset()

    def lines(self) -> list[str]:
        """The plan in words: one line per kind of row that goes, with its count."""
        shown = [counted(n, what) for what, n in self.counts.items() if n and what != "coders"]
        if self.counts.get("coders"):
            shown.append(f"(codings by {plural(self.counts['coders'], 'coder')})")
        if self.models:
            shown.append(
                f"{plural(len(self.models), 'trained suggestion model')} that learned from their "
                "words "
                "(suggestions fall back to cue phrases until you run `qualcode suggest train`)"
            )
        return shown

    def as_event(self, reason: str | None) -> dict[str, Any]:
        """What the audit trail keeps: the label, the reason and the counts; no words or names."""
        return {
            "label": self.label,
            "reason": reason,
            "counts": {what: n for what, n in self.counts.items()},
            "models_discarded": len(self.models),
        }


def find_participant(session: Session, label: str) -> Participant:
    """The participant with this label, or an error naming the labels there are."""
    participant = session.scalar(select(Participant).where(Participant.label == label.strip()))
    if participant is None:
        known = session.scalar(select(func.count()).select_from(Participant)) or 0
        raise QualcodeError(
            f"no participant labelled {label!r} ({plural(known, 'participant')} in the project; "
            "see `qualcode status`)"
        )
    return participant


def plan_withdrawal(session: Session, label: str) -> WithdrawalPlan:
    """What withdrawing the participant would erase; nothing is changed."""
    participant = find_participant(session, label)
    documents = list(
        session.scalars(select(Document.id).where(Document.participant_id == participant.id))
    )
    scope = DocumentScope.of(session, documents)
    counts = count_parts(session, scope)
    identifiers = session.scalar(
        select(func.count())
        .select_from(Identifier)
        .where(Identifier.participant_id == participant.id)
    )
    counts["identifiers"] = int(identifiers or 0)
    # Memos about the participant themself go with them, as memos on their documents do.
    counts["memos"] += int(
        session.scalar(
            select(func.count()).select_from(Memo).where(Memo.participant_id == participant.id)
        )
        or 0
    )
    counts["attributes"] = len(participant.attributes)
    counts["participants"] = 1
    return WithdrawalPlan(
        participant.id,
        participant.label,
        scope,
        counts,
        models_trained_on(session, scope),
        _own_values(session, participant.id),
    )


def _own_values(session: Session, participant_id: int) -> frozenset[str]:
    theirs = set(
        session.scalars(select(Identifier.value).where(Identifier.participant_id == participant_id))
    )
    others = set(
        session.scalars(
            select(Identifier.value).where(
                or_(
                    Identifier.participant_id.is_(None), Identifier.participant_id != participant_id
                )
            )
        )
    )
    return frozenset(theirs - others)


def withdraw(session: Session, plan: WithdrawalPlan, *, coder: str, reason: str | None) -> None:
    """Erase everything in the plan, in the caller's transaction, with one audit event.

    The plan is checked against the database first: if anything was added since it was shown,
    the withdrawal is refused rather than erasing more (or less) than the researcher agreed to.
    """
    fresh = plan_withdrawal(session, plan.label)
    if fresh.participant_id != plan.participant_id or fresh.counts != plan.counts:
        raise QualcodeError(
            f"{plan.label}'s data changed while the plan was shown; nothing was changed, run again"
        )
    delete_documents(session, plan.scope)
    discard_models(session, plan.models)
    session.execute(delete(Memo).where(Memo.participant_id == plan.participant_id))
    session.execute(delete(Identifier).where(Identifier.participant_id == plan.participant_id))
    session.execute(delete(Participant).where(Participant.id == plan.participant_id))
    record(
        session,
        "participant.withdraw",
        "participant",
        plan.participant_id,
        coder=coder,
        after=plan.as_event(reason),
    )
