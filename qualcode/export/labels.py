"""Quote labels from a template: "{label}, {organisation_type|lower}" -> "Interviewee 5, ..."."""

from __future__ import annotations

import re
import string
from collections.abc import Iterable

from qualcode.errors import QualcodeError

DEFAULT_LABEL = "{label}, {organisation_type|lower}"
FILTERS = ("lower", "upper", "title")
FIELD = re.compile(r"^(\w+)(?:\|(\w+))?$")
# Every quote has these; the participants' public attributes are the other fields.
QUOTE_FIELDS = ("label", "document", "passage")


def _lower_first(value: str) -> str:
    first = value.split(" ", 1)[0]
    # Acronyms keep their capitals: "NHS trust" stays, "Music charity" becomes "music charity".
    if len(first) > 1 and sum(c.isupper() for c in first) > 1:
        return value
    return value[:1].lower() + value[1:]


def _apply(value: str, name: str | None) -> str:
    if name is None:
        return value
    if name == "lower":
        return _lower_first(value)
    if name == "upper":
        return value[:1].upper() + value[1:]
    return value.title()


def parse_template(template: str) -> list[tuple[str, str | None, str | None]]:
    """(literal, field, filter) pieces of a template, checked for unknown filters."""
    pieces: list[tuple[str, str | None, str | None]] = []
    try:
        parsed = list(string.Formatter().parse(template))
    except ValueError as exc:
        raise QualcodeError(f"label template {template!r}: {exc}") from None
    for literal, field, spec, _conversion in parsed:
        if field is None:
            pieces.append((literal, None, None))
            continue
        match = FIELD.match(field + (f"|{spec}" if spec else ""))
        if not match:
            raise QualcodeError(
                f"label template {template!r}: write fields as {{name}} or {{name|lower}}"
            )
        name, filter_name = match.group(1), match.group(2)
        if filter_name is not None and filter_name not in FILTERS:
            raise QualcodeError(
                f"label template: unknown filter '{filter_name}' (use {', '.join(FILTERS)})"
            )
        pieces.append((literal, name, filter_name))
    return pieces


def check_label_fields(template: str, attributes: Iterable[str]) -> None:
    """Refuse a template naming a field no quote has (every label would lose it silently);
    the default template may name an attribute the project lacks, as it drops out."""
    allowed = [*QUOTE_FIELDS, *sorted(set(attributes) - set(QUOTE_FIELDS))]
    for _literal, name, _filter in parse_template(template):
        if name is not None and name not in allowed and template != DEFAULT_LABEL:
            fields = ", ".join(f"{{{field}}}" for field in allowed)
            raise QualcodeError(f"label template: unknown field {{{name}}} (use {fields})")


def render_label(template: str, values: dict[str, str]) -> str:
    """The label for one quote; a field with no value drops out with the separator before it."""
    parts: list[str] = []
    dropped = False
    for literal, name, filter_name in parse_template(template):
        if dropped:
            # The closing bracket of a dropped "({role})" goes with it.
            literal = re.sub(r"^[)\]}]", "", literal)
        dropped = False
        if name is None:
            parts.append(literal)
            continue
        value = (values.get(name) or "").strip()
        if value:
            parts.append(literal + _apply(value, filter_name))
            continue
        dropped = True
        if not any(p.strip() for p in parts):
            parts.clear()
    text = "".join(parts).strip()
    return re.sub(r"^[\s,;:/–—(-]+|[\s,;:/–—(-]+$", "", text)
