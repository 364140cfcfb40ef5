"""Caption cues written into a document as turns: a cue's timings on one line, the speaker's
name alone on the next, then the words (Teams' older Word transcripts, captions pasted in)."""

from __future__ import annotations

import re

from qualcode.ingest.speaker_labels import capitalised, speaker_label

# Times to the millisecond, as captions give them ("0:0:3.560", "00:00:03,560"): a day's plan
# ("9:00 --> 10:30") quotes times too, but never to a fraction of a second.
_EXACT = r"\d{1,2}:\d{1,2}(?::\d{1,2})?[.,]\d{1,3}"
_TIMINGS = re.compile(rf"{_EXACT}[ \t]*-->[ \t]*{_EXACT}(?:[ \t].*)?")


def named_cues(lines: list[str]) -> int:
    """How many cues in `lines` have a turn's shape: exact timings with the arrow, a line that
    is only a name, then a line of words (blank lines between them aside). None do unless
    most cues have it: in captions pasted without names, a cue's first line may be a word
    or two ("Yes" above "we did"), never the first line of most cues."""
    filled = [line.strip() for line in lines if line.strip()]
    cues = named = 0
    for i, line in enumerate(filled):
        if not _TIMINGS.fullmatch(line):
            continue
        cues += 1
        if i + 2 < len(filled) and "-->" not in filled[i + 2] and _name_line(filled[i + 1]):
            named += 1
    return named if named * 2 > cues else 0


def _name_line(line: str) -> bool:
    """A line that is only a name ("Sara Lee", "Sara L."), not words ending a sentence."""
    last = line.split()[-1]
    if line.endswith(("?", "!", ",", ";", ":", "…")) or (line.endswith(".") and len(last) > 2):
        return False
    label = speaker_label(line)
    return label is not None and capitalised(label)
