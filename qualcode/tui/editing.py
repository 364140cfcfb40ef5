"""Correcting the cursor passage's text: saved through the revise core, codings re-anchored."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.revise import EditReport, OrphanRecord, edit_passage, list_orphans
from qualcode.store.models import Document
from qualcode.store.workbench import PassageRow
from qualcode.tui.context import Workbench
from qualcode.wording import plural

Say = Callable[[str], None]


@dataclass(frozen=True)
class Edited:
    """What an edit did, as the coder is told: the report and the codings it orphaned."""

    report: EditReport
    orphans: list[OrphanRecord]


def save_edit(session: Session, document_id: int, index: int, text: str, coder: str) -> Edited:
    """Replace one passage's text (a new version of the document) and list the orphans."""
    document = session.get(Document, document_id)
    if document is None:
        raise QualcodeError(f"no document with id {document_id} (removed elsewhere? refresh)")
    report = edit_passage(session, document, index, text, coder)
    orphaned = set(report.codings.orphaned)
    orphans = [o for o in list_orphans(session, document) if o.coding_id in orphaned]
    return Edited(report, orphans)


def describe(edited: Edited) -> tuple[str, bool]:
    """A notification for the coder, and whether it needs their attention (orphans)."""
    report, codings = edited.report, edited.report.codings
    if not report.changed:
        return "Nothing changed: the text is the same", False
    parts = [f"Saved as version {report.version}"]
    carried = codings.unchanged + codings.moved
    parts.append(f"{plural(carried, 'coding')} kept their words")
    if codings.resized:
        parts.append(f"{len(codings.resized)} grew or shrank with the edit")
    message = "; ".join(parts)
    if not edited.orphans:
        return message, False
    listed = ", ".join(f"{o.code} by {o.coder} (“{short(o.text)}”)" for o in edited.orphans[:3])
    more = f" and {len(edited.orphans) - 3} more" if len(edited.orphans) > 3 else ""
    return (
        f"{message}. {len(edited.orphans)} orphaned (their words were deleted): {listed}{more}."
        f" Resolve with: qualcode doc resolve",
        True,
    )


def short(text: str, width: int = 30) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[: width - 1] + "…"


def submit_edit(
    bench: Workbench,
    document_id: int,
    passage: PassageRow,
    text: str,
    done: Callable[[Edited], None],
    failed: Say,
) -> None:
    """Queue the edit on the writer; `done` runs once it is committed."""
    coder = bench.coder

    def work(session: Session) -> Edited:
        return save_edit(session, document_id, passage.index, text, coder)

    bench.writer.submit(work, done, failed)
