"""Detectors: phones, e-mails, handles, postcodes, URLs, reference numbers, titled names."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.anonymise.detectors import (
    detect,
    find_emails,
    find_handles,
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
        "+447700900123",
        "+44 (0) 7700 900123",
        "0044 20 7946 0123",
        "020-7946-0123",
        "07700 900 123",
        "(028) 9018 0456",
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
        "We met on 01/02/2024 10:30 at the gate.",
        "Score them 0 1 2 3 4 5 6 7 8 9 out of ten.",
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


@pytest.mark.parametrize(
    ("text", "email"),
    [
        ("mail zoë.müller@bürgerhilfe.de today", "zoë.müller@bürgerhilfe.de"),
        ("write to o'neill.k@brightpath.charity.", "o'neill.k@brightpath.charity"),
        ("или пишите иван@пример.рф", "иван@пример.рф"),
        ("at info@xn--bcher-kva.example now", "info@xn--bcher-kva.example"),
    ],
)
def test_internationalised_emails(text: str, email: str) -> None:
    assert [h.value for h in find_emails(text)] == [email]


@pytest.mark.parametrize(
    ("text", "handle"),
    [
        ("follow @open_doors_ldn for news", "@open_doors_ldn"),
        ("He's @TonyDaleRehab on Twitter.", "@TonyDaleRehab"),
        ("now @kasia@mastodon.social instead", "@kasia@mastodon.social"),
        ("(@jo.pinder)", "@jo.pinder"),
    ],
)
def test_handles(text: str, handle: str) -> None:
    assert [h.value for h in find_handles(text)] == [handle]


@pytest.mark.parametrize(
    "text", ["mail jo@example.org now", "meet @ 5pm", "score 3@4", "email@ nothing", "@123"]
)
def test_not_handles(text: str) -> None:
    assert list(find_handles(text)) == []


def test_a_mastodon_address_is_a_handle_not_an_email() -> None:
    kinds = {h.kind for h in detect("find me at @kasia@mastodon.social please")}
    assert kinds == {"handle"}


@pytest.mark.parametrize(
    ("text", "url"),
    [
        ("see freshgrounds.coffee for it", "freshgrounds.coffee"),
        ("at referrals.brightpath.charity/login now", "referrals.brightpath.charity/login"),
        ("their site is hopeworks.london I think", "hopeworks.london"),
        ("go to bücher.de.", "bücher.de"),
        ("bit.ly/3xYz and more", "bit.ly/3xYz"),
        ("visit WWW.EXAMPLE.ORG today", "WWW.EXAMPLE.ORG"),
        ("see mind.org today", "mind.org"),
        ("apply on gov.uk now", "gov.uk"),
    ],
)
def test_urls_with_any_top_level_domain(text: str, url: str) -> None:
    assert [h.value for h in find_urls(text)] == [url]


@pytest.mark.parametrize(
    "text",
    [
        "It's in notes.docx and budget-2024.xlsx, or report.pdf.",
        "We met at 10.30am, e.g. before unlock, i.e. early, etc.",
        "It ended.so we stopped. Then it.was over, i.e.the wing shut.",
        "Version 2.3 came out; £1.9m was spent; St.Giles helped.",
    ],
)
def test_not_urls(text: str) -> None:
    assert list(find_urls(text)) == []


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I went to see Father Doherty at the chaplaincy", "Father Doherty"),
        ("Sister Bernadette used to visit", "Sister Bernadette"),
        ("DS Kowalczyk came to the meeting", "DS Kowalczyk"),
        ("It was PC Ahmed who found him", "PC Ahmed"),
        ("Canon Pemberton chairs the trustees", "Canon Pemberton"),
        ("Sgt Llewellyn was our liaison", "Sgt Llewellyn"),
    ],
)
def test_more_titles(text: str, name: str) -> None:
    assert [h.value for h in find_titled_names(text)] == [name]


@pytest.mark.parametrize(
    "text",
    [
        "We bought it at PC World last year.",
        "Sister Organisations came to the event.",
        "Father Christmas visited the family day.",
        "Brother Industries make the printers.",
    ],
)
def test_titles_that_are_words_need_a_name(text: str) -> None:
    assert list(find_titled_names(text)) == []


@pytest.mark.parametrize("postcode", ["LS11 5QR", "M14 7HW", "EC1A 1BB", "W1A 0AX"])
def test_more_postcodes(postcode: str) -> None:
    assert [h.value for h in find_postcodes(f"We moved to {postcode} last spring.")] == [postcode]


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_detectors_never_crash_and_spans_are_exact(text: str) -> None:
    for hit in detect(text):
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start : hit.end] == hit.value


PIECES = [" ", "@", ".", "-", "'", "0", "7", "A", "Z", "q", "é", "+", "(", ")", "/", "www",
          "http://", "Dr", "Jo", "Siobhan", "O'Neill", ":", "ß", "\u00a0", "\n"]  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(PIECES)).map("".join))
def test_detectors_never_crash_on_identifier_like_text(text: str) -> None:
    for hit in detect(text):
        assert text[hit.start : hit.end] == hit.value
