"""The residual check: capitalised non-words and detector hits the registry does not cover."""

from __future__ import annotations

from qualcode.anonymise.check import find_residual, finding_key
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry

TEXT = """Interviewer: Thanks for coming. How is it funded?

Marcus: Mostly contracts. Our finance director, Jo Pinder, was unhappy. My worker, Dean, had
prepped. Because the unit cost was low, we went to Birmingham. Ellie, our data officer, pulls
a report every Monday. Last Thursday Mel's group was cancelled, and Mel was cross.
Email marcus.ellery@tolvervalley.org.uk or ring 01632 960418; Mr Kaur knows.
We also work with Harbour Lane and the NHS and GPs in England.
"""


def values(dismissed: frozenset[str] = frozenset()) -> dict[str, str]:
    redactor = Redactor([Entry("name", "Marcus Ellery"), Entry("organisation", "Harbour Lane")])
    return {f.value: f.kind for f in find_residual(TEXT, redactor, dismissed)}


def test_finds_unregistered_people_places_and_detector_hits() -> None:
    found = values()
    assert found["Jo Pinder"] == "name"
    assert found["Dean"] == "name"
    assert found["Birmingham"] == "capitalised"
    assert found["Ellie"] == "name"  # sentence-initial, but a given name and no English word
    assert found["Mel"] == "name"  # "Mel's" is the same finding
    assert found["01632 960418"] == "phone"
    assert found["Mr Kaur"] == "name"
    assert "marcus.ellery@tolvervalley.org.uk" not in found  # the registered name covers it


def test_skips_words_registered_names_and_sentence_starts() -> None:
    found = values()
    for word in ["Thanks", "Mostly", "Because", "Monday", "Thursday", "Last", "Marcus", "Harbour"]:
        assert not any(word in value for value in found), word
    for word in ["NHS", "GPs", "England", "Interviewer", "Our", "My"]:
        assert word not in found


def test_dismissed_values_are_not_listed_again() -> None:
    found = values(frozenset({finding_key("Jo Pinder"), finding_key("Mel's")}))
    assert "Jo Pinder" not in found and "Mel" not in found
    assert "Dean" in found


def test_counts_and_offsets() -> None:
    redactor = Redactor([])
    findings = find_residual("Aisha said hi. Then Aisha left, and Aisha's coat stayed.", redactor)
    (aisha,) = [f for f in findings if f.value == "Aisha"]
    assert aisha.count == 3 and len(aisha.offsets) == 3
    assert aisha.stays_in_exports
