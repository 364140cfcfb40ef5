"""Researchers' own Word and OpenDocument notes: the details block at the top, headings that
end a turn (files written by python-docx and odfdo)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import docx
import pytest
from odfdo import Header, Paragraph, Table

from qualcode.ingest import read_document

DETAILS = [
    ("Interviewer", "Siobhan O'Neill"),
    ("Interviewee", "Desmond Oyelaran-Tate"),
    ("Organisation", "Safe Harbour Homes"),
    ("Date", "2 June 2025"),
]
TURNS = [
    "Interviewer: Thanks for making the time.",
    "Participant: Happy to. We house forty men.",
    "Interviewer: And funding?",
    "Participant: Rent and two trusts.",
]


def passages(path: Path) -> list[tuple[str | None, str]]:
    doc = read_document(path)
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


def notes_docx(
    tmp_path: Path, *, table: bool, details_heading: bool = False, name: str = "notes.docx"
) -> Path:
    """Word notes as researchers write them: a heading, the details (a table or one field a
    paragraph), a "Background" heading with notes and bullets, then the interview."""
    document = docx.Document()
    document.add_heading("Interview 8 – housing charity", 1)
    if details_heading:
        document.add_paragraph("")  # spacing
        document.add_heading("Interview details", 2)
    if table:
        grid = document.add_table(rows=len(DETAILS), cols=2)
        for row, (key, value) in enumerate(DETAILS):
            grid.cell(row, 0).text = key
            grid.cell(row, 1).text = value
    else:
        for key, value in DETAILS:
            document.add_paragraph(f"{key}: {value}")
    document.add_heading("Background", 2)
    document.add_paragraph("Met at their office. The deputy joined late.")
    document.add_paragraph("Runs 40 bed spaces", style="List Bullet")
    for turn in TURNS:
        document.add_paragraph(turn)
    path = tmp_path / name
    document.save(str(path))
    return path


@pytest.mark.parametrize("table", [True, False], ids=["details-table", "details-paragraphs"])
def test_word_details_block_is_read_as_a_header_not_a_turn(tmp_path: Path, table: bool) -> None:
    doc = read_document(notes_docx(tmp_path, table=table))
    assert doc.attributes == {"interviewer": "Siobhan O'Neill", "date": "2 June 2025"}
    assert {"Siobhan O'Neill", "Desmond Oyelaran-Tate", "Safe Harbour Homes"} <= set(doc.speakers)
    found = [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]
    details = "\n".join(f"{key}: {value}" for key, value in DETAILS)
    assert found[:4] == [
        (None, "Interview 8 – housing charity"),
        (None, details),
        (None, "Background"),
        (None, "Met at their office. The deputy joined late."),
    ]
    assert [s for s, _ in found[5:]] == ["Interviewer", "Participant"] * 2
    assert "Interviewee" not in {s for s, _ in found}


@pytest.mark.parametrize("table", [True, False], ids=["details-table", "details-paragraphs"])
def test_word_details_under_their_own_heading(tmp_path: Path, table: bool) -> None:
    doc = read_document(notes_docx(tmp_path, table=table, details_heading=True))
    assert doc.attributes == {"interviewer": "Siobhan O'Neill", "date": "2 June 2025"}
    found = [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]
    assert found[1:3] == [
        (None, "Interview details"),
        (None, "\n".join(f"{key}: {value}" for key, value in DETAILS)),
    ]
    assert "Interviewee" not in {s for s, _ in found}


def test_a_word_transcript_opening_with_turns_has_no_details_block(
    make_docx: Callable[..., Path],
) -> None:
    path = make_docx(
        [
            "Interview 3",
            "Interviewer: Right",
            "Participant: Okay",
            "Interviewer: Go on.",
            "Participant: Yes.",
        ]
    )
    assert [s for s, _ in passages(path)][2:] == ["Participant", "Interviewer", "Participant"]
    # Rows that are not all details fields stay rows, one passage each.
    path = make_docx([[["Consent", "Verbal, recorded"], ["Date", "2 June"]], *TURNS])
    assert passages(path)[:3] == [
        (None, "Consent: Verbal, recorded"),
        (None, "Date: 2 June"),
        ("Interviewer", TURNS[0]),
    ]


def test_odt_details_paragraphs_are_a_header(make_odt: Callable[..., Path]) -> None:
    def build(body: Any) -> None:
        body.append(Header(1, "Interview 8"))
        for key, value in DETAILS:
            body.append(Paragraph(f"{key}: {value}"))
        for turn in TURNS:
            body.append(Paragraph(turn))

    doc = read_document(make_odt(build))
    assert doc.attributes == {"interviewer": "Siobhan O'Neill", "date": "2 June 2025"}
    assert [p.speaker for p in doc.passages] == [None, None] + ["Interviewer", "Participant"] * 2


def test_odt_details_table_is_a_header(make_odt: Callable[..., Path]) -> None:
    def build(body: Any) -> None:
        body.append(Header(1, "Interview 8"))
        table = Table("details", width=2, height=len(DETAILS))
        for row, (key, value) in enumerate(DETAILS):
            table.set_value((0, row), key)
            table.set_value((1, row), value)
        body.append(table)
        for turn in TURNS:
            body.append(Paragraph(turn))

    doc = read_document(make_odt(build))
    assert "Desmond Oyelaran-Tate" in doc.speakers
    assert [p.speaker for p in doc.passages] == [None, None] + ["Interviewer", "Participant"] * 2


def test_word_headings_end_the_last_turn(tmp_path: Path) -> None:
    document = docx.Document()
    custom = document.styles.add_style("Notes Heading", 1)  # a paragraph style
    custom.base_style = document.styles["Heading 3"]
    for turn in TURNS:
        document.add_paragraph(turn)
    document.add_heading("My reflections", 2)
    document.add_paragraph("Guarded about the council; follow up in March.")
    document.add_paragraph("Participant: Thanks again.")
    document.add_paragraph("Her answer's second paragraph.")
    document.add_paragraph("Afterwards", style="Notes Heading")
    document.add_paragraph("Rang the office to check the dates.")
    bold = document.add_paragraph().add_run("Funding and contracts")
    bold.bold = True
    document.add_paragraph("Two trusts, rent, and a council grant ending in March.")
    path = tmp_path / "headings.docx"
    document.save(str(path))
    assert passages(path)[4:] == [
        (None, "My reflections"),
        (None, "Guarded about the council; follow up in March."),
        ("Participant", "Participant: Thanks again."),
        ("Participant", "Her answer's second paragraph."),
        (None, "Afterwards"),
        (None, "Rang the office to check the dates."),
        (None, "Funding and contracts"),
        (None, "Two trusts, rent, and a council grant ending in March."),
    ]


def test_bold_speaker_labels_and_bold_words_in_an_answer_are_no_headings(
    tmp_path: Path,
) -> None:
    document = docx.Document()
    for label, words in (("Interviewer:", "How is it funded?"), ("Sara Lee:", "Grants.")) * 2:
        document.add_paragraph().add_run(label).bold = True  # a label above the words
        document.add_paragraph(words)
    answer = document.add_paragraph()
    answer.add_run("Participant: ").bold = True
    answer.add_run("Mostly rent.")
    document.add_paragraph().add_run("Really important.").bold = True
    document.add_paragraph().add_run("Sara Lee:").bold = True
    document.add_paragraph("And the council.")
    path = tmp_path / "labels.docx"
    document.save(str(path))
    speakers = [speaker for speaker, _ in passages(path)]
    assert None not in speakers
    assert speakers[-2:] == ["Participant", "Sara Lee"]


def test_odt_headings_end_the_last_turn(make_odt: Callable[..., Path]) -> None:
    def build(body: Any) -> None:
        for turn in TURNS:
            body.append(Paragraph(turn))
        body.append(Header(2, "Reflections"))
        body.append(Paragraph("Guarded about the council."))

    assert passages(make_odt(build))[-3:] == [
        ("Participant", TURNS[-1]),
        (None, "Reflections"),
        (None, "Guarded about the council."),
    ]


@pytest.mark.parametrize("dash", ["–", "-", "—"])
def test_a_spaced_dash_after_a_role_or_a_recurring_name_starts_a_turn(
    make_docx: Callable[..., Path], dash: str
) -> None:
    roles = [
        f"Transcript {dash} interview 31",
        f"Interviewer {dash} How is the service funded?",
        f"Participant {dash} Mostly grants.",
        "Well - I think the grants are ending.",
        f"Interviewer {dash} And contracts?",
        f"Participant {dash} One with probation, ending soon.",
    ]
    assert [s for s, _ in passages(make_docx(roles))] == [
        None, "Interviewer", "Participant", "Participant", "Interviewer", "Participant"
    ]  # fmt: skip
    names = [
        f"Sara Lee {dash} How is it funded?",
        f"Tomasz {dash} Grants, mostly.",
        f"Sara Lee {dash} And the council?",
        f"Tomasz {dash} Gone.",
    ]
    doc = read_document(make_docx(names))
    assert [p.speaker for p in doc.passages] == ["Sara Lee", "Tomasz"] * 2
    assert doc.speakers == ["Sara Lee", "Tomasz"]


def test_a_dash_in_notes_is_no_speaker_label(make_docx: Callable[..., Path]) -> None:
    notes = [
        "Visit to the hub, spring.",
        "Funding - two trusts and rent; the council grant ends in March.",
        "They were open about the waiting list and the gaps in provision.",
        "Staffing - four posts, one vacant since the summer.",
        "Funding - they hope to bid with the consortium next year.",
        "The deputy showed us round and introduced the volunteers.",
        "They were frank about the council and the new contract.",
        "Staffing - the volunteers cover the evenings.",
        "Follow up with the deputy in March about the figures.",
    ]
    doc = read_document(make_docx(notes))
    assert [p.speaker for p in doc.passages] == [None] * len(notes)
    assert doc.speakers == []


def test_dash_labels_in_a_text_file() -> None:
    text = "Interviewer - How is it funded?\n\nParticipant - Grants.\n\nWell - and rent.\n"
    doc = read_document(Path("w7.txt"), data=text.encode("utf-8"))
    assert [p.speaker for p in doc.passages] == ["Interviewer", "Participant", "Participant"]
