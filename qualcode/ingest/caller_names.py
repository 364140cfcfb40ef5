"""Display names that give a caller by address, number or device, as Zoom shows them: an
e-mail address, a phone number ("+44 7700 900777", "447700900777"), a phone or computer
("Ana's iPhone", "Galaxy S21"). Each is a speaker, and most are personal data."""

from __future__ import annotations

import re

from qualcode.anonymise.contacts import digits_only, is_email, is_phone_number

_WORD = r"[^\W\d_]+(?:['’\-][^\W\d_]+)*"
_OWNER = rf"{_WORD}(?:[ \t]+{_WORD})?"
# Phones, tablets and computers people join calls from; alone, only "iPhone" and "iPad" are
# display names ("Android: the app…" is words), the others with a model ("Pixel 7").
_ALONE = r"iPhone|iPad"
_DEVICE_WORD = (
    r"(?i:iphone|ipad|ipod|macbook|imac|android|galaxy|pixel|samsung|huawei|honor|oneplus"
    r"|redmi|xiaomi|oppo|vivo|motorola|moto|nokia|lenovo|surface|chromebook)"
)
_DEVICE = rf"{_DEVICE_WORD}(?:[ \t]+{_DEVICE_WORD})?"  # "Samsung Galaxy S21"
_MODEL = (
    r"(?:[ \t]+(?:[A-Za-z]{0,4}\d{1,4}[A-Za-z+]{0,4}|\(\d\)"
    r"|Pro|Max|Plus|Ultra|Air|Mini|Note|Lite|Edge))"
)
_DEVICE_NAME = re.compile(
    rf"(?P<owner>{_OWNER})['’]s[ \t]+(?:{_DEVICE}{_MODEL}{{0,3}})"
    rf"|(?:{_DEVICE}{_MODEL}{{0,3}})[ \t]+(?:de|da|di|von|van)[ \t]+(?P<owner_after>{_OWNER})"
    rf"|(?:{_DEVICE}{_MODEL}{{1,3}})|(?:{_ALONE})(?:[ \t]+\(\d\))?"
    r"|(?:DESKTOP|LAPTOP)-[A-Z0-9]{5,8}|SM-[A-Z]\d{3,4}[A-Z0-9]{0,3}"  # Windows, Samsung names
)
# A caption line opening with such a name: "447700900777: Grants, mostly."
_CALLER_TURN = re.compile(r"[*_]{0,2}(?P<label>[^:\n]{1,60}?)[*_]{0,2}[ \t]*:[*_]{0,2}[ \t]+")


def is_caller(label: str) -> bool:
    """Whether a display name is an e-mail address, a phone number or a device."""
    label = label.strip()
    return is_email(label) or is_phone_number(label) or _DEVICE_NAME.fullmatch(label) is not None


def caller_label(text: str) -> tuple[str, int] | None:
    """(label, where the words start) for a caption line opening with a caller's display name
    ("ana.souza@example.org: …", "+44 7700 900777: …", "Ana's iPhone: …")."""
    m = _CALLER_TURN.match(text)
    if m is None or not is_caller(m.group("label")):
        return None
    return " ".join(m.group("label").split()), m.end()


def identifying_forms(label: str) -> list[str]:
    """What of a caller's display name to register as an identifier: an address or device as
    written, with its owner's name ("Ana's iPhone" names Ana); a phone number as its digits
    too, as people also write it without spaces."""
    forms = [label]
    device = _DEVICE_NAME.fullmatch(label)
    if device is not None and (owner := device.group("owner") or device.group("owner_after")):
        forms.append(owner)
    elif is_phone_number(label):
        forms.append(digits_only(label))
    return list(dict.fromkeys(forms))
