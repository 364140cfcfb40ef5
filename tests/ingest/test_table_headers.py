"""Transcription agencies' tables: a header row names the columns and is no passage; the
speaker column it names makes each row a turn (Word, OpenDocument and RTF alike)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from odfdo import Paragraph, Table
from sqlalchemy import select

from qualcode.importing import import_one
from qualcode.ingest import ReadDocument, read_document
from qualcode.store.db import open_project
from qualcode.store.models import Identifier, Passage

SAID = [
    ("00:00:04", "Sara Lee", "Thanks for making the time."),
    ("00:00:09", "Tomasz Okafor", "Sure. I run the employment programme."),
    ("00:00:21", "Ngozi Brennan", "Sorry to cut in, I am the finance lead."),
]
# (header row, the columns of each row: "time", "speaker", "text" or a fixed cell's text)
HEADERS: dict[str, tuple[list[str], list[str]]] = {
    "speaker | text": (["Speaker", "Text"], ["speaker", "text"]),
    "name | comment": (["Name", "Comment"], ["speaker", "text"]),
    "time | speaker | text": (["Time", "Speaker", "Text"], ["time", "speaker", "text"]),
    "timestamp | speaker | transcript": (
        ["Timestamp", "Speaker", "Transcript"],
        ["time", "speaker", "text"],
    ),
    "speaker | time (hh:mm:ss) | text": (
        ["SPEAKER", "Time (hh:mm:ss)", "TEXT"],
        ["speaker", "time", "text"],
    ),
    "# | speaker: | time | dialogue": (
        ["#", "Speaker:", "Time", "Dialogue"],
        ["#", "speaker", "time", "text"],
    ),
}


def rows(key: str, said: list[tuple[str, str, str]] = SAID) -> list[list[str]]:
    header, columns = HEADERS[key]
    body = [
        [dict(zip(("time", "speaker", "text"), turn, strict=True)).get(c, str(n)) for c in columns]
        for n, turn in enumerate(said, start=1)
    ]
    return [header, *body]


def docx_table(table_rows: list[list[str]], before: str = "Interview transcript") -> bytes:
    document = docx.Document()
    document.add_paragraph(before)
    table = document.add_table(rows=len(table_rows), cols=len(table_rows[0]))
    for r, row in enumerate(table_rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def rtf_table(table_rows: list[list[str]]) -> bytes:
    """As Word saves a table in RTF: a row's properties before its cells and before \\row."""
    props = r"\trowd\irow0\trgaph108" + "".join(
        rf"\cellx{2000 * (i + 1)}" for i in range(len(table_rows[0]))
    )
    body = "".join(
        props + "".join(rf"\pard\intbl {cell}\cell" for cell in row) + rf"{{{props}\row}}"
        for row in table_rows
    )
    rtf = r"{\rtf1\ansi\ansicpg1252{\fonttbl{\f0 Calibri;}}\pard Interview transcript\par "
    return (rtf + body + r"\pard\par}").encode("ascii")


def turns(doc: ReadDocument) -> list[tuple[str | None, str]]:
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


EXPECTED = [(None, "Interview transcript")] + [(s, f"{s}: {w}") for _, s, w in SAID]


@pytest.mark.parametrize("key", list(HEADERS))
@pytest.mark.parametrize("count", [2, 3])
def test_docx_header_row_is_no_passage_and_rows_are_turns(key: str, count: int) -> None:
    doc = read_document(Path("agency.docx"), data=docx_table(rows(key, SAID[:count])))
    assert turns(doc) == EXPECTED[: count + 1]
    assert doc.speakers == [s for _, s, _ in SAID[:count]]
    if "time" in HEADERS[key][1]:
        assert [p.meta.get("begin") for p in doc.passages[1:]] == [
            f"{t}.000" for t, _, _ in SAID[:count]
        ]


@pytest.mark.parametrize("key", list(HEADERS))
def test_rtf_header_row_is_no_passage_and_rows_are_turns(key: str, tmp_path: Path) -> None:
    path = tmp_path / "agency.rtf"
    path.write_bytes(rtf_table(rows(key)))
    doc = read_document(path)
    assert turns(doc) == EXPECTED
    assert doc.speakers == [s for _, s, _ in SAID]


@pytest.mark.parametrize("key", list(HEADERS))
def test_odt_header_row_is_no_passage_and_rows_are_turns(
    key: str, make_odt: Callable[..., Path]
) -> None:
    table_rows = rows(key)

    def build(body: Any) -> None:
        body.append(Paragraph("Interview transcript"))
        table = Table("Transcript", width=len(table_rows[0]), height=len(table_rows))
        for r, row in enumerate(table_rows):
            for c, text in enumerate(row):
                table.set_value((c, r), text)
        body.append(table)

    doc = read_document(make_odt(build))
    assert turns(doc) == EXPECTED
    assert doc.speakers == [s for _, s, _ in SAID]


def test_a_header_row_repeated_down_the_table_is_no_passage() -> None:
    table_rows = rows("speaker | text")
    doc = read_document(
        Path("a.docx"), data=docx_table([*table_rows[:2], table_rows[0], *table_rows[2:]])
    )
    assert turns(doc) == EXPECTED


def test_a_header_without_a_speaker_column_drops_only_itself() -> None:
    """ "Time | Notes": a log's rows stay as they were, one paragraph per filled cell."""
    table_rows = [["Time", "Notes"], ["10:00", "Arrived at the centre."], ["11:30", "Left."]]
    doc = read_document(Path("log.docx"), data=docx_table(table_rows, before="Visit log"))
    assert [text for _, text in turns(doc)] == [
        "Visit log", "10:00", "Arrived at the centre.", "11:30", "Left."
    ]  # fmt: skip
    assert doc.speakers == []


@pytest.mark.parametrize(
    "first",
    [["Interviewer", "Speaker"], ["Name", "Sara Lee"], ["Speaker", "Text", "Ngozi"]],
)
def test_a_first_row_with_a_cell_that_is_no_column_name_is_read_as_before(
    first: list[str],
) -> None:
    width = len(first)
    plain = [["Tomasz Okafor", "Sure.", ""][:width], ["Interviewer", "And then?", ""][:width]]
    with_first = read_document(Path("a.docx"), data=docx_table([first, *plain]))
    assert with_first.text.startswith("Interview transcript\n\n" + first[0])


def test_agency_table_import_keeps_turns_and_registers_speakers_not_columns(
    project_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "agency.docx"
    path.write_bytes(docx_table(rows("timestamp | speaker | transcript")))
    project = open_project(str(project_file))
    try:
        outcome = import_one(project, path, participant="Interviewee 4", coder="ana")
        assert outcome.status == "imported"
        with project.read() as session:
            identifiers = set(session.scalars(select(Identifier.value)))
            passages = list(session.scalars(select(Passage).order_by(Passage.start)))
    finally:
        project.close()
    assert {s for _, s, _ in SAID} <= identifiers
    assert not {"Speaker", "Transcript", "Timestamp"} & identifiers
    assert [p.speaker for p in passages] == [None, *(s for _, s, _ in SAID)]


def test_a_row_without_a_speaker_carries_on_the_turn_above() -> None:
    table_rows = [
        ["Time", "Speaker", "Text"],
        ["00:00:04", "Sara Lee", "Thanks for making the time."],
        ["00:00:09", "Tomasz Okafor", "Sure."],
        ["00:00:15", "", "I run the employment programme."],
        ["00:00:21", "Sara Lee", "And before that?"],
    ]
    doc = read_document(Path("agency.docx"), data=docx_table(table_rows))
    assert turns(doc)[1:] == [
        ("Sara Lee", "Sara Lee: Thanks for making the time."),
        ("Tomasz Okafor", "Tomasz Okafor: Sure."),
        ("Tomasz Okafor", "I run the employment programme."),
        ("Sara Lee", "Sara Lee: And before that?"),
    ]


@pytest.mark.parametrize("timed", [False, True])
def test_display_names_in_the_speaker_column(timed: bool) -> None:
    """A note in brackets always; a title's dot beside a time, where the layout reads it."""
    names = ["Sara Lee (Guest)", "Tomasz Okafor"] + (["Dr. Ade Bello"] if timed else [])
    header = ["Time", "Speaker", "Text"] if timed else ["Speaker", "Text"]
    body = [
        ([f"00:00:{10 * n:02d}"] if timed else []) + [name, f"Words number {n}."]
        for n, name in enumerate(names, start=1)
    ]
    doc = read_document(Path("agency.docx"), data=docx_table([header, *body]))
    assert [speaker for speaker, _ in turns(doc)] == [None, *names]
    assert doc.speakers == names


def test_a_time_in_a_note_above_the_table_does_not_take_its_turns() -> None:
    """ "Visit 10:30" reads like an Otter turn line; the table's speakers are not its."""
    table_rows = rows("speaker | text")
    doc = read_document(Path("agency.docx"), data=docx_table(table_rows, before="Visit 10:30"))
    assert turns(doc) == [(None, "Visit 10:30"), *EXPECTED[1:]]
    assert doc.speakers == [s for _, s, _ in SAID]


def test_notes_about_named_people_are_not_their_words() -> None:
    """A contact log "Name | Notes": the header row goes, the rows read as before."""
    table_rows = [
        ["Name", "Notes"],
        ["Sara Lee", "Called back about funding."],
        ["Tomasz Okafor", "Out until May."],
    ]
    doc = read_document(Path("log.docx"), data=docx_table(table_rows, before="Contacts"))
    assert doc.text == (
        "Contacts\n\nSara Lee: Called back about funding.\n\nTomasz Okafor: Out until May."
    )
    assert all(p.speaker is None for p in doc.passages)
