"""Assemble a ReadDocument from normalised text: layout, passages, speakers, hash; errors."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from qualcode.ingest.header import Header, parse_header
from qualcode.ingest.layouts import Transcript, has_hint, recognise
from qualcode.ingest.name_lines import name_line_transcript
from qualcode.ingest.segment import is_role, personal_speakers, segment
from qualcode.ingest.types import PassageDraft, ReadDocument, ReadError
from qualcode.ingest.units import readable_units


def fail(name: str, reason: str) -> ReadError:
    """A ReadError whose one-line message reads "{file name}: {reason}"."""
    one_line = " ".join(reason.split())
    return ReadError(f"{name}: {one_line}")


def stem(name: str) -> str:
    """The file name without its extension, as a fallback title."""
    return PurePath(name).stem or name


def read_transcript(
    name: str,
    fmt: str,
    text: str,
    *,
    title: str | None = None,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    named: list[str] | None = None,
    headings: list[int] | None = None,
) -> ReadDocument:
    """The document for normalised `text` as a reader finds it: a service's layout (Otter,
    Rev, Zoom ...) is rewritten as `Speaker: words` turns without timestamps (kept as passage
    `begin`); any other text is segmented as it stands. `named`: labels the file itself
    names as speakers (a table's speaker column), whose `Label: words` lines are turns;
    `headings`: offsets of the headings a Word file marks, which end turns."""
    transcript = recognise(text.split("\n"), named) if has_hint(text) else None
    if transcript is None and not named:
        transcript = name_line_transcript(text.split("\n"))
    if transcript is None:
        return build_document(
            name, fmt, text, title=title, participant=participant, attributes=attributes,
            named=named, headings=headings,
        )  # fmt: skip
    rendered, passages = render(transcript)
    return build_document(
        name,
        fmt,
        rendered,
        title=title,
        passages=passages,
        participant=participant,
        attributes=attributes,
        layout=fmt if named else transcript.layout,  # a table headed "Speaker": no service's
        speakers=[s for s in transcript.speakers if not is_role(s)],
    )


def render(transcript: Transcript) -> tuple[str, list[PassageDraft]]:
    """Text and passages of a transcript: header paragraphs, then one block per turn whose
    first paragraph starts "Speaker: "; blocks and paragraphs are blank-line separated."""
    blocks: list[tuple[str, str | None, dict[str, str]]] = []
    header = "\n".join(transcript.header).strip()
    blocks.extend((p.strip(), None, {}) for p in header.split("\n\n") if p.strip())
    for turn in transcript.turns:
        for i, lines in enumerate(turn.paragraphs):
            body = "\n".join(lines)
            first = i == 0
            label = f"{turn.speaker}: " if first and turn.speaker else ""
            meta = {"begin": turn.begin} if first and turn.begin else {}
            blocks.append((label + body, turn.speaker, meta))
    passages: list[PassageDraft] = []
    offset = 0
    for body, speaker, meta in blocks:
        passages.append(PassageDraft(offset, offset + len(body), speaker, meta))
        offset += len(body) + 2
    return "\n\n".join(body for body, _, _ in blocks), passages


MAX_TITLE = 500  # document.title is VARCHAR(500): PostgreSQL refuses a longer one


def _fitted(title: str) -> str:
    """A title cut to fit its column (a long heading), ending "…" when cut."""
    return title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"


def build_document(
    name: str,
    fmt: str,
    text: str,
    *,
    title: str | None = None,
    passages: list[PassageDraft] | None = None,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    layout: str | None = None,
    speakers: list[str] | None = None,
    named: list[str] | None = None,
    headings: list[int] | None = None,
) -> ReadDocument:
    """Make the document for already-normalised `text`; segment it unless passages are given.

    A metadata header at the top of the text ("Participant: ...", "Date: ...") is read too;
    what the caller gives (e.g. front matter) takes precedence. Long passages are split into
    readable units. `speakers` adds labels found by the reader (e.g. a roster); `named`
    labels are turns wherever they start a line; `headings` are the offsets of headings the
    file marks (they end turns).
    """
    if not text.strip():
        raise fail(name, "the document contains no text")
    header = parse_header(text) if passages is None or layout else Header()
    if passages is None:
        passages = segment(text, header.end, named or (), headings=headings or ())
    passages = readable_units(text, passages)
    found = dict.fromkeys(personal_speakers(passages))
    found.update(dict.fromkeys(speakers or []))
    found.update(dict.fromkeys(header.names))
    return ReadDocument(
        title=_fitted(title or header.title or stem(name)),
        text=text,
        format=fmt,
        source_name=name,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        passages=passages,
        participant=participant or header.participant,
        attributes={**header.attributes, **(attributes or {})},
        speakers=list(found),
        layout=layout or fmt,
    )
