"""Passages of an edited text: which old passage each new one continues (pure functions)."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from qualcode.ingest.types import PassageDraft
from qualcode.revise.anchor import Realignment

_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")


@dataclass(frozen=True)
class OldPassage:
    """A stored passage before the edit."""

    id: int
    start: int
    end: int
    speaker: str | None
    meta: dict[str, str]


@dataclass(frozen=True)
class PassageMatch:
    """heirs: new passage index → the old passage whose row (id, reviews, memos) it takes over.
    targets: old passage id → the new passage index its reviews and memos move to, or None
    when its text is gone (then `nearest` says where its memos go)."""

    heirs: dict[int, int]
    targets: dict[int, int | None]
    nearest: dict[int, int]


def match_passages(
    old: list[OldPassage], new: list[tuple[int, int]], realignment: Realignment
) -> PassageMatch:
    """Match old passages to new ones by the overlap of their re-anchored text.

    Each old passage's target is the new passage overlapping most of its re-anchored span (the
    first on a tie); each new passage is heir to the old passage with the largest overlap among
    those targeting it (the first on a tie), so a passage keeps its id through an edit.
    """
    ends = [end for _, end in new]
    targets: dict[int, int | None] = {}
    nearest: dict[int, int] = {}
    claims: dict[int, tuple[int, int]] = {}  # new index → (overlap, old id)
    for passage in old:
        span = realignment.span(passage.start, passage.end)
        best: tuple[int, int] | None = None  # (overlap, new index)
        if span is not None:
            index = bisect_right(ends, span[0])
            while index < len(new) and new[index][0] < span[1]:
                overlap = min(span[1], new[index][1]) - max(span[0], new[index][0])
                if best is None or overlap > best[0]:
                    best = (overlap, index)
                index += 1
        if best is None:
            targets[passage.id] = None
            position = realignment.point(passage.start)
            nearest[passage.id] = min(bisect_right(ends, position), len(new) - 1)
            continue
        targets[passage.id] = best[1]
        claim = claims.get(best[1])
        if claim is None or best[0] > claim[0]:
            claims[best[1]] = (best[0], passage.id)
    heirs = {index: old_id for index, (_, old_id) in claims.items()}
    return PassageMatch(heirs, targets, nearest)


def carried_passages(
    old: list[OldPassage], new_text: str, realignment: Realignment
) -> list[PassageDraft]:
    """Old passages carried onto the new text (for caption files, whose cues are passages):
    each keeps its speaker and timestamps; new text outside them becomes passages of its own."""
    carried: list[PassageDraft] = []
    for passage in old:
        span = realignment.span(passage.start, passage.end)
        if span is None:
            continue
        start, end = _stripped(new_text, *span)
        if start < end and (not carried or start >= carried[-1].end):
            carried.append(PassageDraft(start, end, passage.speaker, dict(passage.meta)))
    drafts: list[PassageDraft] = []
    position = 0
    for draft in [*carried, PassageDraft(len(new_text), len(new_text))]:
        for m in _PARAGRAPH.finditer(new_text, position, draft.start):
            drafts.append(PassageDraft(m.start(), m.start() + len(m.group().rstrip())))
        if draft.end > draft.start:
            drafts.append(draft)
        position = draft.end
    return drafts


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
