"""Display names with a note or in directory order, redacted whole wherever the text holds them."""

from __future__ import annotations

import pytest

from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry

LABELS = ["Sara Lee (Justice Dept)", "Sara Lee (she/her)", "Lee, Sara (Justice)", "Lee, Sara"]


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize("kind", ["speaker", "name"])
def test_a_label_written_whole_is_one_placeholder_with_no_stray_bracket(
    label: str, kind: str
) -> None:
    redactor = Redactor([Entry(kind, label, "Interviewee 1")])
    assert redactor.redact(f"As {label} said, it works.") == "As [name] said, it works."
    assert redactor.redact(f"({label})") == "([name])"


@pytest.mark.parametrize("label", LABELS)
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Sara Lee said so.", "[name] said so."),
        ("I asked Sara Lee (Justice) first.", "I asked [name] (Justice) first."),
        ("SARA LEE's team", "[name]'s team"),
        ("Sara told Lee.", "[name] told [name]."),
    ],
)
def test_the_plain_name_of_a_label_is_one_placeholder(label: str, text: str, expected: str) -> None:
    redactor = Redactor([Entry("speaker", label, None)])
    assert redactor.redact(text) == expected


@pytest.mark.parametrize("label", ["Lee, Sara (Justice)", "Lee, Sara", "van der Berg, Jan"])
def test_a_directory_name_is_also_read_in_reading_order(label: str) -> None:
    redactor = Redactor([Entry("speaker", label, None)])
    surname, given = label.split(" (")[0].split(", ")
    assert redactor.redact(f"{surname}, {given} said so.") == "[name] said so."
    assert redactor.redact(f"{given} {surname} said so.") == "[name] said so."


def test_a_wrapping_bracket_is_still_taken_off_a_registered_value() -> None:
    redactor = Redactor([Entry("name", "(Tomasz Okafor)", None)])
    assert redactor.redact("Tomasz Okafor (Trust) rang.") == "[name] (Trust) rang."
