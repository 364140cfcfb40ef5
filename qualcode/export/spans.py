"""Trimming coded spans into quotes: whole words, no speaker label, optional sentence context."""

from __future__ import annotations

import re

SENTENCE_BREAK = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+")
# After a label: a colon (in Markdown, maybe inside or after "**") or a tab ("I<tab>words").
_AFTER_LABEL = r"[*_]{0,2}(?:[ \t]*:[*_]{0,2}[ \t]*|\t[ \t]*)"
# After the speaker's own label, a spaced dash too ("Interviewer – How?"); not after any word
# ("Well - I think" keeps its first word).
_AFTER_SPEAKER = r"[*_]{0,2}(?:[ \t]*:[*_]{0,2}[ \t]*|\t[ \t]*|[ \t]+[-–—][ \t]+)"
LABEL = re.compile(
    rf"[ \t]*[*_]{{0,2}}(?:[A-Z][\w.'’\-]*(?:[ \t]+[A-Z][\w.'’\-]*){{0,3}}|[QA]){_AFTER_LABEL}"
)


def _in_word(text: str, index: int) -> bool:
    if index < 0 or index >= len(text):
        return False
    char = text[index]
    if char.isalnum() or char == "_":
        return True
    # An apostrophe or hyphen between letters belongs to the word ("Martin's", "drug-free").
    return (
        char in "'’-"
        and 0 < index < len(text) - 1
        and text[index - 1].isalnum()
        and text[index + 1].isalnum()
    )


def expand_to_words(text: str, start: int, end: int) -> tuple[int, int]:
    """The span widened so it neither starts nor ends inside a word, then stripped of spaces."""
    while start > 0 and _in_word(text, start - 1) and _in_word(text, start):
        start -= 1
    while end < len(text) and _in_word(text, end) and _in_word(text, end - 1):
        end += 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def body_start(text: str, passage_start: int, speaker: str | None) -> int:
    """Where a speaker turn's words begin, after its "Speaker:" label (if it has one)."""
    if speaker:
        # Any case: "ÓSCAR NÚÑEZ:" in the text is stored as the speaker "Óscar Núñez".
        prefix = re.compile(rf"[ \t]*[*_]{{0,2}}{re.escape(speaker)}{_AFTER_SPEAKER}", re.I)
        match = prefix.match(text, passage_start)
        if match:
            return match.end()
    match = LABEL.match(text, passage_start)
    if match and speaker is not None:
        return match.end()
    return passage_start


def strip_label(text: str, start: int, end: int, passage_start: int, speaker: str | None) -> int:
    """A quote start moved past the speaker label when the quote begins in it."""
    body = body_start(text, passage_start, speaker)
    if passage_start <= start < body:
        start = body
    while start < end and text[start].isspace():
        start += 1
    return start


def context_before(text: str, low: int, start: int, sentences: int) -> int:
    """Where N sentences of context before a quote start (not before low)."""
    if sentences <= 0 or start <= low:
        return start
    breaks = [m.end() for m in SENTENCE_BREAK.finditer(text, low, start)]
    # The sentence the quote starts in counts as one, so a quote mid-sentence gets its start.
    if breaks and breaks[-1] == start:
        breaks.pop()
    cut = len(breaks) - sentences
    return low if cut < 0 else breaks[cut]


def context_after(text: str, end: int, high: int, sentences: int) -> int:
    """Where N sentences of context after a quote end (not after high)."""
    if sentences <= 0 or end >= high:
        return end
    stops = [m.start() for m in SENTENCE_BREAK.finditer(text, end, high)]
    stops = [s for s in stops if s > end]
    if len(stops) >= sentences:
        position = stops[sentences - 1]
        while position < high and text[position] in "\"'”’)]":
            position += 1
        return position
    position = high
    while position > end and text[position - 1].isspace():
        position -= 1
    return position
