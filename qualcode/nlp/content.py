"""Whether a passage is something to code: not a header, a metadata line or a bare "Yes."."""

from __future__ import annotations

import re

from qualcode.nlp.types import PassageText

# A turn of fewer words than this ("Yes.", "Thank you very much.", "Mm, right, OK.") says
# too little to code, so the review queue does not spend a coder's attention on it.
MIN_WORDS = 5
# A line with no speaker that is short and unpunctuated reads as a title or a header field
# ("Interview 7 — housing charity — 3 May 2024", "Notes: J. Smith, 12/03").
MAX_TITLE_WORDS = 8
MAX_FIELD_WORDS = 8
_WORD = re.compile(r"[^\W\d_]{2,}")
_FIELD = re.compile(r"^[^\W\d_][\w /()-]{0,40}:\s+\S")
_HEADING = re.compile(r"^(#{1,6}\s|\*\*[^*]+\*\*$|[-=*_]{3,}$)")
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)\]]*$")


def _is_field(line: str) -> bool:
    # "Date: 3 May 2024" is metadata; "Funding: we lost the contract after…" is a note.
    return (
        bool(_FIELD.match(line))
        and len(_WORD.findall(line)) <= MAX_FIELD_WORDS
        and not _SENTENCE_END.search(line)
    )


def is_content(passage: PassageText) -> bool:
    """True for passages worth coding; False for headers, metadata and very short turns."""
    body = passage.body.strip()
    if len(_WORD.findall(body)) < MIN_WORDS:
        return False
    if passage.speaker:
        return True
    lines = [line.strip() for line in body.splitlines() if line.strip()]
    if all(_HEADING.match(line) or _is_field(line) for line in lines):
        return False
    return not (
        len(lines) == 1
        and len(_WORD.findall(body)) <= MAX_TITLE_WORDS
        and not _SENTENCE_END.search(body)
    )
