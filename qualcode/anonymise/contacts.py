"""A value that is an e-mail address or a phone number (as a Zoom caller's display name is):
which of its pieces identify on their own."""

from __future__ import annotations

import re

from qualcode.anonymise.detectors import EMAIL
from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.names import is_first_name
from qualcode.anonymise.phones import PHONE_CANDIDATE, is_phone

_LETTERS = re.compile(r"[^\W\d_]{2,}")


def is_email(value: str) -> bool:
    """Whether the whole value is an e-mail address."""
    return EMAIL.fullmatch(value.strip()) is not None


def is_phone_number(value: str) -> bool:
    """Whether the whole value is a phone number as written ("+44 7700 900777", "07700 900777",
    "447700900777" as Zoom shows a dial-in caller), not a span of years ("2019-2020"): the
    phone finder's own test (phones.is_phone), on the value alone."""
    value = value.strip()
    return PHONE_CANDIDATE.fullmatch(value) is not None and is_phone(value)


def contact_parts(value: str) -> list[str] | None:
    """The pieces of an e-mail address or phone number that identify alone: the name in an
    address ("lukas.brandt@uni.ac.uk": Lukas, Brandt; not "uni", "ac" or "uk", nor "info"
    of info@…), nothing of a number's digit groups ("44" of "+44 7700 900777"). None for any
    other value."""
    if is_phone_number(value):
        return []
    if not is_email(value):
        return None
    local = value.strip().partition("@")[0]
    words = _LETTERS.findall(local)
    return [w for w in words if is_first_name(w) or not is_common_word(w)]


def digits_only(value: str) -> str:
    """A phone number as one run of digits ("+44 7700 900777" -> "447700900777")."""
    return re.sub(r"\D", "", value)
