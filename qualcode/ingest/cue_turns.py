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
    is only a name, then a line of words (blank lines between them aside)."""
    filled = [line.strip() for line in lines if line.strip()]
    count = 0
    for i, line in enumerate(filled[:-2]):
        if not _TIMINGS.fullmatch(line) or "-->" in filled[i + 2]:
            continue
        label = speaker_label(filled[i + 1])
        if label is not None and capitalised(label):
            count += 1
    return count
