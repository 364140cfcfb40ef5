"""Headings in researchers' notes, which end a speaker's turn: "Reflections", "Background"."""

from __future__ import annotations

import re

# Words of the headings researchers put over their own notes ("Reflections after the
# interview", "Researcher notes:", "Background"): under one, the text is not the last speaker's.
NOTES_HEADING_WORDS = frozenset(
    {
        *("notes", "note", "reflections", "reflection", "reflexive", "memo", "memos"),
        *("background", "context", "summary", "observations", "impressions", "debrief"),
        *("follow-up", "actions", "afterwards", "transcript", "interview", "fieldnotes"),
    }
)
_MAX_WORDS = 6
_MAX_CHARS = 60
# A short line without sentence punctuation (a colon may end it): a heading candidate, checked
# in Python. Turns and sentences fail here, in the regex engine: this runs on every import.
# Searched in "\n" + text: a pattern that starts with a literal is found fast.
_SHORT_LINE = re.compile(
    rf"\n([^\S\n]*[^\s.?!:,;…][^\n.?!:,;…]{{0,{_MAX_CHARS}}}:?)[ \t]*(?=\n|\Z)"
)
# A rule ("---", "* * *", "____") or a heading's underline ("=====").
_RULE = re.compile(r"[ \t]*(?:[-=_*][ \t]*){3,}")
_WORD = re.compile(r"[^\W\d_]+(?:['’\-][^\W\d_]+)*")


def notes_heading(line: str) -> bool:
    """True for a line that heads a researcher's notes: a few words, one of them a notes
    word, capitalised, ending with nothing or a colon ("My reflections", "Background:"); not
    a note in passing ("Note: she laughed") or a clause ("Background checks, mainly")."""
    plain = line.strip().strip("*_#").strip().removesuffix(":").strip("*_ \t")
    if not plain or not plain[0].isupper() or any(c in plain for c in ':,;.?!…"”)'):
        return False
    words = [w.lower().removesuffix("'s").removesuffix("’s") for w in _WORD.findall(plain)]
    return 0 < len(words) <= _MAX_WORDS and any(w in NOTES_HEADING_WORDS for w in words)


def notes_headings(text: str, start: int = 0) -> list[int]:
    """Offsets of the lines in text[start:] that end a turn in plain notes: a notes heading
    alone on its line after a blank line (or ending with a colon), a short line underlined
    with "----" or "====", and a rule line ("---", "***")."""
    found: list[int] = []
    for m in _SHORT_LINE.finditer("\n" + text, start):
        pos, line = m.start(1) - 1, m.group(1)
        if _RULE.fullmatch(line):
            above = text.rfind("\n", 0, max(pos - 1, 0)) + 1
            heading = text[above : pos - 1] if pos > 0 else ""
            at = above if heading.strip() and _underlined(text, above, heading) else pos
            if at >= start and (not found or found[-1] != at):
                found.append(at)  # "Reflections\n-----": the line above is the heading
        elif (
            notes_heading(line)
            and (pos == 0 or text.startswith("\n\n", pos - 2) or line.rstrip().endswith(":"))
            and not _continued(text, m.end() - 1)
        ):
            found.append(pos)
    return found


def _continued(text: str, line_end: int) -> bool:
    """True if the line ending at `line_end` runs on into a lower-case next line: a sentence
    wrapped ("Interview after interview / for the same contract."), not a heading."""
    following = text[line_end + 1 : line_end + 40].lstrip(" \t")
    return bool(following) and following[0].islower()


def _underlined(text: str, start: int, line: str) -> bool:
    """True if `line` (at `start`) is a short heading over an underline, not a sentence or a
    speaker's turn ("Participant: Thanks" above "---" is a turn, then a rule)."""
    stripped = line.strip()
    return (
        (start == 0 or text.startswith("\n\n", start - 2))
        and ":" not in stripped
        and len(stripped.split()) <= _MAX_WORDS
        and stripped[-1] not in ".?!…,;"
    )


def heading_end(text: str, pos: int) -> int:
    """The end of the heading line at `pos`, with its underline ("=====") if it has one."""
    end = text.find("\n", pos)
    if end < 0:
        return len(text)
    below = text.find("\n", end + 1)
    below = len(text) if below < 0 else below
    return below if _RULE.fullmatch(text, end + 1, below) else end
