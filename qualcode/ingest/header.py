"""Interview metadata in a header block at the top of a text ("Participant: Interviewee 7")."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qualcode.ingest.interviewer import is_interviewer
from qualcode.ingest.roster import roster_names
from qualcode.ingest.segment import is_role, starts_role_turn

# Header keys (lower case, "_" read as space) → attribute name, or a special meaning:
# "=participant" (the participant's public label), "=title", and "=name" (the interviewee's
# real name or organisation: identifiers to redact, never attributes).
_KEYS: dict[str, str] = {
    "participant": "=participant",
    "label": "=participant",
    "participant label": "=participant",
    "participant id": "=participant",
    "title": "=title",
    "interviewee": "=name",
    "name": "=name",
    "respondent": "=name",
    "participant name": "=name",
    "interviewee name": "=name",
    "organisation": "=name",
    "organization": "=name",
    "organisation type": "organisation_type",
    "organization type": "organisation_type",
    "type of organisation": "organisation_type",
    "org type": "organisation_type",
    "interviewer": "interviewer",
    "interviewed by": "interviewer",
    "researcher": "interviewer",
    "date": "date",
    "interview date": "date",
    "time": "time",
    "duration": "duration",
    "length": "duration",
    "location": "location",
    "venue": "location",
    "mode": "mode",
    "format": "mode",
    "role": "role",
    "job title": "role",
    "sector": "sector",
    "region": "region",
    "size": "size",
    "wave": "wave",
    "site": "site",
    "project": "project",
    "study": "project",
    "transcribed by": "transcriber",
    "transcriber": "transcriber",
    "participants": "=names",
    "attendees": "=names",
    "speakers": "=names",
    "present": "=names",
}
# Keys that are also speaker roles: the value must look like a label or name, not a sentence.
_NAME_LIKE = frozenset({"=participant", "=name", "interviewer"})
# Attributes whose value names a person of the research team ("Interviewer: Siobhan O'Neill"):
# identifiers to redact as well as (private) attributes.
_TEAM = frozenset({"interviewer", "transcriber"})
_FIELD = re.compile(r"(?P<key>[^\W\d][\w '’/-]{0,30}?)[ \t]*:[ \t]*(?P<value>.*)")
_ASIDE = re.compile(r"\([^)]*\)")
_LIST_SEPARATOR = re.compile(r"\band\b|&")
_MAX_LINES = 20
_MAX_TITLES = 2  # a title line, then a heading such as "Interview details"
_MAX_HEADING_WORDS = 6
_MAX_WORDS = 12
_MAX_NAME_WORDS = 5


@dataclass(frozen=True)
class Header:
    """What a header block says; `end` is the offset just after it (0: no header).

    `names` are identifiers the header gives (the interviewee's and interviewer's names, the
    organisation).
    """

    end: int = 0
    participant: str | None = None
    title: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    names: list[str] = field(default_factory=list)


def parse_header(text: str) -> Header:
    """Read "Key: value" lines (several per line when separated by "|") at the top of `text`.

    The block may follow a title line and a heading ("Interview details"); it ends at a blank
    line or at the first line that is not all known fields. Only known keys count, so
    "Interviewer: How did it start?" is a turn.
    """
    fields: list[tuple[str, str]] = []
    end = pos = titles = 0
    for _ in range(_MAX_LINES):
        if pos >= len(text):
            break
        line_end = text.find("\n", pos)
        line_end = len(text) if line_end < 0 else line_end
        line = text[pos:line_end].strip()
        pos = line_end + 1
        if not line:
            if fields:
                break
            continue
        parsed = _fields(line)
        if parsed is None:
            if fields or not _title(line, titles):
                break
            titles += 1
            continue
        fields.extend(parsed)
        end = line_end
    if not fields:
        return Header()
    return _header(end, fields, text[end:])


def join_details(paragraphs: list[str]) -> list[str]:
    """`paragraphs` (of a Word or OpenDocument file) with the details block at the top, one
    field a paragraph or table row, joined into one paragraph: the header a text file has,
    which parse_header reads (its "Interviewee: Desmond" is no turn). A title and a heading
    may come first; an empty paragraph or any other ends the block."""
    filled = [i for i, p in enumerate(paragraphs[:_MAX_LINES]) if p.strip()]
    titles = 0
    while titles < len(filled) and not is_details(paragraphs[filled[titles]]):
        title = paragraphs[filled[titles]].strip()
        if "\n" in title or not _title(title, titles):
            return paragraphs
        titles += 1
    if titles == len(filled):
        return paragraphs
    first = end = filled[titles]
    while end < len(paragraphs) and is_details(paragraphs[end]):
        end += 1
    if end - first < 2 or all(_short_turns(p) for p in paragraphs[first:end]):
        return paragraphs
    block = "\n".join(p.strip() for p in paragraphs[first:end])
    return [*paragraphs[:first], block, *paragraphs[end:]]


def _title(line: str, titles: int) -> bool:
    """True if `line` can stand above a details block after `titles` others: a title, then a
    heading ("Interview details"), not a turn or a sentence ("Just some notes.")."""
    if titles >= _MAX_TITLES or starts_role_turn(line):
        return False
    words = line.strip("*_# \t").split()
    return titles == 0 or (0 < len(words) <= _MAX_HEADING_WORDS and line[-1] not in ".?!…,;")


def is_details(paragraph: str) -> bool:
    """True for a paragraph whose every line is header fields ("Date: 2 June 2025")."""
    lines = paragraph.strip().split("\n")
    return bool(paragraph.strip()) and all(_fields(line.strip()) is not None for line in lines)


def _short_turns(paragraph: str) -> bool:
    """True for fields that could be a dialogue's first words: a role and one word ("Interviewer:
    Right", "Participant: Okay"), where "Interviewer: Siobhan O'Neill" is a detail."""
    for part in paragraph.replace("*", "").replace("|", "\n").split("\n"):
        m = _FIELD.fullmatch(part.strip())
        if m is None or not is_role(m.group("key")) or len(m.group("value").split()) > 1:
            return False
    return True


def is_details_key(label: str) -> bool:
    """True for the name of a details field ("Organisation", "Date", "Interviewer")."""
    return _key(label) in _KEYS


def _fields(line: str) -> list[tuple[str, str]] | None:
    """The (meaning, value) pairs of a header line, or None if any part is not a known field."""
    out = []
    for part in line.replace("*", "").split("|"):
        m = _FIELD.fullmatch(part.strip())
        if m is None:
            return None
        meaning = _KEYS.get(_key(m.group("key")))
        value = " ".join(m.group("value").split())
        if meaning is None or not _plausible(meaning, value):
            return None
        out.append((meaning, value))
    return out


def _key(key: str) -> str:
    return " ".join(key.lower().replace("_", " ").split())


def details_names(details: dict[str, str]) -> list[str]:
    """The identifiers that details given apart from the text (YAML front matter) name: the
    interviewee, organisation and interviewer, as a header's would be."""
    names: list[str] = []
    for key, value in details.items():
        meaning = _KEYS.get(_key(key))
        if meaning is not None and _plausible(meaning, value):
            names.extend(_identifiers(meaning, value))
    return names


def _plausible(meaning: str, value: str) -> bool:
    words = value.split()
    if not words or len(words) > _MAX_WORDS or value.endswith("?"):
        return False
    if meaning == "=names":  # "Sara Lee (interviewer), Tom Okafor and Jo Bloggs"
        return bool(_names(value)) and all(_plausible("=name", n) for n in _names(value))
    if meaning in _NAME_LIKE:  # "Owen Treharne", "Interviewee 7", "P3": not "Hi there."
        return (
            len(words) <= _MAX_NAME_WORDS
            and all(w[0].isupper() or w[0].isdigit() for w in words)
            and not value.endswith((".", "!", "…", ","))
        )
    return True


def _names(value: str, elsewhere: str = "") -> list[str]:
    """The people in a list such as "Sara Lee (interviewer), Tom Okafor and Jo Bloggs" or
    "Lee, Sara; Ng, Tom" (see roster_names; `elsewhere`: the text below the header)."""
    plain = _ASIDE.sub("", value)
    return [n for part in _LIST_SEPARATOR.split(plain) for n in roster_names(part, elsewhere)]


def _header(end: int, fields: list[tuple[str, str]], below: str) -> Header:
    participant = title = None
    attributes: dict[str, str] = {}
    names: list[str] = []
    for meaning, value in fields:
        if meaning == "=participant":
            participant = participant or value
        elif meaning == "=title":
            title = title or value
        else:
            names.extend(_identifiers(meaning, value, below))
            if not meaning.startswith("="):
                attributes.setdefault(meaning, value)
    return Header(end, participant, title, attributes, names)


def _identifiers(meaning: str, value: str, below: str = "") -> list[str]:
    """The identifiers a field's value names: an interviewee or organisation, the people of a
    "Participants:" list, the interviewer or transcriber (not a role such as "Interviewer 2");
    `below`: the text below the header (see _names)."""
    if meaning == "=name":  # "Interviewee: P7" is a label, not a name
        return [] if is_role(value) else [value]
    if meaning == "=names":
        return [n for n in _names(value, below) if not is_role(n)]
    if meaning in _TEAM:
        return [n for n in _names(value, below) if _personal(n)]
    return []


def _personal(name: str) -> bool:
    """A person's name or initials, not a role ("Interviewer 2", "Lead researcher")."""
    return sum(c.isalpha() for c in name) >= 2 and not (is_role(name) or is_interviewer(name))
