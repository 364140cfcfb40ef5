"""Redaction of registered identifiers in the forms people write them, and nothing else."""

from __future__ import annotations

import pytest

from qualcode.anonymise.lexicon import is_common_word, is_name_like
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry

REGISTRY = [
    Entry("name", "Marcus Ellery", "Interviewee 1"),
    Entry("alias", "Marcus", "Interviewee 1"),
    Entry("name", "Joanne Pike", "Interviewee 2"),
    Entry("alias", "Ms Kessler", "Interviewee 3"),
    Entry("organisation", "Tolver Valley Recovery", "Interviewee 1"),
    Entry("organisation", "Open Door", "Interviewee 2"),
    Entry("place", "HMP Calderbrook", "Interviewee 1"),
    Entry("speaker", "Siobhan", None),
    Entry("speaker", "Interviewer", None),
]


@pytest.fixture(scope="module")
def redactor() -> Redactor:
    return Redactor(REGISTRY)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thanks, Marcus Ellery.", "Thanks, [name]."),
        ("MARCUS ELLERY said", "[name] said"),
        ("marcus ellery said", "[name] said"),
        ("Marcus's team and Ellery's budget", "[name]'s team and [name]'s budget"),
        ("Marcus’s team", "[name]’s team"),
        ("ask Ellery", "ask [name]"),
        ("J. Pike and J Pike and Joanne P. agreed", "[name] and [name] and [name] agreed"),
        ("Kessler and Ms Kessler", "[name] and [name]"),
        ("Marcsu and Elery and Kesler", "[name] and [name] and [name]"),
        ("at Tolver Valley Recovery, or just Tolver", "at [organisation], or just [organisation]"),
        ("inside HMP Calderbrook, Calderbrook itself", "inside [place], [place] itself"),
        ("Siobhan: yes", "[name]: yes"),
    ],
)
def test_registered_forms_are_replaced(redactor: Redactor, text: str, expected: str) -> None:
    assert redactor.redact(text) == expected


def test_roles_and_everyday_words_are_kept(redactor: Redactor) -> None:
    text = "Interviewer: we keep an open door and a valley of recovery, we hope."
    assert redactor.redact(text) == text


def test_organisation_of_everyday_words_needs_its_capitals(redactor: Redactor) -> None:
    assert (
        redactor.redact("an open door policy at Open Door")
        == "an open door policy at [organisation]"
    )


def test_participant_called_will_hope() -> None:
    # Everyday-word names are redacted only where written with capitals, sentence start
    # included: a spare [name] is better than a leak; lowercase "hope"/"will" stay.
    redactor = Redactor([Entry("name", "Will Hope", "Interviewee 9")])
    text = "I hope Will will come. Hope said yes. Will Hope agreed; we will hope."
    assert redactor.redact(text) == (
        "I hope [name] will come. [name] said yes. [name] agreed; we will hope."
    )


def test_misspellings_never_hit_everyday_words() -> None:
    redactor = Redactor([Entry("name", "Helen Marsh"), Entry("place", "Dunmere")])
    text = "In March we marched to the dunes; here in Dunmere and Dunmore, Marsch said hello."
    assert redactor.redact(text) == (
        "In March we marched to the dunes; here in [place] and [place], [name] said hello."
    )


def test_detectors_run_with_the_registry(redactor: Redactor) -> None:
    text = "Write to marcus.ellery@tolvervalley.org.uk or ring 01632 960418 (SW1A 1AA)."
    assert redactor.redact(text) == "Write to [email] or ring [phone] ([postcode])."


def test_pseudonyms_replace_placeholders() -> None:
    entries = [Entry("name", "Marcus Ellery", "I1"), Entry("alias", "Marcus", "I1")]
    pseudonyms = {entries[0].key: "Person 4", entries[1].key: "Person 4"}
    redactor = Redactor(entries, pseudonyms=pseudonyms)
    assert redactor.redact("Marcus, or Mr Ellery's colleague") == (
        "[Person 4], or [Person 4]'s colleague"
    )


def test_lexicon_tells_words_from_names() -> None:
    assert all(is_common_word(w) for w in ["hope", "Will", "harbour", "Yeah", "We'd", "drug-free"])
    assert not any(is_common_word(w) for w in ["Martin", "Kessler", "Calderbrook", "Ellie"])
    assert all(is_name_like(w) for w in ["Steve", "Leeds", "Calderbrook", "Aisha"])
    assert not any(is_name_like(w) for w in ["Thanks", "Oh", "Because", "Monday"])


def test_organisation_words_alone_need_capitals() -> None:
    redactor = Redactor([Entry("organisation", "Thornley Foodbank"), Entry("place", "Saltmarsh")])
    text = "Thornley Foodbank, or the Foodbank, is not the foodbank; thornley foodbank; saltmarsh."
    assert redactor.redact(text) == (
        "[organisation], or the [organisation], is not the foodbank; [organisation]; [place]."
    )


def test_parts_still_match_where_the_whole_value_lacks_its_capitals() -> None:
    # "will Hope" is not "Will Hope" written with capitals, but "Hope" alone still is.
    redactor = Redactor([Entry("name", "Will Hope", "Interviewee 9")])
    assert redactor.redact("we will Hope said") == "we will [name] said"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "我和王伟谈过。王伟说资金不够。",
            "我和[name]谈过。[name]说资金不够。",
        ),  # no spaces in Chinese
        ("田中さんと話しました", "[name]さんと話しました"),
        ("ผมคุยกับสมชายแล้ว", "ผมคุยกับ[name]แล้ว"),  # nor in Thai
        ("王伟: 好的", "[name]: 好的"),
        ("Leeds and Sara Leeming", "Leeds and Sara Leeming"),  # spaced scripts: whole words only
    ],
)
def test_names_in_scripts_without_spaces_are_found_inside_a_run(text: str, expected: str) -> None:
    redactor = Redactor(
        [
            Entry("speaker", "王伟", None),
            Entry("name", "田中", "Interviewee 2"),
            Entry("name", "สมชาย", "Interviewee 3"),
            Entry("name", "Lee", "Interviewee 4"),
        ]
    )
    assert redactor.redact(text) == expected


def test_a_display_names_note_redacts_only_its_unusual_words() -> None:
    redactor = Redactor(
        [
            Entry("speaker", "Sara Lee (she/her)", None),
            Entry("speaker", "Okafor, Tomasz (Guest)", None),
            Entry("speaker", "Pike, Jo (Kakaminvor Trust)", None),
        ]
    )
    text = (
        "She said her guest list went to the Guest House. Sara and Tomasz Okafor came. "
        "Jo Pike and the Kakaminvor people too."
    )
    assert redactor.redact(text) == (
        "She said her guest list went to the Guest House. [name] and [name] came. "
        "[name] and the [name] people too."
    )
