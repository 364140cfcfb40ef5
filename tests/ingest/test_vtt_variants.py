"""WebVTT files as converters and hand edits leave them: every word of every cue is read."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, ReadError, read_document


def read_vtt(*blocks: str, crlf: bool = False) -> ReadDocument:
    text = "WEBVTT\n\n" + "\n\n".join(blocks) + "\n"
    data = (text.replace("\n", "\r\n") if crlf else text).encode("utf-8")
    return read_document(Path("interview.vtt"), data=data)


def turns(doc: ReadDocument) -> list[tuple[str | None, str]]:
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


def test_timings_with_a_decimal_comma_or_no_milliseconds_are_read() -> None:
    doc = read_vtt(
        "1\n00:00:01.000 --> 00:00:04.000\nInterviewer: How did the bid go?",
        "2\n00:00:04,000 --> 00:00:08,500\nInterviewee: We lost it on price.",  # SubRip style
        "3\n00:00:09 --> 00:00:12 align:start\nInterviewer: And then?",  # no milliseconds
        "4\n00:13,250 --> 00:15,000\nInterviewee: We bid again.",
        crlf=True,
    )
    assert turns(doc) == [
        ("Interviewer", "Interviewer: How did the bid go?"),
        ("Interviewee", "Interviewee: We lost it on price."),
        ("Interviewer", "Interviewer: And then?"),
        ("Interviewee", "Interviewee: We bid again."),
    ]
    assert [p.meta["begin"] for p in doc.passages] == [
        "00:00:01.000",
        "00:00:04.000",
        "00:00:09.000",
        "00:00:13.250",
    ]
    assert doc.warnings == []


def test_text_after_a_blank_line_inside_a_cue_stays_with_it() -> None:
    doc = read_vtt(
        "NOTE written by hand",
        "1\n00:00:01.000 --> 00:00:04.000\n<v Sara Lee>How did the bid go?</v>",
        "2\n00:00:04.000 --> 00:00:08.000\n<v Tomasz Okafor>We lost it on price.",
        "And the second paragraph of my answer.",
        "NOTE a comment is no cue text",
        "3\n00:00:08.000 --> 00:00:10.000\n<v Sara Lee>I see.",
    )
    assert turns(doc) == [
        ("Sara Lee", "Sara Lee: How did the bid go?"),
        (
            "Tomasz Okafor",
            "Tomasz Okafor: We lost it on price. And the second paragraph of my answer.",
        ),
        ("Sara Lee", "Sara Lee: I see."),
    ]
    assert "comment" not in doc.text


def test_a_cue_whose_timings_cannot_be_read_keeps_its_words_and_is_reported() -> None:
    doc = read_vtt(
        "1\n00:00:01.000 --> 00:00:04.000\nInterviewer: How did the bid go?",
        "2\n00:00:04.000 --> soon\nInterviewee: We lost it on price.",
        "3\n00:00:08.000 --> 00:00:10.000\nInterviewer: I see.",
    )
    assert turns(doc) == [
        ("Interviewer", "Interviewer: How did the bid go?"),
        ("Interviewee", "Interviewee: We lost it on price."),
        ("Interviewer", "Interviewer: I see."),
    ]
    assert doc.warnings == [
        'interview.vtt: cue 2 has unreadable timings ("00:00:04.000 --> soon"); its words are'
        " kept with the cue before it"
    ]


def test_captions_saved_under_the_other_extension_are_read_by_their_content() -> None:
    cues = "00:00:01{0}000 --> 00:00:04{0}000\nInterviewer: Hi.\n\n"
    cues += "2\n00:00:04{0}000 --> 00:00:08{0}000\nInterviewee: Hello.\n"
    srt = ("1\n" + cues.format(",")).replace("\n", "\r\n").encode()
    vtt = ("WEBVTT\n\n1\n" + cues.format(".")).encode()
    for name, data in (("srt-content.vtt", srt), ("vtt-content.srt", vtt)):
        doc = read_document(Path(name), data=data)
        assert turns(doc) == [
            ("Interviewer", "Interviewer: Hi."),
            ("Interviewee", "Interviewee: Hello."),
        ]


def test_one_mangled_subrip_cue_is_left_out_with_a_warning_not_the_file() -> None:
    text = (
        "1\n00:00:01,000 --> 00:00:04,000\nInterviewer: How did the bid go?\n\n"
        "2\n00:00:04,000 --> soon\nInterviewee: We lost it.\n\n"
        "3\n00:00:08,000 --> 00:00:10,000\nInterviewee: On price, mostly.\n"
    )
    doc = read_document(Path("interview.srt"), data=text.encode())
    assert turns(doc) == [
        ("Interviewer", "Interviewer: How did the bid go?"),
        ("Interviewee", "Interviewee: On price, mostly."),
    ]
    assert doc.warnings == ["interview.srt: 1 of 3 cues could not be read and were left out"]


def test_a_timing_with_a_mangled_arrow_is_read_as_one() -> None:
    doc = read_vtt(
        "1\n00:00:01.000 --> 00:00:04.000\nInterviewer: How did the bid go?",
        "2\n00:00:04.000 -> 00:00:08.000\nInterviewee: We lost it on price.",
        "3\n00:00:08.000 → 00:00:10.000 align:start\nInterviewer: I see.",
        "4\n00:00:10.000 --> 00:00:12.000\nInterviewee: 10:00 -> 11:00 was our slot.",
    )
    assert turns(doc) == [
        ("Interviewer", "Interviewer: How did the bid go?"),
        ("Interviewee", "Interviewee: We lost it on price."),
        ("Interviewer", "Interviewer: I see."),
        ("Interviewee", "Interviewee: 10:00 -> 11:00 was our slot."),
    ]
    assert [p.meta["begin"] for p in doc.passages][1:3] == ["00:00:04.000", "00:00:08.000"]
    assert doc.warnings == []


@pytest.mark.parametrize(
    "arrow",
    ["--", "- ->", "-- >", "- - >", "==>", "=>", "–", "—", "-", ">", " -->"],
)
def test_a_timing_with_a_broken_arrow_is_a_timing_not_words(arrow: str) -> None:
    doc = read_vtt(
        "1\n00:00:01.000 --> 00:00:04.000\nSara Lee: Hello there.",
        f"2\n00:00:05.000 {arrow} 00:00:08.000\nTom Okafor: I lost my words here.",
        "3\n00:00:09.000 --> 00:00:12.000\nSara Lee: Bye.",
    )
    assert turns(doc) == [
        ("Sara Lee", "Sara Lee: Hello there."),
        ("Tom Okafor", "Tom Okafor: I lost my words here."),
        ("Sara Lee", "Sara Lee: Bye."),
    ]
    assert doc.passages[1].meta == {"begin": "00:00:05.000", "end": "00:00:08.000"}
    assert doc.warnings == []


@pytest.mark.parametrize(
    "timing",
    ["00:00:05.000 -- 00:00:0x", "00:00:05.000 --", "00:00:05.000 -->", "00:00:05,000 ~~ 8"],
)
def test_a_timing_beyond_mending_never_reaches_the_text(timing: str) -> None:
    doc = read_vtt(
        "1\n00:00:01.000 --> 00:00:04.000\nSara Lee: Hello there.",
        f"2\n{timing}\nTom Okafor: I lost my words here.",
        "3\n00:00:09.000 --> 00:00:12.000\nSara Lee: Bye.",
    )
    assert turns(doc) == [
        ("Sara Lee", "Sara Lee: Hello there."),
        ("Tom Okafor", "Tom Okafor: I lost my words here."),
        ("Sara Lee", "Sara Lee: Bye."),
    ]
    assert "00:00:05" not in doc.text
    assert len(doc.warnings) == 1
    assert doc.warnings[0].startswith(f'interview.vtt: cue 2 has unreadable timings ("{timing}")')


def test_words_after_a_blank_line_that_start_with_a_time_stay_words() -> None:
    doc = read_vtt(
        "1\n00:00:01.000 --> 00:00:04.000\nSara Lee: What was the plan?",
        "2\n00:00:05.000 --> 00:00:08.000\nTom Okafor: Two sessions.",
        "9:00 - 10:30 was the first,",
        "10:30 -> 12:00 the second.",
    )
    assert turns(doc)[1] == (
        "Tom Okafor",
        "Tom Okafor: Two sessions. 9:00 - 10:30 was the first, 10:30 -> 12:00 the second.",
    )


@pytest.mark.parametrize(
    "content",
    [
        "WEBVTT\n\nnot a cue at all\nblah\n",
        "WEBVTT\n",
        "WEBVTT - Zoom transcript\n\nNOTE nothing was said\n",
    ],
)
def test_a_webvtt_file_without_cues_is_refused_in_one_line(content: str) -> None:
    with pytest.raises(ReadError) as caught:
        read_document(Path("garbage.vtt"), data=content.encode())
    assert str(caught.value) == (
        "garbage.vtt: no caption cues (a WebVTT file needs timing lines like"
        " 00:00:01.000 --> 00:00:04.000)"
    )


@pytest.mark.parametrize("arrow", ["->", "--", "- ->", "==>", "–", "→"])
def test_a_subrip_timing_with_a_broken_arrow_is_read_as_one(arrow: str) -> None:
    text = (
        "1\r\n00:00:01,000 --> 00:00:04,000\r\nSara Lee: Hello there.\r\n\r\n"
        f"2\r\n00:00:05,000 {arrow} 00:00:08,000\r\nTom Okafor: I lost my words here.\r\n\r\n"
        "3\r\n00:00:09,000 --> 00:00:12,000\r\nSara Lee: 10:30 -> 12:00 was the slot.\r\n"
    )
    doc = read_document(Path("interview.srt"), data=text.encode())
    assert turns(doc) == [
        ("Sara Lee", "Sara Lee: Hello there."),
        ("Tom Okafor", "Tom Okafor: I lost my words here."),
        ("Sara Lee", "Sara Lee: 10:30 -> 12:00 was the slot."),
    ]
    assert doc.passages[1].meta == {"begin": "00:00:05.000", "end": "00:00:08.000"}
    assert doc.warnings == []
