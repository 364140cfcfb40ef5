"""Transcripts as services export them: layout recognised from content, speakers, passages."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import service_files as sf
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.ingest import ReadDocument, ReadError, read_document
from qualcode.ingest.document import build_document
from qualcode.ingest.layouts import recognise


def read(name: str, content: str | bytes) -> ReadDocument:
    data = content.encode("utf-8") if isinstance(content, str) else content
    return read_document(Path(name), data=data)


def said(doc: ReadDocument) -> list[tuple[str | None, str]]:
    """(speaker, whitespace-normalised text) of the passages that have a speaker."""
    return [
        (p.speaker, " ".join(doc.text[p.start : p.end].split())) for p in doc.passages if p.speaker
    ]


def check_passages(doc: ReadDocument, *, labels_have_words: bool = True) -> None:
    """Exact, ordered offsets; no bare label; nothing unreadably long."""
    previous = 0
    for p in doc.passages:
        text = doc.text[p.start : p.end]
        assert previous <= p.start < p.end and text == text.strip()
        assert p.end - p.start <= 3_000
        if p.speaker and labels_have_words:
            assert text.rstrip(":*_ ") != p.speaker
        previous = p.end


FORMATS: dict[str, tuple[str, Callable[[], str | bytes], str]] = {
    "otter txt": ("otter.txt", sf.otter_txt, "otter"),
    "otter docx": ("otter.docx", sf.otter_docx, "otter"),
    "teams docx": ("teams.docx", sf.teams_docx, "teams"),
    "teams docx, time first": ("teams.docx", lambda: sf.teams_docx(time_first=True), "teams"),
    "teams vtt": ("teams.vtt", sf.teams_vtt, "teams-vtt"),
    "zoom vtt": ("zoom.vtt", sf.zoom_vtt, "zoom-vtt"),
    "sbv captions": ("captions.sbv", sf.sbv, "sbv"),
    "rev": ("rev.txt", sf.rev_txt, "rev"),
    "trint": ("trint.txt", sf.trint_txt, "trint"),
    "happy scribe": ("scribe.txt", sf.happy_scribe_txt, "happy-scribe"),
    "zoom txt": ("zoom.txt", sf.zoom_txt, "zoom"),
    "google meet": ("meet.txt", sf.meet_txt, "google-meet"),
    "markdown meeting": ("meeting.md", sf.markdown_meeting, "markdown"),
    "plain": ("plain.txt", sf.plain_txt, "txt"),
}


@pytest.mark.parametrize("key", list(FORMATS))
def test_one_interview_reads_alike_in_every_format(key: str) -> None:
    name, build, layout = FORMATS[key]
    doc = read(name, build())
    reference = read("plain.txt", sf.plain_txt())
    assert doc.layout == layout
    assert doc.speakers == sf.SPEAKERS  # the interviewer and a one-off speaker included
    assert said(doc) == said(reference)
    check_passages(doc)
    first = next(p for p in doc.passages if p.speaker)
    if layout != "txt":  # timestamps leave the text and become each turn's `begin`
        assert first.meta["begin"].endswith("0:00:04.000")  # Zoom: time of day
        assert "0:04" not in doc.text[first.start : first.end]


def test_a_long_turn_becomes_readable_passages_of_its_speaker() -> None:
    doc = read("otter.txt", sf.otter_txt())
    long_turn = [p for p in doc.passages if p.speaker == "Tomasz Okafor"][1:3]
    assert len(sf.INTERVIEW[3].text) > 1_500
    sizes = [p.end - p.start for p in long_turn]
    assert all(400 <= size <= 1_200 for size in sizes), sizes
    first = doc.text[long_turn[0].start : long_turn[0].end]
    assert first.startswith("Tomasz Okafor: Well,") and first.endswith(".")
    assert long_turn[0].meta == {"begin": "00:00:40.000"} and long_turn[1].meta == {}


def test_otter_header_and_footer_are_no_turns() -> None:
    doc = read("otter.txt", sf.otter_txt())
    unlabelled = [doc.text[p.start : p.end] for p in doc.passages if p.speaker is None]
    assert unlabelled[0] == "Partnership interview"
    assert "SPEAKERS\nSara Lindqvist, Tomasz Okafor, Ngozi Brennan" in unlabelled
    assert unlabelled[-1] == "Transcribed by https://otter.ai"


def test_roster_names_are_speakers_even_if_they_never_speak() -> None:
    interview = sf.INTERVIEW[:4]
    roster = "Sara Lindqvist, Tomasz Okafor"
    text = sf.otter_txt(interview).replace(roster, roster + ", Ngozi Brennan")
    doc = read("otter.txt", text)
    assert doc.speakers == ["Sara Lindqvist", "Tomasz Okafor", "Ngozi Brennan"]


def test_markdown_participants_line_is_not_a_speaker() -> None:
    doc = read("meeting.md", sf.markdown_meeting())
    assert "Participants" not in {p.speaker for p in doc.passages}
    assert doc.title == "Partnership interview"


def test_rev_numbered_speakers_are_roles_not_identifiers() -> None:
    text = "Speaker 1 [00:00:01]\nHello.\n\nSpeaker 2: [00:00:05]\nHi. I'm well.\n\n"
    text += "Speaker 1 [00:00:09]\nGood."
    doc = read("rev.txt", text)
    assert [p.speaker for p in doc.passages] == ["Speaker 1", "Speaker 2", "Speaker 1"]
    assert doc.speakers == []
    assert doc.text.startswith("Speaker 1: Hello.\n\nSpeaker 2: Hi. I'm well.")


def test_zoom_chat_and_lower_case_display_names() -> None:
    text = (
        "10:01:02 From  sara lindqvist  to  Everyone: welcome all\n"
        "10:01:40 From Tomasz Okafor to Everyone: thanks, can you hear me?\n"
        "10:02:05 From sara lindqvist to Everyone: yes\n"
    )
    doc = read("chat.txt", text)
    assert doc.layout == "zoom-chat"
    assert doc.speakers == ["sara lindqvist", "Tomasz Okafor"]


def test_qualcoder_bracketed_ids_and_annotations() -> None:
    text = "[id1] How long have you worked here?\n[id2] [laughs] Too long.\n[id1] And before?\n"
    doc = read("ids.txt", text)
    assert doc.layout == "bracketed"
    assert [p.speaker for p in doc.passages] == ["id1", "id2", "id1"]
    notes = "[laughs] it was fine\n[inaudible 00:01:02] then\n[pause] and so on\n"
    assert recognise(notes.split("\n")) is None


def test_plain_q_a_notes_and_bulleted_field_notes() -> None:
    qa = read("qa.txt", "Q: How big is the team?\nA: Twelve people.\nQ: Volunteers?\nA: Forty.")
    assert [p.speaker for p in qa.passages] == ["Q", "A", "Q", "A"]
    notes = (
        "Visit to the drop-in centre, morning\n"
        "- Queue outside from 8.30, mostly regulars\n"
        "- Staff short: two off sick, one volunteer covering reception\n"
        "  and the phones at the same time\n"
        "* Manager says the new contract reporting takes a day a week\n"
        "• Noticeboard lists three partner agencies"
    )
    doc = read("fieldnotes.txt", notes)
    texts = [doc.text[p.start : p.end] for p in doc.passages]
    assert texts[0] == "Visit to the drop-in centre, morning"
    assert texts[2].endswith("and the phones at the same time")
    assert len(texts) == 5


def test_notes_without_blank_lines_are_split_at_line_breaks() -> None:
    lines = [
        f"Observation {n}: the session ran {n} minutes late because of the count."
        for n in range(300)
    ]
    doc = read("notes.txt", "\n".join(lines))
    assert len(doc.passages) == 300
    assert all(p.end - p.start < 100 for p in doc.passages)


def test_hard_wrapped_prose_is_split_at_sentences_not_lines() -> None:
    sentence = "The partnership began with a shared waiting list and grew from there over time"
    words = " ".join(f"{sentence} number {n}." for n in range(60)).split()
    lines = [" ".join(words[i : i + 11]) for i in range(0, len(words), 11)]
    doc = read("wrapped.txt", "\n".join(lines))
    texts = [doc.text[p.start : p.end] for p in doc.passages]
    assert len(texts) > 3 and all(t.endswith(".") for t in texts)
    assert all(400 <= len(t) <= 1_200 for t in texts[:-1])


def test_label_line_alone_joins_its_words() -> None:
    text = (
        "Interviewer:\n\nHow did it begin?\n\nMaria:\n\nSlowly.\n\nInterviewer: And?\n\nMaria: Yes."
    )
    doc = read("turns.txt", text)
    assert [doc.text[p.start : p.end] for p in doc.passages][:2] == [
        "Interviewer:\n\nHow did it begin?",
        "Maria:\n\nSlowly.",
    ]


def test_a_dialogue_keeps_a_person_who_speaks_once() -> None:
    text = (
        "Interviewer: Who else was involved?\n\nMaria: The council, mostly.\n\n"
        "Dev: Sorry, I should add the health board.\n\nInterviewer: Thanks.\n\nMaria: Yes."
    )
    doc = read("dialogue.txt", text)
    assert [p.speaker for p in doc.passages][2] == "Dev"
    assert doc.speakers == ["Maria", "Dev"]


PIECES = st.sampled_from(
    [
        "Sara Lee  0:13\n",
        "[00:01:02] Tom: ",
        "Rev Name (00:01):\n",
        "- ",
        "\n",
        "\n\n",
        "Interviewer: ",
        "1. ",
        ". ",
        " " * 700,
        "word " * 300,
        "x" * 1_300,
        "Sentence here. " * 120,
    ]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(PIECES, st.text(max_size=40)), max_size=40))
def test_no_passage_is_over_3000_characters_whatever_the_text(parts: list[str]) -> None:
    text = "".join(parts)
    try:
        doc = read("any.txt", text)
    except ReadError:
        return  # empty or binary-looking text is refused, not stored
    check_passages(doc, labels_have_words=False)  # "Interviewer:" may be all there is
    assert all(
        doc.passages[i].end <= doc.passages[i + 1].start for i in range(len(doc.passages) - 1)
    )
    covered = "".join(doc.text[p.start : p.end] for p in doc.passages)
    assert "".join(covered.split()) == "".join(doc.text.split())


@pytest.mark.parametrize(
    "notes",
    [
        "Arrival 9:15\nQueue of twelve people outside.\n\nDeparture 11:30\nDoors locked.",
        "09:15 Arrival: queue outside.\n10:40 Lunch: staff room.\n11:30 Departure: locked.",
    ],
)
def test_times_in_field_notes_are_no_speakers(notes: str) -> None:
    doc = read("visit.txt", notes)
    assert doc.layout == "txt" and doc.speakers == []


@pytest.mark.parametrize(
    ("text", "layout"),
    [
        ("Sara Lee (00:04):\nThanks for coming.\n\nTom Okafor (00:13):\nGlad to.\n", "rev"),
        ("[00:00:04] Sara Lee: Thanks for coming.\n[00:00:13] Tom Okafor: Glad to.\n", "trint"),
    ],
)
def test_two_people_who_speak_once_each(text: str, layout: str) -> None:
    doc = read("short.txt", text)
    assert doc.layout == layout
    assert said(doc) == [
        ("Sara Lee", "Sara Lee: Thanks for coming."),
        ("Tom Okafor", "Tom Okafor: Glad to."),
    ]
    assert doc.speakers == ["Sara Lee", "Tom Okafor"]


@pytest.mark.parametrize("key", ["otter docx", "teams vtt", "rev", "zoom vtt"])
def test_an_edited_transcript_is_segmented_as_it_was_imported(key: str) -> None:
    """Editing re-segments the stored text as plain text: the speakers, and the one-off
    speaker among them, are found again."""
    name, build, _ = FORMATS[key]
    doc = read(name, build())
    again = build_document(name, doc.format, doc.text)
    assert again.speakers == doc.speakers
    assert said(again) == said(doc)


@pytest.mark.parametrize(
    "first_line",
    [
        "Sara Lee (00:04): Thanks for coming.",
        "**Sara Lee** (00:00:04): Thanks for coming.",
        "Sara Lee [00:00:04]: Thanks for coming.",
        "Sara Lee 0:04\nThanks for coming.",
        "Sara Lee  1:00:04\nThanks for coming.",
        "00:00:04\tSara Lee: Thanks for coming.",
    ],
)
def test_layout_variants_with_words_on_the_label_line(first_line: str) -> None:
    second = first_line.replace("Sara Lee", "Tom Okafor").replace("Thanks for coming", "Glad to")
    third = first_line.replace("Thanks for coming", "Shall we start")
    doc = read("variant.txt", f"{first_line}\n\n{second}\n\n{third}\n")
    assert [s for s, _ in said(doc)] == ["Sara Lee", "Tom Okafor", "Sara Lee"]
    assert said(doc)[0][1] == "Sara Lee: Thanks for coming."
    assert doc.passages[0].meta["begin"].endswith(":04.000")


def test_pathological_lines_are_read_quickly() -> None:
    import time

    lines = [
        "10:01:02 From " + "a to " * 20_000,
        "[" + "Sara " * 20_000,
        "Sara Lee " * 10_000 + "0:13",
        "[00:00:01] " + "Sara-" * 20_000,
    ]
    started = time.process_time()
    for line in lines:
        read("odd.txt", "\n".join([line] * 3))
    assert time.process_time() - started < 5


def test_lines_without_a_timestamp_in_a_timestamped_transcript() -> None:
    text = (
        "[00:01:02] Interviewer: How did it start?\n"
        "Siobhan: Slowly, with one contract.\n"
        "[00:02:00] Interviewer: And then?\n"
        "[00:02:05] Siobhan: It grew.\n"
        "Note: recording paused here.\n"
    )
    doc = read("mixed.txt", text)
    assert said(doc) == [
        ("Interviewer", "Interviewer: How did it start?"),
        ("Siobhan", "Siobhan: Slowly, with one contract."),
        ("Interviewer", "Interviewer: And then?"),
        ("Siobhan", "Siobhan: It grew. Note: recording paused here."),
    ]
