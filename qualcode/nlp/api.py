"""What the TUI and CLI call: suggestions for a passage or project, the review queue, and the
suggester's codings as a coder."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.audit.blind import visible_coders
from qualcode.errors import QualcodeError
from qualcode.ingest.interviewer import is_interviewer_turn
from qualcode.nlp.content import is_content
from qualcode.nlp.corpus import codebook_entries, passage_text, passage_texts
from qualcode.nlp.feedback import rejected_codes
from qualcode.nlp.labels import SUGGESTER, covers
from qualcode.nlp.modelstore import current_model_id
from qualcode.nlp.settings import threshold
from qualcode.nlp.suggester import Suggester, load_suggester
from qualcode.nlp.types import CodeEntry, PassageText, Suggestion
from qualcode.store.codings import CodingRecord, add_coding
from qualcode.store.db import Project
from qualcode.store.models import Code, Coder, Coding, Document, Passage, Review

_CACHE: dict[str, tuple[tuple[Any, ...], Suggester]] = {}
_LOCK = threading.RLock()


def _codebook_key(codes: list[CodeEntry]) -> str:
    data = json.dumps([c.__dict__ for c in codes], sort_keys=True, default=list)
    return hashlib.sha256(data.encode("utf-8")).hexdigest()


def project_suggester(project: Project) -> Suggester:
    """The project's suggester, cached per project until the model, codebook or threshold change."""
    with project.read() as session:
        codes = codebook_entries(session)
        key = (current_model_id(session), _codebook_key(codes), threshold(session))
        with _LOCK:
            cached = _CACHE.get(project.target)
            if cached is not None and cached[0] == key:
                return cached[1]
            suggester = load_suggester(session, codes)
            _CACHE[project.target] = (key, suggester)
            return suggester


def _own_codes(session: Session, passage: Passage, coder: str) -> set[str]:
    rows = session.execute(
        select(Code.key, Coding.start, Coding.end)
        .join(Code, Coding.code_id == Code.id)
        .join(Coder, Coding.coder_id == Coder.id)
        .where(Coding.document_id == passage.document_id, Coder.name == coder)
    )
    return {key for key, s, e in rows if covers(s, e, passage.start, passage.end)}


def suggest_for_passage(
    project: Project,
    passage_id: int,
    *,
    coder: str | None = None,
    min_score: float | None = None,
) -> list[Suggestion]:
    """Ranked suggestions for one passage (the TUI's suggestions pane).

    With a coder, codes that coder already applied to the passage or rejected are left out.
    While the document is in an open blind assignment for the coder, suggestions come from
    the codebook layer only: the model has learned from the other coders' codings of this
    very document, and would show them. min_score defaults to a low floor so the pane can show
    near misses; use Suggester.threshold to mark the ones that count as suggested.
    """
    suggester = project_suggester(project)
    with project.read() as session:
        passage = session.get(Passage, passage_id)
        if passage is None:
            raise QualcodeError(f"no passage with id {passage_id}")
        if is_interviewer_turn(passage.speaker, passage.text, passage.meta):
            return []
        text = passage_text(passage, passage.document.title)
        hidden = set()
        if coder is not None:
            hidden = _own_codes(session, passage, coder) | rejected_codes(
                session, passage_id, coder
            )
            if visible_coders(session, passage.document_id, coder) is not None:
                suggester = suggester.codebook_only()
    with _LOCK:
        ((_, layers),) = suggester.layers([text])
        ranked = suggester.rank(layers)
    floor = 0.0 if min_score is None else min_score
    return [s for s in ranked if s.score >= floor and s.code not in hidden]


def suggest_project(
    project: Project,
    *,
    documents: Iterable[int] | None = None,
    min_score: float | None = None,
    n_process: int = 1,
) -> list[tuple[PassageText, list[Suggestion]]]:
    """Suggestions at or above min_score (default: the project threshold) for every passage
    (or those of some documents), in document and passage order."""
    suggester = project_suggester(project)
    with project.read() as session:
        passages = passage_texts(session, documents=documents)
    with _LOCK:
        return list(suggester.suggest(passages, min_score=min_score, n_process=n_process))


@dataclass(frozen=True)
class QueueItem:
    """An uncoded passage to look at next, and why: how unsure the suggester is about it."""

    passage: PassageText
    uncertainty: float
    suggestions: list[Suggestion]


def _uncertainty(ranked: list[Suggestion], cutoff: float) -> float:
    """1 when the best score sits on the threshold, falling to 0 at 0 or 1; a close runner-up
    adds a little (the suggester cannot choose between two codes)."""
    if not ranked:
        return 0.0
    top = ranked[0].score
    near = 1.0 - abs(top - cutoff) / max(cutoff, 1.0 - cutoff)
    margin = top - ranked[1].score if len(ranked) > 1 else top
    return round(max(0.0, near) * 0.8 + (1.0 - min(1.0, margin)) * 0.2, 4)


def review_queue(
    project: Project,
    *,
    coder: str | None = None,
    documents: Iterable[int] | None = None,
    limit: int | None = 50,
) -> list[QueueItem]:
    """Uncoded, unreviewed passages, most informative first (active learning).

    Uncoded means no coding covers the passage (by the coder, if given, else by anyone);
    reviewed passages (by that coder, or anyone) are left out, as are interviewer turns and
    passages with nothing to code (headers, metadata lines, very short turns).
    """
    suggester = project_suggester(project)
    with project.read() as session:
        passages = passage_texts(session, documents=documents)
        done = _handled_passages(session, coder)
    # Headers, metadata lines and bare "Yes." turns are not worth a coder's look.
    todo = [p for p in passages if p.passage_id not in done and is_content(p)]
    with _LOCK:
        ranked = [(p, suggester.rank(layers)) for p, layers in suggester.layers(todo)]
    items = [QueueItem(p, _uncertainty(r, suggester.threshold), r[:3]) for p, r in ranked]
    items.sort(key=lambda item: (-item.uncertainty, item.passage.document_id, item.passage.index))
    return items if limit is None else items[:limit]


def _handled_passages(session: Session, coder: str | None) -> set[int]:
    coder_filter = [] if coder is None else [Coder.name == coder]
    reviewed = session.scalars(select(Review.passage_id).join(Coder).where(*coder_filter))
    done = set(reviewed)
    spans = session.execute(
        select(Coding.document_id, Coding.start, Coding.end).join(Coder).where(*coder_filter)
    )
    by_doc: dict[int, list[tuple[int, int]]] = {}
    for doc, start, end in spans:
        by_doc.setdefault(doc, []).append((start, end))
    for pid, doc, pstart, pend in session.execute(
        select(Passage.id, Passage.document_id, Passage.start, Passage.end)
    ):
        if any(covers(s, e, pstart, pend) for s, e in by_doc.get(doc, [])):
            done.add(pid)
    return done


def suggester_codings(
    project: Project,
    *,
    min_score: float | None = None,
    documents: Iterable[int] | None = None,
    write: bool = False,
) -> list[CodingRecord]:
    """The suggester as a coder named "suggester": its codings at the threshold, as records.

    Nothing is written unless write is set; then they are stored as codings with origin
    "suggestion" (existing ones kept), e.g. for agreement statistics against human coders.
    """
    records: list[CodingRecord] = []
    for passage, suggestions in suggest_project(project, documents=documents, min_score=min_score):
        for suggestion in suggestions:
            records.append(
                CodingRecord(
                    id=0,
                    document_id=passage.document_id,
                    document=passage.document_title,
                    start=passage.body_start,
                    end=passage.end,
                    text=passage.body,
                    code=suggestion.code,
                    coder=SUGGESTER,
                    origin="suggestion",
                    memo=f"score {suggestion.score:.2f} ({suggestion.origin}): {suggestion.reason}",
                    passage=passage.index,
                )
            )
    if write:
        records = _write_codings(project, records)
    return records


def _write_codings(project: Project, records: list[CodingRecord]) -> list[CodingRecord]:
    out = []
    with project.write() as session:
        codes = {code.key: code for code in session.scalars(select(Code))}
        existing = set(
            session.execute(
                select(Coding.document_id, Code.key, Coding.start, Coding.end)
                .join(Code, Coding.code_id == Code.id)
                .join(Coder, Coding.coder_id == Coder.id)
                .where(Coder.name == SUGGESTER)
            )
        )
        for item in records:
            if (item.document_id, item.code, item.start, item.end) in existing:
                continue
            document = session.get(Document, item.document_id)
            assert document is not None
            coding = add_coding(
                session,
                document,
                codes[item.code],
                SUGGESTER,
                item.start,
                item.end,
                origin="suggestion",
                memo=item.memo,
            )
            out.append(CodingRecord(**(item.__dict__ | {"id": coding.id})))
    return out
