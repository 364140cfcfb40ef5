"""Turns labelled with a spaced dash ("Lukas Brandt – words"): in exports each label is shown
by its speaker's stand-in (the mapped role, "Speaker 1"), not as one "[name]" for everyone."""

from __future__ import annotations

from pathlib import Path

from export_helpers import export_whole_interview

TRANSCRIPT = (
    "Lukas Brandt – How does the money reach you these days?\n\n"
    "Yvonne Achterberg – Mostly through subcontracts from the prime provider.\n\n"
    "Lukas Brandt – And the prison work?\n\n"
    "Yvonne Achterberg – We run two groups a week on the wing.\n"
)


def test_dashed_labels_show_each_speakers_stand_in(tmp_path: Path) -> None:
    exported = export_whole_interview(
        tmp_path,
        TRANSCRIPT,
        "--participant",
        "Interviewee 5",
        "--speakers",
        "Lukas Brandt=Interviewer",
    )
    for fmt, text in exported.items():
        assert "We run two groups a week" in text
        for name in ("Lukas", "Brandt", "Yvonne", "Achterberg"):
            assert name not in text, (fmt, name)
        assert "[Interviewer] – And the prison work?" in text
        assert "[Speaker 1] – We run two groups" in text
