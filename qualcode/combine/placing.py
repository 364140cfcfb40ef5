"""Place the other project's documents here: matched by hash or lineage, or copied in batches."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from sqlalchemy import insert, select

from qualcode.combine.documents import Placement, lineage
from qualcode.combine.run import Run
from qualcode.store.audit import record_many
from qualcode.store.models import Document, DocumentVersion, Passage

CHUNK = 500  # document ids per IN (...): well under every database's limit on parameters
_PASSAGE = (Passage.document_id, Passage.index, Passage.start, Passage.end, Passage.speaker,
            Passage.text, Passage.meta)  # fmt: skip
_VERSION = (DocumentVersion.document_id, DocumentVersion.number, DocumentVersion.text,
            DocumentVersion.sha256, DocumentVersion.change, DocumentVersion.note,
            DocumentVersion.summary, DocumentVersion.created_by,
            DocumentVersion.created_at)  # fmt: skip


def bring_documents(run: Run) -> None:
    """Match each of the other's documents (same text, or the same first version edited in
    one project), copy the rest with their passages and versions, and place them all."""
    ours = {doc.id: doc for doc in run.target.scalars(select(Document))}
    by_sha = {doc.sha256: doc for doc in ours.values()}
    by_origin = lineage(run.target)
    other_origin = {doc_id: sha for sha, doc_id in lineage(run.other).items()}
    new: list[tuple[Document, Document]] = []
    for doc in run.other.scalars(select(Document).order_by(Document.id)):
        if doc.participant_id in run.withdrawn:
            run.left_out.add(doc.id)
            run.summary.add("documents left out")
            continue
        same = by_sha.get(doc.sha256)
        related = by_origin.get(other_origin.get(doc.id, doc.sha256))
        if same is not None:
            target = same
            run.summary.add("documents matched")
        elif related is not None:
            target = ours[related]
            run.summary.add("documents re-anchored")
            run.summary.conflicts.append(
                f"document '{doc.title}': its text differs here (edited in one project); "
                "codings from the other project were re-anchored onto this project's text"
            )
        else:
            by_sha[doc.sha256] = _copy(run, doc)  # a second copy of this text matches it
            new.append((doc, by_sha[doc.sha256]))
            continue
        _link(run, target, doc)
        run.places[doc.id] = Placement(target, doc.text, target.text == doc.text)
    _store(run, new)


def _link(run: Run, target: Document, doc: Document) -> None:
    """A matched document takes the other's participant if it had none; else report."""
    person = run.participants.get(doc.participant_id) if doc.participant_id else None
    if person is None or target.participant_id == person.id:
        return
    if target.participant_id is None:
        target.participant = person
        run.summary.add("documents linked")
        return
    run.summary.conflicts.append(
        f"document '{target.title}': linked to '{person.label}' there; kept this project's link"
    )


def _copy(run: Run, doc: Document) -> Document:
    person = run.participants.get(doc.participant_id) if doc.participant_id else None
    copy = Document(
        title=doc.title, source_name=doc.source_name, sha256=doc.sha256, format=doc.format,
        text=doc.text, attributes=dict(doc.attributes), participant=person,
    )  # fmt: skip
    run.target.add(copy)
    run.places[doc.id] = Placement(copy, doc.text, True)
    return copy


def _store(run: Run, new: list[tuple[Document, Document]]) -> None:
    """The copies, then their passages and versions in one insert each, then their events."""
    if not new:
        return
    run.target.flush()
    copies = {doc.id: copy.id for doc, copy in new}
    for columns, model in ((_PASSAGE, Passage), (_VERSION, DocumentVersion)):
        names = [column.key for column in columns]
        for chunk in _chunks(list(copies)):
            rows: list[dict[str, Any]] = [
                {**dict(zip(names, row, strict=True)), "document_id": copies[row[0]]}
                for row in run.other.execute(select(*columns).where(columns[0].in_(chunk)))
            ]
            if rows:
                run.target.connection().execute(insert(model), rows)
    record_many(run.target, "document.import", "document", [
        (copy.id, {"sha256": copy.sha256, "format": copy.format, "combined": True,
                   "participant": copy.participant.label if copy.participant else None})
        for _, copy in new
    ], coder=run.coder)  # fmt: skip
    run.summary.add("documents added", len(new))


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]
