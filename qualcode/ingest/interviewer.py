"""Which speakers are the interviewer: "Interviewer", "Int", "I", "Q", or a name mapped to one."""

from __future__ import annotations

import re

# Labels transcribers and services give the person asking the questions, in any case, with a
# number ("Interviewer 2") or a note in brackets ("Interviewer (SL)"). A personal name counts
# once `doc speakers --set "Sara=Interviewer"` (or `import --speakers`) maps it to the role.
INTERVIEWER_WORDS = frozenset(
    {"interviewer", "interviewers", "co-interviewer", "lead", "int", "intv", "iv", "i", "q"}
    | {"question", "questioner", "researcher", "facilitator", "moderator"}
)
_NOTE = re.compile(r"[(\[][^)\]]*[)\]]")
_NOISE = re.compile(r"[\d.:_]+")


def is_interviewer(speaker: str | None) -> bool:
    """True for an interviewer's turn: every word of the speaker label is an asker's word."""
    if not speaker:
        return False
    words = _NOISE.sub(" ", _NOTE.sub(" ", speaker)).casefold().split()
    return bool(words) and words != ["lead"] and all(w in INTERVIEWER_WORDS for w in words)


# A paragraph opening with someone else's label ("Priya: …") is that person's turn even where
# import carried the interviewer on (a name that speaks only once is not taken as a label).
_OPENING_LABEL = re.compile(r"\s*\**([^\W\d_][\w .'’-]{0,40}?)\**\s*:\s")


# Passage meta key holding the label as written ("Sara") while the speaker is mapped to a role.
WRITTEN_LABEL = "label"


def is_interviewer_turn(speaker: str | None, text: str, meta: dict[str, str] | None) -> bool:
    """True for a passage that is the interviewer speaking: its speaker is the interviewer and
    it does not open with another person's label (a mapped name's label as written counts as
    the interviewer's own)."""
    if not is_interviewer(speaker):
        return False
    opening = _OPENING_LABEL.match(text)
    if opening is None:
        return True
    label = opening.group(1).strip().casefold()
    written = str((meta or {}).get(WRITTEN_LABEL) or "")
    own = {(speaker or "").strip().casefold(), written.strip().casefold()}
    return label in own or is_interviewer(label)
