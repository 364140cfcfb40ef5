"""UK reference numbers that identify a person: National Insurance, NHS and prison numbers."""

from __future__ import annotations

import re
from collections.abc import Iterator

from qualcode.anonymise.hits import DIGIT, Hit, matches

# HMRC's rules: first letter not D F I Q U V, second not D F I O Q U V; some pairs never
# issued; six digits (often in pairs); suffix A-D.
NI_NUMBER = re.compile(
    r"\b(?!BG|GB|KN|NK|NT|TN|ZZ)([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z])"
    r"[ \u00a0-]?(\d{2})[ \u00a0-]?(\d{2})[ \u00a0-]?(\d{2})[ \u00a0-]?([A-D])(?![\w])",
    re.IGNORECASE,
)
# Ten digits, unbroken or as 3-3-4 ("943 476 5919"); the last is a mod-11 check digit.
NHS_CANDIDATE = re.compile(r"(?<![\w+.,-])(\d{3})([ \u00a0-]?)(\d{3})\2(\d{4})(?![\w]|[.,]\d)")
# A prisoner's number in England and Wales: a letter, four digits, two letters ("A1234BC").
PRISON_NUMBER = re.compile(r"\b[A-Z]\d{4}[A-Z]{2}(?![\w])")


def nhs_check_digit_ok(digits: str) -> bool:
    """True when ten digits end with the check digit the NHS's modulus-11 rule gives."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def find_ni_numbers(text: str) -> Iterator[Hit]:
    """National Insurance numbers such as QQ 12 34 56 C's real forms: AB123456C, ab 12 34 56 c."""
    for match in matches(NI_NUMBER, text, DIGIT):
        yield Hit(match.start(), match.end(), "ni_number", match.group())


def find_nhs_numbers(text: str) -> Iterator[Hit]:
    """NHS numbers (943 476 5919) whose check digit is right; a leading 0 is a phone number."""
    for match in matches(NHS_CANDIDATE, text, DIGIT):
        digits = match.group(1) + match.group(3) + match.group(4)
        if not digits.startswith("0") and nhs_check_digit_ok(digits):
            yield Hit(match.start(), match.end(), "nhs_number", match.group())


def find_prison_numbers(text: str) -> Iterator[Hit]:
    """Prison numbers in England and Wales (A1234BC)."""
    for match in matches(PRISON_NUMBER, text, DIGIT):
        yield Hit(match.start(), match.end(), "prison_number", match.group())
