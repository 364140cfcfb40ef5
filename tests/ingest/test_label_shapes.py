"""Speaker labels as transcribers type them: initials, a note in brackets, a tab for a colon."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, read_document

ANSWERS = [
    "So tell me about your role.",
    "I manage the resettlement team, about ten of us.",
    "And how is it funded?",
    "Mostly a council contract, and some grants.",
]


def read(name: str, data: bytes) -> ReadDocument:
    return read_document(Path(name), data=data)


def speakers_and_words(doc: ReadDocument, separator: str) -> list[tuple[str | None, str]]:
    out = []
    for p in doc.passages:
        text = doc.text[p.start : p.end]
        out.append((p.speaker, text.split(separator, 1)[1] if p.speaker else text))
    return out


@pytest.mark.parametrize(
    ("first", "second", "separator"),
    [
        ("SL", "TO", ": "),  # initials that spell a stop-listed word ("to")
        ("SL", "SO", ": "),
        ("Interviewer (SL)", "Participant 3 (Manager)", ": "),
        ("I", "R", "\t"),  # an agency's "I<tab>words"
        ("Interviewer", "Respondent", "\t"),
    ],
)
@pytest.mark.parametrize("blank_lines", [True, False])
def test_each_turn_keeps_its_speaker(
    first: str, second: str, separator: str, blank_lines: bool
) -> None:
    lines = [f"{(first, second)[i % 2]}{separator}{a}" for i, a in enumerate(ANSWERS)]
    text = ("\n\n" if blank_lines else "\n").join(["Interview 12", *lines])
    doc = read("notes.txt", text.encode())
    assert speakers_and_words(doc, separator) == [
        (None, "Interview 12"),
        *[((first, second)[i % 2], a) for i, a in enumerate(ANSWERS)],
    ]


@pytest.mark.parametrize(("first", "second"), [("I", "R"), ("Interviewer", "Respondent")])
@pytest.mark.parametrize("blank_lines", [True, False])
def test_short_answers_after_a_tab_keep_their_speaker(
    first: str, second: str, blank_lines: bool
) -> None:
    """ "R<tab>Six years.": the words after the tab are no part of a label ending in "."."""
    answers = ["How long have you worked there?", "Six years.", "And before?", "Retail.", "Ok."]
    lines = [f"{(first, second)[i % 2]}\t{a}" for i, a in enumerate(answers)]
    doc = read("notes.txt", ("\n\n" if blank_lines else "\n").join(lines).encode())
    assert speakers_and_words(doc, "\t") == [
        ((first, second)[i % 2], a) for i, a in enumerate(answers)
    ]


def test_notes_with_stop_words_before_a_colon_stay_unlabelled() -> None:
    text = "Sara: Hello.\n\nNB: the recorder failed.\n\nTom: Hi.\n\nSara: Go on.\n\nTom: Fine."
    doc = read("notes.txt", text.encode())
    assert [p.speaker for p in doc.passages] == ["Sara", "Sara", "Tom", "Sara", "Tom"]


def test_word_transcript_with_tabs_after_the_labels(make_docx: Callable[..., Path]) -> None:
    path = make_docx([f"{('I', 'R')[i % 2]}\t{a}" for i, a in enumerate(ANSWERS)])
    doc = read_document(path)
    assert [p.speaker for p in doc.passages] == ["I", "R", "I", "R"]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("Interviewer\xa0", "Jean-Luc\xa0"),  # Word's French typography: a space before ":"
        ("Sara\xa0Lee", "Tom\u202fOkafor"),  # no-break spaces inside names
    ],
)
def test_no_break_spaces_in_labels(first: str, second: str) -> None:
    lines = [f"{(first, second)[i % 2]}: {a}" for i, a in enumerate(ANSWERS)]
    doc = read("notes.txt", "\n\n".join(lines).encode())
    speakers = [" ".join(first.split()), " ".join(second.split())]
    assert [p.speaker for p in doc.passages] == speakers * 2
    assert "\xa0" not in doc.text and "\u202f" not in doc.text


def test_no_break_spaces_in_an_otter_export() -> None:
    text = "".join(
        f"{('Sara Lee', 'Tom Okafor')[i % 2]}\xa0\xa00:{10 * i:02d}\n{a}\n\n"
        for i, a in enumerate(ANSWERS)
    )
    doc = read("otter.txt", text.encode())
    assert doc.layout == "otter"
    assert [p.speaker for p in doc.passages] == ["Sara Lee", "Tom Okafor"] * 2
