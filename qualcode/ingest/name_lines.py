"""Transcripts exported without timestamps (Otter's "speaker names only"): a name alone on its
line, then that speaker's words."""

from __future__ import annotations

import re
from collections import Counter
from itertools import pairwise

from qualcode.ingest.layouts import Transcript, Turn, speakers_roster
from qualcode.ingest.segment import is_role
from qualcode.ingest.speaker_labels import capitalised, name_shaped, speaker_label

_MAX_WORDS = 4
_MAX_CHARS = 60
# A line that ends a sentence or starts a list, or holds a colon or a time, is no name line.
_NOT_A_NAME = re.compile(r"[.?!:;,\"“”…]$|^[-*•#>]|\d:\d|[=|<>]")
_FOOTER = re.compile(r"transcribed by https?://\S+", re.I)
_SHARE = 0.6  # turns start at least this share of the paragraphs after the first turn


def name_line_transcript(lines: list[str]) -> Transcript | None:
    """The transcript in `lines` if most of their paragraphs are turns that open with a name
    alone on its line, the words below it (or in the paragraphs below, as in a Word file).

    A name line is short (up to four words), capitalised and looks like a name (a word rare
    in English or a given name: "Grace Adeyemi-Brown", "Speaker 2"), not a heading such as
    "Funding" or "Background". Someone must speak twice (or a `SPEAKERS` roster list the
    names), and turns alternate between two people or more, so that notes with a person's
    name over each section ("Grace Adeyemi", "Siobhan O'Neill") stay notes.
    """
    listed = speakers_roster(lines)
    starts = _name_lines(lines, listed)
    if not starts:
        return None
    labels = [label for _, label in starts]
    if len(set(labels)) < 2 or not (listed or max(Counter(labels).values()) >= 2):
        return None
    if sum(1 for a, b in pairwise(labels) if a == b) * 5 > len(labels):
        return None  # the same name over section after section: headings
    if len(starts) < _SHARE * _paragraph_starts(lines, starts[0][0]) / _per_turn(lines, starts):
        return None
    return _parse(lines, dict(starts), listed)


def _name_lines(lines: list[str], listed: list[str]) -> list[tuple[int, str]]:
    """(line index, label) of each paragraph's first line that is a name with words below
    (under a roster, a name it lists or a role)."""
    found: list[tuple[int, str]] = []
    for i, line in enumerate(lines):
        if (i > 0 and lines[i - 1].strip()) or not line.strip():
            continue  # not a paragraph's first line
        label = _name(line)
        if label is None or (listed and label not in listed and not is_role(label)):
            continue
        below = next((x for x in lines[i + 1 : i + 3] if x.strip()), "")
        if below and _name(below) is None:
            found.append((i, label))
    return found


def _name(line: str) -> str | None:
    """The label if `line` is a name alone ("Grace Adeyemi-Brown", "Speaker 1")."""
    text = line.strip()
    if len(text) > _MAX_CHARS or not text[:1].isalpha():
        return None
    if len(text) > _MAX_CHARS or len(text.split()) > _MAX_WORDS or _NOT_A_NAME.search(text):
        return None
    label = speaker_label(text)
    if label is None or not (is_role(label) or (capitalised(label) and name_shaped(label))):
        return None
    return label


def _paragraph_starts(lines: list[str], first: int) -> int:
    """How many paragraphs start from line `first` on (the footer aside)."""
    return sum(
        1
        for i in range(first, len(lines))
        if lines[i].strip()
        and (i == 0 or not lines[i - 1].strip())
        and not _FOOTER.fullmatch(lines[i].strip())
    )


def _per_turn(lines: list[str], starts: list[tuple[int, str]]) -> float:
    """Paragraphs a turn opens with: one where the words follow the name on the next line
    (Otter's .txt), two where a blank line comes between (a Word file's paragraphs)."""
    apart = sum(1 for i, _ in starts if i + 1 < len(lines) and not lines[i + 1].strip())
    return 2.0 if apart * 2 > len(starts) else 1.0


def _parse(lines: list[str], starts: dict[int, str], listed: list[str]) -> Transcript:
    header: list[str] = []
    turns: list[Turn] = []
    labels: dict[str, None] = dict.fromkeys(listed)
    for i, line in enumerate(lines):
        if i in starts:
            speaker = starts[i]
            labels[speaker] = None
            if turns and turns[-1].speaker == speaker:
                turns[-1].paragraphs.append([])
            else:
                turns.append(Turn(speaker))
        elif _FOOTER.fullmatch(line.strip()):
            turns.append(Turn(None))  # Otter's footer stands alone
            turns[-1].add(line)
            turns.append(Turn(None))
        elif turns:
            turns[-1].add(line)
        else:
            header.append(line)
    layout = "otter" if listed or any(_FOOTER.fullmatch(x.strip()) for x in lines) else "names"
    return Transcript.of_turns(layout, header, turns, list(labels))
