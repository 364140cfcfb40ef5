"""Registered names in the awkward forms real quotes hold them: glued to digits, underscores,
emoji, curly possessives, capitals, line breaks, Mc/Mac and van der, e-mails and handles."""

from __future__ import annotations

import re

import pytest

from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry
from qualcode.export.policy import ExportRedactor

REGISTRY = [
    Entry("name", "Aoife O’Neill", "Interviewee 1"),
    Entry("name", "Priya Smith-Jones", "Interviewee 2"),
    Entry("name", "Callum McAllister", "Interviewee 3"),
    Entry("name", "Morag MacLeod", "Interviewee 3"),
    Entry("name", "Jan van der Berg", "Interviewee 4"),
    Entry("name", "Sara Lee", "Interviewee 5"),
    Entry("name", "Ngozi Brennan", "Interviewee 6"),
    Entry("organisation", "Kakaminvor Trust"),
]
SECRETS = [
    "Aoife", "Neill", "Priya", "Smith", "Jones", "Callum", "Allister", "Morag", "Leod", "Berg",
    "Sara", "Lee", "Ngozi", "Brennan", "Kakaminvor",
]  # fmt: skip


def redacted(text: str) -> str:
    """The text as an export shows it with unreviewed finds kept: only registered forms and
    detectors may take a name out."""
    return ExportRedactor(Redactor(REGISTRY), set(), keep_unreviewed=True).redact(text)


def leaked(text: str) -> list[str]:
    return [s for s in SECRETS if re.search(re.escape(s), text, re.IGNORECASE)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ngozi1987 set the password", "[name]1987 set the password"),
        ("ask 2Ngozi or NGOZI2", "ask [name] or [name]2"),
        ("see sara_lee_notes.docx", "see [name]_[name]_notes.docx"),
        ("ngozi_brennan_2024 wrote", "[name]_[name]_2024 wrote"),
    ],
)
def test_a_name_glued_to_digits_or_underscores_is_redacted(text: str, expected: str) -> None:
    assert redacted(text) == expected


def test_a_value_ending_in_a_digit_does_not_end_inside_a_number() -> None:
    redactor = Redactor([Entry("other", "Flat 3")])
    assert redactor.redact("Flat 3, then Flat 34.") == "[redacted], then Flat 34."


@pytest.mark.parametrize("keep", [False, True])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("follow #saralee and #NgoziBrennan", "follow #[name] and #[name]"),
        ("see smithjones_2024.pdf", "see [name]_2024.pdf"),
        ("the #KakaminvorTrust tag", "the #[organisation] tag"),
        ("Vanderberg said", "[name] said"),
        ("AoifeONeill wrote", "[name] wrote"),
    ],
)
def test_a_name_run_together_is_redacted_even_where_unreviewed_finds_are_kept(
    keep: bool, text: str, expected: str
) -> None:
    exporter = ExportRedactor(Redactor(REGISTRY), set(), keep_unreviewed=keep)
    assert exporter.redact(text) == expected


def test_a_name_run_together_needs_enough_letters_to_tell_it_from_a_word() -> None:
    redactor = Redactor([Entry("name", "Tom Ng"), Entry("name", "Will Power")])
    assert redactor.redact("Tomng and willpower") == "Tomng and willpower"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The prison van was late and the bin was full.", None),
        ("Der Spiegel ran it; de facto, la la land.", None),
        ("the van der Berg report", "the [name] report"),
        ("Van Der Berg said so", "[name] said so"),
        ("Ali bin Omar and bin Omar", "[name] and [name]"),
        ("Thanh Le, then Le alone", "[name], then [name] alone"),
        ("Al Green, then Al alone", "[name], then [name] alone"),
    ],
)
def test_a_particle_inside_a_name_is_no_name_of_its_own(text: str, expected: str | None) -> None:
    redactor = Redactor(
        [
            Entry("name", "Jan van der Berg"),
            Entry("name", "Ali bin Omar"),
            Entry("name", "Maria de la Cruz"),
            Entry("name", "Thanh Le"),
            Entry("name", "Al Green"),
        ]
    )
    assert redactor.redact(text) == (text if expected is None else expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Fionnuala2 said no.", "[name?]2 said no."),
        ("We rang Siobhan’s office.", "We rang [name?]’s office."),
        ("I told DEIRDRE MCDONAGH so.", "I told [name?] so."),
        ("I asked Deirdre\nMcDonagh about it.", "I asked [name?]\n[name?] about it."),
        ("Aoibheann🙂 said", "[name?]🙂 said"),
        ("Piet van der Waal said", "[name?] said"),
    ],
)
def test_a_name_nobody_registered_is_flagged_in_awkward_forms(text: str, expected: str) -> None:
    exporter = ExportRedactor(Redactor(REGISTRY), set(), keep_unreviewed=False)
    assert exporter.redact(text) == expected
