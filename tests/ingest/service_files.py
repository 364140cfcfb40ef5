"""Fixture builders: one interview written as each transcription service writes its files."""

from __future__ import annotations

import io
from dataclasses import dataclass


@dataclass(frozen=True)
class Utterance:
    speaker: str
    second: int  # seconds from the start of the recording
    text: str


_LONG = " ".join(
    [
        "Well, it started when the council cut the youth budget and we were asked to bid for",
        "a contract that was three times the size of anything we had run before.",
        "We had two weeks to write it, and nobody in the team had written a tender.",
        "So we phoned round the other groups in the borough to see who might come in with us.",
        "Some of them were keen, some of them were frankly suspicious, because we had been",
        "competing with them for the same grants for years.",
        "In the end four of us put in a joint bid, with us as the lead, and we won it.",
        "That was the easy part, honestly.",
        "The hard part was the reporting, because every partner counted outcomes differently.",
        "One group counted a young person as placed if they turned up to one interview,",
        "another only if they were still in work after six months.",
        "We spent most of the first year agreeing what a result even was.",
        "And the money came in arrears, so the small partners were carrying the cost of",
        "delivery for three months at a time, which nearly sank one of them.",
        "We ended up lending them cash from our reserves, which our trustees were not happy",
        "about, and I understand why.",
        "If I did it again I would insist on payment up front for the first quarter.",
        "I would also put the data definitions in the partnership agreement from day one,",
        "before anybody signs anything, because afterwards nobody wants to change how they",
        "count.",
        "Still, the young people got a better service than any of us could have given alone,",
        "and the commissioners noticed, which is why they extended the contract.",
        "So I would call it a success, but a tiring one.",
    ]
)

INTERVIEW: tuple[Utterance, ...] = (
    Utterance("Sara Lindqvist", 4, "Thanks for making the time. Could you start with your role?"),
    Utterance(
        "Tomasz Okafor",
        13,
        "Sure. I run the employment programme at a youth charity, about forty staff.",
    ),
    Utterance("Sara Lindqvist", 31, "How did the partnership with the other groups begin?"),
    Utterance("Tomasz Okafor", 40, _LONG),
    Utterance(
        "Ngozi Brennan",
        402,
        "Sorry to cut in, I am the finance lead. The arrears point was the worst of it.",
    ),
    Utterance("Sara Lindqvist", 415, "That is helpful. Is the partnership still going?"),
    Utterance(
        "Tomasz Okafor",
        428,
        "It is, though two partners have left. We meet every month and share one waiting list.",
    ),
)
SPEAKERS = ["Sara Lindqvist", "Tomasz Okafor", "Ngozi Brennan"]


def clock(second: int, *, hours: bool = False) -> str:
    minutes, secs = divmod(second, 60)
    return (
        f"{minutes // 60:02d}:{minutes % 60:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"
    )


def otter_lines(interview: tuple[Utterance, ...] = INTERVIEW) -> list[str]:
    """Otter.ai's export with speaker names and timestamps: the paragraphs of its .txt/.docx."""
    lines = [
        "Partnership interview",
        "",
        "Tue, 5/14 10:02AM \u2022 8:05",
        "",
        "SUMMARY KEYWORDS",
        "partnership, contract, partners, arrears, youth, bid, outcomes",
        "",
        "SPEAKERS",
        ", ".join(dict.fromkeys(u.speaker for u in interview)),
        "",
    ]
    for u in interview:
        lines += [f"{u.speaker}  {clock(u.second)}", u.text, ""]
    return [*lines, "", "Transcribed by https://otter.ai"]


def otter_txt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    return "\n".join(otter_lines(interview)) + "\n"


def docx_bytes(paragraphs: list[str]) -> bytes:
    """A Word file with one paragraph per item (python-docx), empty items skipped."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        if text:
            document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def otter_docx(interview: tuple[Utterance, ...] = INTERVIEW) -> bytes:
    return docx_bytes(otter_lines(interview))


def teams_docx(interview: tuple[Utterance, ...] = INTERVIEW, *, time_first: bool = False) -> bytes:
    """Teams' Word transcript: a title, a date, then `Name   0:03` and the words below."""
    paragraphs = ["Partnership interview-20240514_100212-Meeting Recording", "May 14, 2024, 9:02AM"]
    paragraphs.append("8m 5s")
    paragraphs.append("Sara Lindqvist started transcription")
    for u in interview:
        label = (
            f"{clock(u.second)} {u.speaker}" if time_first else f"{u.speaker}   {clock(u.second)}"
        )
        paragraphs += [label, u.text]
    paragraphs.append("Sara Lindqvist stopped transcription")
    return docx_bytes(paragraphs)


def _chunks(text: str, words: int = 9) -> list[str]:
    parts = text.split()
    return [" ".join(parts[i : i + words]) for i in range(0, len(parts), words)]


def _cue_time(ms: int) -> str:
    seconds, millis = divmod(ms, 1000)
    return f"{clock(seconds, hours=True)}.{millis:03d}"


def _cues(interview: tuple[Utterance, ...]) -> list[tuple[str, str, str, str]]:
    """(begin, end, speaker, words) of captions about nine words long."""
    cues = []
    for u in interview:
        ms = u.second * 1000
        for chunk in _chunks(u.text):
            cues.append((_cue_time(ms), _cue_time(ms + 3200), u.speaker, chunk))
            ms += 3300
    return cues


def teams_vtt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Teams captions: WEBVTT, a NOTE, cue ids like `2d1c…/17-0`, `<v Name>` voice spans."""
    out = ["WEBVTT", "", "NOTE", "Transcript produced by Microsoft Teams", ""]
    for n, (begin, end, speaker, words) in enumerate(_cues(interview)):
        out += [f"2d1c6a7e-93f1-4c3b-9a57-1f0e8b2c{n:04x}/{17 + n}-0", f"{begin} --> {end}"]
        out += [f"<v {speaker}>{words}</v>", ""]
    return "\n".join(out)


def zoom_vtt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Zoom cloud-recording captions: numbered cues whose text starts `Name: `."""
    out = ["WEBVTT", ""]
    for n, (begin, end, speaker, words) in enumerate(_cues(interview), start=1):
        out += [str(n), f"{begin} --> {end}", f"{speaker}: {words}", ""]
    return "\n".join(out)


def sbv(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """SubViewer captions (YouTube, Google): `0:00:01.000,0:00:04.000` then `Name: words`."""
    out = []
    for begin, end, speaker, words in _cues(interview):
        out += [f"{begin[1:]},{end[1:]}", f"{speaker}: {words}", ""]
    return "\n".join(out)


def rev_txt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Rev: `Name (00:04):` then the words, turns apart by a blank line."""
    return "\n\n".join(f"{u.speaker} ({clock(u.second)}):\n{u.text}" for u in interview) + "\n"


def trint_txt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Trint / Descript: `[00:00:12] Name: words` on one line."""
    return "\n\n".join(f"[{clock(u.second, hours=True)}] {u.speaker}: {u.text}" for u in interview)


def happy_scribe_txt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Happy Scribe / Rev variant: `Name [00:00:12]` then the words."""
    return "\n\n".join(f"{u.speaker} [{clock(u.second, hours=True)}]\n{u.text}" for u in interview)


def zoom_txt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Zoom's audio transcript .txt: `[Name] 10:01:02` then the words."""
    return "\n\n".join(
        f"[{u.speaker}] {clock(36000 + u.second, hours=True)}\n{u.text}" for u in interview
    )


def meet_txt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Google Meet style: a timestamp alone on a line, then `Name: words`."""
    return "\n\n".join(f"{clock(u.second, hours=True)}\n{u.speaker}: {u.text}" for u in interview)


def markdown_meeting(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """A Markdown meeting transcript: `**Name** (00:00:01)` lines and a participants line."""
    head = "# Partnership interview\n\n**Date:** 14 May 2024\n"
    head += f"**Participants:** {', '.join(SPEAKERS)}\n\n"
    body = "\n\n".join(
        f"**{u.speaker}** ({clock(u.second, hours=True)})\n{u.text}" for u in interview
    )
    return head + body + "\n"


def plain_txt(interview: tuple[Utterance, ...] = INTERVIEW) -> str:
    """Plain `Name: words` turns, a blank line apart."""
    return "\n\n".join(f"{u.speaker}: {u.text}" for u in interview) + "\n"
