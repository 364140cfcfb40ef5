"""Code keys: the slug rule, a slugify helper, and unique key suggestions."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def is_slug(text: str) -> bool:
    """True if text is a valid code key: lowercase ASCII letters and digits in hyphenated runs."""
    return SLUG_PATTERN.fullmatch(text) is not None


def slugify(name: str) -> str:
    """A valid key made from a name: 'Payment by Results (PbR)' → 'payment-by-results-pbr'.

    Accents are dropped ('Café' → 'cafe'); if nothing usable is left, the result is 'code'.
    """
    decomposed = unicodedata.normalize("NFKD", name)
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    slug = _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")
    return slug or "code"


def unique_slug(name: str, taken: Collection[str]) -> str:
    """slugify(name), with '-2', '-3', ... appended until it is not among the taken keys."""
    base = slugify(name)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
