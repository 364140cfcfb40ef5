"""Sentences of a passage by cheap rules (no spaCy on the UI thread), for keyboard selection."""

from __future__ import annotations

import re

from qualcode.export.spans import SENTENCE_BREAK, body_start

# A full stop after one of these does not end a sentence ("Dr. Patel", "St. Mungo's").
ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "mx",
        "dr",
        "prof",
        "st",
        "rev",
        "sr",
        "jr",
        "vs",
        "approx",
        "dept",
        "govt",
        "cf",
        "fig",
        "vol",
        "ch",
        "pp",
        "est",
    ]
)
PARAGRAPH = re.compile(r"\n[ \t]*\n\s*")
WORD_BEFORE = re.compile(r"([\w.]+)[.]$")


def _ends_sentence(text: str, stop: int, next_start: int) -> bool:
    """Whether the break found at text[stop:next_start] really ends a sentence."""
    following = text[next_start : next_start + 1]
    if following.islower():  # "e.g. the", "approx. five": the sentence goes on
        return False
    head = text[max(0, stop - 12) : stop]
    word = WORD_BEFORE.search(head)
    if word is None:
        return True
    token = word.group(1).lower()
    if token in ABBREVIATIONS or token.replace(".", "") in {"eg", "ie"}:
        return False
    return not (len(token) == 1 and token.isalpha() and following.isupper())  # "J. Smith"


def sentence_spans(text: str, speaker: str | None = None) -> list[tuple[int, int]]:
    """(start, end) offsets of the sentences of a passage, its speaker label left out.

    Sentences end at . ! ? … (before closing quotes) followed by space, unless the next word
    starts in lower case or the stop belongs to an abbreviation or an initial, and at blank
    lines; single line breaks of hard-wrapped text do not end one.
    """
    start = body_start(text, 0, speaker)
    cuts = [start]
    for match in PARAGRAPH.finditer(text, start):
        cuts.append(match.end())
    for match in SENTENCE_BREAK.finditer(text, start):
        if _ends_sentence(text, match.start(), match.end()):
            cuts.append(match.end())
    cuts = sorted(set(cuts))
    spans: list[tuple[int, int]] = []
    for low, high in zip(cuts, [*cuts[1:], len(text)], strict=True):
        while low < high and text[low].isspace():
            low += 1
        while high > low and text[high - 1].isspace():
            high -= 1
        if high > low:
            spans.append((low, high))
    return spans
