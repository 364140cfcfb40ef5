"""WebVTT as tools really write it, mended so that the parser drops none of its words."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
# A time to the millisecond, or with its hours: a cue's, not a day's plan ("9:00 - 10:30").
_EXACT = r"(?:(?:\d+:)?\d{1,2}:\d{1,2}[.,]\d{1,3}|\d+:\d{1,2}:\d{1,2})"
_SETTINGS = r"(?P<rest>(?:[ \t]+[\w-]+:\S+)*)[ \t]*"
_TIMING = re.compile(rf"[ \t]*(?P<begin>{_TIME})[ \t]*-->[ \t]*(?P<end>{_TIME})(?P<rest>.*)")
# A timing whose arrow a hand edit or converter mangled ("->", "- ->", "==>", "—>", "→"):
# only timings, maybe cue settings, on the line (not words that start with a time).
_LOOSE_TIMING = re.compile(
    rf"[ \t]*(?P<begin>{_TIME})[ \t]*(?:[-–—=~][ \t]*){{0,4}}[>→⟶⇒➔][ \t]*(?P<end>{_TIME})"
    + _SETTINGS
)
# One with no arrowhead left ("--", "–"): only between times a cue would have.
_HEADLESS_TIMING = re.compile(
    rf"[ \t]*(?P<begin>{_EXACT})[ \t]*(?:[-–—=~][ \t]*){{1,4}}(?P<end>{_EXACT})" + _SETTINGS
)
# A cue's timing line, readable or not: a cue's time, then an arrow, another time or nothing.
_TIMING_LIKE = re.compile(rf"[ \t]*{_EXACT}(?:[ \t]*(?:[-–—=~>→⟶⇒➔]|$)|(?=.*{_TIME}))")
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Blocks that are no cue text: comments, style sheets and regions.
_KEYWORD = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")


@dataclass
class MendedCaptions:
    """WebVTT text every cue of which webvtt-py reads; how many cues it has; what was not
    mended (one line each, naming the cue)."""

    text: str
    cues: int
    problems: list[str] = field(default_factory=list)


def mend_vtt(text: str) -> MendedCaptions:
    """`text` with every cue readable by webvtt-py.

    webvtt-py skips, without a word, a cue whose timings use a decimal comma or no
    milliseconds ("00:00:01,000", "00:00:01", as SubRip converters and hand edits leave
    them) and text after a blank line inside a cue; these timings are written the WebVTT
    way and such text joins the cue above it. A timing whose arrow was mangled is mended; one
    that cannot be read is dropped, its cue's words kept with the cue above, and said so.
    """
    blocks = _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    mended = MendedCaptions(blocks[0], 0)  # the "WEBVTT" header
    out = blocks[:1]
    after_cue = False
    for block in blocks[1:]:
        lines = block.strip("\n").split("\n")
        at = _timing_at(lines)
        timing = _mended_timing(lines[at]) if at is not None else None
        if at is not None and timing is not None:
            lines[at] = timing
            out.append("\n".join(lines))
            mended.cues += 1
            after_cue = True
        elif at is not None:
            words = [line for line in lines[at + 1 :] if line.strip()]
            cue = f"cue {lines[0].strip()}" if at else "a cue"
            broken = f'{cue} has unreadable timings ("{lines[at].strip()}")'
            if after_cue and words:
                out[-1] += "\n" + "\n".join(words)
                mended.problems.append(f"{broken}; its words are kept with the cue before it")
            else:
                mended.problems.append(f"{broken} and was left out")
        elif after_cue and not _KEYWORD.match(lines[0]):
            out[-1] += "\n" + "\n".join(line for line in lines if line.strip())
        else:
            out.append(block)
            after_cue = False
    mended.text = "\n\n".join(out)
    return mended


def mend_srt(text: str) -> str:
    """SubRip `text` with each mangled arrow in a cue's timing line (after its number) mended,
    as srt reads it ("00:00:05,000 -- 00:00:08,000" -> "00:00:05,000 --> 00:00:08,000")."""
    lines = text.split("\n")
    for i in range(1, len(lines)):
        number = lines[i - 1].strip().isdigit() and (i == 1 or not lines[i - 2].strip())
        if number and "-->" not in lines[i] and (timing := _mended_timing(lines[i])):
            lines[i] = timing.replace(".", ",")
    return "\n".join(lines)


def _timing_at(lines: list[str]) -> int | None:
    """Where a block's timing line is: its first line, or its second after a cue's
    identifier ("2", "0f1e/13-0"), which has no spaces."""
    for i, line in enumerate(lines[:2]):
        if "-->" in line:
            return i
        mangled = _TIMING_LIKE.match(line) or _LOOSE_TIMING.fullmatch(line)
        if mangled and (i == 0 or len(lines[0].split()) == 1):
            return i
    return None


def _mended_timing(line: str) -> str | None:
    m = _TIMING.fullmatch(line) or _LOOSE_TIMING.fullmatch(line) or _HEADLESS_TIMING.fullmatch(line)
    if m is None:
        return None
    return f"{_dotted(m.group('begin'))} --> {_dotted(m.group('end'))}{m.group('rest')}"


def _dotted(time: str) -> str:
    """ "00:00:01,000" and "00:00:01" as "00:00:01.000"."""
    whole, _, fraction = time.replace(",", ".").partition(".")
    return f"{whole}.{fraction or '000'}"
