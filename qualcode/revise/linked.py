"""Rows that refer to passages (reviews, memos, suggestion decisions...) moved through an edit."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy import Column, Table, UniqueConstraint, delete, select, update
from sqlalchemy.orm import Session

from qualcode.store.models import Base

CHUNK = 500
# Tables whose rows follow a passage even when its whole text is deleted (to the nearest
# passage): a coder's notes are work. Others (reviews, suggestion decisions) judged text that
# is gone, so they go with it.
KEEP_WHEN_DELETED = frozenset({"memo"})
# One row per passage and coder, though no constraint says so: moved onto a passage that has
# one, the texts are joined.
JOIN_TEXT = {"memo": ("coder_id",)}


def passage_references() -> list[tuple[Table, Column[Any]]]:
    """Every (table, column) holding a passage id, found from the models' foreign keys."""
    found: list[tuple[Table, Column[Any]]] = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_keys:
            if fk.column.table.name == "passage" and fk.column.name == "id":
                assert isinstance(fk.parent, Column)
                found.append((table, fk.parent))
    return found


def move_passage_rows(
    session: Session, moves: dict[int, int], deleted: dict[int, int]
) -> dict[str, dict[str, int]]:
    """Repoint rows from old passages onto new ones; returns counts per table.

    `moves` maps an old passage id to the passage that continues its text; `deleted` maps an
    old passage whose text is gone to its nearest passage. A moved row that would duplicate
    one already there (the same coder's review, say) is merged into it.
    """
    counts: dict[str, dict[str, int]] = {}
    for table, column in passage_references():
        targets = dict(moves)
        if table.name in KEEP_WHEN_DELETED:
            targets.update(deleted)
        tally = _move_table(session, table, column, targets, list(deleted))
        if any(tally.values()):
            counts[table.name] = dict(tally)
    return counts


def _in_chunks(
    session: Session, table: Table, column: Column[Any], ids: list[int]
) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for first in range(0, len(ids), CHUNK):
        query = select(table).where(column.in_(ids[first : first + CHUNK])).order_by(table.c.id)
        rows.extend(dict(row._mapping) for row in session.execute(query))
    return rows


def _unique_keys(table: Table, column: Column[Any]) -> list[tuple[str, ...]]:
    keys = [
        tuple(c.name for c in constraint.columns if c.name != column.name)
        for constraint in table.constraints
        if isinstance(constraint, UniqueConstraint) and column.name in constraint.columns
    ]
    return [*keys, JOIN_TEXT[table.name]] if table.name in JOIN_TEXT else keys


def _move_table(
    session: Session,
    table: Table,
    column: Column[Any],
    targets: dict[int, int],
    gone: list[int],
) -> Counter[str]:
    tally: Counter[str] = Counter()
    moving = _in_chunks(session, table, column, list(targets))
    keys = _unique_keys(table, column)
    present: dict[tuple[Any, ...], dict[str, Any]] = {}
    for row in _in_chunks(session, table, column, sorted(set(targets.values()))):
        for key in keys:
            present[(key, row[column.name], *(row[c] for c in key))] = row
    removed: list[int] = []
    for row in moving:
        target = targets[row[column.name]]
        clash = next(
            (
                present[(key, target, *(row[c] for c in key))]
                for key in keys
                if (key, target, *(row[c] for c in key)) in present
            ),
            None,
        )
        if clash is not None:
            if table.name in JOIN_TEXT and row["text"] and row["text"] != clash["text"]:
                clash["text"] = f"{clash['text']}\n\n{row['text']}"
                session.execute(
                    update(table).where(table.c.id == clash["id"]).values(text=clash["text"])
                )
            removed.append(row["id"])
            tally["merged"] += 1
            continue
        session.execute(update(table).where(table.c.id == row["id"]).values({column: target}))
        row[column.name] = target
        for key in keys:
            present[(key, target, *(row[c] for c in key))] = row
        tally["moved"] += 1
    for first in range(0, len(removed), CHUNK):
        session.execute(delete(table).where(table.c.id.in_(removed[first : first + CHUNK])))
    if table.name not in KEEP_WHEN_DELETED:
        for first in range(0, len(gone), CHUNK):
            result = session.execute(delete(table).where(column.in_(gone[first : first + CHUNK])))
            tally["dropped"] += max(result.rowcount, 0)  # type: ignore[attr-defined]
    return tally
