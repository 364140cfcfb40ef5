"""Tables as paragraphs (Word, OpenDocument, RTF): a label cell beside a text cell reads
"Label: text"; a first row naming the columns ("Time | Speaker | Text") is no passage, and the
speaker column it names makes each row a turn."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from qualcode.ingest.header import is_details_key
from qualcode.ingest.segment import LABEL, classify_label
from qualcode.ingest.speaker_labels import speaker_label

# A table's first cell that names the speaker of the second ("Interviewer" | "So tell me...").
_LABEL_CELL = re.compile(LABEL)
# The column names transcription agencies and note templates head their tables with.
_TIME = frozenset(
    {"time", "timestamp", "time stamp", "timecode", "time code", "start", "start time", "begin"}
    | {"in", "time in", "tc"}
)
_SPEAKER = frozenset({"speaker", "speaker name", "name", "who", "person", "participant"})
_TEXT = frozenset(
    {"text", "transcript", "transcription", "comment", "comments", "words", "utterance"}
    | {"dialogue", "dialog", "content", "speech", "verbatim", "what was said", "response"}
    | {"said", "contribution"}
)
# Notes about a row (a contact log's "Name | Notes"): a column name, but not what was said.
_REMARKS = frozenset({"notes", "note", "remarks", "observations"})
# Row numbers and end times: left out of a turn.
_BOOKKEEPING = frozenset(
    {"end", "end time", "out", "time out", "duration", "#", "no", "no.", "number", "line"}
    | {"line no", "line no.", "id", "ref", "row"}
)
_NOTE = re.compile(r"[ \t]*\([^()\n]{1,40}\)$")  # "Sara Lee (Guest)"
_COLUMN_NOTE = re.compile(r"\([^()]*\)|[:*_]")  # "Time (hh:mm:ss)", "Speaker:", "**Text**"


@dataclass
class TableText:
    """A table read as paragraphs, and the speakers its speaker column names."""

    paragraphs: list[str] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)


def read_table(rows: list[list[str]]) -> TableText:
    """A table's rows as paragraphs. Under a header row naming a speaker and a text column,
    a row reads "Speaker: text" after its time (if any), its other cells after that."""
    out = TableText()
    columns = _header(rows[0]) if rows else None
    if columns is None:
        for cells in rows:
            out.paragraphs += table_row(cells)
        return out
    for cells in rows[1:]:
        if cells != rows[0]:  # a header row repeated down the table
            _turn_row(cells, columns, out)
    return out


def table_row(cells: list[str]) -> list[str]:
    """A table row as paragraphs; a label cell beside a text cell reads "Label: text", as does
    a details field's name beside its value ("Organisation" | "Safe Harbour Homes")."""
    filled = [c for c in cells if c]
    if len(filled) == 2:
        label = " ".join(filled[0].rstrip(":").split())
        if _LABEL_CELL.fullmatch(label) and (
            classify_label(label) is not None or is_details_key(label)
        ):
            return [f"{label}: {filled[1]}"]
    return filled


def _column_name(cell: str) -> str:
    return " ".join(_COLUMN_NOTE.sub(" ", cell).lower().split())


def _header(cells: list[str]) -> dict[str, list[int]] | None:
    """The time, speaker and text column a first row names (and its bookkeeping columns:
    row numbers, end times), None if it is no header row (a cell that is no column name, or
    fewer than two named)."""
    names = [_column_name(c) for c in cells]
    filled = [n for n in names if n]
    known = _TIME | _SPEAKER | _TEXT | _REMARKS | _BOOKKEEPING
    if len(filled) < 2 or not all(n in known for n in filled):
        return None
    columns = {"bookkeeping": [i for i, n in enumerate(names) if n in _BOOKKEEPING]}
    for kind, words in (("time", _TIME), ("speaker", _SPEAKER), ("text", _TEXT)):
        columns[kind] = [i for i, n in enumerate(names) if n in words][:1]
    return columns


def _turn_row(cells: list[str], columns: dict[str, list[int]], out: TableText) -> None:
    """One row under a header: a turn where it has a speaker and a text column; the cells
    of bookkeeping columns are left out then."""
    if not (columns["speaker"] and columns["text"]):
        out.paragraphs += table_row(cells)
        return
    cell = dict(enumerate(cells))
    time = "".join(cell.get(i, "") for i in columns["time"])
    text = cell.get(columns["text"][0], "")
    raw = " ".join(cell.get(columns["speaker"][0], "").rstrip(":").split())
    label = _column_label(raw) if raw else None
    used = {i for kind in columns.values() for i in kind}
    rest = [c for i, c in enumerate(cells) if c and i not in used]
    if not raw and text:  # a turn carried on in the next row, the speaker cell left empty
        out.paragraphs += [text, *rest]
        return
    # "Dr. Ade Bello" starts a turn beside a time ("00:00:04 Dr. Ade Bello: …") only.
    if label is None or not text or not (time or _LABEL_CELL.fullmatch(_NOTE.sub("", label))):
        out.paragraphs += [c for c in (time, raw, text) if c] + rest
        return
    if label not in out.speakers:
        out.speakers.append(label)
    out.paragraphs += [*([time] if time else []), f"{label}: {text}", *rest]


def _column_label(raw: str) -> str | None:
    """The speaker a speaker column's cell names: a name or role ("Dr. Ade Bello"), or
    initials that are also a word ("SO", "TO"), as they are in a "SO: …" line."""
    label = speaker_label(raw)
    if label is None and _LABEL_CELL.fullmatch(raw) and (found := classify_label(raw)):
        label = found[0]
    return label
