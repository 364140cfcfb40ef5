"""Gather codings, passages and reviews from the store into inputs for the agreement statistics."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.stats import Coding as StatsCoding
from qualcode.stats import Document as StatsDocument
from qualcode.stats import Passage as StatsPassage
from qualcode.stats import PassageKey
from qualcode.store.db import Project
from qualcode.store.models import Code, Coder, Coding, Document, Passage, Review

SUGGESTER = "suggester"
"""The coder name the suggester's codings carry (as in qualcode.nlp)."""


@dataclass(frozen=True)
class AgreementData:
    """Everything `qualcode.stats.compare` needs for some coders over some documents.

    `reviewed` names, per coder, the passages they gave a value: in a document where the coder
    marked passages reviewed, those (and the passages they coded); in a document they coded
    without marking reviews, every passage; in a document they never touched, none.
    """

    coders: tuple[str, ...]
    documents: tuple[StatsDocument, ...]
    codings: tuple[StatsCoding, ...]
    reviewed: dict[str, set[PassageKey]]
    unread: dict[str, tuple[int, ...]]
    """Per coder, the chosen documents they neither coded nor marked reviewed."""

    @property
    def document_ids(self) -> tuple[int, ...]:
        return tuple(d.document_id for d in self.documents)


def coders_with_codings(session: Session) -> list[str]:
    """Names of the coders who have at least one coding, alphabetically."""
    return list(
        session.scalars(
            select(Coder.name)
            .where(select(Coding.id).where(Coding.coder_id == Coder.id).exists())
            .order_by(Coder.name)
        )
    )


def _coded_documents(session: Session, coder: str) -> set[int]:
    return set(
        session.scalars(
            select(Coding.document_id).distinct().join(Coder).where(Coder.name == coder)
        )
    )


def _reviews(session: Session, coder: str) -> dict[int, set[int]]:
    rows = session.execute(
        select(Passage.document_id, Passage.index)
        .join(Review, Review.passage_id == Passage.id)
        .join(Coder, Coder.id == Review.coder_id)
        .where(Coder.name == coder)
    )
    found: dict[int, set[int]] = {}
    for document_id, index in rows:
        found.setdefault(document_id, set()).add(index)
    return found


def _documents(session: Session, ids: Sequence[int]) -> tuple[StatsDocument, ...]:
    query = select(Document.id, func.length(Document.text)).where(Document.id.in_(ids))
    lengths = {document_id: int(length) for document_id, length in session.execute(query)}
    missing = [str(d) for d in ids if d not in lengths]
    if missing:
        raise QualcodeError(f"no document {', '.join(missing)}")
    passages: dict[int, list[StatsPassage]] = {d: [] for d in ids}
    for document_id, start, end in session.execute(
        select(Passage.document_id, Passage.start, Passage.end)
        .where(Passage.document_id.in_(ids))
        .order_by(Passage.document_id, Passage.index)
    ):
        passages[document_id].append(StatsPassage(start, end))
    return tuple(StatsDocument(d, int(lengths[d]), tuple(passages[d])) for d in ids)


def gather(
    session: Session,
    coders: Sequence[str],
    *,
    documents: Sequence[int] | None = None,
    extra: Iterable[StatsCoding] = (),
) -> AgreementData:
    """Codings of `coders` and who reviewed what, over the given documents.

    Without `documents`, the documents every coder worked on (coded or marked reviewed); the
    suggester counts as having read every document. `extra` adds codings not in the store
    (the suggester's, computed on the fly).
    """
    names = tuple(name.strip() for name in coders)
    if len(names) < 2 or len(set(names)) != len(names):
        raise QualcodeError("compare two or more different coders, e.g. --coders ana,ben")
    extra_codings = [c for c in extra if c.coder in names]
    all_ids = list(session.scalars(select(Document.id).order_by(Document.id)))
    worked: dict[str, set[int]] = {}
    reviews: dict[str, dict[int, set[int]]] = {}
    for name in names:
        reviews[name] = _reviews(session, name)
        worked[name] = _coded_documents(session, name) | set(reviews[name])
        worked[name] |= {c.document_id for c in extra_codings if c.coder == name}
        if name == SUGGESTER:
            worked[name] = set(all_ids)
        elif not worked[name]:
            known = ", ".join(coders_with_codings(session)) or "none yet"
            raise QualcodeError(f"{name} has no codings (coders with codings: {known})")
    if documents is None:
        ids = sorted(set.intersection(*worked.values()))
        if not ids:
            raise QualcodeError(
                f"{', '.join(names)} have coded no document in common; choose one with --doc"
            )
    else:
        ids = list(dict.fromkeys(documents))
    chosen = _documents(session, ids)
    rows = session.execute(
        select(Coding.document_id, Code.key, Coder.name, Coding.start, Coding.end)
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .where(Coder.name.in_(names), Coding.document_id.in_(ids))
        .order_by(Coding.document_id, Coding.start, Coding.id)
    )
    codings = [StatsCoding(*row) for row in rows]
    codings += [c for c in extra_codings if c.document_id in set(ids)]
    reviewed: dict[str, set[PassageKey]] = {}
    for name in names:
        keys: set[PassageKey] = set()
        for doc in chosen:
            marked = reviews[name].get(doc.document_id)
            if marked:
                keys |= {(doc.document_id, index) for index in marked}
            elif doc.document_id in worked[name]:
                keys |= {(doc.document_id, index) for index in range(len(doc.passages))}
        reviewed[name] = keys
    unread = {name: tuple(d for d in ids if d not in worked[name]) for name in names}
    return AgreementData(names, chosen, tuple(codings), reviewed, unread)


def suggester_extra(
    project: Project, coders: Sequence[str], *, documents: Sequence[int] | None = None
) -> list[StatsCoding]:
    """The suggester's codings computed now (over `documents`, else all), when it is compared
    but has none stored.

    Stored codings (from `qualcode suggest`) win: then nothing is computed.
    """
    if SUGGESTER not in coders:
        return []
    with project.read() as session:
        if _coded_documents(session, SUGGESTER):
            return []
    from qualcode.nlp import suggester_codings  # loads spaCy: only when the suggester is compared

    return [
        StatsCoding(r.document_id, r.code, SUGGESTER, r.start, r.end)
        for r in suggester_codings(project, documents=documents)
    ]
