"""QDA-XML plumbing: namespaces, a safe parser, element helpers, GUIDs, dates and colours."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

import lxml.etree as etree  # type: ignore[import-untyped, unused-ignore]

from qualcode.errors import QualcodeError

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
PROJECT_SCHEMA = f"{PROJECT_NS} http://schema.qdasoftware.org/versions/Project/v1.0/Project.xsd"
CODEBOOK_SCHEMA = f"{CODEBOOK_NS} http://schema.qdasoftware.org/versions/Codebook/v1.0/Codebook.xsd"
_GUID = re.compile(
    r"^\{?([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\}?$"
)
_COLOUR = re.compile(r"^#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})$")
# Characters XML 1.0 cannot carry at all; memo or definition text holding them loses them.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

Element = Any  # lxml elements are untyped


class RefiError(QualcodeError):
    """A REFI-QDA file cannot be read or written; the message names the file and the problem."""


def parse_xml(data: bytes, name: str) -> Element:
    """Parse XML bytes without DTDs, entities or network access; namespaces are dropped."""
    parser = etree.XMLParser(
        resolve_entities=False, no_network=True, load_dtd=False, remove_comments=True,
        remove_pis=True,
    )  # fmt: skip
    try:
        tree = etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        reason = str(exc.msg).split(" (")[0]
        raise RefiError(f"{name} is not valid XML (line {exc.lineno}: {reason})") from None
    if tree.getroottree().docinfo.internalDTD is not None:
        raise RefiError(f"{name} contains a DTD, which QDA-XML never uses; refused")
    for element in tree.iter():
        if isinstance(element.tag, str):
            element.tag = etree.QName(element).localname
    return tree


def children(element: Element, tag: str) -> Iterator[Element]:
    """Direct child elements with this (namespace-free) tag."""
    for child in element:
        if child.tag == tag:
            yield child


def child(element: Element, tag: str) -> Element | None:
    """The first direct child element with this tag, if any."""
    return next(children(element, tag), None)


def child_text(element: Element, tag: str) -> str:
    """The text of the first child with this tag ('' when absent or empty)."""
    found = child(element, tag)
    return "" if found is None else "".join(found.itertext())


def norm_guid(value: str | None) -> str | None:
    """A GUID in one spelling (lower case, no braces) for matching; None if not a GUID."""
    match = _GUID.match((value or "").strip())
    return match.group(1).lower() if match else None


def xml_text(value: str) -> str:
    """Text safe to put in XML (characters XML cannot carry are dropped)."""
    return _NOT_XML.sub("", value)


def colour_attr(colour: str) -> str | None:
    """A colour as QDA-XML writes it (#rrggbb), or None when it is not a hex colour."""
    if not _COLOUR.match(colour or ""):
        return None
    digits = colour[1:].lower()
    return "#" + (digits if len(digits) == 6 else "".join(c * 2 for c in digits))


def read_colour(value: str | None) -> str:
    """A colour read from QDA-XML as qualcode keeps it (#rrggbb), or '' when unusable."""
    return colour_attr((value or "").strip()) or ""


def format_datetime(value: datetime | None) -> str | None:
    """An xsd:dateTime in UTC (naive values are taken as UTC), or None."""
    if value is None:
        return None
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_datetime(value: str | None) -> datetime | None:
    """An xsd:dateTime as an aware datetime, or None when missing or unreadable."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def sub(parent: Element, tag: str, attrs: dict[str, str | None] | None = None) -> Element:
    """Append a child element (in the parent's namespace) with the attributes that are set."""
    namespace = etree.QName(parent).namespace
    element = etree.SubElement(parent, f"{{{namespace}}}{tag}" if namespace else tag)
    for key, value in (attrs or {}).items():
        if value is not None:
            element.set(key, xml_text(value))
    return element


def text_child(parent: Element, tag: str, text: str) -> Element:
    """Append a child element holding text."""
    element = sub(parent, tag)
    element.text = xml_text(text)
    return element


def root(tag: str, namespace: str, schema: str, attrs: dict[str, str | None]) -> Element:
    """A new root element in a QDA-XML namespace with its schema location."""
    element = etree.Element(f"{{{namespace}}}{tag}", nsmap={None: namespace, "xsi": XSI_NS})
    element.set(f"{{{XSI_NS}}}schemaLocation", schema)
    for key, value in attrs.items():
        if value is not None:
            element.set(key, xml_text(value))
    return element


def to_bytes(element: Element) -> bytes:
    """Serialise a document as pretty-printed UTF-8 with an XML declaration."""
    data: bytes = etree.tostring(element, xml_declaration=True, encoding="utf-8", pretty_print=True)
    return data
