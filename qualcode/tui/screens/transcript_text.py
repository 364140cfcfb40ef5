"""The transcript screen's title and status lines, as rich text."""

from __future__ import annotations

from rich.text import Text

from qualcode.numbering import passage_number
from qualcode.store.workbench import CodeRow, DocumentRow
from qualcode.tui.transcript_model import TranscriptModel


def title_text(header: DocumentRow) -> Text:
    """Participant, document id and title, then attributes (the interviewer left out).

    The participant and the id come first so that, cut short on a narrow terminal, the line
    still tells one interview from another.
    """
    title = Text(header.participant or "no participant", style="bold")
    title.append(f"  ·  #{header.id} ")
    title.append(header.title, style="bold")
    details = ", ".join(f"{k}: {v}" for k, v in header.attributes.items() if k != "interviewer")
    if details:
        title.append(f"  ·  {details}", style="dim")
    return title


def status_text(model: TranscriptModel, codes: list[CodeRow], coder: str) -> Text:
    """Where the cursor is, what is selected, the coder's codes and memo there."""
    passage = model.cursor_passage
    status = Text()
    if passage is not None:
        number = passage_number(passage.index)
        status.append(f"Passage {number} of {len(model.passages)}", style="bold")
        status.append(f"  ·  selected: {model.target_label()}")
        keys = {
            next((c.key for c in codes if c.id == coding.code_id), "?")
            for coding in model.codings_here()
        }
        if keys:
            status.append(f"  ·  your codes: {', '.join(sorted(keys))}")
        memo = model.marks.memos.get(passage.id)
        if memo:
            status.append(f"  ·  ✎ {memo if len(memo) < 60 else memo[:59] + '…'}", "italic")
    status.append(f"  ·  coder: {coder}", style="dim")
    return status
