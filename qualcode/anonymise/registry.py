"""The identifier registry in the store: what to redact, what to register, what was dismissed."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from qualcode.anonymise.check import finding_key
from qualcode.anonymise.terms import Entry
from qualcode.errors import QualcodeError
from qualcode.store.audit import record
from qualcode.store.documents import add_identifiers
from qualcode.store.fits import check_fits
from qualcode.store.models import DismissedHit, Identifier, Participant

REGISTER_KINDS = ("name", "alias", "organisation", "place", "other")


def registry_entries(session: Session) -> list[Entry]:
    """Every registered identifier (sheet, import speakers, manual), project-wide ones first."""
    rows = session.execute(  # plain rows: every export reads them, no object is needed
        select(Identifier.kind, Identifier.value, Participant.label)
        .outerjoin(Participant, Participant.id == Identifier.participant_id)
        .order_by(Identifier.id)
    )
    entries = [Entry(kind, value, label) for kind, value, label in rows]
    return sorted(entries, key=lambda e: e.participant is not None)


def register(
    session: Session, value: str, kind: str, *, participant: str | None, coder: str | None
) -> bool:
    """Add an identifier to the registry; False when it was already registered."""
    if kind not in REGISTER_KINDS:
        raise QualcodeError(f"kind must be one of {', '.join(REGISTER_KINDS)}")
    if not value.strip():
        raise QualcodeError("an identifier cannot be empty")
    _check_fits(value.strip(), Identifier.value, "an identifier")
    owner = None
    if participant is not None:
        owner = session.scalar(select(Participant).where(Participant.label == participant))
        if owner is None:
            raise QualcodeError(f"no participant labelled '{participant}'")
    added = add_identifiers(session, owner, kind, [value], source="check") > 0
    if added:
        # The value itself stays out of the audit trail: it is private.
        record(
            session,
            "identifier.add",
            "participant",
            owner.id if owner else None,
            coder=coder,
            after={"kind": kind, "participant": participant},
        )
    return added


def dismissed_values(session: Session) -> set[str]:
    """Normalised values the researcher dismissed as not identifying."""
    return set(session.scalars(select(DismissedHit.value)))


def dismiss(session: Session, value: str, *, coder: str | None) -> bool:
    """Mark a value as reviewed and harmless; False when it was already dismissed."""
    cleaned = finding_key(value)
    if not cleaned:
        raise QualcodeError("nothing to dismiss: the value is empty")
    _check_fits(cleaned, DismissedHit.value, "a dismissed value")
    if cleaned in dismissed_values(session):
        return False
    hit = DismissedHit(value=cleaned, dismissed_by=coder)
    session.add(hit)
    session.flush()
    record(session, "hit.dismiss", "dismissed_hit", hit.id, coder=coder, after={"value": cleaned})
    return True


def _check_fits(value: str, column: InstrumentedAttribute[str], what: str) -> None:
    check_fits(value, getattr(column.type, "length", None), what)


def undismiss(session: Session, value: str) -> bool:
    """Forget a dismissal; False when the value was not dismissed."""
    hit = session.scalar(select(DismissedHit).where(DismissedHit.value == finding_key(value)))
    if hit is None:
        return False
    session.delete(hit)
    return True
