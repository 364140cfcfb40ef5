"""Plain data produced by the readers: a normalised document and its passages."""

from __future__ import annotations

from dataclasses import dataclass, field

from qualcode.errors import QualcodeError


class ReadError(QualcodeError):
    """A file could not be read as an interview document; the message names file and reason."""


@dataclass(frozen=True)
class PassageDraft:
    """A passage to store: code-point offsets into ReadDocument.text, speaker and metadata.

    `meta` holds format-specific extras, e.g. {"begin": "00:01:02.500", "end": "00:01:07.000"}
    for caption cues (timestamps are kept as passage metadata).
    """

    start: int
    end: int
    speaker: str | None = None
    meta: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ReadDocument:
    """A document as read from one file, ready to store.

    `text` is NFC-normalised with "\\n" line ends; passages are ordered, non-overlapping and
    cover every non-blank part of the text. `speakers` lists the personal speaker names seen
    (not roles such as "Interviewer", "Q" or "A") — identifiers of the participant.
    `participant` and `attributes` come from YAML front matter or a header, when present.
    `layout` names the layout recognised in the content ("otter", "rev", "teams-vtt", ...;
    the file type, e.g. "txt", when no service's layout was recognised).
    `warnings` are one-line notes for the user about how the file was read.
    """

    title: str
    text: str
    format: str
    source_name: str
    sha256: str
    passages: list[PassageDraft]
    participant: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    speakers: list[str] = field(default_factory=list)
    layout: str = ""
    warnings: list[str] = field(default_factory=list)
