"""Accept and reject round trips through the store; the TUI-facing suggestion functions."""

from __future__ import annotations

from sqlalchemy import select

from qualcode.audit.assignments import assign
from qualcode.nlp import (
    accept_suggestion,
    forget_decision,
    project_suggester,
    reject_suggestion,
    review_queue,
    suggest_for_passage,
    suggester_codings,
)
from qualcode.nlp.labels import training_set
from qualcode.nlp.training import train_project
from qualcode.nlp.types import PassageText
from qualcode.nlp.workers import CHUNK
from qualcode.store.db import Project
from qualcode.store.models import AuditEvent, Coding, Passage, SuggestionDecision


def passage_id(project: Project, fragment: str) -> int:
    with project.read() as session:
        found = session.scalar(select(Passage.id).where(Passage.text.contains(fragment)))
    assert found is not None
    return found


def actions(project: Project) -> list[str]:
    with project.read() as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_accept_creates_a_suggestion_coding_and_audit_events(coded_project: Project) -> None:
    daughter = passage_id(coded_project, "My daughter")
    with coded_project.write() as session:
        coding = accept_suggestion(session, daughter, "volunteers", "ben", score=0.7, origin="cue")
        coding_id = coding.id
    with coded_project.read() as session:
        stored = session.get(Coding, coding_id)
        passage = session.get(Passage, daughter)
        assert stored is not None and passage is not None
        assert stored.origin == "suggestion" and stored.coder.name == "ben"
        assert stored.code.key == "volunteers" and stored.end == passage.end
        assert stored.document.text[stored.start : stored.end].startswith("My daughter")
        event = session.scalar(select(AuditEvent).where(AuditEvent.action == "suggestion.accept"))
        assert event is not None and event.after is not None
        assert event.after["coding"] == coding_id and event.after["score"] == 0.7
    assert actions(coded_project)[-2:] == ["coding.add", "suggestion.accept"]
    shown = suggest_for_passage(coded_project, daughter, coder="ben")
    assert all(s.code != "volunteers" for s in shown)


def test_reject_is_stored_audited_and_learned(coded_project: Project) -> None:
    daughter = passage_id(coded_project, "My daughter")
    with coded_project.write() as session:
        reject_suggestion(session, daughter, "volunteers", "ben", score=0.4, origin="model")
        reject_suggestion(session, daughter, "volunteers", "ben", score=0.5, origin="model")
    with coded_project.read() as session:
        rows = list(session.scalars(select(SuggestionDecision)))
        assert len(rows) == 1 and rows[0].decision == "reject" and rows[0].score == 0.5
        negatives = {
            code
            for item in training_set(session).passages
            if item.passage.passage_id == daughter
            for code in item.negatives
        }
    assert negatives == {"volunteers"}
    assert actions(coded_project).count("suggestion.reject") == 2
    shown = {s.code for s in suggest_for_passage(coded_project, daughter, coder="ben")}
    assert "volunteers" not in shown
    with coded_project.write() as session:
        assert forget_decision(session, daughter, "volunteers", "ben")
        assert not forget_decision(session, daughter, "volunteers", "ben")
    assert actions(coded_project)[-1] == "suggestion.forget"


def test_suggestions_for_a_passage_are_ranked_with_reasons(coded_project: Project) -> None:
    found = suggest_for_passage(coded_project, passage_id(coded_project, "Vetting is the killer"))
    assert found[0].code == "security-clearance"
    assert found[0].origin == "cue" and "clearance" in found[0].reason.lower()
    assert [s.score for s in found] == sorted((s.score for s in found), reverse=True)
    question = passage_id(coded_project, "Interviewer: Question 1")
    assert suggest_for_passage(coded_project, question) == []


def test_review_queue_holds_uncoded_unreviewed_answers(coded_project: Project) -> None:
    queue = review_queue(coded_project, coder="ana", limit=None)
    texts = [item.passage.body for item in queue]
    assert any(t.startswith("My daughter") for t in texts)
    assert not any("tender" in t for t in texts)  # coded by ana
    assert not any(t.startswith("Question") for t in texts)  # interviewer turns
    assert [i.uncertainty for i in queue] == sorted((i.uncertainty for i in queue), reverse=True)
    assert all(0.0 <= i.uncertainty <= 1.0 for i in queue)


def test_suggester_codings_are_records_unless_written(coded_project: Project) -> None:
    records = suggester_codings(coded_project, min_score=0.5)
    assert records and all(r.coder == "suggester" and r.id == 0 for r in records)
    with coded_project.read() as session:
        assert session.scalar(select(Coding).where(Coding.origin == "suggestion")) is None
    written = suggester_codings(coded_project, min_score=0.5, write=True)
    assert len(written) == len(records) and all(r.id > 0 for r in written)
    assert suggester_codings(coded_project, min_score=0.5, write=True) == []


def test_forked_workers_score_like_one_process(coded_project: Project) -> None:
    suggester = project_suggester(coded_project)
    texts = ["We lost the tender.", "Vetting took months.", "Forty volunteers.", "Nice day."]
    passages = [
        PassageText(i, 1, "d", i, 0, 30, "A", texts[i % len(texts)], 0) for i in range(CHUNK + 7)
    ]
    alone = [[(s.code, s.score) for s in found] for _, found in suggester.suggest(passages)]
    forked = [
        [(s.code, s.score) for s in found] for _, found in suggester.suggest(passages, n_process=2)
    ]
    assert forked == alone and any(alone)


def test_blind_coder_gets_codebook_suggestions_only(coded_project: Project) -> None:
    """A model trained on ana's codings would show them to ben on a document he codes blind."""
    train_project(coded_project, coder="ana", epochs=3)
    target = passage_id(coded_project, "Vetting is the killer")
    informed = suggest_for_passage(coded_project, target, coder="ben")
    assert any(s.model_score is not None for s in informed)
    with coded_project.write() as session:
        document = session.get(Passage, target).document  # type: ignore[union-attr]
        assign(session, document, ["ana", "ben"], blind=True, supervisor="sam")
    blind = suggest_for_passage(coded_project, target, coder="ben")
    assert blind and all(s.model_score is None and s.origin == "cue" for s in blind)
    assert not any("model" in s.reason or "passages coded" in s.reason for s in blind)
    # The supervisor, not in the assignment, still gets the model's suggestions.
    assert any(s.model_score is not None for s in suggest_for_passage(coded_project, target))
