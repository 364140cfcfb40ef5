"""Speaker labels inside a quote that runs over several turns: shown as the researcher mapped
them, or by the participant's label, whatever form the label takes in the text."""

from __future__ import annotations

from pathlib import Path

import pytest
from export_helpers import export_whole_interview

NAMES = ("Lukas", "Brandt", "Yvonne", "Achterberg")


def transcript(answerer: str) -> str:
    return (
        "Lukas Brandt: How does the money reach you these days?\n\n"
        f"{answerer}: Mostly through subcontracts from the prime provider.\n\n"
        "Lukas Brandt: And the prison work?\n\n"
        f"{answerer}: We run two groups a week on the wing.\n"
    )


@pytest.mark.parametrize(
    "answerer",
    ["Yvonne Achterberg (Northfield Trust)", "Mrs Yvonne Achterberg"],
)
def test_turn_labels_in_a_quote_are_the_mapped_role_and_the_participant_label(
    tmp_path: Path, answerer: str
) -> None:
    exported = export_whole_interview(
        tmp_path,
        transcript(answerer),
        "--participant",
        "Interviewee 5",
        "--speakers",
        "Lukas Brandt=Interviewer",
        names=["Yvonne Achterberg"],
    )
    for text in exported.values():
        assert "[Interviewer]: And the prison work?" in text
        assert "[Interviewee 5]: We run two groups" in text
        assert [name for name in NAMES if name.casefold() in text.casefold()] == []
        assert "[name]" not in text and "Speaker 1" not in text and "]):" not in text
