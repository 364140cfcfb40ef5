"""Zoom display names that give a caller by address, number or device are speakers, one
passage per turn, and registered as the participant's identifiers."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import ReadDocument, read_document
from qualcode.ingest.caller_names import is_caller


def zoom(*texts: str) -> ReadDocument:
    """Numbered "Name: words" cues, as Zoom's cloud recording writes its .vtt transcript."""
    blocks = [
        f"{n}\n00:00:{4 * n:02d}.000 --> 00:00:{4 * n + 3:02d}.500\n{text}"
        for n, text in enumerate(texts, start=1)
    ]
    data = ("WEBVTT\n\n" + "\n\n".join(blocks) + "\n").encode("utf-8")
    return read_document(Path("zoom.vtt"), data=data)


def turns(doc: ReadDocument) -> list[tuple[str | None, str]]:
    return [(p.speaker, doc.text[p.start : p.end]) for p in doc.passages]


CALLERS = [
    ("lukas.brandt@uni.ac.uk", ["lukas.brandt@uni.ac.uk"]),
    ("ana.souza@example.org", ["ana.souza@example.org"]),
    ("447700900777", ["447700900777"]),  # a dial-in caller, as Zoom shows the number
    ("+44 7700 900777", ["+44 7700 900777", "447700900777"]),
    ("07700 900777", ["07700 900777", "07700900777"]),
    ("(555) 123-4567", ["(555) 123-4567", "5551234567"]),
    ("Ana's iPhone", ["Ana's iPhone", "Ana"]),
    ("Ana Souza’s MacBook Pro", ["Ana Souza’s MacBook Pro", "Ana Souza"]),
    ("iPhone de Ana", ["iPhone de Ana", "Ana"]),
    ("iPad", ["iPad"]),
    ("iPhone (2)", ["iPhone (2)"]),
    ("Galaxy S21", ["Galaxy S21"]),
    ("Samsung Galaxy S21 Ultra", ["Samsung Galaxy S21 Ultra"]),
    ("Pixel 7", ["Pixel 7"]),
    ("DESKTOP-7KQ2M1R", ["DESKTOP-7KQ2M1R"]),
]


@pytest.mark.parametrize(("caller", "registered"), CALLERS)
def test_a_caller_shown_by_address_number_or_device_is_a_speaker(
    caller: str, registered: list[str]
) -> None:
    doc = zoom(
        "Lukas Brandt: How are you funded?",
        f"{caller}: Grants, mostly.",
        "Lukas Brandt: Contracts?",
        f"{caller}: One, with probation.",
    )
    assert turns(doc) == [
        ("Lukas Brandt", "Lukas Brandt: How are you funded?"),
        (caller, f"{caller}: Grants, mostly."),
        ("Lukas Brandt", "Lukas Brandt: Contracts?"),
        (caller, f"{caller}: One, with probation."),
    ]
    assert doc.layout == "zoom-vtt"
    assert all(form in doc.speakers for form in registered), doc.speakers
    assert "Lukas Brandt" in doc.speakers


def test_an_interviewer_shown_by_address_speaks_to_a_caller_shown_by_number() -> None:
    doc = zoom(
        "lukas.brandt@uni-example.ac.uk: Can you hear me okay on the phone?",
        "447700900777: Yes, I'm on the bus, sorry.",
        "lukas.brandt@uni-example.ac.uk: How are visits funded?",
        "447700900777: From a lottery grant, three years.",
        "Pat Quinn (she/her): Sorry to jump in, I'm the co-ordinator here.",
    )
    assert [p.speaker for p in doc.passages] == [
        "lukas.brandt@uni-example.ac.uk",
        "447700900777",
        "lukas.brandt@uni-example.ac.uk",
        "447700900777",
        "Pat Quinn (she/her)",
    ]
    assert {"lukas.brandt@uni-example.ac.uk", "447700900777"} <= set(doc.speakers)


def test_a_caller_who_speaks_once_is_a_speaker() -> None:
    doc = zoom(
        "Sara Lee: How did the bid go?",
        "Tom Okafor: We lost it on price.",
        "+44 7700 900777: Sorry, I dropped out. We lost it too.",
        "Sara Lee: Thanks both.",
    )
    assert [p.speaker for p in doc.passages][2] == "+44 7700 900777"


@pytest.mark.parametrize(
    "words",
    ["2019-2020: we had no funding at all.", "Galaxy: the name of our youth project."],
)
def test_words_that_open_with_a_brand_or_years_stay_words(words: str) -> None:
    doc = zoom(
        "Sara Lee: How did the year go?",
        f"Tom Okafor: {words}",
        f"{words}",
        "Sara Lee: I see.",
    )
    assert [p.speaker for p in doc.passages] == ["Sara Lee", "Tom Okafor", "Sara Lee"]
    assert doc.text.split("\n")[1] == f"Tom Okafor: {words} {words}"


@pytest.mark.parametrize(
    "label",
    ["Android", "Samsung", "Galaxy", "2019-2020", "1,250,000", "10:30", "Sara Lee", "Note 12"],
)
def test_a_brand_alone_years_or_a_sum_is_no_caller(label: str) -> None:
    assert not is_caller(label)


def test_a_teams_voice_tag_holding_a_number_registers_the_number() -> None:
    data = (
        b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Sara Lee>How did the bid go?</v>\n\n"
        b"00:00:05.000 --> 00:00:08.000\n<v +44 7700 900777>We lost it on price.</v>\n"
    )
    doc = read_document(Path("teams.vtt"), data=data)
    assert [p.speaker for p in doc.passages] == ["Sara Lee", "+44 7700 900777"]
    assert {"+44 7700 900777", "447700900777"} <= set(doc.speakers)
