"""Readers for caption files (.vtt webvtt-py, .srt srt, .sbv): cues merged into speaker turns."""

from __future__ import annotations

import datetime as dt
import html
import logging
import re
from collections import Counter
from dataclasses import dataclass, field

import srt
import webvtt

from qualcode.ingest.caller_names import identifying_forms, is_caller
from qualcode.ingest.caption_labels import (
    CALLER,
    RECURRING,
    bracketed_label,
    label_shape,
    line_label,
    names_once,
)
from qualcode.ingest.decode import decode_text, normalise_inline, normalise_text
from qualcode.ingest.document import build_document, fail
from qualcode.ingest.segment import accepted_labels, is_role, normalise_label
from qualcode.ingest.types import PassageDraft, ReadDocument
from qualcode.ingest.vtt_repair import mend_srt, mend_vtt

_VOICE = re.compile(r"<v(?:\.[^\s>]*)*[ \t]+([^>]*)>")
_TAGS = re.compile(r"<[^>]*>|\{\\[^}]*\}")
_DIALOGUE_DASH = re.compile(r"^(?:-|–|—|>>)[ \t]*")
# Captions without speakers: a new passage at a sentence end once a passage is this long.
_UNLABELLED_SOFT_LIMIT = 400
_SBV_TIMES = re.compile(r"(\d{1,2}:\d{2}:\d{2}\.\d{1,3}),(\d{1,2}:\d{2}:\d{2}\.\d{1,3})")
# A SubRip file's start: a cue number, then "00:00:01,000 -->" (a decimal comma).
_SRT_START = re.compile(r"(?:\d+\s*\n)?\s*\d{1,2}:\d{2}:\d{2},\d{1,3}[ \t]*-->")
# A line starting with a time: a cue's timings, readable or not.
_SRT_TIMES = re.compile(r"^[ \t]*\d+:\d{2}:\d{2}", re.M)
_CUES_NEEDED = "a WebVTT file needs timing lines like 00:00:01.000 --> 00:00:04.000"
_SENTENCE_END = re.compile(r"[.?!…][\"'”’)]*$")


@dataclass
class _Line:
    """One caption line with its cue times and its speaker, if tagged or labelled."""

    begin_ms: int
    end_ms: int
    text: str
    voice: str | None = None
    label: str | None = None
    rest: str = ""
    dash: bool = False  # a dialogue dash: another person speaks from here


@dataclass
class _Turn:
    speaker: str | None
    begin_ms: int
    end_ms: int
    texts: list[str] = field(default_factory=list)


def read_vtt(name: str, data: bytes) -> ReadDocument:
    """Read WebVTT captions; `<v Name>` voice spans and "Name:" prefixes give the speakers."""
    text = decode_text(name, data).lstrip()
    if not text.startswith("WEBVTT") and _SRT_START.match(text):  # SubRip named .vtt
        return _srt_document(name, text)
    return _vtt_document(name, text)


def read_srt(name: str, data: bytes) -> ReadDocument:
    """Read SubRip captions; "Name:" prefixes at the start of a line give the speakers."""
    text = decode_text(name, data).lstrip()
    if text.startswith("WEBVTT"):  # WebVTT named .srt, as some tools save it
        return _vtt_document(name, text)
    return _srt_document(name, text)


def _vtt_document(name: str, raw: str) -> ReadDocument:
    mended = mend_vtt(raw)
    if not mended.cues and raw.startswith("WEBVTT"):
        raise fail(name, f"no caption cues ({_CUES_NEEDED})")
    try:
        captions = webvtt.from_string(mended.text)
        cues = [
            (c.start_time.in_milliseconds(), c.end_time.in_milliseconds(), str(c.raw_text))
            for c in captions.captions
        ]
    except Exception as exc:  # webvtt.errors.Malformed*Error and anything else from the parser
        raise fail(name, f"not a valid WebVTT caption file ({_first_line(exc)})") from None
    lines: list[_Line] = []
    for begin, end, raw in cues:
        for voice, chunk in _voice_chunks(raw):
            lines.extend(_Line(begin, end, t, voice, dash=d) for t, d in _clean_lines(chunk))
    document = _build(name, "vtt", lines)
    document.warnings.extend(f"{name}: {problem}" for problem in mended.problems)
    if len(cues) < mended.cues:  # timings nothing can read: say so rather than lose words quietly
        skipped = f"{mended.cues - len(cues)} of {mended.cues} cues have unreadable timings"
        document.warnings.append(f"{name}: {skipped} and were left out")
    return document


def _srt_document(name: str, text: str) -> ReadDocument:
    text = mend_srt(normalise_text(text))
    skipped = 0
    try:
        subtitles = list(srt.parse(text))
    except Exception as exc:  # srt.SRTParseError, timestamp ValueErrors
        # One mangled cue ("00:00:04,000 -> …") should not refuse an hour of transcript:
        # read the others and say how many were left out.
        subtitles = _readable_subtitles(text)
        if not subtitles:
            reason = f"not a valid SubRip (.srt) caption file ({_first_line(exc)})"
            raise fail(name, reason) from None
        skipped = max(1, len(_SRT_TIMES.findall(text)) - len(subtitles))
    lines: list[_Line] = []
    for sub in subtitles:
        begin, end = _ms(sub.start), _ms(sub.end)
        lines.extend(_Line(begin, end, t, dash=d) for t, d in _clean_lines(str(sub.content)))
    document = _build(name, "srt", lines)
    if skipped:
        total = len(subtitles) + skipped
        document.warnings.append(
            f"{name}: {skipped} of {total} cues could not be read and were left out"
        )
    return document


def _readable_subtitles(text: str) -> list[srt.Subtitle]:
    """The cues srt can read, skipping the others (and its log line quoting their words)."""
    log = logging.getLogger("srt")
    disabled, log.disabled = log.disabled, True
    try:
        return list(srt.parse(text, ignore_errors=True))
    except Exception:  # timestamps it matched but cannot convert
        return []
    finally:
        log.disabled = disabled


def read_sbv(name: str, data: bytes) -> ReadDocument:
    """Read SubViewer captions (YouTube, Google): "0:00:01.000,0:00:04.000" then text lines."""
    text = normalise_text(decode_text(name, data))
    lines: list[_Line] = []
    for block in re.split(r"\n[ \t]*\n", text):
        head, _, content = block.strip().partition("\n")
        times = _SBV_TIMES.fullmatch(head.strip())
        if times is None:
            if not block.strip():
                continue
            raise fail(
                name, f"not a valid SubViewer (.sbv) caption file (no cue times: {head[:40]!r})"
            )
        begin, end = (_sbv_ms(times.group(i)) for i in (1, 2))
        lines.extend(_Line(begin, end, t, dash=d) for t, d in _clean_lines(content))
    return _build(name, "sbv", lines)


def _sbv_ms(value: str) -> int:
    hours, minutes, rest = value.split(":")
    seconds, _, millis = rest.partition(".")
    return ((int(hours) * 60 + int(minutes)) * 60 + int(seconds)) * 1000 + int((millis + "000")[:3])


def _voice_chunks(raw: str) -> list[tuple[str | None, str]]:
    """Split cue text at `<v Name>` tags: (voice or None, text up to the next voice tag)."""
    pieces = _VOICE.split(raw)
    chunks: list[tuple[str | None, str]] = [(None, pieces[0])]
    for i in range(1, len(pieces) - 1, 2):
        voice = normalise_label(normalise_inline(html.unescape(pieces[i])))
        chunks.append((voice or None, pieces[i + 1]))
    return chunks


def _clean_lines(chunk: str) -> list[tuple[str, bool]]:
    """The non-empty lines of cue text without markup or entities, each normalised, and
    whether each started with a dialogue dash."""
    out = []
    for line in html.unescape(_TAGS.sub("", chunk)).split("\n"):
        stripped = line.strip()
        undashed = _DIALOGUE_DASH.sub("", stripped)
        cleaned = normalise_inline(undashed)
        if cleaned:
            out.append((cleaned, undashed != stripped))
    return out


def _build(name: str, fmt: str, lines: list[_Line]) -> ReadDocument:
    """Label untagged lines, merge consecutive lines of one speaker, render "Speaker: text"."""
    candidates: list[tuple[str, str]] = []
    bracketed: list[tuple[_Line, tuple[str, str, int]]] = []
    for line in lines:
        found = line_label(line.text) if line.voice is None else None
        if found is not None:
            line.label, line.rest = found[0], line.text[found[2] :]
            candidates.append(found[:2])
        elif line.voice is None and (inside := bracketed_label(line.text)) is not None:
            bracketed.append((line, inside))
    voices = {line.voice for line in lines if line.voice}
    in_brackets = not candidates and not voices
    if in_brackets:
        # "[Sara Lee] words", "[INTERVIEWER]": only where nothing else names the speakers (a
        # "[Phone ringing]" that recurs is no one's)
        for line, (label, kind, end) in bracketed:
            line.label, line.rest = label, line.text[end:]
            candidates.append((label, kind))
    accepted = accepted_labels(candidates) | {label for label, _ in candidates if label in voices}
    accepted |= {label for label, kind in candidates if kind == CALLER}
    if len(candidates) >= 2 or voices:
        mostly = _mostly_labelled(lines)
        accepted |= _speakers_of_labelled(candidates, voices, mostly, by_shape=not in_brackets)
    turns: list[_Turn] = []
    for line in lines:
        speaker = line.voice
        if line.label is not None and line.label in accepted:
            speaker, line.text = line.label, line.rest
        current = turns[-1] if turns else None
        if current is not None and speaker is None and not line.dash:
            speaker = current.speaker  # an untagged line continues the current turn
        if (
            current is None
            or speaker != current.speaker
            or (line.dash and line.voice is None)
            or _full(current)
        ):
            current = _Turn(speaker, line.begin_ms, line.end_ms)
            turns.append(current)
        current.texts.append(line.text)
        current.end_ms = max(current.end_ms, line.end_ms)
    return _render(name, _layout(fmt, voices, accepted), turns)


def _speakers_of_labelled(
    candidates: list[tuple[str, str]], voices: set[str], mostly_labelled: bool, *, by_shape: bool
) -> set[str]:
    """The speakers among the labels of captions with more than one labelled line.

    A label that recurs is a speaker. One said once is if it looks like a name ("Tom Ng",
    "jo") or, `by_shape`, like the other speakers' labels ("[Phone Ringing]" is shaped like
    "[Sara Lee]": not bracketed labels); not an everyday word ("Plan: we'll meet again"). A
    lower-case or bracketed one (Zoom display names are often lower case) counts only where
    most cues open with a speaker and someone's label recurs."""
    repeats = Counter(label for label, _ in candidates)
    recurring = {label for label, n in repeats.items() if n >= 2}
    personal = (recurring | voices) if by_shape else set()
    shapes = {label_shape(label) for label in personal if not (is_role(label) or is_caller(label))}
    capitalised = {label for label, kind in candidates if kind != RECURRING}
    others = {label for label, kind in candidates if kind == RECURRING}
    once = {label for label in capitalised - recurring if names_once(label, shapes)}
    if mostly_labelled and (recurring or voices):
        once |= {label for label in others - recurring if names_once(label, shapes)}
    return recurring | once


def _mostly_labelled(lines: list[_Line]) -> bool:
    """Half the cues or more open with a speaker's label or voice tag (Zoom labels every
    cue; a converted .srt none)."""
    cues = labelled = 0
    previous: tuple[int, int] | None = None
    for line in lines:
        if (line.begin_ms, line.end_ms) != previous:
            previous = (line.begin_ms, line.end_ms)
            cues += 1
            labelled += line.label is not None or line.voice is not None
    return labelled * 2 >= cues


def _layout(fmt: str, voices: set[str], labels: set[str]) -> str:
    """Teams writes `<v Name>` voice tags; Zoom starts each cue with "Name: "."""
    if fmt == "vtt" and voices:
        return "teams-vtt"
    if fmt == "vtt" and labels:
        return "zoom-vtt"
    return fmt


def _full(turn: _Turn) -> bool:
    """An unlabelled run of captions is cut into passages at sentence ends."""
    if turn.speaker is not None or not turn.texts:
        return False
    size = sum(len(t) + 1 for t in turn.texts)
    return size >= _UNLABELLED_SOFT_LIMIT and bool(_SENTENCE_END.search(turn.texts[-1]))


def _render(name: str, layout: str, turns: list[_Turn]) -> ReadDocument:
    """One line per turn; each turn is a passage with begin/end timestamps as metadata."""
    rendered: list[str] = []
    passages: list[PassageDraft] = []
    offset = 0
    for turn in turns:
        body = " ".join(t for t in turn.texts if t)  # "[INTERVIEWER]" alone: no words
        line = f"{turn.speaker}: {body}" if turn.speaker else body
        meta = {"begin": _timestamp(turn.begin_ms), "end": _timestamp(turn.end_ms)}
        passages.append(PassageDraft(offset, offset + len(line), turn.speaker, meta))
        rendered.append(line)
        offset += len(line) + 1
    fmt = "vtt" if layout.endswith("vtt") else layout
    callers = [
        s for t in turns if t.speaker and is_caller(t.speaker) for s in identifying_forms(t.speaker)
    ]
    return build_document(
        name, fmt, "\n".join(rendered), passages=passages, layout=layout, speakers=callers
    )


def _ms(value: dt.timedelta) -> int:
    return value // dt.timedelta(milliseconds=1)


def _timestamp(ms: int) -> str:
    """Milliseconds as "HH:MM:SS.mmm"."""
    seconds, millis = divmod(max(ms, 0), 1000)
    minutes, secs = divmod(seconds, 60)
    hours, mins = divmod(minutes, 60)
    return f"{hours:02d}:{mins:02d}:{secs:02d}.{millis:03d}"


def _first_line(exc: Exception) -> str:
    message = str(exc).strip()
    return message.splitlines()[0] if message else type(exc).__name__
