"""The training set: positives, negatives and unknowns from codings, reviews and rejections."""

from __future__ import annotations

from sqlalchemy import select

from qualcode.ingest.interviewer import is_interviewer
from qualcode.nlp.feedback import reject_suggestion
from qualcode.nlp.labels import covers, training_set
from qualcode.store.codes import find_code
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.models import Passage
from qualcode.store.workbench import set_reviewed


def by_text(project: Project, fragment: str) -> int:
    with project.read() as session:
        passages = session.scalars(select(Passage).where(Passage.text.contains(fragment)))
        return next(iter(passages)).id


def labelled(project: Project, passage_id: int) -> tuple[set[str], set[str]] | None:
    with project.read() as session:
        for item in training_set(session).passages:
            if item.passage.passage_id == passage_id:
                return set(item.positives), set(item.negatives)
    return None


def test_cover_rule() -> None:
    assert covers(0, 60, 0, 100)  # most of the passage
    assert covers(40, 60, 0, 100)  # a short coding inside the passage
    assert covers(90, 300, 0, 100) is False  # grazes the end, mostly elsewhere
    assert covers(0, 10, 10, 20) is False


def test_interviewer_turns_are_recognised() -> None:
    assert is_interviewer("Interviewer") and is_interviewer("Q") and is_interviewer("Facilitator 2")
    assert not is_interviewer("Rowan") and not is_interviewer("Interviewee")
    assert not is_interviewer(None)


def test_coded_passages_are_positive_and_negative_for_other_codes(coded_project: Project) -> None:
    found = labelled(coded_project, by_text(coded_project, "We lost the tender"))
    assert found is not None
    positives, negatives = found
    assert positives == {"competitive-tendering"}
    assert "volunteers" in negatives and "competitive-tendering" not in negatives
    with coded_project.read() as session:
        texts = {p.passage.body for p in training_set(session).passages}
    assert not any(t.startswith("Question") for t in texts)  # interviewer turns left out


def test_uncoded_passage_before_a_coded_one_is_negative(coded_project: Project) -> None:
    found = labelled(coded_project, by_text(coded_project, "moved the office"))
    assert found is not None and found[0] == set() and "volunteers" in found[1]


def test_unseen_passages_are_left_out_until_reviewed(coded_project: Project) -> None:
    # "My daughter..." is the last answer in its interview, after every coded passage.
    daughter = by_text(coded_project, "My daughter")
    assert labelled(coded_project, daughter) is None
    with coded_project.write() as session:
        set_reviewed(session, daughter, "ana", True)
    found = labelled(coded_project, daughter)
    assert found is not None and found[0] == set() and len(found[1]) > 20


def test_rejection_is_a_negative_and_a_coding_wins(coded_project: Project) -> None:
    daughter = by_text(coded_project, "My daughter")
    with coded_project.write() as session:
        reject_suggestion(session, daughter, "volunteers", "ben")
    assert labelled(coded_project, daughter) == (set(), {"volunteers"})
    tender = by_text(coded_project, "We lost the tender")
    with coded_project.write() as session:
        reject_suggestion(session, tender, "competitive-tendering", "ben")
    found = labelled(coded_project, tender)
    assert found is not None and found[0] == {"competitive-tendering"}


def test_theme_coding_leaves_its_sub_codes_unknown(coded_project: Project) -> None:
    office = by_text(coded_project, "moved the office")
    with coded_project.write() as session:
        passage = session.get(Passage, office)
        assert passage is not None
        theme = find_code(session, "commissioning")
        add_coding(session, passage.document, theme, "ben", passage.start, passage.end)
    found = labelled(coded_project, office)
    assert found is not None
    assert "competitive-tendering" not in found[1] and "volunteers" in found[1]


def test_suggester_codings_are_not_learned(coded_project: Project) -> None:
    office = by_text(coded_project, "moved the office")
    with coded_project.write() as session:
        passage = session.get(Passage, office)
        assert passage is not None
        code = find_code(session, "volunteers")
        add_coding(session, passage.document, code, "suggester", passage.start, passage.end)
    found = labelled(coded_project, office)
    assert found is not None and found[0] == set()


def test_fingerprint_changes_with_the_training_data(coded_project: Project) -> None:
    with coded_project.read() as session:
        before = training_set(session).fingerprint
        assert before == training_set(session).fingerprint
    with coded_project.write() as session:
        reject_suggestion(session, by_text(coded_project, "My daughter"), "volunteers", "ben")
    with coded_project.read() as session:
        assert training_set(session).fingerprint != before
