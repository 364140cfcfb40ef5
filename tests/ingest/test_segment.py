"""Segmentation of normalised text into speaker-turn passages."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from qualcode.ingest import segment as segment_module
from qualcode.ingest.decode import normalise_text
from qualcode.ingest.header import parse_header
from qualcode.ingest.segment import is_role, personal_speakers, segment
from qualcode.ingest.types import PassageDraft


def spans(text: str, passages: list[PassageDraft]) -> list[tuple[str | None, str]]:
    return [(p.speaker, text[p.start : p.end]) for p in passages]


def test_header_then_turns_with_label_inside_the_span() -> None:
    text = (
        "Interview 4 — housing charity — 12 March 2024\n\n"
        "Interviewer: How do you find commissioning?\n"
        "Siobhan: Honestly, it is hard.\n"
        "We lose bids to the big providers.\n"
        "Interviewer: Why is that?\n"
        "Siobhan: Price."
    )
    assert spans(text, segment(text)) == [
        (None, "Interview 4 — housing charity — 12 March 2024"),
        ("Interviewer", "Interviewer: How do you find commissioning?"),
        ("Siobhan", "Siobhan: Honestly, it is hard.\nWe lose bids to the big providers."),
        ("Interviewer", "Interviewer: Why is that?"),
        ("Siobhan", "Siobhan: Price."),
    ]


def test_long_turn_keeps_one_passage_per_paragraph() -> None:
    text = "Q: Tell me more.\n\nA: First point.\n\nSecond point.\n\nThird point.\nQ: Thanks."
    assert spans(text, segment(text)) == [
        ("Q", "Q: Tell me more."),
        ("A", "A: First point."),
        ("A", "Second point."),
        ("A", "Third point."),
        ("Q", "Q: Thanks."),
    ]


def test_text_without_speakers_gives_paragraphs() -> None:
    text = "  First paragraph\nstill first.\n\nSecond one.  \n\n\n   Third."
    assert spans(text, segment(text)) == [
        (None, "First paragraph\nstill first."),
        (None, "Second one."),
        (None, "Third."),
    ]


def test_label_words_in_notes_are_not_speakers() -> None:
    text = (
        "Note: the budget was discussed off the record.\n"
        "Background: a small charity.\n"
        "Date: 12 March\n"
        "Note: another note.\n"
        "The answer: yes, said the manager."
    )
    passages = segment(text)
    assert [p.speaker for p in passages] == [None]
    assert (passages[0].start, passages[0].end) == (0, len(text))


def test_a_single_capitalised_word_needs_to_recur_to_be_a_speaker() -> None:
    once = "Interviewer: Hello.\nSummary points were made.\nFunding: mostly grants."
    assert [p.speaker for p in segment(once)] == ["Interviewer"]
    twice = "Interviewer: Hello.\nMark Davies: Hi.\nInterviewer: And?\nMark Davies: Well."
    assert [p.speaker for p in segment(twice)] == ["Interviewer", "Mark Davies"] * 2


def test_bold_capitals_dotted_and_numbered_labels() -> None:
    text = "**Q:** Why?\n**A:** Because.\nINTERVIEWER: And then?\nSPEAKER 2: Then this."
    assert [p.speaker for p in segment(text)] == ["Q", "A", "Interviewer", "Speaker 2"]
    dotted = "Q. How long?\nA. Ten years.\nQ. Really?"
    assert [p.speaker for p in segment(dotted)] == ["Q", "A", "Q"]
    one_dot = "A. Smith wrote the report.\nIt was long."
    assert [p.speaker for p in segment(one_dot)] == [None]


def test_timestamped_labels_and_markdown_headings() -> None:
    text = (
        "# Interview 2\n"
        "[00:01:02] Interviewer: Start.\n"
        "00:01:09 Siobhan: Reply.\n"
        "## Part two\n"
        "More header text.\n"
        "[00:02:00] Siobhan: Again."
    )
    assert spans(text, segment(text)) == [
        (None, "# Interview 2"),
        ("Interviewer", "[00:01:02] Interviewer: Start."),
        ("Siobhan", "00:01:09 Siobhan: Reply."),
        (None, "## Part two"),
        (None, "More header text."),
        ("Siobhan", "[00:02:00] Siobhan: Again."),
    ]


def test_personal_speakers_exclude_roles_and_initials() -> None:
    text = (
        "Interviewer: a\nSiobhan: b\nQ: c\nS: d\nS: e\nMark Davies: f\n"
        "Siobhan: g\nMark Davies: h\nUnknown Speaker: i\nParticipant 3: j"
    )
    passages = segment(text)
    assert personal_speakers(passages) == ["Siobhan", "Mark Davies"]
    assert "S" in {p.speaker for p in passages}
    assert is_role("Unknown Speaker") and is_role("P1") and not is_role("Siobhan")


LABELS = ["Interviewer", "Q", "A", "Siobhan", "Mark Davies", "Note", "INTERVIEWEE", "**Q**", "Date"]
WORDS = st.text(alphabet="abcé xyz:.,-#*\t", min_size=0, max_size=20)


@st.composite
def turn_text(draw: st.DrawFn) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 12))):
        label = draw(st.sampled_from([*LABELS, ""]))
        body = " ".join(draw(st.lists(WORDS, max_size=4)))
        sep = draw(st.sampled_from(["\n", "\n\n", "\n\n\n", "\n  \n", "\r\n", " \n"]))
        parts.append(f"{draw(st.sampled_from(['', ' ', '  ']))}{label}: {body}{sep}")
        if draw(st.booleans()):
            parts.append(draw(WORDS) + "\n")
    return "".join(parts)


def check_invariants(text: str, passages: list[PassageDraft]) -> None:
    previous_end = 0
    covered = [False] * len(text)
    for p in passages:
        assert previous_end <= p.start < p.end <= len(text)
        assert not text[p.start].isspace() and not text[p.end - 1].isspace()
        for i in range(p.start, p.end):
            covered[i] = True
        previous_end = p.end
    uncovered = [c for c, hit in zip(text, covered, strict=True) if not hit and not c.isspace()]
    assert uncovered == []


@settings(max_examples=300)
@given(turn_text())
def test_passages_partition_turn_structured_text(raw: str) -> None:
    text = normalise_text(raw)
    check_invariants(text, segment(text))
    header = parse_header(text)
    with_header = segment(text, header.end)
    check_invariants(text, with_header)
    assert all(p.speaker is None for p in with_header if p.start < header.end)


@settings(max_examples=300)
@given(st.text())
def test_passages_partition_arbitrary_text(raw: str) -> None:
    check_invariants(raw, segment(raw))
    text = normalise_text(raw)
    assert normalise_text(text) == text
    check_invariants(text, segment(text))


def _paragraphs_by_pattern(text: str, start: int, end: int, speaker: str | None) -> list[Any]:
    """What _paragraphs finds with the paragraph pattern alone (its way before the quick path
    for one-line turns)."""
    out: list[PassageDraft] = []
    paragraphs = list(segment_module._PARAGRAPH.finditer(text, start, end))
    spans = [(m.start(), m.start() + len(m.group().rstrip())) for m in paragraphs]
    if not spans:
        return out
    begin, stop = spans[0]
    bare = segment_module._BARE_LABEL.fullmatch(text, begin, stop)
    label_alone = speaker is not None and stop - begin <= 80 and text[stop - 1] in ":.*_"
    if label_alone and bare and len(spans) > 1:
        stop = spans.pop(1)[1]
    spans[0] = (begin, stop)
    return [PassageDraft(s, e, speaker) for s, e in spans]


@settings(max_examples=500)
@given(
    st.text(alphabet="ab: \t\n\r\x0c\u00a0\u2028.*_", max_size=40),
    st.integers(0, 40),
    st.integers(0, 40),
    st.sampled_from([None, "Ana"]),
)
def test_one_line_turns_are_split_as_the_paragraph_pattern_splits_them(
    text: str, start: int, length: int, speaker: str | None
) -> None:
    start = min(start, len(text))
    end = min(start + length, len(text))
    found: list[PassageDraft] = []
    segment_module._paragraphs(text, start, end, speaker, found)
    assert found == _paragraphs_by_pattern(text, start, end, speaker)
