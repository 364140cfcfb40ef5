"""Two coders' codings of one document, passage by passage, for the comparison screen."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from sqlalchemy.orm import Session

from qualcode.audit.blind import visible_coders
from qualcode.errors import QualcodeError
from qualcode.store.workbench import (
    CodeRow,
    CodingView,
    code_rows,
    document_header,
    load_marks,
    load_passages,
)


@dataclass(frozen=True)
class ComparedPassage:
    """One passage with the codes each coder applied to (some of) it."""

    index: int
    speaker: str | None
    text: str
    first: tuple[str, ...]
    second: tuple[str, ...]

    @property
    def agreed(self) -> set[str]:
        return set(self.first) & set(self.second)


@dataclass(frozen=True)
class Comparison:
    """A document as two coders coded it, and every coder who coded it (to choose from)."""

    title: str
    coders: tuple[str, str]
    candidates: list[str]
    passages: list[ComparedPassage]
    codes: dict[str, CodeRow]


def coders_by_codings(codings: list[CodingView]) -> list[str]:
    """Coders of a document, most codings first (ties by name)."""
    counts = Counter(c.coder for c in codings)
    return sorted(counts, key=lambda name: (-counts[name], name))


def compare_coders(
    session: Session,
    document_id: int,
    viewer: str,
    coders: tuple[str, str] | None = None,
) -> Comparison:
    """Two coders' codings of a document (by default the two with most codings on it).

    Refused while the document is in an open blind assignment that lists the viewer.
    """
    if visible_coders(session, document_id, viewer) is not None:
        raise QualcodeError(
            "this document is in an open blind assignment for you: "
            "comparing coders is not allowed until it is closed"
        )
    header = document_header(session, document_id)
    if header is None:
        raise QualcodeError(f"no document with id {document_id} (removed elsewhere? refresh)")
    codings = load_marks(session, document_id, viewer).codings
    candidates = coders_by_codings(codings)
    if coders is None:
        if len(candidates) < 2:
            raise QualcodeError("fewer than two coders have coded this document")
        coders = (candidates[0], candidates[1])
    keys = {c.id: c for c in code_rows(session, viewer)}
    passages = []
    for p in load_passages(session, document_id):
        here = [c for c in codings if c.start < p.end and c.end > p.start and c.code_id in keys]

        def codes_of(coder: str, here: list[CodingView] = here) -> tuple[str, ...]:
            return tuple(sorted({keys[c.code_id].key for c in here if c.coder == coder}))

        passages.append(
            ComparedPassage(p.index, p.speaker, p.text, codes_of(coders[0]), codes_of(coders[1]))
        )
    by_key = {c.key: c for c in keys.values()}
    return Comparison(header.title, coders, candidates, passages, by_key)
