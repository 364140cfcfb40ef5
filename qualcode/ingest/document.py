"""Assemble a ReadDocument from normalised text: passages, speakers, hash; and error messages."""

from __future__ import annotations

import hashlib
from pathlib import PurePath

from qualcode.ingest.header import Header, parse_header
from qualcode.ingest.segment import personal_speakers, segment
from qualcode.ingest.types import PassageDraft, ReadDocument, ReadError


def fail(name: str, reason: str) -> ReadError:
    """A ReadError whose one-line message reads "{file name}: {reason}"."""
    one_line = " ".join(reason.split())
    return ReadError(f"{name}: {one_line}")


def stem(name: str) -> str:
    """The file name without its extension, as a fallback title."""
    return PurePath(name).stem or name


def build_document(
    name: str,
    fmt: str,
    text: str,
    *,
    title: str | None = None,
    passages: list[PassageDraft] | None = None,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
) -> ReadDocument:
    """Make the document for already-normalised `text`; segment it unless passages are given.

    Without given passages, a metadata header at the top of the text ("Participant: ...",
    "Date: ...") is read too; what the caller gives (e.g. front matter) takes precedence.
    """
    if not text.strip():
        raise fail(name, "the document contains no text")
    header = Header()
    if passages is None:
        header = parse_header(text)
        passages = segment(text, header.end)
    speakers = dict.fromkeys(personal_speakers(passages))
    speakers.update(dict.fromkeys(header.names))
    return ReadDocument(
        title=title or header.title or stem(name),
        text=text,
        format=fmt,
        source_name=name,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        passages=passages,
        participant=participant or header.participant,
        attributes={**header.attributes, **(attributes or {})},
        speakers=list(speakers),
    )
