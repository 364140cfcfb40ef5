"""A registered organisation's short forms ("Northern Lights" of "Northern Lights Arts") are
flagged as unreviewed organisations, capitalised only."""

from __future__ import annotations

import pytest

from qualcode.anonymise.check import find_residual
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry
from qualcode.export.policy import ExportRedactor

ORGANISATIONS = [
    Entry("organisation", "Northern Lights Arts", "Interviewee 40"),
    Entry("organisation", "Keyring Housing", "Interviewee 40"),
    Entry("organisation", "The Friends of Hollin Dene Library"),
    Entry("organisation", "Bridge & Gate Collective"),
]


def exported(text: str, entries: list[Entry]) -> str:
    return ExportRedactor(Redactor(entries), set(), keep_unreviewed=False).redact(text)


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "Our team is at Northern Lights, not to be confused with Northern Lights Arts.",
            "Our team is at [organisation?], not to be confused with [organisation].",
        ),
        (
            "We're Keyring, formally Keyring Housing.",
            "We're [organisation?], formally [organisation].",
        ),
        (
            "Interview with Northern Lights-20250611_140233-Meeting Recording",
            "Interview with [organisation?]-20250611_140233-Meeting Recording",
        ),
        ("I chaired Keyring's board.", "I chaired [organisation?]'s board."),
        ("Ask NORTHERN LIGHTS about it.", "Ask [organisation?] about it."),
        ("Then Northern Lights said no.", "Then [organisation?] said no."),
        ("We joined Keyring Ltd in May.", "We joined [organisation?] in May."),
        ("The Friends of Hollin wrote.", "The [organisation?] wrote."),
        ("We met the Friends at Bridge & Gate.", "We met the [organisation?] at [organisation?]."),
        ("Both Northern Lights and Keyring bid.", "Both [organisation?] and [organisation?] bid."),
    ],
)
def test_short_forms_of_a_registered_organisation_are_flagged(text: str, redacted: str) -> None:
    assert exported(text, ORGANISATIONS) == redacted


@pytest.mark.parametrize(
    "text",
    [
        "The northern lights were out, my keyring broke, and housing is hard.",
        "We drove to Northern Ireland and back.",  # another name that starts the same
        "Northern towns have it worst.",  # an everyday word opening a sentence
        "Friends told me. The Arts Council pays.",
        "Lights went out at the Gate.",
        "The rest was fine.",
        "We took the Northern line home.",  # a place word after the first word
        "Then Friends of the Earth came.",  # a longer name going on with "of the"
    ],
)
def test_everyday_words_and_other_names_are_not_flagged(text: str) -> None:
    assert exported(text, ORGANISATIONS) == exported(text, [])


def test_a_short_form_is_one_finding_of_kind_organisation() -> None:
    text = "At Northern Lights we work with Keyring. Northern Lights is small."
    found = find_residual(text, Redactor(ORGANISATIONS))
    assert [(f.value, f.kind, f.count) for f in found] == [
        ("Northern Lights", "organisation", 2),
        ("Keyring", "organisation", 1),
    ]


def test_a_dismissed_short_form_stays() -> None:
    text = "We're Keyring, formally Keyring Housing."
    export = ExportRedactor(Redactor(ORGANISATIONS), {"keyring"}, keep_unreviewed=False)
    assert export.redact(text) == "We're Keyring, formally [organisation]."
