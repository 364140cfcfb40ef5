"""Bring the other project's matrix cell summaries and coders' number keys; report conflicts."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from qualcode.combine.run import Run
from qualcode.store.audit import record, record_many
from qualcode.store.models import CellSummary, Code, CoderKey, Document, Participant
from qualcode.store.number_keys import digit

Cell = tuple[int, int | None, int | None, str | None, str | None]


def bring_summaries(run: Run) -> None:
    """Each wanted summary lands on the same cell here; a cell summarised differently in both
    is reported and keeps this project's text unless the other's is preferred."""
    ours: dict[Cell, CellSummary] = {_cell(s): s for s in run.target.scalars(select(CellSummary))}
    added: list[CellSummary] = []
    for theirs in run.other.scalars(select(CellSummary).order_by(CellSummary.id)):
        if not run.wanted(theirs.coder_id) or theirs.participant_id in run.withdrawn:
            continue
        if theirs.document_id is not None and theirs.document_id in run.left_out:
            continue
        cell: Cell = (
            run.codes[theirs.code_id].id,
            run.participants[theirs.participant_id].id if theirs.participant_id else None,
            run.places[theirs.document_id].target.id if theirs.document_id else None,
            theirs.attribute,
            theirs.value,
        )
        mine, who = ours.get(cell), run.coder_of(theirs.coder_id)
        if mine is None:
            ours[cell] = CellSummary(
                code_id=cell[0], participant_id=cell[1], document_id=cell[2], attribute=cell[3],
                value=cell[4], text=theirs.text, coder_id=who.id, created_at=theirs.created_at,
                updated_at=theirs.updated_at,
            )  # fmt: skip
            added.append(ours[cell])
            continue
        run.summary.add("cell summaries matched")
        if mine.text == theirs.text:
            continue
        where = _where(run, cell)
        if not run.prefer:
            run.summary.conflicts.append(
                f"cell summary ({where}) differs there; kept as this project has it"
            )
            continue
        mine.text, mine.coder_id = theirs.text, who.id
        run.summary.add("cell summaries updated")
        run.summary.conflicts.append(f"cell summary ({where}) taken from the other project")
        record(run.target, "summary.edit", "cell_summary", mine.id, coder=run.coder,
               after={**_described(run, cell), "chars": len(mine.text)})  # fmt: skip
    if added:
        run.target.add_all(added)
        run.target.flush()
        record_many(run.target, "summary.add", "cell_summary", [
            (s.id, {**_described(run, _cell(s)), "chars": len(s.text)}) for s in added
        ], coder=run.coder)  # fmt: skip
        run.summary.add("cell summaries added", len(added))


def _cell(summary: CellSummary) -> Cell:
    return (summary.code_id, summary.participant_id, summary.document_id, summary.attribute,
            summary.value)  # fmt: skip


def _described(run: Run, cell: Cell) -> dict[str, Any]:
    """The cell as the trail keeps it (as `summary set` does): code key and row ids."""
    code = run.target.get_one(Code, cell[0]).key
    row = {k: v for k, v in zip(("participant_id", "document_id", "attribute", "value"),
                                cell[1:], strict=True) if v is not None}  # fmt: skip
    return {"code": code, "row": row}


def _where(run: Run, cell: Cell) -> str:
    """The cell in words: its code by row (a participant's label, a document's title, or an
    attribute's value)."""
    code = run.target.get_one(Code, cell[0]).key
    if cell[1] is not None:
        row = f"participant '{run.target.get_one(Participant, cell[1]).label}'"
    elif cell[2] is not None:
        row = f"document '{run.target.get_one(Document, cell[2]).title}'"
    else:
        row = f"{cell[3]} '{cell[4]}'"
    return f"code '{code}' by {row}"


def bring_coder_keys(run: Run) -> None:
    """A coder's number keys come with them if they have none here; keys set differently in
    both are reported and kept unless the other's are preferred."""
    theirs: dict[int, dict[int, int | None]] = {}
    for coder_id, slot, code_id in run.other.execute(
        select(CoderKey.coder_id, CoderKey.slot, CoderKey.code_id)
    ):
        if run.wanted(coder_id):
            theirs.setdefault(coder_id, {})[slot] = run.codes[code_id].id if code_id else None
    for coder_id, keys in theirs.items():
        who = run.coder_of(coder_id)
        rows = {k.slot: k for k in run.target.scalars(select(CoderKey).where(
            CoderKey.coder_id == who.id))}  # fmt: skip
        mine = {slot: row.code_id for slot, row in rows.items()}
        if mine == keys:
            run.summary.add("coder keys matched")
            continue
        if mine and not run.prefer:
            run.summary.add("coder keys matched")
            run.summary.conflicts.append(
                f"coder '{who.name}': number keys differ there; kept as this project has them"
            )
            continue
        for slot, code_id in keys.items():
            if slot in rows:
                rows[slot].code_id = code_id
            else:
                run.target.add(CoderKey(coder_id=who.id, slot=slot, code_id=code_id))
        run.target.flush()
        named = {digit(slot): _key(run, code_id) for slot, code_id in sorted(keys.items())}
        if mine:
            before = {digit(slot): _key(run, code_id) for slot, code_id in sorted(mine.items())}
            record(run.target, "coder.keys", "coder", who.id, coder=run.coder, before=before,
                   after=named)  # fmt: skip
            run.summary.add("coder keys updated")
            run.summary.conflicts.append(
                f"coder '{who.name}': number keys taken from the other project"
            )
        else:
            record(run.target, "coder.keys", "coder", who.id, coder=run.coder, after=named)
            run.summary.add("coder keys added")


def _key(run: Run, code_id: int | None) -> str | None:
    return run.target.get_one(Code, code_id).key if code_id is not None else None
