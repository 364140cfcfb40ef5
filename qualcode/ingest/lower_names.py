"""Display names people type in lower case ("lukas brandt  0:00", "ana d'souza  1:05") beside
a timestamp: speakers where the file's turns vouch for them."""

from __future__ import annotations

import re
from collections import Counter

from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.names import is_first_name
from qualcode.ingest.segment import core_label
from qualcode.ingest.speaker_labels import capitalised, speaker_label

_TURN_LINES = 3  # a conversation's few turns, not a time or two in notes


def lower_case_speakers(pattern: re.Pattern[str], lines: list[str], roster: list[str]) -> set[str]:
    """The labels not written in capitals on lines that start a turn under `pattern` (its
    "label" group) that are speakers: those a `SPEAKERS` roster lists; where three turn lines
    or more name two people or more, those that recur and look like a person's name; and
    once someone speaks twice, one said once that has a given name. Times in field notes
    ("arrival 9:15", "lunch 12:30", "tesco 10:00" twice) are no turns."""
    labels: Counter[str] = Counter()
    for line in lines:
        m = pattern.fullmatch(line.strip()) if any(c.isdigit() for c in line) else None
        if m and (label := speaker_label(m.group("label"))):
            labels[label] += 1
    lower = {label: n for label, n in labels.items() if not capitalised(label)}
    listed = {label for label in lower if label in roster}
    if labels.total() < _TURN_LINES or len(labels) < 2:
        return listed
    recurring = {label for label, n in lower.items() if n >= 2 and person_like(label)}
    if not recurring and all(n == 1 for label, n in labels.items() if label not in lower):
        return listed  # no one speaks twice
    once = {label for label, n in lower.items() if n == 1 and _given_name(label)}
    return listed | recurring | once


def _given_name(label: str) -> bool:
    return any(is_first_name(w) for w in core_label(label).split())


def person_like(label: str) -> bool:
    """A person's name in any case: a word of it is a given name ("lukas brandt", "jo"), or
    it has two words and one is rare in English ("d'souza-pereira, ana", "mokoena t")."""
    words = [w.strip(".") for w in core_label(label).split() if not w.isdigit()]
    rare = any(not is_common_word(w) for w in words)
    return _given_name(label) or (len(words) >= 2 and rare)
