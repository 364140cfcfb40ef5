"""Caption labels said only once: a display name is a speaker, an everyday word is not."""

from __future__ import annotations

from pathlib import Path

import pytest
import service_files as sf

from qualcode.ingest import ReadDocument, read_document

LEE, OKAFOR = "Sara Lindqvist", "Tomasz Okafor"


def interview(
    once: str, words: str, *, lee: str = LEE, okafor: str = OKAFOR
) -> tuple[sf.Utterance, ...]:
    """An interview in which `once` speaks a single time, in the middle."""
    return (
        sf.Utterance(lee, 4, "Thanks for making the time. How did the bid go?"),
        sf.Utterance(okafor, 13, "We lost it on price to a national provider."),
        sf.Utterance(once, 30, words),
        sf.Utterance(lee, 41, "Was that the first time?"),
        sf.Utterance(okafor, 50, "No, the third time in two years."),
    )


def read(name: str, content: str) -> ReadDocument:
    return read_document(Path(name), data=content.encode("utf-8"))


def turns(doc: ReadDocument) -> list[tuple[str | None, str]]:
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


# Display names as people type them into Zoom: lower case, a first name that is also a word,
# a short surname, a script without capitals.
@pytest.mark.parametrize(
    ("once", "others"),
    [
        ("jo", (LEE, OKAFOR)),
        ("tom ng", (LEE, OKAFOR)),
        ("will", (LEE, OKAFOR)),
        ("Hope", (LEE, OKAFOR)),
        ("Tom Ng", (LEE, OKAFOR)),
        ("王伟", (LEE, OKAFOR)),
        ("jo", ("sara lindqvist", "tomasz okafor")),
    ],
)
def test_a_zoom_display_name_said_once_is_a_speaker(once: str, others: tuple[str, str]) -> None:
    doc = read(
        "zoom.vtt", sf.zoom_vtt(interview(once, "yes, it was.", lee=others[0], okafor=others[1]))
    )
    assert doc.layout == "zoom-vtt"
    assert (once, f"{once}: yes, it was.") in turns(doc)
    assert once in doc.speakers
    assert [p.speaker for p in doc.passages] == [others[0], others[1], once, *others]


@pytest.mark.parametrize("once", ["Plan", "plan", "Funding", "bottom line"])
def test_an_everyday_word_before_a_colon_once_is_no_speaker(once: str) -> None:
    doc = read("zoom.vtt", sf.zoom_vtt(interview(once, "we'll meet again next week.")))
    assert doc.speakers == [LEE, OKAFOR]
    assert [p.speaker for p in doc.passages] == [LEE, OKAFOR, LEE, OKAFOR]
    # the words stay where they were said, in the turn above
    assert turns(doc)[1] == (
        OKAFOR,
        f"{OKAFOR}: We lost it on price to a national provider."
        f" {once}: we'll meet again next week.",
    )


@pytest.mark.parametrize("once", ["Cook", "White"])
def test_a_label_said_once_in_the_shape_of_the_others_is_a_speaker(once: str) -> None:
    # Display names of one word each ("Sara", "Tomasz"): a surname that is also a word is
    # shaped like them, so it is someone (where "Plan" among "Sara Lindqvist" is not).
    doc = read("zoom.vtt", sf.zoom_vtt(interview(once, "yes.", lee="Sara", okafor="Tomasz")))
    assert doc.speakers == ["Sara", "Tomasz", once]
    assert (once, f"{once}: yes.") in turns(doc)


def bracketed_srt(*cues: str) -> str:
    """SubRip captions whose cues open with a bracketed speaker, as some services write them."""
    return "\n\n".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n + 1:02d},000\n{text}"
        for n, text in enumerate(cues, start=1)
    )


def test_a_bracketed_speaker_said_once_is_a_speaker_and_a_sound_is_not() -> None:
    doc = read(
        "captions.srt",
        bracketed_srt(
            f"[{LEE}] How did the bid go?",
            f"[{OKAFOR}] We lost it on price.",
            "[Tom Ng] I was on the panel, it was close.",
            "[Phone Ringing] Sorry, one moment.",
            f"[{LEE}] Was that the first time?",
            f"[{OKAFOR}] No, the third.",
        ),
    )
    assert turns(doc) == [
        (LEE, f"{LEE}: How did the bid go?"),
        (OKAFOR, f"{OKAFOR}: We lost it on price."),
        ("Tom Ng", "Tom Ng: I was on the panel, it was close. [Phone Ringing] Sorry, one moment."),
        (LEE, f"{LEE}: Was that the first time?"),
        (OKAFOR, f"{OKAFOR}: No, the third."),
    ]
    assert doc.speakers == [LEE, OKAFOR, "Tom Ng"]


def test_a_lower_case_label_once_in_captions_mostly_without_speakers_stays_text() -> None:
    # A converted .srt: a couple of labelled lines among many unlabelled cues is not enough
    # evidence that "jo:" opens a turn rather than the words.
    cues = [f"Interviewer: Question {n} about the contract?" for n in (1, 2)]
    cues += [f"Answer sentence number {n} goes here." for n in range(8)]
    cues.insert(5, "jo: yes")
    doc = read("auto.srt", bracketed_srt(*cues))
    assert "jo" not in doc.speakers
    assert "jo: yes" in doc.text


def meet_paragraphs(once: str) -> list[str]:
    """Google Meet's transcript (a Google Doc saved as .docx): a time every few turns, then
    "Name: words" lines; `once` speaks a single time."""
    paragraphs = ["Partnership interview - Transcript", "Attendees", f"{LEE}, {OKAFOR}"]
    paragraphs.append("Transcript")
    for n in range(30):
        if n % 10 == 0:
            paragraphs.append(f"00:{n // 2:02d}:00")
        speaker = once if n == 5 else (LEE if n % 2 == 0 else OKAFOR)
        paragraphs.append(f"{speaker}: Turn {n + 1} about the contract.")
    return [*paragraphs, "Meeting ended after 00:15:12"]


@pytest.mark.parametrize("kind", ["docx", "txt"])
@pytest.mark.parametrize(("once", "speaks"), [("jo", True), ("Tom Ng", True), ("Plan", False)])
def test_google_meet_lines_said_once(kind: str, once: str, speaks: bool) -> None:
    paragraphs = meet_paragraphs(once)
    data = sf.docx_bytes(paragraphs) if kind == "docx" else "\n".join(paragraphs).encode()
    doc = read_document(Path(f"meet.{kind}"), data=data)
    assert doc.layout == "google-meet"
    line = f"{once}: Turn 6 about the contract."
    assert ((once, line) in turns(doc)) is speaks
    assert (once in doc.speakers) is speaks
    assert line in doc.text
