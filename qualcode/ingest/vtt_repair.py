"""WebVTT as tools really write it, mended so that the parser drops none of its words."""

from __future__ import annotations

import re

_TIME = r"(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?"
_TIMING = re.compile(rf"[ \t]*(?P<begin>{_TIME})[ \t]*-->[ \t]*(?P<end>{_TIME})(?P<rest>.*)")
# A timing whose arrow a hand edit or converter mangled ("->", "—>", "→"): only timings,
# maybe cue settings, on the line (not words that start with a time).
_LOOSE_TIMING = re.compile(
    rf"[ \t]*(?P<begin>{_TIME})[ \t]*(?:-{{1,2}}[ \t]?>|[–—]>|→)[ \t]*(?P<end>{_TIME})"
    r"(?P<rest>(?:[ \t]+[\w-]+:\S+)*)[ \t]*"
)
_BLANK_LINES = re.compile(r"\n[ \t]*\n")
# Blocks that are no cue text: comments, style sheets and regions.
_KEYWORD = re.compile(r"(?:NOTE|STYLE|REGION)(?:[ \t]|$)")


def mend_vtt(text: str) -> tuple[str, int]:
    """`text` with every cue readable by webvtt-py, and the number of cue blocks.

    webvtt-py skips, without a word, a cue whose timings use a decimal comma or no
    milliseconds ("00:00:01,000", "00:00:01", as SubRip converters and hand edits leave
    them) and text after a blank line inside a cue; these timings are written the WebVTT
    way and such text joins the cue above it.
    """
    blocks = _BLANK_LINES.split(text.replace("\r\n", "\n").replace("\r", "\n"))
    out = blocks[:1]  # the "WEBVTT" header
    cues = 0
    after_cue = False
    for block in blocks[1:]:
        lines = block.strip("\n").split("\n")
        timing = next(
            (i for i, x in enumerate(lines[:2]) if "-->" in x or _LOOSE_TIMING.fullmatch(x)), None
        )
        if timing is not None:
            lines[timing] = _mended_timing(lines[timing])
            out.append("\n".join(lines))
            cues += 1
            after_cue = True
        elif after_cue and not _KEYWORD.match(lines[0]):
            out[-1] += "\n" + "\n".join(line for line in lines if line.strip())
        else:
            out.append(block)
            after_cue = False
    return "\n\n".join(out), cues


def _mended_timing(line: str) -> str:
    m = _TIMING.fullmatch(line) or _LOOSE_TIMING.fullmatch(line)
    if m is None:
        return line
    return f"{_dotted(m.group('begin'))} --> {_dotted(m.group('end'))}{m.group('rest')}"


def _dotted(time: str) -> str:
    """ "00:00:01,000" and "00:00:01" as "00:00:01.000"."""
    whole, _, fraction = time.replace(",", ".").partition(".")
    return f"{whole}.{fraction or '000'}"
