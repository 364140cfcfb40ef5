"""Bring the other project's codings, memos, reviews and assignments: batched, never doubled."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select

from qualcode.combine.documents import Placement
from qualcode.combine.run import Run
from qualcode.store.audit import record_many
from qualcode.store.models import (
    Assignment,
    AssignmentCoder,
    Code,
    Coder,
    Coding,
    DocumentVersion,
    Memo,
    OrphanedCoding,
    Review,
)

_CODING = (
    Coding.id, Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end,
    Coding.origin, Coding.memo, Coding.created_at, Coding.updated_at,
)  # fmt: skip


_KEY = ("document_id", "code_id", "coder_id", "start", "end")


def bring_codings(run: Run) -> None:
    """Every wanted coding not already here, inserted together, each with its own event."""
    columns = (Coding.document_id, Coding.code_id, Coding.coder_id, Coding.start, Coding.end)
    existing = {tuple(row) for row in run.target.execute(select(*columns))}
    rows: list[dict[str, Any]] = []
    for row in run.other.execute(select(*_CODING).order_by(Coding.id)):
        _, document_id, code_id, coder_id, start, end, origin, memo, created, updated = row
        if not run.wanted(coder_id) or document_id in run.left_out:
            continue
        place, code = run.places[document_id], run.codes[code_id]
        who = run.coder_of(coder_id)
        span = place.span(start, end)
        if span is None:
            _orphan(run, place, row, code, who)
            continue
        key = (place.target.id, code.id, who.id, *span)
        if key in existing:
            run.summary.add("codings matched")
            continue
        existing.add(key)
        rows.append(
            {"document_id": place.target.id, "code_id": code.id, "coder_id": who.id,
             "start": span[0], "end": span[1], "origin": origin, "memo": memo,
             "created_at": created, "updated_at": updated}
        )  # fmt: skip
    if not rows:
        return
    run.target.flush()
    run.target.connection().execute(insert(Coding), rows)
    # Read back in one query: RETURNING in parameter order is row by row on SQLite.
    added = {tuple(row[field] for field in _KEY): index for index, row in enumerate(rows)}
    ids: list[int] = [0] * len(rows)
    wanted = select(Coding.id, *columns).where(Coding.coder_id.in_({r["coder_id"] for r in rows}))
    for coding_id, *found in run.target.execute(wanted):
        index = added.get(tuple(found))
        if index is not None:
            ids[index] = coding_id
    keys, names = run.keys, run.names
    # Every coding has the event that created it (see `check`), chained as one at a time.
    record_many(run.target, "coding.add", "coding", [
        (new_id, {"document": new["document_id"], "code": keys[new["code_id"]],
                  "coder": names[new["coder_id"]], "start": new["start"], "end": new["end"],
                  "origin": new["origin"], "combined": True})
        for new_id, new in zip(ids, rows, strict=True)
    ], coder=run.coder)  # fmt: skip
    run.summary.add("codings added", len(rows))


def _orphan(run: Run, place: Placement, row: Any, code: Code, who: Coder) -> None:
    """A coding whose words this project's text no longer has: set aside, never lost."""
    coding_id, _, _, _, start, end, origin, memo, created, _ = row
    words = place.other_text[start:end]
    already = run.target.scalar(select(OrphanedCoding.id).where(
        OrphanedCoding.document_id == place.target.id, OrphanedCoding.code_id == code.id,
        OrphanedCoding.coder_id == who.id, OrphanedCoding.text == words,
    ).limit(1))  # fmt: skip
    if already is not None:
        run.summary.add("codings matched")
        return
    version = run.target.scalar(
        select(func.max(DocumentVersion.number)).where(
            DocumentVersion.document_id == place.target.id
        )
    )
    run.target.add(OrphanedCoding(
        document_id=place.target.id, coding_id=coding_id, code_id=code.id, code_key=code.key,
        coder_id=who.id, origin=origin, memo=memo, version=version or 1, start=start, end=end,
        text=words, coded_at=created, orphaned_by=run.coder,
    ))  # fmt: skip
    run.summary.add("codings set aside")


def bring_memos(run: Run) -> None:
    columns = (
        Memo.coder_id, Memo.document_id, Memo.passage_id, Memo.code_id, Memo.text,
        Memo.participant_id,
    )  # fmt: skip
    existing = {tuple(row) for row in run.target.execute(select(*columns))}
    rows: list[dict[str, Any]] = []
    theirs = run.other.execute(select(*columns, Memo.created_at, Memo.updated_at).order_by(Memo.id))
    for coder_id, doc_id, passage_id, code_id, text, their_person, created, updated in theirs:
        if not run.wanted(coder_id) or run.left_out_of(doc_id, passage_id):
            continue
        if their_person in run.withdrawn:
            continue  # a memo about someone who withdrew from this project stays out
        person = run.participants.get(their_person) if their_person is not None else None
        person_id = person.id if person is not None else None
        document_id = run.places[doc_id].target.id if doc_id is not None else None
        passage = None
        if passage_id is not None:
            passage = run.passage(passage_id)
            if passage is None:
                run.summary.conflicts.append(
                    f"a memo by {run.their_coders[coder_id]} on a passage whose words are not "
                    "in this project's text was put on its document"
                )
                document_id = run.places[run.their_passage(passage_id)[0]].target.id
        code = run.codes[code_id].id if code_id is not None else None
        who = run.coder_of(coder_id)
        key = (who.id, document_id, passage, code, text, person_id)
        if key in existing:
            run.summary.add("memos matched")
            continue
        existing.add(key)
        rows.append(
            {"coder_id": who.id, "document_id": document_id, "passage_id": passage,
             "code_id": code, "participant_id": person_id, "text": text,
             "created_at": created, "updated_at": updated}
        )  # fmt: skip
    _insert(run, Memo, rows, "memos added")


def bring_reviews(run: Run) -> None:
    columns = (Review.passage_id, Review.coder_id)
    existing = {tuple(row) for row in run.target.execute(select(*columns))}
    rows: list[dict[str, Any]] = []
    theirs = run.other.execute(select(*columns, Review.reviewed_at).order_by(Review.id))
    for passage_id, coder_id, reviewed_at in theirs:
        if not run.wanted(coder_id) or run.left_out_of(None, passage_id):
            continue
        passage = run.passage(passage_id)
        if passage is None:
            continue
        who = run.coder_of(coder_id)
        if (passage, who.id) in existing:
            run.summary.add("reviews matched")
            continue
        existing.add((passage, who.id))
        rows.append({"passage_id": passage, "coder_id": who.id, "reviewed_at": reviewed_at})
    _insert(run, Review, rows, "reviews added")


def _insert(
    run: Run, model: type[Memo] | type[Review], rows: list[dict[str, Any]], what: str
) -> None:
    if rows:
        run.target.flush()
        run.target.connection().execute(insert(model), rows)
        run.summary.add(what, len(rows))


def bring_assignments(run: Run) -> None:
    def shape(assignment: Assignment, coder_names: list[str]) -> tuple[object, ...]:
        return (assignment.blind, assignment.status, tuple(sorted(coder_names)))

    existing: set[tuple[object, ...]] = set()
    for mine in run.target.scalars(select(Assignment)):
        names = [c.coder.name for c in mine.coders]
        existing.add((mine.document_id, *shape(mine, names)))
    for theirs in run.other.scalars(select(Assignment).order_by(Assignment.id)):
        if theirs.document_id in run.left_out:
            continue
        names = [c.coder.name for c in theirs.coders]
        document_id = run.places[theirs.document_id].target.id
        key = (document_id, *shape(theirs, names))
        if key in existing:
            run.summary.add("assignments matched")
            continue
        existing.add(key)
        copy = Assignment(
            document_id=document_id, blind=theirs.blind, status=theirs.status,
            assigned_by=theirs.assigned_by, assigned_at=theirs.assigned_at,
            closed_by=theirs.closed_by, closed_at=theirs.closed_at,
        )  # fmt: skip
        copy.coders = [AssignmentCoder(coder=run.coder_of(c.coder_id)) for c in theirs.coders]
        run.target.add(copy)
        run.summary.add("assignments added")
