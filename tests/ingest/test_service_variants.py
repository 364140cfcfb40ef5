"""Service layouts beside the usual ones: the words on the time's line, times in a table."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import service_files as sf

from qualcode.ingest import ReadDocument, read_document


def read(name: str, content: str | bytes) -> ReadDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return read_document(Path(name), data=data)


def sonix_txt() -> str:
    """Sonix: `Name: [00:00:12] words` on one line."""
    return "\n\n".join(
        f"{u.speaker}: [{sf.clock(u.second, hours=True)}] {u.text}" for u in sf.INTERVIEW
    )


def bracketed_time_first_txt() -> str:
    """`[00:00:12] Name` on its own line, the words below."""
    return "\n\n".join(
        f"[{sf.clock(u.second, hours=True)}] {u.speaker}\n{u.text}" for u in sf.INTERVIEW
    )


def agency_table_docx() -> bytes:
    """A transcription agency's Word table: time | speaker | words, one row per turn."""
    import io

    import docx

    document = docx.Document()
    document.add_paragraph("Interview transcript")
    table = document.add_table(rows=0, cols=3)
    for u in sf.INTERVIEW:
        cells = table.add_row().cells
        cells[0].text, cells[1].text, cells[2].text = (
            sf.clock(u.second, hours=True),
            u.speaker,
            u.text,
        )
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def note_taker_txt(separator: str, *, time_first: bool = False) -> str:
    """A note-taker's export: `Sara Lee - 00:12` (or `00:12 | Sara Lee`), the words below."""
    return "\n\n".join(
        (
            f"{sf.clock(u.second)} {separator} {u.speaker}"
            if time_first
            else f"{u.speaker} {separator} {sf.clock(u.second)}"
        )
        + f"\n{u.text}"
        for u in sf.INTERVIEW
    )


FORMATS: dict[str, tuple[str, Callable[[], str | bytes]]] = {
    "name - time": ("notes.txt", lambda: note_taker_txt("-")),
    "name | time": ("notes.txt", lambda: note_taker_txt("|")),
    "time · name": ("notes.txt", lambda: note_taker_txt("·", time_first=True)),
    "sonix": ("sonix.txt", sonix_txt),
    "time first in brackets": ("trint.txt", bracketed_time_first_txt),
    "agency table": ("agency.docx", agency_table_docx),
}


@pytest.mark.parametrize("key", list(FORMATS))
def test_turns_and_times_read_as_in_the_plain_transcript(key: str) -> None:
    name, build = FORMATS[key]
    doc = read(name, build())
    plain = read("plain.txt", sf.plain_txt())
    turns = [p for p in doc.passages if p.speaker]
    assert [doc.text[p.start : p.end] for p in turns] == [
        plain.text[p.start : p.end] for p in plain.passages
    ]
    assert doc.speakers == sf.SPEAKERS
    assert turns[0].meta["begin"] == "00:00:04.000"


def teams_2021_paragraphs(numbered: bool) -> list[str]:
    """Teams' older Word transcript: `0:0:3.560 --> 0:0:9.120`, the name, then the words;
    with cue numbers too when captions are pasted into a document."""
    paragraphs: list[str] = []
    for n, u in enumerate(sf.INTERVIEW, start=1):
        minutes, seconds = divmod(u.second, 60)
        times = f"0:{minutes}:{seconds}.0 --> 0:{minutes}:{seconds + 1}.500"
        paragraphs += [*([str(n)] if numbered else []), times, u.speaker, u.text]
    return paragraphs


@pytest.mark.parametrize("numbered", [False, True])
@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_cue_timings_above_the_speaker(kind: str, numbered: bool) -> None:
    paragraphs = teams_2021_paragraphs(numbered)
    data = sf.docx_bytes(paragraphs) if kind == "docx" else "\n".join(paragraphs)
    doc = read(f"teams.{kind}", data)
    plain = read("plain.txt", sf.plain_txt())
    assert [doc.text[p.start : p.end] for p in doc.passages] == [
        plain.text[p.start : p.end] for p in plain.passages
    ]
    assert doc.speakers == sf.SPEAKERS
    assert doc.passages[0].meta["begin"] == "00:00:04.000"


@pytest.mark.parametrize("numbered", [False, True])
@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_an_answer_that_is_a_number_is_no_cue_number(kind: str, numbered: bool) -> None:
    """ "How many?" "3": a line of digits above a cue's timings is its number only where
    the cues are numbered in turn."""
    turns = [
        ("Sara Lee", "How many children do you have?"), ("Tom Ng", "3"),
        ("Sara Lee", "And the year you moved?"), ("Tom Ng", "2019"),
        ("Sara Lee", "Thank you."), ("Tom Ng", "5"), ("Sara Lee", "Bye."),
    ]  # fmt: skip
    paragraphs: list[str] = []
    for n, (speaker, words) in enumerate(turns, start=1):
        times = f"0:0:{n * 5}.0 --> 0:0:{n * 5 + 4}.500"
        paragraphs += [*([str(n)] if numbered else []), times, speaker, words]
    data = sf.docx_bytes(paragraphs) if kind == "docx" else "\n".join(paragraphs)
    doc = read(f"teams.{kind}", data)
    assert [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages] == [
        (speaker, f"{speaker}: {words}") for speaker, words in turns
    ]
