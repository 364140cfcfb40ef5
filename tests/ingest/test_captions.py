"""Caption readers (.vtt, .srt): speaker tags, merged turns, timestamps as passage metadata."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, ReadError, read_document

TEAMS_VTT = """WEBVTT

NOTE exported from Teams

0f1e/12-0
00:00:01.000 --> 00:00:04.500
<v Jo Bloggs>Thanks for joining. How is</v>

0f1e/13-0
00:00:04.500 --> 00:00:06.000
<v Jo Bloggs>the funding &amp; commissioning?</v>

00:00:06.200 --> 00:00:09.000
<v Siobhan Kelly>It&#39;s <i>tight</i>, £5 a head.</v>

00:01:02.500 --> 00:01:07.000
<v.loud Siobhan Kelly>Really tight.</v>

01:00:00.000 --> 01:00:01.250
<v Interviewer>Thanks.</v>
"""


def read(tmp_path: Path, name: str, content: str, encoding: str = "utf-8") -> ReadDocument:
    path = tmp_path / name
    path.write_bytes(content.encode(encoding))
    return read_document(path)


def turns(doc: ReadDocument) -> list[tuple[str | None, str, dict[str, str]]]:
    return [(p.speaker, doc.text[p.start : p.end], p.meta) for p in doc.passages]


def test_vtt_voice_tags_merge_consecutive_cues(tmp_path: Path) -> None:
    doc = read(tmp_path, "call.vtt", TEAMS_VTT)
    assert doc.format == "vtt" and doc.title == "call"
    assert doc.text == (
        "Jo Bloggs: Thanks for joining. How is the funding & commissioning?\n"
        "Siobhan Kelly: It's tight, £5 a head. Really tight.\n"
        "Interviewer: Thanks."
    )
    assert turns(doc) == [
        (
            "Jo Bloggs",
            "Jo Bloggs: Thanks for joining. How is the funding & commissioning?",
            {"begin": "00:00:01.000", "end": "00:00:06.000"},
        ),
        (
            "Siobhan Kelly",
            "Siobhan Kelly: It's tight, £5 a head. Really tight.",
            {"begin": "00:00:06.200", "end": "00:01:07.000"},
        ),
        ("Interviewer", "Interviewer: Thanks.", {"begin": "01:00:00.000", "end": "01:00:01.250"}),
    ]
    assert doc.speakers == ["Jo Bloggs", "Siobhan Kelly"]


def test_vtt_two_voices_in_one_cue_and_name_prefixes(tmp_path: Path) -> None:
    content = (
        "WEBVTT\r\n\r\n"
        "00:00:00.000 --> 00:00:02.000\r\n<v Anna>Hello.</v>\r\n<v Ben>Hi there.</v>\r\n\r\n"
        "00:00:02.000 --> 00:00:03.000\r\nAnna: Zoom style prefix.\r\n\r\n"
        "00:00:03.000 --> 00:00:04.000\r\nno prefix, continues Anna\r\n\r\n"
        "00:00:04.000 --> 00:00:05.000\r\nBen: Right.\r\n"
    )
    doc = read(tmp_path, "zoom.vtt", content)
    assert [(s, t) for s, t, _ in turns(doc)] == [
        ("Anna", "Anna: Hello."),
        ("Ben", "Ben: Hi there."),
        ("Anna", "Anna: Zoom style prefix. no prefix, continues Anna"),
        ("Ben", "Ben: Right."),
    ]
    assert doc.passages[2].meta == {"begin": "00:00:02.000", "end": "00:00:04.000"}


SRT = """1
00:00:01,000 --> 00:00:03,000
Interviewer: How did the contract go?

2
00:00:03,500 --> 00:00:05,000
Mark: We lost it
to a bigger provider.

3
00:00:05,000 --> 00:00:06,000
<i>On price.</i>

4
00:00:06,000 --> 00:00:08,000
Note: nobody says this once.

5
00:00:08,000 --> 00:00:09,000
Mark: Yes.
"""


def test_srt_name_prefixes_merge_and_timestamps(tmp_path: Path) -> None:
    doc = read(tmp_path, "call.srt", SRT, encoding="cp1252")
    assert doc.format == "srt"
    assert turns(doc) == [
        (
            "Interviewer",
            "Interviewer: How did the contract go?",
            {"begin": "00:00:01.000", "end": "00:00:03.000"},
        ),
        (
            "Mark",
            "Mark: We lost it to a bigger provider. On price. Note: nobody says this once. Yes.",
            {"begin": "00:00:03.500", "end": "00:00:09.000"},
        ),
    ]
    assert doc.speakers == ["Mark"]


def test_captions_without_speakers_are_split_at_sentence_ends(tmp_path: Path) -> None:
    cues = "".join(
        f"{i + 1}\n00:00:{i:02d},000 --> 00:00:{i:02d},900\nSentence number {i} is here"
        f"{'.' if i % 3 == 2 else ''}\n\n"
        for i in range(60)
    )
    doc = read(tmp_path, "auto.srt", cues)
    assert len(doc.passages) > 1
    assert all(p.speaker is None for p in doc.passages)
    assert all(doc.text[p.start : p.end].endswith(".") for p in doc.passages[:-1])
    assert doc.text.split("\n") == [doc.text[p.start : p.end] for p in doc.passages]
    assert doc.speakers == []


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("nohead.vtt", "00:00:01.000 --> 00:00:02.000\nHi\n", "not a valid WebVTT caption file"),
        ("bad.srt", "1\nnot a time line\nHello\n", "not a valid SubRip (.srt) caption file"),
        ("nocues.vtt", "WEBVTT\n\nNOTE nothing here\n", "no caption cues (a WebVTT file needs"),
        (
            "tags.srt",
            "1\n00:00:01,000 --> 00:00:02,000\n<i></i>\n",
            "the document contains no text",
        ),
    ],
)
def test_caption_errors(tmp_path: Path, name: str, content: str, reason: str) -> None:
    with pytest.raises(ReadError) as caught:
        read(tmp_path, name, content)
    message = str(caught.value)
    assert message.startswith(f"{name}: {reason}")
    assert "\n" not in message


def test_zoom_speaker_of_one_cue_is_a_speaker(tmp_path: Path) -> None:
    content = (
        "WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.000\nHana Sato: How did the bid go?\n\n"
        "2\n00:00:03.500 --> 00:00:06.000\nOwen Price: We lost it.\n\n"
        "3\n00:00:06.000 --> 00:00:07.000\nIsla Grant: I disagree, we withdrew.\n\n"
        "4\n00:00:07.000 --> 00:00:09.000\nHana Sato: Why?\n"
    )
    doc = read(tmp_path, "zoom.vtt", content)
    assert doc.layout == "zoom-vtt"
    assert [p.speaker for p in doc.passages] == [
        "Hana Sato",
        "Owen Price",
        "Isla Grant",
        "Hana Sato",
    ]
    assert doc.speakers == ["Hana Sato", "Owen Price", "Isla Grant"]


def test_dialogue_dashes_change_the_speaker(tmp_path: Path) -> None:
    content = (
        "1\n00:00:01,000 --> 00:00:03,000\n- Did the session go ahead?\n- No, cancelled again.\n\n"
        "2\n00:00:03,000 --> 00:00:05,000\nThe wing was locked down.\n"
    )
    doc = read(tmp_path, "dash.srt", content)
    assert [doc.text[p.start : p.end] for p in doc.passages] == [
        "Did the session go ahead?",
        "No, cancelled again. The wing was locked down.",
    ]


def test_a_long_caption_turn_becomes_readable_passages(tmp_path: Path) -> None:
    sentence = "We had to rebuild the referral route from scratch after the contract moved."
    cues = "".join(
        f"{n + 1}\n00:{n // 60:02d}:{n % 60:02d}.000 --> 00:{n // 60:02d}:{n % 60:02d}.900\n"
        f"{'Rhian Lloyd: ' if n % 7 == 0 else ''}{sentence}\n\n"
        for n in range(480)
    )
    doc = read(tmp_path, "talk.vtt", "WEBVTT\n\n" + cues.replace(",", "."))
    assert len(doc.text) > 36_000
    assert len(doc.passages) > 30
    assert all(p.speaker == "Rhian Lloyd" for p in doc.passages)
    assert all(p.end - p.start <= 1_200 for p in doc.passages)
    assert doc.passages[0].meta["begin"] == "00:00:00.000"


SBV = "0:00:01.000,0:00:04.000\nInterviewer: Where do referrals come from?\n\n"
SBV += "0:00:04.500,0:00:08.000\nMostly probation,\nsome self-referrals.\n"


def test_sbv_captions(tmp_path: Path) -> None:
    doc = read(tmp_path, "meet.sbv", SBV)
    assert doc.format == "sbv" and doc.layout == "sbv"
    assert turns(doc) == [
        (
            "Interviewer",
            "Interviewer: Where do referrals come from? Mostly probation, some self-referrals.",
            {"begin": "00:00:01.000", "end": "00:00:08.000"},
        )
    ]
    with pytest.raises(ReadError, match=r"^bad.sbv: not a valid SubViewer \(.sbv\) caption file"):
        read(tmp_path, "bad.sbv", "just some text\n\nmore")


def test_zoom_lower_case_display_names_count_when_they_recur(tmp_path: Path) -> None:
    content = "WEBVTT\n\n" + "".join(
        f"{n}\n00:00:0{n}.000 --> 00:00:0{n}.900\n{label}: {words}\n\n"
        for n, (label, words) in enumerate(
            [
                ("hana sato", "How did the bid go?"),
                ("Owen Price", "We lost it."),
                ("hana sato", "Why?"),
                ("funding", "was the reason, I think."),
            ],
            start=1,
        )
    )
    doc = read(tmp_path, "zoom.vtt", content)
    assert [p.speaker for p in doc.passages] == ["hana sato", "Owen Price", "hana sato"]
    assert doc.text.endswith("hana sato: Why? funding: was the reason, I think.")


def srt_cues(*texts: str) -> str:
    return "\n\n".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n + 1:02d},000\n{text}"
        for n, text in enumerate(texts, start=1)
    )


def test_bracketed_speakers_in_captions(tmp_path: Path) -> None:
    inline = read(
        tmp_path,
        "inline.srt",
        srt_cues(
            "[Sara Lee] How did it start?",
            "[Music]",
            "[TOMASZ OKAFOR] With a cut.",
            "[Sara Lee] And then?",
            "[Tomasz Okafor] A bid. [laughs]",
        ),
    )
    assert [(s, t) for s, t, _ in turns(inline)] == [
        ("Sara Lee", "Sara Lee: How did it start? [Music]"),
        ("Tomasz Okafor", "Tomasz Okafor: With a cut."),
        ("Sara Lee", "Sara Lee: And then?"),
        ("Tomasz Okafor", "Tomasz Okafor: A bid. [laughs]"),
    ]
    assert inline.speakers == ["Sara Lee", "Tomasz Okafor"]
    alone = read(
        tmp_path,
        "alone.srt",
        srt_cues("[INTERVIEWER]\nHello there.", "[RESPONDENT]\nHi, thanks.", "More words."),
    )
    assert [(s, t) for s, t, _ in turns(alone)] == [
        ("Interviewer", "Interviewer: Hello there."),
        ("Respondent", "Respondent: Hi, thanks. More words."),
    ]


def test_sounds_in_brackets_are_no_speakers(tmp_path: Path) -> None:
    doc = read(
        tmp_path,
        "sounds.srt",
        srt_cues(
            "Sara: How did it start?",
            "[Phone Ringing] Sorry.",
            "Tomasz: With a cut.",
            "[Phone Ringing] Again, sorry.",
        ),
    )
    assert [p.speaker for p in doc.passages] == ["Sara", "Tomasz"]
