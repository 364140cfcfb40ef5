"""Readers for plain text (.txt) and Markdown with YAML front matter (.md)."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from typing import Any

from qualcode.ingest.decode import decode_text, normalise_inline, normalise_text
from qualcode.ingest.document import fail, read_transcript
from qualcode.ingest.header import details_names
from qualcode.ingest.types import ReadDocument

_HEADING_1 = re.compile(r"^#[ \t]+(.+?)(?:[ \t]+#+)?$", re.M)
_PARTICIPANT_KEYS = ("participant", "label")


def read_txt(name: str, data: bytes) -> ReadDocument:
    """Read a plain-text file; the title is the file name without extension."""
    return read_transcript(name, "txt", normalise_text(decode_text(name, data)))


def read_md(name: str, data: bytes) -> ReadDocument:
    """Read Markdown; YAML front matter gives the title, participant and attributes."""
    import frontmatter  # with PyYAML, loaded for Markdown files only

    raw = normalise_text(decode_text(name, data))
    try:
        post = frontmatter.loads(raw)
        metadata: dict[Any, Any] = dict(post.metadata)
        content = str(post.content)
    except Exception as exc:  # yaml errors and front matter that is not a mapping
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise fail(name, f"invalid YAML front matter ({reason})") from None
    text = normalise_text(content)
    values = {str(key).strip(): v for key, v in metadata.items() if _scalar(v) is not None}
    lowered = {key.lower(): key for key in values}
    participant = next(
        (_scalar(values[lowered[k]]) for k in _PARTICIPANT_KEYS if k in lowered), None
    )
    title = _scalar(values[lowered["title"]]) if "title" in lowered else None
    if not title:
        heading = _HEADING_1.search(text)
        title = normalise_inline(heading.group(1)) if heading else None
    special = {*_PARTICIPANT_KEYS, "title"}
    attributes = {
        key: value
        for key, v in values.items()
        if key.lower() not in special and (value := _scalar(v))
    }
    document = read_transcript(
        name, "md", text, title=title, participant=participant or None, attributes=attributes
    )
    # The interviewee, organisation and interviewer the front matter names are identifiers.
    named = details_names({key: s for key, v in values.items() if (s := _scalar(v))})
    if not named:
        return document
    speakers = list(dict.fromkeys([*document.speakers, *named]))
    return dataclasses.replace(document, speakers=speakers)


def _scalar(value: object) -> str | None:
    """A front-matter value as one line of text; None for lists, mappings and nulls."""
    if value is None or isinstance(value, list | dict | tuple | set):
        return None
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    return normalise_inline(str(value))
