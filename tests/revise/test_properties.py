"""Property tests: re-anchoring keeps untouched coded words, stays in bounds, orphans exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from revise_scripts import Script, scripts, spans

from qualcode.revise.anchor import ORPHANED, Realignment, reanchor
from qualcode.revise.diff import Block, diff_texts


def rebuilt(old: str, new: str, blocks: list[Block]) -> str:
    """The new text as the blocks describe it, checking they tile both texts."""
    parts: list[str] = []
    i = j = 0
    for tag, i1, i2, j1, j2 in blocks:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert old[i1:i2] == new[j1:j2]
        parts.append(new[j1:j2])
        i, j = i2, j2
    assert (i, j) == (len(old), len(new))
    return "".join(parts)


@st.composite
def scripts_with_spans(draw: st.DrawFn) -> tuple[Script, list[tuple[int, int, int]]]:
    script = draw(scripts())
    return script, draw(spans(len(script.old)))


@settings(max_examples=400, deadline=None)
@given(scripts_with_spans())
def test_untouched_words_kept_bounds_respected_orphans_exact(
    case: tuple[Script, list[tuple[int, int, int]]],
) -> None:
    script, codings = case
    old, new = script.old, script.new
    blocks = diff_texts(old, new)
    assert rebuilt(old, new, blocks) == new
    outcomes = reanchor(Realignment(blocks), old, new, codings)
    for (_, start, end), outcome in zip(codings, outcomes, strict=True):
        if outcome.status == ORPHANED:
            assert (outcome.start, outcome.end) == (start, end)
            assert not any(
                script.untouched(start + k, start + k + 1) for k in range(end - start)
            ), "a coding with an untouched character was orphaned"
            continue
        assert 0 <= outcome.start < outcome.end <= len(new)
        if script.untouched(start, end):
            assert new[outcome.start : outcome.end] == old[start:end]
        assert not script.deleted(start, end), "a wholly deleted coding was not orphaned"


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(["the", "a", "prison", "charity", " ", " ", "\n", ".", ","]), max_size=60
    ),
    st.lists(
        st.sampled_from(["the", "a", "prison", "charity", " ", " ", "\n", ".", ","]), max_size=60
    ),
    st.data(),
)
def test_repetitive_texts_diff_and_map_validly(
    old_words: list[str], new_words: list[str], data: st.DataObject
) -> None:
    old, new = "".join(old_words) or "x", "".join(new_words)
    blocks = diff_texts(old, new)
    assert rebuilt(old, new, blocks) == new
    realignment = Realignment(blocks)
    codings = data.draw(spans(len(old)))
    for (_, start, end), outcome in zip(
        codings, reanchor(realignment, old, new, codings), strict=True
    ):
        if outcome.status != ORPHANED:
            assert 0 <= outcome.start < outcome.end <= len(new)
        inside = [b for b in blocks if b.tag == "equal" and b.i1 <= start and end <= b.i2]
        if inside:
            assert new[outcome.start : outcome.end] == old[start:end]
    for position in range(len(old) + 1):
        assert 0 <= realignment.point(position) <= len(new)
