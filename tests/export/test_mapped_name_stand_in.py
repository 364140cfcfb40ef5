"""A label mapped to a person's name at import ("LB=Lukas Brandt"): in exports the label as
written is shown by that speaker's stand-in, never by the name it was mapped to."""

from __future__ import annotations

from pathlib import Path

from export_helpers import export_whole_interview

TRANSCRIPT = (
    "LB: How does the money reach you these days?\n\n"
    "YA: Mostly through subcontracts from the prime provider.\n\n"
    "LB: And the prison work?\n\n"
    "YA: We run two groups a week on the wing.\n"
)


def test_a_label_mapped_to_a_name_is_not_shown_as_that_name(tmp_path: Path) -> None:
    exported = export_whole_interview(
        tmp_path,
        TRANSCRIPT,
        "--participant",
        "Interviewee 5",
        "--speakers",
        "LB=Lukas Brandt,YA=Yvonne Achterberg",
    )
    for fmt, text in exported.items():
        assert "We run two groups a week" in text
        for name in ("Lukas", "Brandt", "Yvonne", "Achterberg"):
            assert name not in text, (fmt, name)
