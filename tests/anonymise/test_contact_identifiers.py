"""A caller's e-mail address or phone number registered as a speaker: redacted, without
redacting the everyday pieces of it ("UK", "44") wherever they stand."""

from __future__ import annotations

import pytest

from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry, is_role_speaker

TEXT = (
    "Is that Lukas on 447700900777? We have 44 staff across the UK, a uni partner and "
    "7700 volunteers; Brandt said info is on the web site."
)


@pytest.mark.parametrize(
    ("registered", "expected"),
    [
        (
            ["lukas.brandt@uni.ac.uk", "info@charity.org"],
            "Is that [name] on [phone]? We have 44 staff across the UK, a uni partner and "
            "7700 volunteers; [name] said info is on the web site.",
        ),
        (
            ["+44 7700 900777", "447700900777"],
            "Is that Lukas on [phone]? We have 44 staff across the UK, a uni partner and "
            "7700 volunteers; Brandt said info is on the web site.",
        ),
    ],
)
def test_a_speaker_shown_by_address_or_number(registered: list[str], expected: str) -> None:
    redactor = Redactor([Entry("speaker", value) for value in registered])
    assert redactor.redact(TEXT) == expected


def test_a_number_is_no_role_but_speaker_2_is() -> None:
    assert not is_role_speaker("447700900777")
    assert is_role_speaker("Speaker 2")
    assert is_role_speaker("2")
