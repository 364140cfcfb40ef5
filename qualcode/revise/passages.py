"""A document's stored passages re-laid on its edited text, keeping ids and what refers to them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import bindparam, delete, insert, select, update
from sqlalchemy.orm import Session

from qualcode.ingest.types import PassageDraft
from qualcode.revise.anchor import Realignment
from qualcode.revise.layout import OldPassage, match_passages
from qualcode.revise.linked import move_passage_rows
from qualcode.store.models import Base, Passage

PARK = 2**30  # passages whose index changes wait out here, clear of the unique index
CHUNK = 500


@dataclass
class PassageChanges:
    """What an edit did to a document's passages, and to the rows that refer to them."""

    before: int = 0
    after: int = 0
    kept: int = 0  # continued by a new passage with the same id
    rewritten: int = 0  # of those, how many have new text
    added: int = 0
    removed: int = 0
    linked: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {
            "before": self.before,
            "after": self.after,
            "kept": self.kept,
            "rewritten": self.rewritten,
            "added": self.added,
            "removed": self.removed,
            "linked": self.linked,
        }


def old_passages(session: Session, document_id: int) -> tuple[list[OldPassage], dict[int, int]]:
    """The document's passages, and each one's index by id."""
    rows = session.execute(
        select(Passage.id, Passage.start, Passage.end, Passage.speaker, Passage.meta)
        .add_columns(Passage.index)
        .where(Passage.document_id == document_id)
        .order_by(Passage.index)
    ).all()
    passages = [OldPassage(r[0], r[1], r[2], r[3], dict(r[4] or {})) for r in rows]
    return passages, {r[0]: r[5] for r in rows}


_TABLE = Base.metadata.tables["passage"]
_MOVE = (
    update(_TABLE)
    .where(_TABLE.c.id == bindparam("row"))
    .values(index=bindparam("new_index"), start=bindparam("new_start"), end=bindparam("new_end"))
)
_RELABEL = _MOVE.values(
    speaker=bindparam("new_speaker"), meta=bindparam("new_meta", type_=_TABLE.c.meta.type)
)


def relayout_passages(
    session: Session,
    document_id: int,
    realignment: Realignment,
    old_text: str,
    new_text: str,
    drafts: list[PassageDraft],
) -> PassageChanges:
    """Replace the document's passages by `drafts` of the new text, reusing rows (and so ids,
    reviews, memos and suggestion decisions) of the old passages each one continues."""
    old, indexes = old_passages(session, document_id)
    match = match_passages(old, [(d.start, d.end) for d in drafts], realignment)
    final = {old_id: index for index, old_id in match.heirs.items()}
    _park(session, [p.id for p in old if final.get(p.id) != indexes[p.id]])
    changes = PassageChanges(before=len(old), after=len(drafts), kept=len(final))
    changes.rewritten = _update_kept(session, old, indexes, old_text, new_text, drafts, final)
    ids = dict(match.heirs) | _insert(session, document_id, new_text, drafts, match.heirs)
    changes.added = len(drafts) - len(match.heirs)
    retired = [p.id for p in old if p.id not in final]
    changes.removed = len(retired)
    moves = {pid: ids[t] for pid in retired if (t := match.targets[pid]) is not None}
    deleted = {pid: ids[match.nearest[pid]] for pid in retired if match.targets[pid] is None}
    changes.linked = move_passage_rows(session, moves, deleted)
    for first in range(0, len(retired), CHUNK):
        session.execute(delete(Passage).where(Passage.id.in_(retired[first : first + CHUNK])))
    return changes


def _update_kept(
    session: Session,
    old: list[OldPassage],
    indexes: dict[int, int],
    old_text: str,
    new_text: str,
    drafts: list[PassageDraft],
    final: dict[int, int],
) -> int:
    """Update the passages that continue old ones; returns how many have new text."""
    moved: list[dict[str, Any]] = []
    relabelled: list[dict[str, Any]] = []
    rewritten: list[dict[str, Any]] = []
    for passage in old:
        index = final.get(passage.id)
        if index is None:
            continue
        draft = drafts[index]
        where = (indexes[passage.id], passage.start, passage.end)
        text = new_text[draft.start : draft.end]
        values = {"row": passage.id, "new_index": index, "new_start": draft.start}
        values["new_end"] = draft.end
        labels = {"new_speaker": draft.speaker, "new_meta": draft.meta}
        if text != old_text[passage.start : passage.end]:
            rewritten.append({**values, **labels, "new_text": text})
        elif (draft.speaker, draft.meta) != (passage.speaker, passage.meta):
            relabelled.append({**values, **labels})
        elif (index, draft.start, draft.end) != where:
            moved.append(values)
    for statement, rows in (
        (_MOVE, moved),
        (_RELABEL, relabelled),
        (_RELABEL.values(text=bindparam("new_text")), rewritten),  # fires the search trigger
    ):
        if rows:
            session.execute(statement, rows)
    return len(rewritten)


def _park(session: Session, ids: list[int]) -> None:
    for first in range(0, len(ids), CHUNK):
        session.execute(
            update(Passage)
            .where(Passage.id.in_(ids[first : first + CHUNK]))
            .values(index=Passage.index + PARK)
            .execution_options(synchronize_session=False)
        )


def _insert(
    session: Session,
    document_id: int,
    new_text: str,
    drafts: list[PassageDraft],
    heirs: dict[int, int],
) -> dict[int, int]:
    """Insert the passages no old one continues; returns their ids by index."""
    indexes = [index for index in range(len(drafts)) if index not in heirs]
    if not indexes:
        return {}
    rows = [
        {
            "document_id": document_id,
            "index": index,
            "start": drafts[index].start,
            "end": drafts[index].end,
            "speaker": drafts[index].speaker,
            "text": new_text[drafts[index].start : drafts[index].end],
            "meta": drafts[index].meta,
        }
        for index in indexes
    ]
    session.execute(insert(Passage), rows)
    ids: dict[int, int] = {}
    for first in range(0, len(indexes), CHUNK):
        query = select(Passage.index, Passage.id).where(
            Passage.document_id == document_id,
            Passage.index.in_(indexes[first : first + CHUNK]),
        )
        ids.update({index: passage_id for index, passage_id in session.execute(query)})
    return ids
