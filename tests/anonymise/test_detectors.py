"""Detectors: phone numbers, e-mails, postcodes, URLs and titled names, with near misses."""

from __future__ import annotations

import pytest

from qualcode.anonymise.detectors import (
    detect,
    find_emails,
    find_phones,
    find_postcodes,
    find_titled_names,
    find_urls,
)


@pytest.mark.parametrize(
    "number",
    [
        "0161 496 0732",
        "01632 960418",
        "020 7946 0123",
        "+44 20 7946 0123",
        "+44 (0)20 7946 0123",
        "(0161) 496 0732",
        "07700 900123",
        "07700900123",
        "0800 123 4567",
        "+1 415-555-0100",
        "+33 1 23 45 67 89",
        "+49 30 1234567",
        "0049 30 1234567",
        "(202) 555-0143",
        "202-555-0143",
        "+353 1 234 5678",
    ],
)
def test_phone_numbers_found_whole(number: str) -> None:
    text = f"Ring me on {number}, any time."
    assert [h.value for h in find_phones(text)] == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Turnover was £1.9 million in 2003.",
        "From 2019-2023 we grew; on 2024-02-06 we met.",
        "We saw 42 people, then 1,100,000 pounds.",
        "Rooms 1 2 3 4 5 6 7 8.",
        "Section 12.3.4 of the contract.",
        "Reference 123456789 on the form.",
    ],
)
def test_numbers_that_are_not_phones(text: str) -> None:
    assert list(find_phones(text)) == []


@pytest.mark.parametrize(
    ("text", "email"),
    [
        (
            "write to marcus.ellery@tolvervalley.org.uk, or ring",
            "marcus.ellery@tolvervalley.org.uk",
        ),
        ("(h.marsh@tidewatervs.org.uk)", "h.marsh@tidewatervs.org.uk"),
        ("Email: first+tag@example.com.", "first+tag@example.com"),
    ],
)
def test_emails(text: str, email: str) -> None:
    assert [h.value for h in find_emails(text)] == [email]


@pytest.mark.parametrize(
    "postcode", ["SW1A 1AA", "M1 1AE", "B33 8TH", "CR2 6XH", "DN55 1PT", "sw1a1aa"]
)
def test_uk_postcodes(postcode: str) -> None:
    assert [h.value for h in find_postcodes(f"The office is at {postcode} now.")] == [postcode]


@pytest.mark.parametrize("text", ["We met at 10AM 3PM", "Category B1 prison", "an A1 result"])
def test_not_postcodes(text: str) -> None:
    assert list(find_postcodes(text)) == []


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("see https://example.org/path?a=1.", "https://example.org/path?a=1"),
        ("at www.tolver.org.uk today", "www.tolver.org.uk"),
        ("our site tolvervalley.org.uk.", "tolvervalley.org.uk"),
        ("(http://localhost:8080/x)", "http://localhost:8080/x"),
    ],
)
def test_urls(text: str, url: str) -> None:
    assert [h.value for h in find_urls(text)] == [url]


def test_sentences_are_not_urls() -> None:
    assert list(find_urls("It ended.Then we met, e.g. on Monday.")) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I spoke to Mr Kessler yesterday", "Mr Kessler"),
        ("and Dr. Ng agreed", "Dr. Ng"),
        ("Mrs O'Brien runs it", "Mrs O'Brien"),
        ("Ms Ashdown's team", "Ms Ashdown"),
        ("Cllr J. Amos voted", "Cllr J. Amos"),
        ("Reverend Mensah opened the hall", "Reverend Mensah"),
    ],
)
def test_titled_names(text: str, name: str) -> None:
    assert [h.value for h in find_titled_names(text)] == [name]


def test_titles_without_a_name_are_left() -> None:
    assert list(find_titled_names("I miss the old days, sir, and the doctor said so.")) == []


def test_detect_returns_hits_in_text_order() -> None:
    text = "Mail a@b.org or ring 07700 900123 at SW1A 1AA, see www.x.org"
    kinds = [h.kind for h in detect(text)]
    assert kinds == ["email", "phone", "postcode", "url"]
