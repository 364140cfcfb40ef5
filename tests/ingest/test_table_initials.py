"""A table headed "Speaker | Text" whose speaker column gives initials that are also words
("SO", "TO"): each row is that speaker's turn, and the initials are registered."""

from __future__ import annotations

from pathlib import Path

import pytest

from qualcode.ingest import read_document
from tests.ingest.test_table_headers import docx_table, rows, turns

SAID = [
    ("00:00:04", "Interviewer", "How does the money reach you?"),
    ("00:00:09", "{who}", "Mostly subcontracts."),
    ("00:00:21", "Interviewer", "And the prison work?"),
    ("00:00:30", "{who}", "Two groups a week."),
]


@pytest.mark.parametrize("who", ["SO", "TO", "IF"])
@pytest.mark.parametrize("key", ["speaker | text", "time | speaker | text"])
def test_initials_in_a_speaker_column_are_the_speaker(who: str, key: str) -> None:
    said = [(t, s.format(who=who), w) for t, s, w in SAID]
    doc = read_document(Path("agency.docx"), data=docx_table(rows(key, said)))
    assert turns(doc)[1:] == [(s, f"{s}: {w}") for _, s, w in said]
    assert doc.speakers == [who]
