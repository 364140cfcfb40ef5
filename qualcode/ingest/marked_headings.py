"""Headings a Word or OpenDocument file marks by style, found again in the document's text."""

from __future__ import annotations

from qualcode.ingest.decode import normalise_text


class Heading(str):
    """A paragraph a Word or OpenDocument file marks as a heading (a Heading style, an
    outline level, or a short bold line that names no speaker)."""

    __slots__ = ()


def heading_offsets(text: str, paragraphs: list[str]) -> list[int]:
    """Where in `text` (the paragraphs normalised, blank-line separated) each Heading
    paragraph starts: the paragraphs are found in turn, so a heading's words seen earlier
    are not mistaken for it."""
    if not any(isinstance(p, Heading) for p in paragraphs):
        return []
    found: list[int] = []
    pos = 0
    for paragraph in paragraphs:
        wanted = normalise_text(paragraph)
        at = text.find(wanted, pos) if wanted else -1
        if at < 0:
            continue
        if isinstance(paragraph, Heading):
            found.append(at)
        pos = at + len(wanted)
    return found
