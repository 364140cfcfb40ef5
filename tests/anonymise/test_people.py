"""Names nobody registered, found with given-name and surname lexicons and their context."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.anonymise.check import find_residual, finding_key
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry
from qualcode.export.policy import finding_spans


def found(text: str) -> dict[str, str]:
    return {f.value: f.kind for f in find_residual(text, Redactor([]))}


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Our finance director, Gurpreet Sandhu, holds it together.", "Gurpreet Sandhu"),
        ("I spoke to Bernadette about it and she agreed.", "Bernadette"),
        ("We had a caseworker, Tendai Moyo, who knew every landing.", "Tendai Moyo"),
        ("The manager, Agnieszka Wiśniewska, was supportive.", "Agnieszka Wiśniewska"),
        ("Siobhan rang me the night before.", "Siobhan"),  # opening a sentence
        ("It was Kwabena who went to the gate.", "Kwabena"),
        ("She'd worked with Kieran O'Sullivan before.", "Kieran O'Sullivan"),
        ("Then Aoife O'Neill-Brady took over.", "Aoife O'Neill-Brady"),
        ("We met Ana de Souza and the team.", "Ana de Souza"),
        ("J. Okafor signed the memorandum.", "J. Okafor"),
        ("Winston has volunteered for eleven years.", "Winston"),
        ("Mohammed Iqbal negotiated the subcontract.", "Mohammed Iqbal"),
        ('She said "Siobhan knows" and left.', "Siobhan"),
        ("I spoke to Sarah Green about the referral.", "Sarah Green"),  # Green: place word
        ("Deborah Hall said the same.", "Deborah Hall"),
    ],
)
def test_people_named_in_passing(text: str, name: str) -> None:
    assert found(text).get(name) == "name"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("I asked Grace to take the minutes.", "Grace"),  # a word, but capitalised mid-sentence
        ("Hope Baptiste runs the peer support group.", "Hope Baptiste"),  # before a surname
        ("We have a volunteer called Will who gardens.", "Will"),
        ("Mark Evans said we should bid.", "Mark Evans"),
        ("Bill said he couldn't come in.", "Bill"),  # a verb of speaking follows
        ("Amber's team handles referrals.", "Amber"),  # possessive
    ],
)
def test_names_that_are_also_words_need_context(text: str, name: str) -> None:
    assert found(text).get(name) == "name"


@pytest.mark.parametrize(
    "text",
    [
        "Hope is the thing that keeps people going.",
        "Will we get the money next year?",
        "Grace periods on rent arrears are shorter.",
        "Mark my words, it goes to a big prime.",
        "Bill payments are a huge worry.",
        "Funding was cut. Probation were overwhelmed. Prisons are short-staffed.",
        "Commissioners wanted outcomes. Trustees were nervous. Safeguarding comes first.",
        "Transforming Rehabilitation was a disaster. Resettlement starts on day one.",
        "A lot of them are on Subutex or Methadone, and Spice was everywhere.",
        "Housing First is the model. The Victoria line was down.",
        "Muslim chaplains and Polish prisoners and a Christian charity.",
        "It was in the Queen's Speech, and the office is near King's Cross.",
        "We work with St Giles and St Thomas' Hospital.",
        "Absolutely. Yeah, no. Okay. Right, so. Sorry?",
        "the Bill turned up, and the Grace was said",
    ],
)
def test_common_words_are_not_names(text: str) -> None:
    assert "name" not in found(text).values(), found(text)


@pytest.mark.parametrize(
    "text",
    [
        'He said, "Safeguarding comes first" and (Resettlement aside) that was it.',
        "He said, “Magistrates hate it” and left.",
        "<v Speaker 2>But Resettlement is where it falls down.",
    ],
)
def test_words_opening_a_quotation_or_bracket_open_a_sentence(text: str) -> None:
    assert found(text) == {}


@pytest.mark.parametrize(
    ("text", "value", "kind"),
    [
        ("We work with Clinks and HMPPS.", "Clinks", "capitalised"),
        ("We applied to the Calderwick Foundation.", "Calderwick Foundation", "organisation"),
        ("They moved to Ashbury Road.", "Ashbury Road", "place"),
        ("The drop-in is on Calder Green now.", "Calder Green", "place"),
        ("Most come from Pentonville.", "Pentonville", "capitalised"),
        ("We took the Victoria line to Brixton.", "Victoria", "place"),
        ("They meet at the Calderbrook centre.", "Calderbrook", "place"),
        ("We work with St Mungo's now.", "St Mungo", "place"),
        ("He was at St. Giles for a year.", "St. Giles", "place"),
        ("They transferred him to Hollin Moor.", "Hollin Moor", "place"),
    ],
)
def test_organisations_and_places_are_flagged_but_not_as_people(
    text: str, value: str, kind: str
) -> None:
    assert found(text).get(value) == kind


def test_every_occurrence_of_a_found_name_is_listed() -> None:
    # "Dean" opening a sentence could be the word; found mid-sentence, it is the same person.
    text = "My worker, Dean, had prepped. Dean was late. Later Dean's view changed."
    (finding,) = find_residual(text, Redactor([]))
    assert finding.value == "Dean"
    assert finding.offsets == [11, 30, 51] and finding.count == 3
    assert all(text[o : o + len(finding.value)] == "Dean" for o in finding.offsets)


def test_a_name_that_is_a_word_is_not_spread_to_sentence_openers() -> None:
    text = "I asked Grace about it. Grace periods are short."
    (finding,) = find_residual(text, Redactor([]))
    assert (finding.value, finding.offsets) == ("Grace", [8])


def test_registered_names_are_not_listed_again() -> None:
    redactor = Redactor([Entry("name", "Gurpreet Sandhu")])
    text = "Our director, Gurpreet Sandhu, met Femi Adeyemi."
    assert {f.value for f in find_residual(text, redactor)} == {"Femi Adeyemi"}


def test_residual_names_are_not_redacted_by_the_redactor_itself() -> None:
    # Exports decide what to do with unreviewed findings; the registry redactor stays exact.
    assert Redactor([]).redact("I spoke to Bernadette.") == "I spoke to Bernadette."


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_find_residual_never_crashes_and_offsets_match(text: str) -> None:
    for finding in find_residual(text, Redactor([])):
        for offset in finding.offsets:
            assert 0 <= offset < len(text)
        assert finding.count == len(finding.offsets)


NAMEISH = ["Siobhan", "SIOBHAN", "Grace", "Will", "St", "St.", "the", "J.", "O'Neill", "O’Neill",
           "de", "van", "Mr", "Father", "'s", "Funding", '"', "(", ">", ".", "\n", " ", "\u00a0",
           ",", "Leeds", "Road", "-", "Jo", "Pinder", "Okafor", "İ"]  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(NAMEISH), max_size=30).map(" ".join))
def test_every_offset_holds_the_finding_as_written(text: str) -> None:
    # Exports replace the finding's words as written at each offset (spacing may differ from
    # the first writing: "Mr Mr   St" then "Mr Mr St."): each span must be the finding.
    for finding in find_residual(text, Redactor([])):
        for start, end in finding_spans(text, finding):
            assert finding_key(text[start:end]) == finding_key(finding.value)


def test_a_repeat_written_with_other_spacing_is_replaced_whole() -> None:
    text = "Mr Mr   St Mr Mr St."
    (finding,) = find_residual(text, Redactor([]))
    assert finding_spans(text, finding) == [(0, 10), (11, 19)]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Then ΣΩΚΡΆΤΗΣ Papadopoulos rang about the visits.", "ΣΩΚΡΆΤΗΣ Papadopoulos"),
        ("Then Σωκράτης Παπαδόπουλος rang.", "Σωκράτης Παπαδόπουλος"),
        ("We met Иван Петров from the council.", "Иван Петров"),
        ("We met Անի Հակոբյան at the gate.", "Անի Հակոբյան"),
        ("I spoke to Ólafur Jónsson.", "Ólafur Jónsson"),
    ],
)
def test_names_in_every_cased_script_are_found(text: str, name: str) -> None:
    # Greek, Cyrillic and Armenian capitals start a name as Latin ones do (they were skipped).
    assert name in found(text)
