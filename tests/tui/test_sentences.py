"""The cheap sentence rules behind keyboard selection, on the shapes interview notes take."""

from __future__ import annotations

import subprocess
import sys

from qualcode.tui.sentences import sentence_spans


def sentences(text: str, speaker: str | None = None) -> list[str]:
    return [text[start:end] for start, end in sentence_spans(text, speaker)]


def test_abbreviations_initials_and_lower_case_do_not_end_a_sentence() -> None:
    text = "Sam: We met Dr. Patel at St. Mungo's, e.g. the hostel. J. Smith said no. Fine!"
    assert sentences(text, "Sam") == [
        "We met Dr. Patel at St. Mungo's, e.g. the hostel.",
        "J. Smith said no.",
        "Fine!",
    ]


def test_quotes_stay_with_their_sentence_and_blank_lines_end_one() -> None:
    text = "He said “it works.” Then what?\n\nNo stop here\n\nLast one… and more."
    assert sentences(text) == [
        "He said “it works.”",
        "Then what?",
        "No stop here",
        "Last one… and more.",
    ]


def test_hard_wrapped_lines_flow_on_and_the_speaker_label_is_left_out() -> None:
    text = "Interviewer: How do you\nget funded these days? Tell me"
    assert sentences(text, "Interviewer") == ["How do you\nget funded these days?", "Tell me"]


def test_splitting_sentences_loads_no_spacy() -> None:
    code = (
        "import sys; from qualcode.tui.sentences import sentence_spans; "
        "sentence_spans('One. Two. ' * 1000); print('spacy' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr
