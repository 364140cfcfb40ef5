"""Coding units of readable size: long passages split at bullets, line breaks or sentences."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from qualcode.ingest.types import PassageDraft

# A passage longer than this is split; the pieces aim at MIN_CHARS to MAX_CHARS.
SPLIT_ABOVE = 1_500
MIN_CHARS = 400
MAX_CHARS = 1_200
# No piece ever grows past this, whatever the text (long runs of spaces, no sentence ends).
HARD_MAX = 3_000
_BULLET = re.compile(r"^[ \t]*(?:[-*•▪‣◦–]|\d{1,3}[.)])[ \t]+\S", re.M)
_LINE_END = re.compile(r"[.?!…:;\"'”’)\]]$")
_WRAPPED_LINE_MIN = 30


def readable_units(text: str, passages: list[PassageDraft]) -> list[PassageDraft]:
    """`passages` with bulleted lists split per bullet and overlong passages split smaller.

    Every piece keeps the passage's speaker; the first keeps its metadata. Pieces are spans of
    `text` that start and end on non-space characters, so offsets stay exact.
    """
    out: list[PassageDraft] = []
    for passage in passages:
        start, end = passage.start, passage.end
        if end - start <= SPLIT_ABOVE and text.find("\n", start, end) < 0:
            out.append(passage)  # the common case, kept cheap: one short paragraph
            continue
        spans = _pieces(text, start, end)
        if len(spans) == 1:
            out.append(passage)
            continue
        for i, (start, end) in enumerate(spans):
            meta = passage.meta if i == 0 else {}
            out.append(PassageDraft(start, end, passage.speaker, dict(meta)))
    return out


def _pieces(text: str, start: int, end: int) -> list[tuple[int, int]]:
    short = end - start <= SPLIT_ABOVE
    if short and not _BULLET.search(text, start, end):
        return [(start, end)]
    lines = _line_spans(text, start, end)
    bullets = [i for i, (s, e) in enumerate(lines) if _BULLET.match(text, s, e)]
    if len(bullets) >= 2 and len(bullets) * 10 >= len(lines) * 3:  # a list, not "8." wrapped
        return [p for s, e in _bullet_groups(lines, bullets) for p in _sized(text, s, e)]
    if short:
        return [(start, end)]
    if len(lines) > 1 and not _wrapped(text, lines):
        return [p for s, e in lines for p in _sized(text, s, e)]
    return _sized(text, start, end)


def _line_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    spans = []
    pos = start
    while pos < end:
        stop = text.find("\n", pos, end)
        stop = end if stop < 0 else stop
        spans.extend(_trimmed(text, pos, stop))
        pos = stop + 1
    return spans


def _bullet_groups(lines: list[tuple[int, int]], bullets: list[int]) -> list[tuple[int, int]]:
    """Text before the first bullet, then each bullet with its continuation lines."""
    cuts = sorted({0, *bullets})
    groups = []
    for n, first in enumerate(cuts):
        last = (cuts[n + 1] if n + 1 < len(cuts) else len(lines)) - 1
        groups.append((lines[first][0], lines[last][1]))
    return groups


def _wrapped(text: str, lines: list[tuple[int, int]]) -> bool:
    """True for hard-wrapped prose: most lines stop mid-sentence at a similar width."""
    open_ends = sum(1 for s, e in lines if not _LINE_END.search(text, s, e))
    lengths = sorted(e - s for s, e in lines)
    return open_ends * 2 > len(lines) and lengths[len(lengths) // 2] >= _WRAPPED_LINE_MIN


def _sized(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """text[start:end] as pieces of about MIN_CHARS..MAX_CHARS, cut at sentence ends."""
    if end - start <= SPLIT_ABOVE:
        return [(start, end)]
    atoms = [a for s, e in _sentences(text, start, end) for a in _hard_split(text, s, e)]
    # Pieces of even size: the last one is not a stub.
    target = max(MIN_CHARS, (end - start) / -(-(end - start) // MAX_CHARS))
    pieces: list[tuple[int, int]] = []
    for s, e in atoms:
        if pieces:
            first, last = pieces[-1]
            size = e - first
            if (size <= MAX_CHARS and last - first < target) or (
                last - first < MIN_CHARS and size <= HARD_MAX
            ):
                pieces[-1] = (first, e)
                continue
        pieces.append((s, e))
    return pieces


def _sentences(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sentence spans (spaCy's rule-based sentencizer), trimmed of surrounding space."""
    doc = _sentencizer()(text[start:end])
    spans: list[tuple[int, int]] = []
    for sentence in doc.sents:
        spans.extend(_trimmed(text, start + sentence.start_char, start + sentence.end_char))
    return spans


def _hard_split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A sentence longer than MAX_CHARS cut at the last space before the limit (or at it)."""
    out = []
    while end - start > MAX_CHARS:
        cut = text.rfind(" ", start + MIN_CHARS, start + MAX_CHARS)
        cut = start + MAX_CHARS if cut < 0 else cut
        out.extend(_trimmed(text, start, cut))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    out.extend(_trimmed(text, start, end))
    return out


def _trimmed(text: str, start: int, end: int) -> list[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return [(start, end)] if start < end else []


@lru_cache(maxsize=1)
def _sentencizer() -> Any:
    # Imported here: only documents with very long turns pay for loading spaCy.
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    nlp.max_length = 100_000_000
    return nlp
