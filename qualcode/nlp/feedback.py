"""A coder's answers to suggestions: accept (a coding), reject (a negative example), undo."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.nlp.corpus import passage_text
from qualcode.store.audit import find_coder, get_or_create_coder, record
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.models import Code, Coding, Passage, SuggestionDecision, utcnow


def _passage(session: Session, passage_id: int) -> Passage:
    passage = session.get(Passage, passage_id)
    if passage is None:
        raise QualcodeError(f"no passage with id {passage_id} (removed elsewhere? refresh)")
    return passage


def _decide(
    session: Session,
    passage: Passage,
    code: Code,
    coder: str,
    decision: str,
    score: float | None,
    origin: str | None,
) -> SuggestionDecision:
    who = get_or_create_coder(session, coder)
    row = session.scalar(
        select(SuggestionDecision).where(
            SuggestionDecision.passage_id == passage.id,
            SuggestionDecision.code_id == code.id,
            SuggestionDecision.coder_id == who.id,
        )
    )
    if row is None:
        row = SuggestionDecision(passage_id=passage.id, code_id=code.id, coder_id=who.id)
        session.add(row)
    row.decision, row.score, row.origin, row.decided_at = decision, score, origin, utcnow()
    session.flush()
    return row


def _state(passage: Passage, code: Code, score: float | None, origin: str | None) -> dict[str, Any]:
    return {
        "passage": passage.id,
        "document": passage.document_id,
        "code": code.key,
        "score": None if score is None else round(score, 4),
        "origin": origin,
    }


def accept_suggestion(
    session: Session,
    passage_id: int,
    code_key: str,
    coder: str,
    *,
    score: float | None = None,
    origin: str | None = None,
) -> Coding:
    """Code the passage's spoken words with the suggested code (origin "suggestion"), audited."""
    passage = _passage(session, passage_id)
    code = find_code(session, code_key)
    body = passage_text(passage, passage.document.title)
    coding = add_coding(
        session,
        passage.document,
        code,
        coder,
        body.body_start,
        passage.end,
        origin="suggestion",
    )
    row = _decide(session, passage, code, coder, "accept", score, origin)
    after = _state(passage, code, score, origin) | {"coding": coding.id}
    record(session, "suggestion.accept", "suggestion_decision", row.id, coder=coder, after=after)
    return coding


def reject_suggestion(
    session: Session,
    passage_id: int,
    code_key: str,
    coder: str,
    *,
    score: float | None = None,
    origin: str | None = None,
) -> SuggestionDecision:
    """Record that the code does not apply to the passage: a negative example, audited."""
    passage = _passage(session, passage_id)
    code = find_code(session, code_key)
    row = _decide(session, passage, code, coder, "reject", score, origin)
    after = _state(passage, code, score, origin)
    record(session, "suggestion.reject", "suggestion_decision", row.id, coder=coder, after=after)
    return row


def forget_decision(session: Session, passage_id: int, code_key: str, coder: str) -> bool:
    """Undo a coder's accept/reject record (an accepted coding stays); True if there was one."""
    code = find_code(session, code_key)
    who = get_or_create_coder(session, coder)
    row = session.scalar(
        select(SuggestionDecision).where(
            SuggestionDecision.passage_id == passage_id,
            SuggestionDecision.code_id == code.id,
            SuggestionDecision.coder_id == who.id,
        )
    )
    if row is None:
        return False
    before = {"passage": passage_id, "code": code.key, "decision": row.decision}
    session.delete(row)
    session.flush()
    record(session, "suggestion.forget", "suggestion_decision", row.id, coder=coder, before=before)
    return True


def rejected_codes(session: Session, passage_id: int, coder: str | None = None) -> set[str]:
    """Codes rejected for a passage (by one coder, or by anyone)."""
    query = (
        select(Code.key)
        .join(SuggestionDecision, SuggestionDecision.code_id == Code.id)
        .where(
            SuggestionDecision.passage_id == passage_id,
            SuggestionDecision.decision == "reject",
        )
    )
    if coder is not None:
        who = find_coder(session, coder)
        if who is None:
            return set()
        query = query.where(SuggestionDecision.coder_id == who.id)
    return set(session.scalars(query))
