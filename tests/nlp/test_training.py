"""Training on a small real project, storing the model in it, reloading, retraining, failures."""

from __future__ import annotations

from pathlib import Path
from typing import Any, cast

import numpy
import pytest
import spacy
from sqlalchemy import select, update

from qualcode.errors import QualcodeError
from qualcode.nlp.api import suggest_for_passage
from qualcode.nlp.labels import training_set
from qualcode.nlp.modelstore import load_current, pack, save_model, unpack
from qualcode.nlp.settings import VECTORS
from qualcode.nlp.suggester import load_suggester
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.training import maybe_retrain, pending_changes, train_project
from qualcode.store.audit import set_setting
from qualcode.store.db import Project
from qualcode.store.models import AuditEvent, Passage, SuggestionModel
from qualcode.store.workbench import set_reviewed

HELD_OUT = {
    "competitive-tendering": "They tendered it again and a rival outbid us in the tender.",
    "security-clearance": "Clearance and vetting for the new worker dragged on; no keys yet.",
    "volunteers": "We recruited twelve new volunteers and trained them as mentors.",
}


def test_model_predicts_on_topic_held_out_passages(coded_project: Project) -> None:
    with coded_project.read() as session:
        training = training_set(session)
    trained = train_pipeline(training.items(), training.labels, epochs=8)
    for code, text in HELD_OUT.items():
        cats = trained.nlp(text).cats
        assert max(cats, key=cats.get) == code, (code, cats)  # type: ignore[arg-type]


def test_stored_model_reloads_with_identical_scores(coded_project: Project) -> None:
    with coded_project.read() as session:
        training = training_set(session)
    trained = train_pipeline(training.items(), training.labels, epochs=3)
    assert (
        unpack(pack(trained.nlp))(HELD_OUT["volunteers"]).cats
        == trained.nlp(HELD_OUT["volunteers"]).cats
    )
    with coded_project.write() as session:
        save_model(
            session,
            trained.nlp,
            labels=training.labels,
            coding_ids=training.coding_ids,
            training_hash=training.fingerprint,
            examples=trained.examples,
            metrics={},
            trained_by="ana",
        )
    with coded_project.read() as session:
        loaded = load_current(session)
    assert loaded is not None
    info, nlp = loaded
    assert info.coding_ids == training.coding_ids and info.training_hash == training.fingerprint
    for text in HELD_OUT.values():
        assert nlp(text).cats == trained.nlp(text).cats


def test_train_project_stores_audits_and_skips_unchanged(coded_project: Project) -> None:
    info, fresh = train_project(coded_project, coder="ana", epochs=3)
    assert fresh and sorted(info.labels) == sorted(HELD_OUT)
    assert info.metrics["positives"]["volunteers"] == 4
    with coded_project.read() as session:
        events = list(
            session.scalars(select(AuditEvent).where(AuditEvent.action == "suggest.train"))
        )
        assert len(events) == 1 and events[0].entity_id == info.id and events[0].coder == "ana"
        assert pending_changes(session) == 0
    again, fresh_again = train_project(coded_project, coder="ana", epochs=3)
    assert not fresh_again and again.id == info.id
    forced, fresh_forced = train_project(coded_project, coder="ana", epochs=3, force=True)
    assert fresh_forced and forced.id > info.id


def test_maybe_retrain_waits_for_enough_changes(coded_project: Project) -> None:
    assert maybe_retrain(coded_project, threshold=1000) is None
    first = maybe_retrain(coded_project, threshold=5)
    assert first is not None
    assert maybe_retrain(coded_project, threshold=1) is None
    with coded_project.write() as session:
        unseen = select(Passage.id).where(
            Passage.text.contains("My daughter") | Passage.text.contains("has a lift")
        )
        for passage_id in session.scalars(unseen):
            set_reviewed(session, passage_id, "ben", True)
    with coded_project.read() as session:
        assert pending_changes(session) == 2
    assert maybe_retrain(coded_project, threshold=3) is None
    second = maybe_retrain(coded_project, threshold=2)
    assert second is not None and second.id > first.id
    with coded_project.read() as session:
        kept = list(session.scalars(select(SuggestionModel.id)))
    assert kept == [first.id, second.id]


def test_corrupt_model_falls_back_to_cue_phrases(coded_project: Project) -> None:
    train_project(coded_project, coder="ana", epochs=2)
    with coded_project.write() as session:
        session.execute(update(SuggestionModel).values(archive=b"not a model"))
    with coded_project.read() as session:
        suggester = load_suggester(session)
        passage = session.scalar(select(Passage).where(Passage.text.contains("lost the tender")))
        assert passage is not None
    assert suggester.warning is not None
    assert "could not be loaded" in suggester.warning and "suggest train" in suggester.warning
    assert not suggester.has_model
    found = suggest_for_passage(coded_project, passage.id)
    assert found[0].code == "competitive-tendering" and found[0].origin == "cue"


def test_vectors_are_never_downloaded(coded_project: Project) -> None:
    with coded_project.write() as session:
        set_setting(session, VECTORS, "en_core_web_md_not_installed")
    with pytest.raises(QualcodeError, match="never downloads"):
        train_project(coded_project, coder="ana", epochs=1)


def test_configured_vectors_from_an_installed_pipeline(
    coded_project: Project, tmp_path: Path
) -> None:
    vectors = spacy.blank("en")
    rng = numpy.random.default_rng(0)
    for word in ("tender", "clearance", "volunteer", "keys", "mentor", "rival"):
        vectors.vocab.set_vector(word, cast(Any, rng.normal(size=8).astype("f")))
    vectors.to_disk(tmp_path / "tiny_vectors")
    with coded_project.write() as session:
        set_setting(session, VECTORS, str(tmp_path / "tiny_vectors"))
    info, _ = train_project(coded_project, coder="ana", epochs=2)
    assert info.metrics["vectors"] == str(tmp_path / "tiny_vectors")
    with coded_project.read() as session:
        loaded = load_current(session)
    assert loaded is not None and loaded[1].vocab.vectors.shape[1] == 8
