"""Speakers as exports show them: the participant by label, anyone else as "Speaker N"."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence

from qualcode.anonymise.redactor import Redaction
from qualcode.anonymise.terms import NOTE, Entry, is_role_speaker, name_parts, normalise
from qualcode.ingest.interviewer import is_interviewer_turn
from qualcode.ingest.segment import is_role
from qualcode.ingest.speaker_map import ORIGINAL
from qualcode.store.models import Document, Passage
from qualcode.store.transcripts import PassageRow

OWN_KINDS = ("name", "alias")
# What may stand before a label on its line (a timestamp, bullet or bold) and what follows it:
# "Sara Lee: …", "Sara Lee  00:13", "Sara Lee (00:01):", "[00:00:12] Sara Lee: …", "**Sara**",
# "Sara Lee – …".
BEFORE = r"(?:[ \t]*(?:\[[\d:.,]+\]|[\d:.,]+|[-*•>]+)?[ \t]*\**)"
AFTER = r"(?=\**[ \t]*(?::|\(|\[|\d{1,2}:\d{2}|-->|$)|[ \t]+[-–—][ \t])"


def is_role_label(label: str) -> bool:
    """True for a speaker label naming a role ("Interviewer", "Answer", "Speaker 2"), as either
    the registry or import reads it."""
    return is_role_speaker(label) or is_role(label)


def speaker_names(
    document: Document, passages: Sequence[Passage | PassageRow] | None = None
) -> dict[str, str]:
    """Each personal speaker label in a document -> how exports show it: the participant's label
    when it is (part of) their registered name, the role or label it was mapped to at import
    or with `doc speakers` ("Sara Lee" -> "Interviewer"), else "Speaker 1", "Speaker 2"… in
    order of first turn. Role labels ("Interviewer", "Q") are left as they are. `passages`: the
    document's, when already read."""
    participant = document.participant
    own = (
        [_name_words(i.value) for i in participant.identifiers if i.kind in OWN_KINDS]
        if participant is not None
        else []
    )
    shown: dict[str, str] = {}
    mapped: dict[str, str] = {}  # a label as written -> the label it was mapped to
    for passage in document.passages if passages is None else passages:
        label = (passage.speaker or "").strip()
        written = str((passage.meta or {}).get(ORIGINAL) or "").strip()
        if written and written != label and not is_role_label(written):
            mapped.setdefault(written, label)
        if not label or label in shown or is_role_label(label):
            continue
        words = _name_words(label)
        if participant is not None and words and any(words <= name for name in own):
            shown[label] = participant.label
        else:
            numbered = [*shown.values(), *mapped.values()]
            shown[label] = f"Speaker {sum(v.startswith('Speaker ') for v in numbered) + 1}"
    # The written label shows as the speaker it was mapped to is shown: a role as it is, a
    # name ("LB=Lukas Brandt") by that name's stand-in, never the name itself.
    return {**{w: shown.get(label, label) for w, label in mapped.items()}, **shown}


def _name_words(value: str) -> set[str]:
    """The words of a name that identify ("Mrs Yvonne Achterberg" and "Achterberg, Yvonne
    (Justice Dept)" both give {"yvonne", "achterberg"})."""
    return {normalise(w) for w in name_parts(Entry("name", NOTE.sub(" ", value)))}


def label_spans(text: str, shown: dict[str, str]) -> list[Redaction]:
    """Where a speaker label opens a line of the text, as redactions showing its stand-in."""
    spans: list[Redaction] = []
    for label, stand_in in shown.items():
        words = r"[ \t\u00a0]+".join(re.escape(w) for w in label.split())
        pattern = re.compile(rf"(?m)^{BEFORE}({words}){AFTER}", re.IGNORECASE)
        spans += [Redaction(m.start(1), m.end(1), stand_in) for m in pattern.finditer(text)]
    return sorted(spans)


def with_labels(found: list[Redaction], labels: list[Redaction]) -> list[Redaction]:
    """Redactions with speaker labels in place of what covered only a label; a redaction that
    runs beyond a label wins over it, so nothing is left uncovered."""
    kept: list[Redaction] = []
    dropped: set[Redaction] = set()
    for redaction in found:
        over = [x for x in labels if x.start < redaction.end and redaction.start < x.end]
        if over and all(x.start <= redaction.start and redaction.end <= x.end for x in over):
            continue
        kept.append(redaction)
        dropped.update(over)
    return sorted(kept + [x for x in labels if x not in dropped])


def without_interviewer(
    passages: Sequence[Passage | PassageRow], start: int, end: int
) -> tuple[int, int] | None:
    """The span with the interviewer's turns at either end taken off, so a question is never
    quoted as the participant's words; None when only interviewer turns are left. Passages
    are in text order; a question between two answers stays, with its label."""
    first = max(0, bisect_right([p.start for p in passages], start) - 1)
    inside = []
    for passage in passages[first:]:
        if passage.start >= end:
            break
        if passage.end > start:
            inside.append(passage)
    kept = list(inside)
    while kept and is_interviewer_turn(kept[0].speaker, kept[0].text, kept[0].meta):
        kept.pop(0)
    while kept and is_interviewer_turn(kept[-1].speaker, kept[-1].text, kept[-1].meta):
        kept.pop()
    if not kept:
        return (start, end) if not inside else None
    return max(start, kept[0].start), min(end, kept[-1].end)
