"""Trimming spans into quotes, and rendering label templates."""

from __future__ import annotations

import pytest

from qualcode.errors import QualcodeError
from qualcode.export.labels import render_label
from qualcode.export.spans import (
    body_start,
    context_after,
    context_before,
    expand_to_words,
    strip_label,
)

TEXT = "Marcus: First one. Second one here. Third part of Martin's drug-free idea. Fourth! Fifth."


def test_expand_to_whole_words() -> None:
    start = TEXT.index("ird part")
    end = TEXT.index("rug-free") + 2
    assert TEXT[slice(*expand_to_words(TEXT, start, end))] == "Third part of Martin's drug-free"
    start = TEXT.index(" Second")
    assert TEXT[slice(*expand_to_words(TEXT, start, start + 8))] == "Second"


def test_speaker_labels_are_stripped() -> None:
    assert body_start(TEXT, 0, "Marcus") == len("Marcus: ")
    assert strip_label(TEXT, 0, 20, 0, "Marcus") == len("Marcus: ")
    assert strip_label("Q: Why?", 0, 7, 0, None) == 0  # no speaker known: kept
    assert strip_label("Q: Why?", 0, 7, 0, "Q") == 3


@pytest.mark.parametrize(
    ("passage", "speaker"),
    [
        ("**Interviewer:** Why?", "Interviewer"),  # Markdown bold labels
        ("**Sara Lee**: Why?", "Sara Lee"),
        ("__Mapped Name:__ Why?", "Interviewee 3"),  # a label mapped to a role on import
        ("I\tWhy?", "I"),  # an agency's tab after the label
        ("Interviewer (SL): Why?", "Interviewer (SL)"),
        ("ÓSCAR NÚÑEZ: Why?", "Óscar Núñez"),  # capitals read as title case
    ],
)
def test_marked_up_labels_are_stripped(passage: str, speaker: str) -> None:
    assert passage[body_start(passage, 0, speaker) :] == "Why?"


@pytest.mark.parametrize(
    ("sentences", "before", "after"),
    [
        (0, "", ""),
        (1, "Second one here. ", " Fourth!"),
        (2, "First one. Second one here. ", " Fourth! Fifth."),
        (9, "First one. Second one here. ", " Fourth! Fifth."),
    ],
)
def test_context_in_sentences(sentences: int, before: str, after: str) -> None:
    start, end = TEXT.index("Third"), TEXT.index(" Fourth")
    low = body_start(TEXT, 0, "Marcus")
    assert TEXT[context_before(TEXT, low, start, sentences) : start] == before
    assert TEXT[end : context_after(TEXT, end, len(TEXT), sentences)] == after


def test_context_counts_the_rest_of_a_cut_sentence() -> None:
    start, end = TEXT.index("part"), TEXT.index("drug")
    low = body_start(TEXT, 0, "Marcus")
    assert TEXT[context_before(TEXT, low, start, 1) : start] == "Third "
    assert TEXT[end : context_after(TEXT, end, len(TEXT), 1)] == "drug-free idea."


VALUES = {"label": "Interviewee 5", "organisation_type": "Music/general charity", "size": "small"}


@pytest.mark.parametrize(
    ("template", "label"),
    [
        ("{label}, {organisation_type|lower}", "Interviewee 5, music/general charity"),
        ("{label}, {role}, {size}", "Interviewee 5, small"),
        ("{role}, {label}", "Interviewee 5"),
        ("{label} ({role}), {size|upper}", "Interviewee 5, Small"),
        ("{label} ({size})", "Interviewee 5 (small)"),
        ("{organisation_type|title}", "Music/General Charity"),
        ("{role}", ""),
    ],
)
def test_label_templates(template: str, label: str) -> None:
    assert render_label(template, VALUES) == label


def test_lower_keeps_acronyms() -> None:
    assert render_label("{t|lower}", {"t": "NHS trust"}) == "NHS trust"


@pytest.mark.parametrize("template", ["{label|shout}", "{label", "{a b}"])
def test_bad_templates(template: str) -> None:
    with pytest.raises(QualcodeError, match="label template"):
        render_label(template, VALUES)
