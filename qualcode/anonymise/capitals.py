"""A regular-expression piece matching one capital letter of any cased script in the BMP."""

from __future__ import annotations

import re

LATIN_END = 0x250


def _capitals(first: int, stop: int) -> str:
    """The capital (and title-case) letters from `first` to before `stop`, as class ranges."""
    letters = [ord(c) for c in map(chr, range(first, stop)) if c.isupper() or c.istitle()]
    pieces: list[str] = []
    start = previous = letters[0]
    for code in [*letters[1:], -1]:
        if code != previous + 1:
            low, high = re.escape(chr(start)), re.escape(chr(previous))
            pieces.append(low if start == previous else f"{low}-{high}")
            start = code
        previous = code
    return "".join(pieces)


# Latin first, a small class that keeps English text fast; Greek, Cyrillic, Armenian and the
# other cased scripts are tried only on letters past Latin, so "Σωκράτης" or "Иван" start a
# word a name may begin with as "Ólafur" does.
CAPITAL = (
    rf"(?:[{_capitals(0, LATIN_END)}]"
    rf"|(?=[^\x00-\u024f])[{_capitals(LATIN_END, 0x10000)}])"
)
