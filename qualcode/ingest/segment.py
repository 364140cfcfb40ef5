"""Split normalised text into passages: speaker turns, and the paragraphs within each turn."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache

from qualcode.ingest.headings import heading_end, notes_headings
from qualcode.ingest.name_forms import DISPLAY_NAME, display_name_starts, is_citation, name_like
from qualcode.ingest.types import PassageDraft


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# Roles that mark a turn wherever they start a line ("Interviewer:", "Q:", "Speaker 2:").
TURN_ROLES = _words(
    "interviewer interviewee respondent participant facilitator researcher moderator speaker"
    " co-interviewer notetaker note-taker interpreter translator q a i r p iv ie int resp res"
)
# Words of header lines listing people ("Participants: ...", "SPEAKERS"): never a turn.
HEADER_WORDS = _words(
    "participants attendees speakers interviewers interviewees respondents researchers present"
)
# Words that make up role labels ("Unknown speaker", "Staff member"): never personal names.
ROLE_WORDS = (
    TURN_ROLES
    | HEADER_WORDS
    | _words(
        "speakers unknown unidentified inaudible guest host chair observer question answer male"
        " female voice other all both everyone audience group member staff manager panel"
    )
)
# Words starting "Word:" lines in notes that name no speaker ("Note:", "Date:", "Background:").
NOT_SPEAKER_WORDS = _words(
    "note notes nb ps date time location place venue duration length re subject summary action"
    " actions tasks todo to-do update warning caution important tip example source sources see"
    " also keywords tags code codes status total step part section chapter page figure table"
    " appendix item point points key next follow follow-up main general misc background context"
    " overview introduction intro conclusion conclusions recommendation recommendations finding"
    " findings theme themes topic topics issue issues agenda attendees present apologies purpose"
    " aim aims objective objectives outcome outcomes comment comments observation observations"
    " quote quotes reflection reflections memo prompt prompts probe probes response title name"
    " organisation organization role position job sector type interview recording transcript"
    " transcription ref reference fwd cc bcc from to sent attachment attachments tel phone mobile"
    " fax email e-mail web website url address contact yes no ok okay so well and but the this"
    " that these those there here what why how when where who which it we they he she you my our"
    " their his her its in on at for with by of if as then now today yesterday tomorrow monday"
    " tuesday wednesday thursday friday saturday sunday morning afternoon evening warning error"
    " definition inclusion exclusion criteria"
)

_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"
# A speaker label: one to three words, optionally numbered ("Mark Davies", "Speaker 2", "P1").
LABEL = rf"{_WORD}(?:[ \t]+{_WORD}){{0,2}}(?:[ \t]*\d{{1,3}})?"
# A label that a timestamp or a caption cue vouches for, in the shapes services print display
# names in: titles and initials ("Dr. Ade Bello", "Sara L."), particles ("Maria de la Cruz"),
# directory names ("Lee, Sara") and a bracketed note ("Sara Lee (Guest)", "(she/her)").
SERVICE_LABEL = (
    rf"{_WORD}\.?(?:,?[ \t]+{_WORD}\.?){{0,5}}(?:[ \t]*\d{{1,3}})?"
    r"(?:[ \t]+\([^()\n]{1,40}\))?"
)
_PARTICLES = _words(
    "de da del della der den di du la le van von ter ten bin binti ibn al el y dos das"
)
_LABEL_NOTE = re.compile(r"[ \t]*\([^()\n]*\)$")
# A note after a label in notes: "Interviewer (SL):", "Participant 3 (Manager):".
_NOTE = r"(?:[ \t]+\([^()\n]{1,40}\))?"
_TIME = r"(?:[\[(]?\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?[\])]?[ \t]+)?"
# A label at a line start: its words are spaces apart, as a tab ends it ("R<tab>Six years.").
_LINE_LABEL = rf"{_WORD}(?: +{_WORD}){{0,2}}(?: *\d{{1,3}})?"
# A line start (the text is searched with "\n" prepended): a markdown heading or "Label:".
_START = re.compile(
    r"\n(?:(?P<heading>#{1,6}[ \t]|Transcribed by https?://)"  # a heading, or Otter's footer
    rf"|[ \t]*{_TIME}[*_]{{0,2}}(?P<label>{_LINE_LABEL}{_NOTE})[*_]{{0,2}}"
    r"(?:[ \t]*(?P<punct>[:.])[*_]{0,2}(?=[ \t\n]|\Z)|(?P<tab>\t)"  # "I<tab>words" too
    r"|[ \t]+(?P<dash>[-–—])[ \t]+(?=\S)))"  # "Interviewer – words"
)
# A paragraph: a run of lines with non-space text, from its first non-space character.
_PARAGRAPH = re.compile(r"\S[^\n]*(?:\n[^\S\n]*\S[^\n]*)*")
_DIGITS = re.compile(r"[ \t]*\d+$")
_BARE_LABEL_MAX = 80
_BARE_LABEL = re.compile(
    rf"[ \t]*{_TIME}[*_]{{0,2}}(?:{LABEL}|{DISPLAY_NAME}){_NOTE}[*_]{{0,2}}[ \t]*[:.][*_]{{0,2}}"
)

_ROLE, _NAME, _DOTTED, _HEADING = "role", "name", "dotted", "heading"
_INITIALS = "initials"  # "TO:", "SO:": capitals that are also a stop-listed word
_NOTE_MARKS = frozenset({"NB", "PS", "RE", "CC"})  # never anyone's initials here
_MAYBE = frozenset({_NAME, _INITIALS})  # labels that are turns in a dialogue, even once
# A name before a spaced dash ("Sara – words"): a turn if it recurs in a dialogue, where
# "Well - I think" and "Funding - grants" in notes are not.
_DASHED = "dashed"
_NONE: frozenset[str] = frozenset()


def normalise_label(raw: str) -> str:
    """Collapse spaces; all-capital labels longer than two letters become title case."""
    label = " ".join(raw.split())
    letters = [c for c in label if c.isalpha()]
    if len(letters) > 2 and all(c.isupper() for c in letters):
        label = label.title()
    return label


def core_label(label: str) -> str:
    """The name a service label gives, to check like any label: no bracketed note, commas,
    dots or lower-case particles ("Dr. Maria de la Cruz (she/her)" -> "Dr Maria Cruz")."""
    words = _LABEL_NOTE.sub("", label).replace(",", " ").replace(".", " ").split()
    return " ".join(w for w in words if w not in _PARTICLES)


def is_role(label: str) -> bool:
    """True for role labels such as "Interviewer", "Q", "Speaker 2", "Unknown speaker"."""
    words = _DIGITS.sub("", _LABEL_NOTE.sub("", label)).lower().split()
    return bool(words) and all(w in ROLE_WORDS for w in words)


@lru_cache(maxsize=4096)
def classify_label(raw: str, punct: str = ":") -> tuple[str, str] | None:
    """(normalised label, kind) when `raw` followed by `punct` can start a turn, else None.

    Kinds: "role" (always a turn), "name" (a name or lesser role such as "Chair": a turn if the
    label recurs), "dotted" ("Q." / "A.": turns if such starts recur). Every word must be
    capitalised; a stop-listed word ("Note", "Date", "Background") rules a label out.
    """
    label = normalise_label(raw)
    words = _LABEL_NOTE.sub("", label).split()  # "Interviewer (SL)" checked as "Interviewer"
    if not words or not all(w[0].isupper() or w.isdigit() for w in words) or is_citation(label):
        return None  # "Okafor (2021):" cites an author
    if punct == ".":
        return (label, _DOTTED) if _DIGITS.sub("", label) in ("Q", "A") else None
    if any(w.lower() in HEADER_WORDS for w in words):
        return None
    if is_role(label):
        return label, (_ROLE if words[0].lower() in TURN_ROLES else _NAME)
    if any(w.lower() in NOT_SPEAKER_WORDS for w in words) or words[-1].isdigit():
        initials = len(label) == 2 and label.isupper() and label not in _NOTE_MARKS
        return (label, _INITIALS) if initials and label.isalpha() else None
    return label, _NAME


def accepted_labels(candidates: Iterable[tuple[str, str]]) -> set[str]:
    """The labels among (label, kind) candidates that really mark turns (see classify_label)."""
    items = list(candidates)
    names = Counter(label for label, kind in items if kind == _NAME)
    dotted = sum(1 for _, kind in items if kind == _DOTTED)
    return {
        label
        for label, kind in items
        if kind == _ROLE
        or (kind == _NAME and names[label] >= 2)
        or (kind == _DOTTED and dotted >= 2)
    }


def starts_role_turn(line: str) -> bool:
    """True if the line starts with a role label that always marks a turn ("Interviewer: ...")."""
    m = _START.match("\n" + line)
    if m is None or m.group("heading"):
        return False
    classified = _classified(m)
    return classified is not None and classified[1] == _ROLE


def _classified(m: re.Match[str]) -> tuple[str, str] | None:
    """(label, kind) of a line start's label (see classify_label); after a spaced dash, a
    role is a role ("Interviewer – How?") and a name is "dashed"."""
    classified = classify_label(m.group("label"), m.group("punct") or ":")
    if classified is None or not m.group("dash"):
        return classified
    label, kind = classified
    return (label, _ROLE) if kind == _ROLE else (label, _DASHED) if kind == _NAME else None


def segment(
    text: str, header_end: int = 0, named: Iterable[str] = (), *, headings: Iterable[int] = ()
) -> list[PassageDraft]:
    """Passages of `text`: each paragraph of each speaker turn, in order, covering all text.

    A passage spans from its first to its last non-space character; a turn's first passage
    includes its "Speaker:" label. Text before the first turn, headings and text without any
    speaker labels give paragraphs with speaker None; so does text[:header_end] (a metadata
    header, whose "Interviewer: A. Name" lines are not turns). `named` labels (a table's
    speaker column) are turns even once. A heading ends a turn: a markdown one, a notes
    heading ("Reflections", see headings), or one at an offset in `headings` (a Word file's
    Heading styles); the text under it is no one's until a label.
    """
    start = max(header_end, 0)
    heads = {pos for pos in (*headings, *notes_headings(text, start)) if pos >= start}
    found: list[tuple[int, str, str]] = []
    for m in _START.finditer("\n" + text, start):
        pos = m.start()  # index in `text` of the line start (the prepended "\n" shifts by one)
        if m.group("heading"):
            heads.add(pos)
            continue
        classified = _classified(m)
        if classified is not None and pos not in heads:
            found.append((pos, *classified))
    found = _with_display_names(text, header_end, found)
    if heads:
        labels = [f for f in found if f[0] not in heads]
        found = sorted([*labels, *((pos, "", _HEADING) for pos in heads)], key=lambda f: f[0])
    accepted = accepted_labels((label, kind) for _, label, kind in found if kind != _HEADING)
    accepted |= set(named).intersection(label for _, label, _ in found)
    pending = {k for _, lb, k in found if k in _MAYBE and lb not in accepted}
    if pending and (len(accepted) >= 2 or (accepted and _INITIALS in pending)):
        accepted |= _dialogue_labels(text, header_end, found, accepted)
    elif pending and accepted:  # "Interviewer:" and a participant who speaks once, by name
        said_once = _dialogue_labels(text, header_end, found, accepted)
        accepted |= {label for label in said_once if name_like(_LABEL_NOTE.sub("", label))}
    dashed = Counter(label for _, label, kind in found if kind == _DASHED)
    recurring = {label for label, n in dashed.items() if n >= 2}
    if recurring and _dialogue_starts(text, header_end, found, accepted | recurring, _NONE):
        accepted |= recurring
    passages: list[PassageDraft] = []
    block_start, speaker = 0, None
    for pos, label, kind in found:
        if kind == _HEADING:
            line_end = heading_end(text, pos)
            _paragraphs(text, block_start, pos, speaker, passages)
            _paragraphs(text, pos, line_end, None, passages)
            block_start, speaker = line_end, None
        elif label in accepted:
            _paragraphs(text, block_start, pos, speaker, passages)
            block_start, speaker = pos, label
    _paragraphs(text, block_start, len(text), speaker, passages)
    return passages


def _with_display_names(
    text: str, header_end: int, found: list[tuple[int, str, str]]
) -> list[tuple[int, str, str]]:
    """`found` with the lines that start with a display name in a shape of its own
    ("Achterberg, Yvonne:", "Yvonne A.:", "Maria de la Cruz:"): names that are turns if they
    recur, or in a dialogue (see name_forms)."""
    if ":" not in text:
        return found
    taken = {pos for pos, _, _ in found}
    more = [
        (pos, label, _NAME)
        for pos, label, plain in display_name_starts(text, max(header_end, 0), taken)
        if (kind := classify_label(plain)) is not None and kind[1] == _NAME
    ]
    return sorted([*found, *more], key=lambda f: f[0]) if more else found


def _dialogue_labels(
    text: str, header_end: int, found: list[tuple[int, str, str]], accepted: set[str]
) -> set[str]:
    """Name labels that start a paragraph of a dialogue, even once.

    A text is a dialogue when most of its paragraphs from the first turn on (its lines, if it
    has no blank lines) start with a speaker label; there a name that speaks once is still a
    speaker.
    """
    starts = _dialogue_starts(text, header_end, found, accepted, _MAYBE)
    return {label for label, kind in starts if kind in _MAYBE}


def _dialogue_starts(
    text: str,
    header_end: int,
    found: list[tuple[int, str, str]],
    labels: set[str],
    kinds: frozenset[str],
) -> list[tuple[str, str]]:
    """The (label, kind) pairs that start paragraphs (lines, if there are no blank lines)
    from the first turn on, if most of these start with one of `labels` or a label of one
    of `kinds` (a dialogue); else none."""
    first_turn = min((pos for pos, label, _ in found if label in labels), default=header_end)
    blank_lines = "\n\n" in text[first_turn:]
    units = text.count("\n\n" if blank_lines else "\n", first_turn) + 1
    starts = [
        (label, kind)
        for pos, label, kind in found
        if kind != _HEADING
        and pos >= header_end
        and (pos == 0 or not blank_lines or text.startswith("\n\n", pos - 2))
    ]
    labelled = sum(1 for label, kind in starts if label in labels or kind in kinds)
    return starts if labelled * 5 >= units * 3 else []


def _paragraphs(
    text: str, start: int, end: int, speaker: str | None, out: list[PassageDraft]
) -> None:
    """Append a passage for each paragraph of text[start:end]; a turn's bare "Label:" line
    joins the paragraph after it, so that no passage is only a speaker label."""
    # Most turns are one line and the blank line after it: found with str methods, without
    # the paragraph pattern (what it would find: the line, less its trailing spaces).
    begin = start
    while begin < end and text[begin].isspace():
        begin += 1
    line_end = text.find("\n", begin, end)
    if begin < end and (line_end < 0 or text[line_end:end].isspace()):
        stop = end if line_end < 0 else line_end
        while text[stop - 1].isspace():
            stop -= 1
        out.append(PassageDraft(begin, stop, speaker))
        return
    paragraphs = _PARAGRAPH.finditer(text, start, end)
    first = next(paragraphs, None)
    if first is None:
        return
    begin, stop = first.start(), first.start() + len(first.group().rstrip())
    if speaker is not None and stop - begin <= _BARE_LABEL_MAX and text[stop - 1] in ":.*_":
        second = next(paragraphs, None) if _BARE_LABEL.fullmatch(text, begin, stop) else None
        if second is not None:
            stop = second.start() + len(second.group().rstrip())
    out.append(PassageDraft(begin, stop, speaker))
    for m in paragraphs:
        out.append(PassageDraft(m.start(), m.start() + len(m.group().rstrip()), speaker))


def personal_speakers(passages: Iterable[PassageDraft]) -> list[str]:
    """Speaker labels that are personal names (not roles, not bare initials), first seen first."""
    labels = dict.fromkeys(p.speaker for p in passages if p.speaker)  # each label once
    return [
        label
        for label in labels
        if sum(c.isalpha() for c in label) >= 2 and not is_role(label)  # not bare initials
    ]
