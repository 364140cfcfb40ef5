"""Timestamps in transcripts: read as "HH:MM:SS.mmm", and a time alone on a line joined to the
line with the words."""

from __future__ import annotations

import re

_TIME = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TIME_ONLY = re.compile(rf"[\[(]?{_TIME}[\])]?")
_CUE_TIME = r"\d{1,2}:\d{1,2}(?::\d{1,2})?(?:[.,]\d{1,3})?"
_CUE_TIMES = re.compile(rf"(?P<begin>{_CUE_TIME})[ \t]*-->[ \t]*{_CUE_TIME}(?:[ \t].*)?")


def join_time_lines(lines: list[str]) -> list[str]:
    """A timestamp alone on a line (Google Meet, .sbv-style text) joins the next line with
    words, past blank lines (a Word file's paragraphs are read a blank line apart). A cue's
    timings ("0:0:3.560 --> 0:0:9.120": Teams' older Word transcripts, captions pasted into
    a document) count as its begin time, without the cue number above them."""
    if not any(_TIME_ONLY.fullmatch(x.strip()) or "-->" in x for x in lines):
        return lines
    out: list[str] = []
    number: int | None = None  # the last cue's number, while the cues are numbered in turn
    first = True
    for line in lines:
        stripped = line.strip()
        if cue := _CUE_TIMES.fullmatch(stripped):
            stripped = timestamp(cue.group("begin"))
            above = len(out) - 1 if out and out[-1] else len(out) - 2
            digits = out[above] if above >= 0 and out[above].isdecimal() else ""
            # The cue number above, not an answer ("How many?" "3") above unnumbered cues.
            if digits and (first or (number is not None and int(digits) == number + 1)):
                number = int(digits)
                del out[above:]
            else:
                number = None
            first = False
        if out and _TIME_ONLY.fullmatch(out[-1]) and not stripped:
            continue
        if out and _TIME_ONLY.fullmatch(out[-1]):
            out[-1] = f"{out[-1]} {stripped}"
        else:
            out.append(stripped)
    return out


def timestamp(raw: str) -> str:
    """ "0:13", "00:01:02", "1:02:03.5" as "HH:MM:SS.mmm"; "" for no time."""
    if not raw:
        return ""
    whole, _, fraction = raw.replace(",", ".").partition(".")
    parts = [int(p) for p in whole.split(":")]
    hours, minutes, seconds = ([0, *parts] if len(parts) == 2 else parts)[:3]
    millis = int((fraction + "000")[:3]) if fraction else 0
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}.{millis:03d}"
