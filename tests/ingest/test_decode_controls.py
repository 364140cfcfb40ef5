"""Control characters are found by a quick character check that sees exactly what the regex sees."""

from __future__ import annotations

import re
import sys

import pytest

from qualcode.ingest import decode
from qualcode.ingest.decode import normalise_text


@pytest.mark.parametrize(
    ("pattern", "characters"),
    [
        (decode._CONTROLS, decode._CONTROL_CHARS),
        (decode._BINARY_CONTROLS, decode._BINARY_CHARS),
    ],
    ids=["removed", "binary"],
)
def test_the_quick_check_covers_every_character_the_pattern_matches(
    pattern: re.Pattern[str], characters: tuple[str, ...]
) -> None:
    matched = {chr(c) for c in range(sys.maxunicode + 1) if pattern.match(chr(c))}
    assert set(characters) == matched


def test_each_control_character_is_removed_and_tabs_and_lines_kept() -> None:
    for character in decode._CONTROL_CHARS:
        assert normalise_text(f"Ana:{character} we\tlost\n\nit{character}") == "Ana: we\tlost\n\nit"
    assert normalise_text("No controls here: £5, naïve – “quoted”.") == (
        "No controls here: £5, naïve – “quoted”."
    )
