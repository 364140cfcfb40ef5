"""A name's particles ("de la", "van der") belong to it, registered or found: never left behind."""

from __future__ import annotations

import pytest

from qualcode.anonymise.check import find_residual
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry
from qualcode.export.policy import ExportRedactor


@pytest.mark.parametrize(
    ("registered", "text", "redacted"),
    [
        ("Amara de la Cruz", "Ms. de la cruz's assistant", "Ms. [name]'s assistant"),
        ("Amara de la Cruz", "de la Cruz's deputy came", "[name]'s deputy came"),
        ("Amara De La Cruz", "Ask De La Cruz first", "Ask [name] first"),
        ("Pieter van der Berg", "Ask van der Berg, not me", "Ask [name], not me"),
        ("Siobhan O'Neill-de Souza", "O'Neill-de Souza said so", "[name] said so"),
        ("Siobhan O'Neill-de Souza", "and de Souza too", "and [name] too"),
        ("Ana da Silva", "Then da Silva rang", "Then [name] rang"),
        ("van der Berg, Pieter", "Ask van der Berg or Pieter", "Ask [name] or [name]"),
        ("Le Van Thanh", "Le and Thanh came", "[name] and [name] came"),
    ],
)
def test_a_registered_name_takes_its_particles(registered: str, text: str, redacted: str) -> None:
    assert Redactor([Entry("name", registered)]).redact(text) == redacted


def test_a_speaker_label_starting_with_a_particle_leaves_the_word_alone() -> None:
    redactor = Redactor([Entry("speaker", "van der Berg, Pieter")])  # as Teams lists him
    text = "The van was late, said van der Berg."
    assert redactor.redact(text) == "The van was late, said [name]."


@pytest.mark.parametrize(
    "text",
    [
        "It was la la land, de rigueur, crème de la crème.",
        "The van was late and der Spiegel ran it.",
        "We do it da capo, le mot juste.",
    ],
)
def test_a_registered_names_particles_are_no_names_alone(text: str) -> None:
    entries = [
        Entry("name", "Amara de la Cruz"),
        Entry("name", "Pieter van der Berg"),
        Entry("name", "Siobhan O'Neill-de Souza"),
        Entry("name", "Ana da Silva"),
        Entry("name", "Marie le Mot"),
    ]
    assert Redactor(entries).redact(text) == text


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        (
            "Then there's Maria de la Cruz, and de la Cruz's deputy.",
            "Then there's [name?], and [name?]'s deputy.",
        ),
        ("I met van der Merwe at the gate.", "I met [name?] at the gate."),
        ("Ask for von Tunzelmann on the wing.", "Ask for [name?] on the wing."),
        ("Then Tomasz came in the van Tuesday.", "Then [name?] came in the van Tuesday."),
    ],
)
def test_an_unreviewed_name_takes_its_particles(text: str, redacted: str) -> None:
    export = ExportRedactor(Redactor([]), set(), keep_unreviewed=False)
    assert export.redact(text) == redacted


def test_a_found_names_value_holds_its_particles() -> None:
    found = find_residual("We rang de la Cruz's office twice.", Redactor([]))
    assert [(f.value, f.kind) for f in found] == [("de la Cruz", "name")]
