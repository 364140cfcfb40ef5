"""Normalise a source's text as qualcode does, and carry character positions across.

Other tools count positions in the plain text exactly as they wrote it (CRLF line ends,
trailing spaces, decomposed accents...). qualcode keeps text normalised (see
ingest.decode.normalise_text), so each step here also records, for every character kept,
where it stood in the original; a selection's start and end then map with a binary search.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass

from qualcode.errors import QualcodeError
from qualcode.ingest.decode import _CONTROLS, _OTHER_LINE_BREAKS, normalise_text

Chars = list[tuple[str, int]]  # (character, position in the original text)


@dataclass(frozen=True)
class MappedText:
    """Normalised text and, for each of its characters, its position in the original text."""

    text: str
    origin: Sequence[int]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """The half-open span of the normalised text covering original [start, end)."""
        return bisect_left(self.origin, start), bisect_left(self.origin, end)


def map_text(raw: str) -> MappedText:
    """normalise_text(raw), with every kept character's original position."""
    expected = normalise_text(raw)
    if expected == raw:
        return MappedText(raw, range(len(raw)))
    # The same steps, in the same order, as normalise_text (whose patterns are reused).
    chars = _line_breaks(raw)
    chars = [(c, i) for c, i in chars if not _CONTROLS.match(c)]
    lines = _split_lines(chars)
    lines = [_rstrip(_nfc(line)) for line in lines]
    chars = _collapse_blank_lines(lines)
    chars = _strip(chars)
    text = "".join(c for c, _ in chars)
    if text != expected:  # normalise_text gained a step this module does not mirror
        raise QualcodeError("cannot map positions onto the normalised text (please report)")
    return MappedText(text, [i for _, i in chars])


def _line_breaks(raw: str) -> Chars:
    out: Chars = []
    for index, char in enumerate(raw):
        if char == "\r" and raw[index + 1 : index + 2] == "\n":
            continue
        out.append(("\n" if char in _OTHER_LINE_BREAKS else char, index))
    return out


def _split_lines(chars: Chars) -> list[Chars]:
    lines: list[Chars] = [[]]
    for char, index in chars:
        if char == "\n":
            lines.append([(char, index)])
        else:
            lines[-1].append((char, index))
    return lines


def _nfc(line: Chars) -> Chars:
    """NFC of one line: each starter with its combining marks composes in place."""
    text = "".join(c for c, _ in line)
    if unicodedata.is_normalized("NFC", text):
        return line
    out: Chars = []
    cluster: Chars = []
    for item in [*line, ("", -1)]:
        char = item[0]
        if cluster and (not char or unicodedata.combining(char) == 0):
            composed = unicodedata.normalize("NFC", "".join(c for c, _ in cluster))
            if len(composed) == len(cluster):
                out.extend((c, i) for c, (_, i) in zip(composed, cluster, strict=True))
            else:
                out.extend((c, cluster[0][1]) for c in composed)
            cluster = []
        cluster.append(item)
    if "".join(c for c, _ in out) != unicodedata.normalize("NFC", text):
        # Compositions across clusters (e.g. Hangul jamo): place the line at its start.
        first = line[0][1]
        return [(c, first) for c in unicodedata.normalize("NFC", text)]
    return out


def _rstrip(line: Chars) -> Chars:
    """A line without trailing spaces (its leading "\\n", if any, is kept)."""
    end = len(line)
    while end > 0 and line[end - 1][0].isspace() and not (end == 1 and line[0][0] == "\n"):
        end -= 1
    return line[:end]


def _collapse_blank_lines(lines: list[Chars]) -> Chars:
    """Join lines, keeping at most one blank line in a row."""
    out: Chars = []
    newlines = 0
    for line in lines:
        for char, index in line:
            newlines = newlines + 1 if char == "\n" else 0
            if newlines <= 2:
                out.append((char, index))
    return out


def _strip(chars: Chars) -> Chars:
    start, end = 0, len(chars)
    while start < end and chars[start][0].isspace():
        start += 1
    while end > start and chars[end - 1][0].isspace():
        end -= 1
    return chars[start:end]
