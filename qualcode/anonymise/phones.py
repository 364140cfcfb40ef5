"""Phone numbers as people write them: UK and international, with or without "+" and spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualcode.anonymise.hits import DIGIT, Hit, matches

# A run of digits with the separators people type into phone numbers; checked further below.
PHONE_CANDIDATE = re.compile(r"(?<![\w+])(?:\+|00)?\(?\d[\d \u00a0().\-/]{6,}\d(?![\w])")
US_GROUPING = re.compile(r"^\(?\d{3}\)?[ .\-]\d{3}[ .\-]\d{4}$")
# The longest number E.164 allows, and the shortest a country code plus a number comes to.
LONGEST, SHORTEST_WITHOUT_PLUS = 15, 10
# A date and time stamp run together ("20250611140233", as Teams names its recordings).
DATE_STAMP = re.compile(r"^(?:19|20)\d\d(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])")
# A date inside a candidate ("11.06.2025 14:02", "3-6-2024 1530").
DATE = re.compile(r"(?<!\d)\d{1,2}[.\-]\d{1,2}[.\-](?:19|20)\d\d(?!\d)")
# What makes a long number money or a reference rather than a phone number.
CURRENCY_BEFORE = re.compile(r"[£$€¥][ \u00a0]?$")
MONEY_AFTER = re.compile(r"[ \u00a0]*(?:pounds|quid|euros?|dollars?|gbp|usd|eur)\b", re.IGNORECASE)
REFERENCE_BEFORE = re.compile(
    r"\b(?:ref|reference|case|invoice|order|account|acct|policy|claim|ticket|receipt|serial|isbn"
    r"|transaction|tracking)\.?(?:[ \u00a0]+(?:no\.?|number|num|id|#))?[ \u00a0:#]*$",
    re.IGNORECASE,
)


def _groups(candidate: str) -> list[str]:
    return [g for g in re.split(r"\D+", candidate) if g]


def _uk_national(candidate: str, digits: str) -> bool:
    """A number from its trunk 0: two to four groups ("0161 496 0732"); dates with a time
    ("01/02/2024 10") or counted digits ("0 1 2 3 4 ...") are not."""
    groups = [g for g in re.split(r"[^\d/]+", candidate) if g]
    plausible = "/" not in candidate and len(groups) <= 4 and min(map(len, groups)) >= 2
    return plausible and len(digits) in (10, 11)


def _without_plus(candidate: str, digits: str) -> bool:
    """A country code and number written without "+" or "00": "447700900123", "44 7700 900123",
    "353 87 123 4567", "1 800 555 0123". Not a date (stamp), a list of years ("2019 2020 2021"),
    a year-led reference ("2023-000451"), a decimal or a round sum ("10000000000")."""
    if not SHORTEST_WITHOUT_PLUS <= len(digits) <= LONGEST or "/" in candidate:
        return False
    if DATE.search(candidate):
        return False
    groups = _groups(candidate)
    if len(groups) == 1:
        return DATE_STAMP.match(digits) is None and not digits.endswith("000000")
    decimal = len(groups) == 2 and "." in candidate
    # After the country code and an area's first digit ("33 1 23 45 67 89"), groups of two
    # or more digits: a list of counted digits ("1 2 3 4 5 6 7 8 9 10") is no number.
    short = any(len(g) < 2 for g in groups[2:])
    return len(groups[0]) != 4 and not decimal and not short


def is_phone(candidate: str, before: str = "", after: str = "") -> bool:
    """Whether a candidate run of digits is a phone number, given the text around it."""
    digits = re.sub(r"\D", "", candidate)
    if candidate.startswith(("+", "00")):
        return 8 <= len(digits) <= LONGEST
    if candidate.lstrip("(").startswith("0"):
        return _uk_national(candidate, digits)
    if US_GROUPING.match(candidate):
        return True
    if CURRENCY_BEFORE.search(before) or MONEY_AFTER.match(after):
        return False
    return REFERENCE_BEFORE.search(before) is None and _without_plus(candidate, digits)


def find_phones(text: str) -> Iterator[Hit]:
    """UK numbers (0161 496 0732, 07700 900123, +44 (0)20 7946 0123) and international ones,
    with their country code but no "+" too (447700900123, 353 87 123 4567)."""
    for match in matches(PHONE_CANDIDATE, text, DIGIT):
        start, end = match.start(), match.end()
        while end > start and not text[end - 1].isdigit():
            end -= 1
        candidate = text[start:end]
        if is_phone(candidate, text[max(0, start - 30) : start], text[end : end + 12]):
            yield Hit(start, end, "phone", candidate)
