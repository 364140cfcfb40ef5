"""Which Word paragraphs are headings: a Heading or Title style, an outline level, or a short
bold line that names no speaker ("Reflections", "Funding and contracts")."""

from __future__ import annotations

import re
from typing import Any

from qualcode.ingest.segment import classify_label

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# Built-in style names are English in styles.xml whatever the language Word shows them in
# ("heading 1" is "Überschrift 1" on screen); style ids are not, so names are what count.
_HEADING_NAME = re.compile(r"(?:heading [1-9]|title|subtitle)", re.I)
_BODY_LEVEL = 9  # outline level 9 is body text
_OFF = frozenset({"0", "false", "off", "none"})
_BOLD_MAX_WORDS = 8
_BOLD_MAX_CHARS = 80


def heading_styles(document: Any) -> frozenset[str]:
    """The ids of a Word document's paragraph styles that are headings, by name or outline
    level, or based on one that is ("My heading" based on "Heading 2")."""
    styles = document.styles.element
    based_on: dict[str, str] = {}
    found: set[str] = set()
    for style in styles.iterchildren(f"{_W}style"):
        if style.get(f"{_W}type") != "paragraph":
            continue
        style_id = style.get(f"{_W}styleId") or ""
        name = _value(style.find(f"{_W}name"))
        if _HEADING_NAME.fullmatch(name.strip()) or _outline(style.find(f"{_W}pPr")):
            found.add(style_id)
        if (base := _value(style.find(f"{_W}basedOn"))) and base != style_id:
            based_on[style_id] = base
    for style_id in based_on:
        seen = {style_id}
        base = based_on.get(style_id, "")
        while base and base not in seen and base not in found:
            seen.add(base)
            base = based_on.get(base, "")
        if base in found:
            found.add(style_id)
    return frozenset(found)


def is_heading(paragraph: Any, text: str, headings: frozenset[str]) -> bool:
    """True for a paragraph in a heading style or at an outline level, or a short bold line
    that cannot be a speaker label (a "Sara Lee" line above her words is no heading)."""
    properties = paragraph.find(f"{_W}pPr")
    if properties is not None and (
        _value(properties.find(f"{_W}pStyle")) in headings or _outline(properties)
    ):
        return True
    return _bold_line(paragraph, text)


def _bold_line(paragraph: Any, text: str) -> bool:
    line = " ".join(text.split())
    if not line or "\n" in text.strip() or len(line) > _BOLD_MAX_CHARS:
        return False
    label = line.removesuffix(":").strip()
    words = label.split()
    if not label or len(words) > _BOLD_MAX_WORDS or ":" in label or label[-1] in ".?!…;,":
        return False
    if label[0] in "[(" or label[-1] in "])":  # "[long pause]", "(laughs)": a transcriber's note
        return False
    if classify_label(label) is not None:  # "Interviewer", "Sara Lee": a speaker's label
        return False
    runs = [r for r in paragraph.iter(f"{_W}r") if "".join(r.itertext()).strip()]
    return bool(runs) and all(_bold(r) for r in runs)


def _bold(run: Any) -> bool:
    bold = run.find(f"{_W}rPr/{_W}b")
    return bold is not None and (bold.get(f"{_W}val") or "true").lower() not in _OFF


def _outline(properties: Any) -> bool:
    level = _value(None if properties is None else properties.find(f"{_W}outlineLvl"))
    return level.isdigit() and int(level) < _BODY_LEVEL


def _value(element: Any) -> str:
    return "" if element is None else str(element.get(f"{_W}val") or "")
