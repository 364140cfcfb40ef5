"""Word transcripts as the tools write them: Teams' cue-timed paragraphs, however few cues."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import service_files as sf
from sqlalchemy import select

from qualcode.importing import import_one
from qualcode.ingest import ReadDocument, read_document
from qualcode.store.db import open_project
from qualcode.store.models import Identifier, Passage

CALL = [("Sara Lee", "Thanks for joining."), ("Tom Ng", "Happy to help, I have ten minutes.")]


def read(name: str, content: str | bytes) -> ReadDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return read_document(Path(name), data=data)


def turns(doc: ReadDocument) -> list[tuple[str | None, str]]:
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


def cue_paragraphs(
    said: list[tuple[str, str]],
    *,
    timing: str = "0:0:{}.560 --> 0:0:{}.120",
    numbered: bool = False,
) -> list[str]:
    """Teams' older Word transcript: the cue's timings, the speaker's name, the words."""
    paragraphs: list[str] = []
    for n, (speaker, words) in enumerate(said, start=1):
        numbers = [str(n)] if numbered else []
        paragraphs += [*numbers, timing.format(n * 5, n * 5 + 4), speaker, words]
    return paragraphs


def data(kind: str, paragraphs: list[str]) -> bytes | str:
    return sf.docx_bytes(paragraphs) if kind == "docx" else "\n".join(paragraphs)


@pytest.mark.parametrize("numbered", [False, True])
@pytest.mark.parametrize("kind", ["docx", "txt"])
@pytest.mark.parametrize(
    "timing",
    [
        "0:0:{}.560 --> 0:0:{}.120",
        "00:00:{:02d}.560 --> 00:00:{:02d}.120",
        "00:00:{:02d},560 --> 00:00:{:02d},120",
    ],
)
def test_two_cues_by_two_people_are_a_transcript(kind: str, numbered: bool, timing: str) -> None:
    doc = read(f"call.{kind}", data(kind, cue_paragraphs(CALL, timing=timing, numbered=numbered)))
    assert turns(doc) == [(s, f"{s}: {w}") for s, w in CALL]
    assert doc.speakers == ["Sara Lee", "Tom Ng"]
    assert doc.passages[0].meta["begin"] == "00:00:05.560"


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_one_cue_is_a_transcript(kind: str) -> None:
    doc = read(f"snippet.{kind}", data(kind, cue_paragraphs(CALL[:1])))
    assert turns(doc) == [("Sara Lee", "Sara Lee: Thanks for joining.")]
    assert doc.speakers == ["Sara Lee"]


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_a_schedule_with_arrows_between_times_is_no_transcript(kind: str) -> None:
    """Times without seconds' fractions are no cue's: "9:00 --> 10:30" in a day's plan."""
    plan = [
        "Site visit plan",
        "9:00 --> 10:30",
        "Workshop",
        "We met the youth team in the hall.",
        "10:30 --> 12:00",
        "Lunch",
        "Informal chat with volunteers.",
    ]
    doc = read(f"plan.{kind}", data(kind, plan))
    assert all(p.speaker is None for p in doc.passages)
    assert doc.speakers == [] and doc.layout == kind


def test_a_cue_quoted_in_a_memo_is_no_transcript() -> None:
    memo = [
        "Memo on the captions",
        "The recording's captions were poor. This cue shows the problem:",
        "0:0:3.560 --> 0:0:7.120",
        "Sara Lee",
        "Thanks for joining.",
        *(f"Observation {n}: the captions drift by a second or two." for n in range(1, 9)),
    ]
    doc = read("memo.docx", sf.docx_bytes(memo))
    assert all(p.speaker is None for p in doc.passages)
    assert doc.speakers == []


def test_a_cue_without_a_name_line_is_no_turn() -> None:
    """Captions pasted without speakers: the words follow the timings directly."""
    lines = ["0:0:3.560 --> 0:0:7.120", "Thanks for joining.", "0:0:8.560 --> 0:0:9.120", "Hello."]
    doc = read("captions.docx", sf.docx_bytes(lines))
    assert all(p.speaker is None for p in doc.passages)
    assert doc.speakers == []


@pytest.mark.parametrize("kind", ["docx", "txt"])
def test_captions_without_names_whose_cues_open_with_a_word_or_two_are_no_transcript(
    kind: str,
) -> None:
    """Captions pasted in without speakers: "Right" or "Yes." above the rest of the cue."""
    cues = [
        ("Right", "so we started with the youth budget."),
        ("Yes.", "It was hard."),
        ("Honestly", "the reporting was the worst part."),
        ("So the partners counted outcomes differently", "and it took a year to agree."),
        ("And the money came in arrears", "which nearly sank one of them."),
    ]
    lines: list[str] = []
    for n, (first, second) in enumerate(cues, start=1):
        lines += [f"00:00:{n * 5:02d}.000 --> 00:00:{n * 5 + 4:02d}.000", first, second]
    doc = read(f"captions.{kind}", data(kind, lines))
    assert all(p.speaker is None for p in doc.passages)
    assert doc.speakers == []


@pytest.mark.parametrize("count", [1, 2])
def test_cues_written_as_one_paragraph_each_with_line_breaks(
    count: int, make_docx: Callable[..., Path]
) -> None:
    """A cue as one Word paragraph: timings, name and words a line break apart."""
    paragraphs = cue_paragraphs(CALL[:count])
    cues = ["\n".join(paragraphs[i : i + 3]) for i in range(0, len(paragraphs), 3)]
    doc = read_document(make_docx(cues))
    assert turns(doc) == [(s, f"{s}: {w}") for s, w in CALL[:count]]
    assert doc.speakers == [s for s, _ in CALL[:count]]


def test_brief_teams_call_import_keeps_its_speakers_as_identifiers(
    project_file: Path, tmp_path: Path
) -> None:
    path = tmp_path / "call.docx"
    path.write_bytes(sf.docx_bytes(cue_paragraphs(CALL, numbered=True)))
    project = open_project(str(project_file))
    try:
        assert import_one(project, path, participant="Caller 2", coder="ana").status == "imported"
        with project.read() as session:
            identifiers = set(session.scalars(select(Identifier.value)))
            passages = list(session.scalars(select(Passage).order_by(Passage.start)))
    finally:
        project.close()
    assert {"Sara Lee", "Tom Ng"} <= identifiers
    assert [p.speaker for p in passages] == ["Sara Lee", "Tom Ng"]
