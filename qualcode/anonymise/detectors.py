"""Pattern detectors for identifiers no registry lists: e-mails, phones, postcodes, URLs, titles."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Hit:
    """A span of text that looks like an identifier, with its kind (name, email, phone...)."""

    start: int
    end: int
    kind: str
    value: str


EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
URL = re.compile(
    r"(?<![\w@/.-])(?:(?:https?|ftp)://[^\s<>\"']+|www\.[^\s<>\"']+"
    r"|(?:[a-z0-9-]+\.)+(?:org\.uk|co\.uk|gov\.uk|ac\.uk|nhs\.uk|com|org|net|info|uk|io|eu)"
    r"(?:/[^\s<>\"']*)?)(?![\w@])",
    re.IGNORECASE,
)
# UK postcode (outward code, optional space, inward code), e.g. SW1A 1AA, M1 1AE, B33 8TH.
POSTCODE = re.compile(
    r"(?<![\w])(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})(?![\w])",
    re.IGNORECASE,
)
# A run of digits with the separators people type into phone numbers; checked further below.
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d \u00a0().\-/]{6,}\d(?![\w])")
US_GROUPING = re.compile(r"^\(?\d{3}\)?[ .\-]\d{3}[ .\-]\d{4}$")
HONORIFIC = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Professor|Sir|Dame|Lord|Lady|Rev|Revd|Reverend|Pastor|Imam|Rabbi|Cllr|Councillor)"
    r"\.?[ \u00a0]+(?:[A-Z]\.?[ \u00a0]+)?(?:[A-Z][\w'’\-]*[ \u00a0]+)?(?:O'|O’|Mc|Mac)?"
    r"[A-Z][\w'’\-]*\w"
)
POSSESSIVE = re.compile(r"['’]s$")
TRAILING = ".,;:!?)]}'\"’”"


def _trim(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1] in TRAILING:
        end -= 1
    return end


def _is_phone(candidate: str) -> bool:
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith(("+", "00")):
        return 8 <= len(digits) <= 15
    if candidate.lstrip("(").startswith("0"):
        return len(digits) in (10, 11)
    return bool(US_GROUPING.match(candidate))


def find_emails(text: str) -> Iterator[Hit]:
    """E-mail addresses (name@example.org.uk)."""
    for match in EMAIL.finditer(text):
        end = _trim(text, match.start(), match.end())
        yield Hit(match.start(), end, "email", text[match.start() : end])


def find_urls(text: str) -> Iterator[Hit]:
    """Web addresses: with a scheme, starting www., or a bare domain such as example.org.uk."""
    for match in URL.finditer(text):
        end = _trim(text, match.start(), match.end())
        yield Hit(match.start(), end, "url", text[match.start() : end])


def find_postcodes(text: str) -> Iterator[Hit]:
    """UK postcodes such as SW1A 1AA or m1 1ae."""
    for match in POSTCODE.finditer(text):
        yield Hit(match.start(), match.end(), "postcode", match.group())


def find_phones(text: str) -> Iterator[Hit]:
    """UK numbers (0161 496 0732, 07700 900123, +44 (0)20 7946 0123) and international ones."""
    for match in PHONE_CANDIDATE.finditer(text):
        start, end = match.start(), match.end()
        while end > start and not text[end - 1].isdigit():
            end -= 1
        candidate = text[start:end]
        if _is_phone(candidate):
            yield Hit(start, end, "phone", candidate)


def find_titled_names(text: str) -> Iterator[Hit]:
    """A title and a surname: Mr Kessler, Dr. Ng, Mrs O'Brien, Cllr J. Amos."""
    for match in HONORIFIC.finditer(text):
        value = POSSESSIVE.sub("", match.group())
        yield Hit(match.start(), match.start() + len(value), "name", value)


def detect(text: str) -> list[Hit]:
    """Every detector hit in a text, in text order (hits may overlap)."""
    hits = [
        *find_emails(text),
        *find_urls(text),
        *find_postcodes(text),
        *find_phones(text),
        *find_titled_names(text),
    ]
    return sorted(hits)
