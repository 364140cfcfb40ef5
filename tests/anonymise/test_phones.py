"""Phone numbers with a country code but no "+", and long numbers that are no phone."""

from __future__ import annotations

import pytest

from qualcode.anonymise.detectors import detect, find_phones
from qualcode.anonymise.redactor import Redactor


@pytest.mark.parametrize(
    "number",
    [
        "447700900777",  # a Zoom dial-in caller's number, as Zoom names the caller
        "4407700900888",  # the trunk 0 kept after the country code
        "44 7700 900123",
        "44 (0)20 7946 0123",
        "353871234567",  # Irish mobile
        "353 87 123 4567",
        "12025550143",  # US, with its 1
        "1 800 555 0143",
        "1-202-555-0143",
        "2025550143",  # US, ten digits run together
        "33 1 23 45 67 89",
        "44.7700.900.123",
        "0044 7700 900123",
    ],
)
def test_numbers_with_a_country_code_but_no_plus_are_phones(number: str) -> None:
    text = f"my other number is {number}, grants mostly."
    assert [h.value for h in find_phones(text)] == [number]
    assert Redactor([]).redact(text) == "my other number is [phone], grants mostly."


@pytest.mark.parametrize(
    "text",
    [
        "Between 2019 2020 2021 2022 the grant fell.",  # years
        "The file is 2023-000451 in the tracker.",  # a year-led reference
        "Case reference 4470012345 was closed.",
        "Invoice no. 1234567890 is paid.",
        "Order number: 12345678901 came.",
        "It cost £1250000000 in all.",
        "About 44000000000 pounds went on it.",
        "Our budget is 10000000000 a year.",  # a round sum
        "Recording 20250611140233 is saved.",  # a date and time stamp
        "Pi is 3.14159265358 or so.",
        "Count 1 2 3 4 5 6 7 8 9 10 11 12 now.",
        "We met on 11.06.2025 14:02 in the hall.",  # a date and an hour
        "Filed 3-6-2024 1530 by the clerk.",
    ],
)
def test_long_numbers_that_are_not_phones(text: str) -> None:
    assert list(find_phones(text)) == []


def test_a_dial_in_caller_named_by_number_is_redacted_where_it_speaks() -> None:
    text = "Lukas Brandt: How are you funded? 447700900777: Grants, mostly."
    assert [h.kind for h in detect(text)] == ["phone"]
    assert Redactor([]).redact(text) == "Lukas Brandt: How are you funded? [phone]: Grants, mostly."
