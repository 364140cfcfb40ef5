"""Metadata headers at the top of interview notes ("Participant: Interviewee 7", "Date: ...")."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from qualcode.ingest import read_document
from qualcode.ingest.header import parse_header


def test_header_lines_give_participant_and_attributes_not_turns(tmp_path: Path) -> None:
    raw = (
        "\ufeffParticipant: Interviewee 7\r\n"
        "Organisation type: Policy stakeholder\r\n"
        "Date: 2024-04-25\r\n\r\n"
        "Interviewer: Thanks for making the time.\r\n\r\n"
        "Dominic: Sure.\r\n\r\nInterviewer: Good.\r\n\r\nDominic: Yes.\r\n"
    )
    path = tmp_path / "i7.txt"
    path.write_bytes(raw.encode("cp1252", errors="ignore"))
    doc = read_document(path)
    assert doc.participant == "Interviewee 7"
    assert doc.attributes == {"organisation_type": "Policy stakeholder", "date": "2024-04-25"}
    assert [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages[:3]] == [
        (
            None,
            "Participant: Interviewee 7\nOrganisation type: Policy stakeholder\nDate: 2024-04-25",
        ),
        ("Interviewer", "Interviewer: Thanks for making the time."),
        ("Dominic", "Dominic: Sure."),
    ]
    assert doc.speakers == ["Dominic"]


def test_title_line_then_pipe_separated_fields() -> None:
    text = (
        "Interview 14 - large national provider - 22/04/2024\n"
        "Participant: Interviewee 14 | Interviewer: Owen Treharne | Duration: 52 minutes\n\n"
        "Q: Hello?"
    )
    header = parse_header(text)
    assert header.end == text.index("\n\nQ:")
    assert header.participant == "Interviewee 14"
    assert header.attributes == {"interviewer": "Owen Treharne", "duration": "52 minutes"}


def test_names_and_organisations_are_identifiers_not_attributes() -> None:
    header = parse_header("**Interviewee:** Helen Marsh\nOrganisation: Tidewater\nRegion: East\n")
    assert header.names == ["Helen Marsh", "Tidewater"]
    assert header.attributes == {"region": "East"}


def test_turns_are_not_mistaken_for_header_fields() -> None:
    assert parse_header("Interviewer: How did it start?\nSiobhan: Slowly.").end == 0
    assert parse_header("Interviewer: Thanks for coming.\nDate: today").end == 0
    assert parse_header("Interviewer: Hi there\nSiobhan: Hello.").end == 0
    assert parse_header("Interviewer: Jo Smith\nSiobhan: Hello.").attributes == {
        "interviewer": "Jo Smith"
    }
    after_blank = parse_header("Date: 2024-01-02\n\nInterviewer: Hi\nSiobhan: Hello.")
    assert after_blank.end == len("Date: 2024-01-02")
    assert after_blank.attributes == {"date": "2024-01-02"}
    assert parse_header("Note: off the record\nDate: 2024").attributes == {"date": "2024"}
    assert parse_header("Just some notes.\nMore notes.\nDate: 2024").end == 0


def test_front_matter_wins_over_header(tmp_path: Path) -> None:
    raw = (
        "---\nparticipant: Interviewee 3\ndate: 2024-03-05\n---\n"
        "Participant: P3\nDate: 5 March\nSite: Leeds\n\nQ: Hi?"
    )
    path = tmp_path / "i3.md"
    path.write_text(raw, encoding="utf-8")
    doc = read_document(path)
    assert doc.participant == "Interviewee 3"
    assert doc.attributes == {"date": "2024-03-05", "site": "Leeds"}


def test_header_in_a_word_document(make_docx: Callable[..., Path]) -> None:
    doc = read_document(
        make_docx(["Interview 12", "Participant: Interviewee 12", "Interviewer: Hello, welcome."])
    )
    assert doc.participant == "Interviewee 12"
    assert [p.speaker for p in doc.passages] == [None, None, "Interviewer"]


def test_participants_and_attendees_lines_list_identifiers_not_speakers() -> None:
    text = (
        "**Date:** 14 May 2024\n"
        "**Participants:** Sara Lee (interviewer), Tomasz Okafor and Interviewee 4\n\n"
        "Sara Lee: Shall we start?\n\nTomasz Okafor: Yes.\n\nSara Lee: Good.\n\nTomasz Okafor: Go."
    )
    header = parse_header(text)
    assert header.names == ["Sara Lee", "Tomasz Okafor"]
    assert header.attributes == {"date": "14 May 2024"}
    doc = read_document(Path("meeting.md"), data=("Attendees: Ngozi Brennan\n\n" + text).encode())
    assert "Ngozi Brennan" in doc.speakers
    assert {p.speaker for p in doc.passages} == {None, "Sara Lee", "Tomasz Okafor"}
    assert parse_header("Attendees: everyone who came was there, as usual.\n").names == []


def test_the_interviewer_a_header_names_is_an_identifier(tmp_path: Path) -> None:
    text = (
        "Interview 8\nInterviewer: Siobhan O'Neill\nInterviewee: Desmond Oyelaran-Tate\n"
        "Transcribed by: Jo Bloggs (agency)\nDate: 2 June 2025\n\n"
        "Interviewer: Thanks for making the time.\n\nParticipant: Happy to."
    )
    header = parse_header(text)
    assert header.names == ["Siobhan O'Neill", "Desmond Oyelaran-Tate", "Jo Bloggs"]
    assert header.attributes["interviewer"] == "Siobhan O'Neill"  # kept, as a private key
    path = tmp_path / "h1.txt"
    path.write_text(text, encoding="utf-8")
    assert "Siobhan O'Neill" in read_document(path).speakers
    # Roles and labels are no one's name.
    for role in ("Interviewer 2", "Lead Researcher", "Q"):
        assert parse_header(f"Interviewer: {role}\nDate: 2024\n").names == []
    assert parse_header("Interviewee: Interviewee 7\nDate: 2024\n").names == []


def test_front_matter_names_the_interviewer_and_interviewee_as_identifiers(
    tmp_path: Path,
) -> None:
    raw = (
        "---\nparticipant: Interviewee 9\ninterviewer: Siobhan O'Neill\n"
        "interviewee: Niamh Byrne\norganisation: Lifelines NI\nsize: small\n---\n\n"
        "Interviewer: Hello.\n\nNiamh: Hi.\n\nInterviewer: Go on.\n\nNiamh: Yes."
    )
    path = tmp_path / "p9.md"
    path.write_text(raw, encoding="utf-8")
    doc = read_document(path)
    assert doc.participant == "Interviewee 9"
    assert doc.speakers == ["Niamh", "Siobhan O'Neill", "Niamh Byrne", "Lifelines NI"]


def test_a_details_heading_under_the_title(tmp_path: Path) -> None:
    text = (
        "Interview 8 – housing charity\n\nInterview details\n"
        "Interviewer: Siobhan O'Neill\nInterviewee: Desmond Oyelaran-Tate\nDate: 2 June 2025\n\n"
        "Interviewer: Thanks.\n\nParticipant: Happy to."
    )
    header = parse_header(text)
    assert header.end == text.index("\n\nInterviewer: Thanks")
    assert header.names == ["Siobhan O'Neill", "Desmond Oyelaran-Tate"]
    # Two lines of prose are not a title and a heading.
    assert parse_header("Interview 8\nWe met at the hub.\nDate: 2024").end == 0
    assert parse_header("Interview 8\nDetails\nNotes\nDate: 2024").end == 0
