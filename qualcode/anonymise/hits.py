"""The span a detector reports: where an identifier is, its kind and how it is written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

# A character every match of the number detectors holds.
DIGIT = re.compile(r"\d")


@dataclass(frozen=True, order=True)
class Hit:
    """A span of text that looks like an identifier, with its kind (name, email, phone...)."""

    start: int
    end: int
    kind: str
    value: str


def lines_with(text: str, trigger: re.Pattern[str]) -> Iterator[tuple[int, int]]:
    """The stretches of whole lines of text holding a match of `trigger`, in text order."""
    found = trigger.search(text)
    while found is not None:
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end < 0 else end
        yield start, end
        found = trigger.search(text, end)


def matches(
    pattern: re.Pattern[str], text: str, trigger: re.Pattern[str]
) -> Iterator[re.Match[str]]:
    """What `pattern.finditer(text)` finds, for a pattern that never spans a line break and
    whose every match holds a match of `trigger`: only lines holding one are searched."""
    for start, end in lines_with(text, trigger):
        # Look-behinds still see the text before `start`; at `end` stands a line break.
        yield from pattern.finditer(text, start, end)
