"""Speaker labels mapped to roles or participant labels at import: the map and its use."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable

from qualcode.errors import QualcodeError
from qualcode.ingest.interviewer import WRITTEN_LABEL
from qualcode.ingest.segment import is_role
from qualcode.ingest.types import PassageDraft

ORIGINAL = WRITTEN_LABEL  # the label as written ("Sara") while the speaker is mapped
_MAX_ROLE = 200
# The account tags meeting tools add to a display name ("Sara Lee (Guest)" in Teams).
_ACCOUNT_TAG = re.compile(r"\s*\((?:guest|external|unverified)\)\s*$", re.IGNORECASE)


def parse_speaker_map(text: str) -> dict[str, str]:
    """ "Sara=Interviewer,BSR01=Interviewee 1" as {"Sara": "Interviewer", ...}.

    Raises QualcodeError naming the malformed item (no "=", an empty side, a label mapped
    twice, a role too long)."""
    mapping: dict[str, str] = {}
    for item in _items(text):
        label, sep, role = item.partition("=")
        label, role = " ".join(label.split()), " ".join(role.split())
        if not sep or not label or not role:
            raise QualcodeError(
                f"speakers: {item.strip()!r} is not LABEL=ROLE (e.g. 'Sara=Interviewer')"
            )
        if len(role) > _MAX_ROLE:
            raise QualcodeError(f"speakers: the role for {label!r} is over {_MAX_ROLE} characters")
        if mapping.get(label, role) != role:
            raise QualcodeError(f"speakers: {label!r} is mapped twice")
        mapping[label] = role
    return mapping


def _items(text: str) -> list[str]:
    """The LABEL=ROLE items of a map, commas apart; a comma inside a label joins its parts
    ("Lee, Sara=Interviewer": Teams and Zoom show directory names so), and one after the
    last "=" belongs to the last role ("Lee, Sara=Lee, Sara" undoes a mapping)."""
    items: list[str] = []
    pending: list[str] = []
    for piece in text.split(","):
        if not piece.strip():  # ",,": an empty item, refused, not part of the next label
            items.append(piece)
            continue
        pending.append(piece)
        if "=" in piece:
            items.append(",".join(pending))
            pending = []
    if pending and items and all(p.strip() for p in pending):
        items[-1] = ",".join([items[-1], *pending])
    elif pending:
        items.append(",".join(pending))
    return items


def label_key(label: str) -> str:
    """A speaker label as labels are matched: in any case and spacing, and without the
    account tag a meeting tool adds ("Sara Lee (Guest)" is "Sara Lee")."""
    return " ".join(_ACCOUNT_TAG.sub("", label).split()).casefold()


def role_lookup(mapping: dict[str, str]) -> dict[str, str]:
    """The map keyed by each label's key (label_key): labels match in any case."""
    return {label_key(label): role for label, role in mapping.items()}


def map_drafts(passages: Iterable[PassageDraft], mapping: dict[str, str]) -> list[PassageDraft]:
    """Passages with each mapped speaker label (any case) replaced by its role; the label as
    written is kept in the passage's meta."""
    roles = role_lookup(mapping)
    out = []
    for p in passages:
        role = roles.get(label_key(p.speaker)) if p.speaker else None
        if role is None or p.speaker is None or role == p.speaker:
            out.append(p)
        else:
            out.append(dataclasses.replace(p, speaker=role, meta={**p.meta, ORIGINAL: p.speaker}))
    return out


def mapped_labels(passages: Iterable[PassageDraft], mapping: dict[str, str]) -> set[str]:
    """The labels of `mapping` (as the user wrote them) that name a speaker of the passages."""
    found = {label_key(p.speaker) for p in passages if p.speaker}
    return {label for label in mapping if label_key(label) in found}


def private_labels(labels: Iterable[str]) -> list[str]:
    """Labels that may identify someone (not roles such as "Interviewer" or "Speaker 2")."""
    return [label for label in labels if not is_role(label)]
