"""Remove what is no longer needed: a document, a code, an identifier; one audit event each."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.audit import record
from qualcode.store.codes import check_merge, find_code, merge_codes
from qualcode.store.documents import find_document
from qualcode.store.models import Code, Coding, Identifier, Memo, OrphanedCoding, SuggestionDecision
from qualcode.withdraw.scope import (
    DocumentScope,
    count_parts,
    delete_documents,
    discard_models,
    models_trained_on,
    zero_freed_space,
)
from qualcode.wording import plural


@dataclass(frozen=True)
class DocumentRemoval:
    """A document and everything hanging off it, counted."""

    document_id: int
    title: str
    scope: DocumentScope
    counts: dict[str, int]
    models: list[int]


def plan_document_removal(session: Session, ref: str) -> DocumentRemoval:
    """What removing a document (by id, title or file name) would erase; nothing is changed."""
    document = find_document(session, ref)
    scope = DocumentScope.of(session, [document.id])
    return DocumentRemoval(
        document.id,
        document.title,
        scope,
        count_parts(session, scope),
        models_trained_on(session, scope),
    )


def remove_document(session: Session, plan: DocumentRemoval, *, coder: str) -> None:
    """Erase the document and what hangs off it, with one audit event of counts."""
    fresh = plan_document_removal(session, str(plan.document_id))
    if fresh.counts != plan.counts:
        raise QualcodeError(
            f"document {plan.document_id} changed while the plan was shown; nothing was changed"
        )
    delete_documents(session, plan.scope)
    discard_models(session, plan.models)
    after = {**plan.counts, "models_discarded": len(plan.models)}
    record(session, "document.remove", "document", plan.document_id, coder=coder, after=after)


@dataclass(frozen=True)
class CodeRemoval:
    """A code and what goes (or moves) with it."""

    key: str
    codings: int
    memos: int
    decisions: int
    sub_codes: int
    coders: int


def plan_code_removal(session: Session, key: str, *, into: str | None = None) -> CodeRemoval:
    """What removing a code (into another, with `into`) would take with it, refused before
    anything is asked or changed if it cannot be done."""
    code = check_merge(session, key, into)[0] if into is not None else find_code(session, key)

    def count(model: type[Coding] | type[Memo] | type[SuggestionDecision]) -> int:
        return int(
            session.scalar(select(func.count()).select_from(model).where(model.code_id == code.id))
            or 0
        )

    coders = session.scalar(
        select(func.count(func.distinct(Coding.coder_id))).where(Coding.code_id == code.id)
    )
    children = session.scalar(
        select(func.count()).select_from(Code).where(Code.parent_id == code.id)
    )
    plan = CodeRemoval(
        code.key,
        count(Coding),
        count(Memo),
        count(SuggestionDecision),
        int(children or 0),
        int(coders or 0),
    )
    if into is None and plan.sub_codes:
        raise QualcodeError(
            f"code '{key}' has {plural(plan.sub_codes, 'sub-code')}: remove or move them first, "
            "or give --to KEY to move them and its codings there"
        )
    return plan


def remove_code(session: Session, key: str, *, into: str | None, coder: str) -> CodeRemoval:
    """Remove a code: with `into`, its codings and sub-codes move there (a merge); without,
    its codings by every coder, its memos and suggestion decisions go with it."""
    plan = plan_code_removal(session, key, into=into)
    if into is not None:
        merge_codes(session, key, into, coder=coder)
        return plan
    code = find_code(session, key)
    zero_freed_space(session)  # coding and code memos may name people
    session.execute(delete(Coding).where(Coding.code_id == code.id))
    session.execute(delete(SuggestionDecision).where(SuggestionDecision.code_id == code.id))
    session.execute(delete(Memo).where(Memo.code_id == code.id))
    session.execute(
        update(OrphanedCoding).where(OrphanedCoding.code_id == code.id).values(code_id=None)
    )
    session.execute(delete(Code).where(Code.id == code.id))
    record(
        session,
        "code.remove",
        "code",
        code.id,
        coder=coder,
        before={"key": plan.key},
        after={"codings": plan.codings, "memos": plan.memos, "decisions": plan.decisions},
    )
    session.expire_all()
    return plan


def identifiers_with_value(session: Session, value: str) -> list[Identifier]:
    """Registered identifiers with exactly this value (any participant, any kind)."""
    return list(
        session.scalars(
            select(Identifier).where(Identifier.value == value.strip()).order_by(Identifier.id)
        )
    )


def unregister(session: Session, value: str, *, coder: str) -> int:
    """Remove an identifier from the registry; one audit event that holds no value."""
    found = identifiers_with_value(session, value)
    if not found:
        raise QualcodeError("that value is not registered (see `qualcode anonymise check`)")
    zero_freed_space(session)
    session.execute(delete(Identifier).where(Identifier.id.in_([i.id for i in found])))
    record(
        session,
        "identifier.remove",
        "identifier",
        None,
        coder=coder,
        after={"identifiers": len(found), "kinds": sorted({i.kind for i in found})},
    )
    session.expire_all()
    return len(found)
