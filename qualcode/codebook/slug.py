"""Code keys: the slug rule, a slugify helper, and unique key suggestions."""

from __future__ import annotations

import unicodedata
from collections.abc import Collection

# Letters of any script (with their combining marks, which Indic and other scripts need inside a
# word) and decimal digits; everything else separates the hyphenated runs of a key.
_KEPT_CATEGORIES = ("L", "M", "Nd")


def _kept(ch: str) -> bool:
    return unicodedata.category(ch).startswith(_KEPT_CATEGORIES)


def fold_key(text: str) -> str:
    """The canonical spelling of a key as typed: compatibility forms unified, lower case, NFC.

    'ﬁnance' → 'finance', full-width 'ａ' → 'a', and a decomposed 'café' (as macOS may type it)
    → the composed 'café', so the same key always compares equal.
    """
    compatible = unicodedata.normalize("NFKC", text)
    return unicodedata.normalize("NFC", compatible.lower())


def is_slug(text: str) -> bool:
    """True if text is a valid key: lowercase letters (any script) and digits in hyphenated runs.

    'straße', 'café-société', '独立' and 'रोज़गार' are keys; 'Straße', 'a_b', 'a--b' are not.
    """
    if not text or text != fold_key(text):
        return False
    runs = text.split("-")
    return all(run and all(_kept(ch) for ch in run) for run in runs)


def slugify(name: str) -> str:
    """A valid key made from a name: 'Payment by Results (PbR)' → 'payment-by-results-pbr'.

    Letters are kept in their own script ('Straße' → 'straße', '社区合作' stays), so codebooks in
    any language get readable keys; if nothing usable is left, the result is 'code'.
    """
    folded = fold_key(name)
    runs: list[str] = []
    current: list[str] = []
    for ch in folded:
        if _kept(ch):
            current.append(ch)
        elif current:
            runs.append("".join(current))
            current = []
    if current:
        runs.append("".join(current))
    slug = "-".join(runs)
    # A mark with no letter before it can survive the split; a key must not start with one.
    while slug and unicodedata.category(slug[0]).startswith("M"):
        slug = slug[1:].lstrip("-")
    return slug if is_slug(slug) else _ascii_fallback(slug)


def _ascii_fallback(slug: str) -> str:
    """The rare name whose folded form is not stable: keep what folds cleanly, else 'code'."""
    kept = "-".join(run for run in slug.split("-") if run and is_slug(run))
    return kept or "code"


def unique_slug(name: str, taken: Collection[str]) -> str:
    """slugify(name), with '-2', '-3', ... appended until it is not among the taken keys."""
    base = slugify(name)
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate
