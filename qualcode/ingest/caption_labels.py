"""Speaker labels at the start of a caption line: "Name: words" and "[Name] words"."""

from __future__ import annotations

import re

from qualcode.ingest.caller_names import caller_label
from qualcode.ingest.segment import (
    SERVICE_LABEL,
    classify_label,
    core_label,
    is_role,
    normalise_label,
)
from qualcode.ingest.speaker_labels import capitalised, name_shaped, speaker_label

_LINE_LABEL = re.compile(
    rf"[*_]{{0,2}}(?P<label>{SERVICE_LABEL})[*_]{{0,2}}[ \t]*:[*_]{{0,2}}[ \t]+"
)
_BRACKETED = re.compile(r"\[(?P<label>[^\[\]\n]{1,40})\]:?(?:[ \t]+|$)")
# The kind of a label that names a speaker only if it recurs (lower case, caseless, bracketed).
RECURRING = "a speaker if it recurs"
# The kind of a caller's address, number or device ("447700900777:"): a speaker even once.
CALLER = "a caller"


def line_label(text: str) -> tuple[str, str, int] | None:
    """(label, kind, where the words start) for a caption line starting "Name: " (or a
    caller's "ana@example.org: ", "+44 7700 900777: ", "Ana's iPhone: ")."""
    if (caller := caller_label(text)) is not None:
        return caller[0], CALLER, caller[1]
    m = _LINE_LABEL.match(text)
    if m is None:
        return None
    classified = _classify(m.group("label"))
    if not classified and (lower := speaker_label(m.group("label"))):
        # lower case or caseless ("王伟"): a display name if it recurs
        classified = None if any(c.isupper() for c in lower) else (lower, RECURRING)
    return (*classified, m.end()) if classified else None


def bracketed_label(text: str) -> tuple[str, str, int] | None:
    """(label, kind, where the words start) for a caption line starting "[Name]"."""
    m = _BRACKETED.match(text)
    label = speaker_label(m.group("label"), bracketed=True) if m else None
    if m is None or label is None:
        return None
    role = (classified := _classify(label)) is not None and is_role(label)
    return label, classified[1] if classified and role else RECURRING, m.end()


def names_once(label: str, shapes: set[tuple[int, bool]]) -> bool:
    """Whether a label opening a single cue of labelled captions names someone: a role,
    initials ("SO"), a name-shaped label ("jo", "Tom Ng"), or one in the shape of the file's
    other speakers' labels (`shapes`: "Cook" among "Sara:" and "Owen:") — not an everyday word
    at the start of a sentence ("Plan: we'll meet again" among "Sara Lee:" labels)."""
    initials = len(label) == 2 and label.isalpha() and label.isupper()
    return is_role(label) or initials or name_shaped(label) or label_shape(label) in shapes


def label_shape(label: str) -> tuple[int, bool]:
    """How many words a label's name has, and whether they are capitalised ("Sara Lee": two,
    capitalised; "jo": one, not)."""
    return len(core_label(label).split()), capitalised(label)


def _classify(raw: str) -> tuple[str, str] | None:
    """classify_label for a display name ("Dr. Ade Bello", "Lee, Sara (Guest)"): checked
    without its dots, commas, particles and bracketed note, kept whole."""
    core = core_label(raw)
    classified = classify_label(core) if core else None
    return (normalise_label(raw), classified[1]) if classified else None
