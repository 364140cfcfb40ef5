"""UK reference numbers: National Insurance (prefix rules), NHS (check digit), prison numbers."""

from __future__ import annotations

import pytest

from qualcode.anonymise.detectors import detect
from qualcode.anonymise.numbers import (
    find_nhs_numbers,
    find_ni_numbers,
    find_prison_numbers,
    nhs_check_digit_ok,
)


@pytest.mark.parametrize(
    "number",
    ["AB123456C", "AB 12 34 56 C", "ab 12 34 56 c", "JT-12-34-56-A", "NY123456D", "ZA123456B"],
)
def test_national_insurance_numbers(number: str) -> None:
    assert [h.value for h in find_ni_numbers(f"His NI number is {number} on file.")] == [number]


@pytest.mark.parametrize(
    "number",
    [
        "QQ123456C",  # Q is never a first letter (QQ is the specimen)
        "DA123456A",  # D is never a first letter
        "AO123456A",  # O is never a second letter
        "GB123456A",  # never-issued prefixes
        "BG123456A",
        "NK123456A",
        "TN123456A",
        "ZZ123456A",
        "AB123456E",  # the suffix is A-D
        "AB12345C",  # six digits
        "AB1234567C",
    ],
)
def test_not_national_insurance_numbers(number: str) -> None:
    assert list(find_ni_numbers(f"Reference {number} here.")) == []


@pytest.mark.parametrize(
    "digits", ["9434765919", "6260181590", "4223307924", "7372616751", "4010232137"]
)
def test_nhs_check_digit_accepts_valid_numbers(digits: str) -> None:
    assert nhs_check_digit_ok(digits)


@pytest.mark.parametrize(
    "digits",
    [
        "9434765918",  # check digit off by one
        "7301661318",
        "4308246281",
        "1234567890",
        "123456789",  # nine digits
        "94347659190",
        "0000000010",  # remainder gives check digit 10: never issued
    ],
)
def test_nhs_check_digit_refuses_invalid_numbers(digits: str) -> None:
    assert not nhs_check_digit_ok(digits)


@pytest.mark.parametrize("number", ["943 476 5919", "9434765919", "943-476-5919"])
def test_nhs_numbers_in_text(number: str) -> None:
    hits = [h for h in detect(f"NHS number {number}, from the GP.") if h.kind != "name"]
    assert [(h.kind, h.value) for h in hits] == [("nhs_number", number)]


@pytest.mark.parametrize(
    "text", ["Reference 943 476 5918 here.", "It cost 9434765919.50 in total.", "+9434765919"]
)
def test_not_nhs_numbers(text: str) -> None:
    assert list(find_nhs_numbers(text)) == []


@pytest.mark.parametrize("number", ["A1234BC", "G7721KD", "Z0001AA"])
def test_prison_numbers(number: str) -> None:
    hits = detect(f"Prison number {number}, for the visiting order.")
    assert [(h.kind, h.value) for h in hits] == [("prison_number", number)]


@pytest.mark.parametrize("text", ["a1234bc", "A12345BC", "AB1234C", "A1234B", "XA1234BCD"])
def test_not_prison_numbers(text: str) -> None:
    assert list(find_prison_numbers(f"code {text} here")) == []
