"""Match another project's documents to this one's, and carry spans onto this one's text."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.revise.anchor import ORPHANED, Realignment, reanchor
from qualcode.revise.diff import diff_texts
from qualcode.store.models import Document, DocumentVersion


def lineage(session: Session) -> dict[str, int]:
    """Document id by the hash of the text it was first imported with (version 1, or its text)."""
    firsts = dict(
        session.execute(
            select(DocumentVersion.document_id, DocumentVersion.sha256).where(
                DocumentVersion.number == 1
            )
        ).all()
    )
    return {
        firsts.get(doc_id, sha): doc_id
        for doc_id, sha in session.execute(select(Document.id, Document.sha256))
    }


@dataclass
class Placement:
    """Where one of the other project's documents lands in this one.

    `same_text` when both texts are identical (spans carry over unchanged); otherwise spans
    of the other text are re-anchored onto this project's text through a diff, as edits are.
    """

    target: Document
    other_text: str
    same_text: bool
    _realignment: Realignment | None = None

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """The span's place in this project's text, or None if its words are not there."""
        if self.same_text:
            return start, end
        if self._realignment is None:
            self._realignment = Realignment(diff_texts(self.other_text, self.target.text))
        realignment, text = self._realignment, self.target.text
        (outcome,) = reanchor(realignment, self.other_text, text, [(0, start, end)])
        if outcome.status == ORPHANED or outcome.end <= outcome.start:
            return None
        return outcome.start, outcome.end
