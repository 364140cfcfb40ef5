"""Pseudonym keys: one pseudonym per person or place, stable on update, private on disk."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from qualcode.anonymise.pseudonyms import build_key, group_entries, read_key, write_key
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.terms import Entry
from qualcode.errors import QualcodeError

ENTRIES = [
    Entry("name", "Marcus Ellery", "Interviewee 1"),
    Entry("alias", "Marcus", "Interviewee 1"),
    Entry("alias", "Mr Ellery", "Interviewee 1"),
    Entry("speaker", "Marcus", "Interviewee 1"),
    Entry("name", "Helen Marsh", "Interviewee 2"),
    Entry("speaker", "Helen Marsh", None),
    Entry("place", "HMP Calderbrook", "Interviewee 1"),
    Entry("place", "Calderbrook", "Interviewee 1"),
    Entry("organisation", "Calderbrook", "Interviewee 1"),
]


def test_forms_of_one_person_share_an_entity() -> None:
    groups = {frozenset(e.value for e in g) for g in group_entries(ENTRIES)}
    assert frozenset({"Marcus Ellery", "Marcus", "Mr Ellery"}) in groups
    assert frozenset({"Helen Marsh"}) in groups
    assert frozenset({"HMP Calderbrook", "Calderbrook"}) in groups
    assert len(groups) == 4  # the organisation Calderbrook is its own entity


def test_update_keeps_existing_pseudonyms_and_adds_new_ones() -> None:
    key, added = build_key(ENTRIES[:4], seed=3)
    assert added == 1
    person = key.lookup()[("name", "marcus ellery")]
    bigger, added = build_key([*ENTRIES, Entry("name", "Ellie Fox", None)], key, seed=4)
    assert added == 4
    lookup = bigger.lookup()
    assert lookup[("name", "marcus ellery")] == person == lookup[("name", "mr ellery")]
    assert len({lookup[("name", "helen marsh")], person, lookup[("name", "ellie fox")]}) == 3


def test_key_file_is_private_and_reads_back(tmp_path: Path) -> None:
    key, _ = build_key(ENTRIES, seed=1)
    path = tmp_path / "key.json"
    write_key(key, path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert read_key(path).lookup() == key.lookup()
    assert json.loads(path.read_text())["format"] == "qualcode-pseudonym-key"


def test_the_key_reverses_a_pseudonymised_text() -> None:
    key, _ = build_key(ENTRIES, seed=2)
    redacted = Redactor(ENTRIES, pseudonyms=key.lookup()).redact("Marcus met Helen Marsh.")
    assert "Marcus" not in redacted and "Helen" not in redacted
    reverse = {f"[{e.pseudonym}]": e.values[0] for e in key.entities}
    for pseudonym, value in reverse.items():
        redacted = redacted.replace(pseudonym, value)
    assert redacted in {"Marcus Ellery met Helen Marsh.", "Marcus met Helen Marsh."}


def test_not_a_key(tmp_path: Path) -> None:
    path = tmp_path / "other.json"
    path.write_text('{"hello": 1}')
    with pytest.raises(QualcodeError, match="not a qualcode pseudonym key"):
        read_key(path)
