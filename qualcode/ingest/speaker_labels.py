"""Whether a label beside a timestamp or in a caption can name a speaker, and how it reads."""

from __future__ import annotations

import re

from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.names import is_first_name
from qualcode.ingest.name_forms import starts_capital
from qualcode.ingest.segment import NOT_SPEAKER_WORDS, core_label, is_role, normalise_label

# Header and metadata words that never name a speaker, in any layout.
_NEVER_SPEAKERS = frozenset(
    {
        *("participants", "attendees", "speakers", "transcript", "transcription", "keywords"),
        *("summary", "date", "time", "meeting", "recording", "started", "stopped"),
    }
)
# Bracketed annotations that are not speakers ("[laughs] yes").
_ANNOTATIONS = frozenset(
    {
        *("laughs", "laughter", "laughing", "inaudible", "unclear", "crosstalk", "pause"),
        *("silence", "music", "noise", "applause", "coughs", "cough", "sighs", "overlap"),
        *("overlapping", "indistinct", "background", "redacted", "name", "organisation"),
        *("organization", "place", "overtalk", "overtalking"),
    }
)
_MAX_LABEL_WORDS = 4


def speaker_label(raw: str, *, bracketed: bool = False) -> str | None:
    """The normalised label if `raw` can name a speaker (a name or role, not a header word)."""
    label = normalise_label(raw.strip(" \t*_"))
    core = core_label(label)  # "Dr. Ade Bello (Guest)" is checked as "Dr Ade Bello"
    words = core.split()
    if not words or len(words) > _MAX_LABEL_WORDS or not any(c.isalpha() for c in core):
        return None
    lowered = [w.lower() for w in words]
    if any(w in _NEVER_SPEAKERS for w in lowered):
        return None
    if bracketed:  # "[id1] ...", "[Sara] ...": not "[laughs]" or "[inaudible 00:12]"
        numbered_id = re.fullmatch(r"[^\W\d_]{1,12}\d{1,4}", label) is not None
        if lowered[0].strip(".:") in _ANNOTATIONS or not (numbered_id or capitalised(label)):
            return None
        return label
    if not is_role(core) and any(w in NOT_SPEAKER_WORDS for w in lowered):
        return None
    return label


def capitalised(label: str) -> bool:
    """Every word of the name a label gives starts with a capital (or a digit), after a
    particle's apostrophe in "d'Souza"."""
    return all(starts_capital(w) for w in core_label(label).split())


def name_shaped(label: str) -> bool:
    """True when a label looks like a name, not an everyday word: one of its words is rare in
    English ("Ng", "Okafor", "王伟", "P03") or a given name ("jo", "Will"); "Plan", "funding"
    and "Phone Ringing" are not."""
    words = [w for w in core_label(label).split() if not w.isdigit()]
    return any(not is_common_word(w) or is_first_name(w) for w in words)
