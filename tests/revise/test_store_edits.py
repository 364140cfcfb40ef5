"""Editing a coded document in a project (SQLite and PostgreSQL): codings, passages, versions."""

from __future__ import annotations

from pathlib import Path

import pytest
from revise_helpers import (
    actions,
    code_words,
    coded_text,
    import_transcript,
    passage_ids,
    passage_index,
)
from sqlalchemy import func, select

import qualcode.revise.edit as edit_module
from qualcode.errors import QualcodeError
from qualcode.revise import (
    discard_orphan,
    document_history,
    edit_passage,
    find_orphan,
    list_orphans,
    reattach_orphan,
    replace_text,
    revert_document,
    text_at_version,
)
from qualcode.store.check import check_project
from qualcode.store.codes import find_code
from qualcode.store.db import Project
from qualcode.store.models import (
    AuditEvent,
    Coding,
    Document,
    DocumentVersion,
    Memo,
    OrphanedCoding,
    Review,
    SuggestionDecision,
)
from qualcode.store.workbench import set_passage_memo, set_reviewed

ANSWER = "Priya: Mostly through competitive tendering, and honestly the pre-qualification"


def test_edit_a_passage_carries_codings_and_keeps_passage_ids(
    project: Project, transcript: Path
) -> None:
    doc = import_transcript(project, transcript)
    with project.write() as session:
        tendering = code_words(session, doc, "competitive tendering")
        undercut = code_words(session, doc, "undercut on price", memo="price")
        lockdown = code_words(session, doc, "when there's a lockdown")
        index = passage_index(session, doc, "competitive tendering")
        before_ids = passage_ids(session, doc)
    with project.write() as session:
        document = session.get_one(Document, doc)
        answer = document.passages[index].text
        fixed = answer.replace("competitive tendering", "competitive tenderring").replace(
            "undercut on price", "undercut on price and quality"
        )
        report = edit_passage(session, document, index, fixed, "bob")
    assert report.changed and report.version == 2
    assert report.codings.resized == [tendering]
    with project.read() as session:
        assert coded_text(session, tendering) == "competitive tenderring"
        assert coded_text(session, undercut) == "undercut on price"
        assert coded_text(session, lockdown) == "when there's a lockdown"
        assert passage_ids(session, doc) == before_ids
        assert session.get_one(Coding, undercut).memo == "price"
        assert actions(session)[-2:] == ["coding.resize", "document.edit"]
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        assert event is not None and event.coder == "bob"
        assert event.before is not None and event.before["version"] == 1
        assert event.after is not None and event.after["codings"]["resized"] == [tendering]
    assert check_project(project).ok


def test_deleted_words_orphan_their_coding_until_resolved(
    project: Project, transcript: Path
) -> None:
    doc = import_transcript(project, transcript)
    with project.write() as session:
        clearance = code_words(session, doc, "Security clearance", memo="vetting")
        lockdown = code_words(session, doc, "lockdown", code="short-term-contracts")
    with project.write() as session:
        document = session.get_one(Document, doc)
        text = document.text.replace(" when there's a lockdown", "")
        text = text.replace(" Security clearance for\nour volunteers took four months.", "")
        report = replace_text(session, document, text, "bob")
    assert sorted(report.codings.orphaned) == sorted([clearance, lockdown])
    with project.read() as session:
        assert session.scalar(select(func.count()).select_from(Coding)) == 0
        orphans = list_orphans(session)
        assert [(o.coding_id, o.text, o.version) for o in orphans] == [
            (clearance, "Security clearance", 1),
            (lockdown, "lockdown", 1),
        ]
        assert actions(session).count("coding.orphan") == 2
    assert check_project(project).ok
    with project.write() as session:
        orphan = find_orphan(session, orphans[0].id)
        start = session.get_one(Document, doc).text.index("Sessions")
        coding = reattach_orphan(session, orphan, start, start + len("Sessions"), "carol")
        assert coding.id == clearance and coding.memo == "vetting"
        discard_orphan(session, find_orphan(session, orphans[1].id), "carol")
    with project.read() as session:
        assert coded_text(session, clearance) == "Sessions"
        assert session.scalar(select(func.count()).select_from(OrphanedCoding)) == 0
        assert actions(session)[-2:] == ["coding.reattach", "coding.discard"]


def test_orphan_of_a_merged_code_needs_a_code(project: Project, transcript: Path) -> None:
    doc = import_transcript(project, transcript)
    with project.write() as session:
        code_words(session, doc, "lockdown", code="short-term-contracts")
        document = session.get_one(Document, doc)
        replace_text(session, document, document.text.replace(" lockdown", ""), "bob")
        orphan = session.scalars(select(OrphanedCoding)).one()
        orphan.code_id = None
        orphan.code_key = "gone"
    with project.write() as session:
        orphan = session.scalars(select(OrphanedCoding)).one()
        with pytest.raises(QualcodeError, match="give --code"):
            reattach_orphan(session, orphan, 0, 5, "bob")
        coding = reattach_orphan(session, orphan, 0, 5, "bob", code_key="commissioning")
        assert coding.code.key == "commissioning"


def test_reviews_memos_and_decisions_follow_their_passage(
    project: Project, transcript: Path
) -> None:
    doc = import_transcript(project, transcript)
    with project.write() as session:
        index = passage_index(session, doc, "Sessions get cancelled")
        passage_id = passage_ids(session, doc)[index]
        set_reviewed(session, passage_id, "ann", True)
        set_passage_memo(session, passage_id, "ann", "prison regime")
        code = find_code(session, "short-term-contracts")
        coder = session.scalars(select(Review)).one().coder_id
        session.add(
            SuggestionDecision(
                passage_id=passage_id, code_id=code.id, coder_id=coder, decision="reject"
            )
        )
    with project.write() as session:
        document = session.get_one(Document, doc)
        text = document.passages[index].text.replace("Security", "\n\nSecurity")
        report = edit_passage(session, document, index, text, "bob")
    assert (report.passages.before, report.passages.after, report.passages.added) == (5, 6, 1)
    with project.read() as session:
        assert session.scalars(select(Review.passage_id)).one() == passage_id
        assert session.scalars(select(Memo.passage_id)).one() == passage_id
        assert session.scalars(select(SuggestionDecision.passage_id)).one() == passage_id
    with project.write() as session:
        document = session.get_one(Document, doc)
        report = edit_passage(session, document, index, "", "bob")  # the passage is deleted
    assert report.passages.removed == 1
    assert report.passages.linked["review"] == {"dropped": 1}
    with project.read() as session:
        assert session.scalar(select(func.count()).select_from(Review)) == 0
        memo = session.scalars(select(Memo)).one()  # notes are work: kept, on a neighbour
        assert memo.passage_id in passage_ids(session, doc) and memo.text == "prison regime"
    assert check_project(project).ok


def test_codings_an_edit_makes_identical_are_merged(project: Project, transcript: Path) -> None:
    doc = import_transcript(project, transcript)
    with project.write() as session:
        first = code_words(session, doc, "competitive tendering", memo="one")
        second = code_words(session, doc, "competitive tendering, and", memo="two")
        document = session.get_one(Document, doc)
        text = document.text.replace("tendering, and honestly", "tendering honestly")
        report = replace_text(session, document, text, "bob")
    assert report.codings.merged == {second: first}
    with project.read() as session:
        assert session.get_one(Coding, first).memo == "one\n\ntwo"
        assert session.get(Coding, second) is None


def test_another_documents_text_is_refused_and_nothing_changes(
    project: Project, transcript: Path, tmp_path: Path
) -> None:
    doc = import_transcript(project, transcript)
    other = tmp_path / "other.txt"
    other.write_text("Interviewer: Anything else?\n\nSam: No, that is all.\n", encoding="utf-8")
    import_transcript(project, other)
    with project.write() as session, pytest.raises(QualcodeError, match="identical to document 2"):
        replace_text(session, session.get_one(Document, doc), other.read_text(), "bob")
    with project.read() as session:
        assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 0
        assert "Priya" in session.get_one(Document, doc).text


def test_a_failed_edit_changes_nothing(
    project: Project, transcript: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    doc = import_transcript(project, transcript)
    with project.write() as session:
        coding = code_words(session, doc, "competitive tendering")
        before = session.get_one(Document, doc).text

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(edit_module, "relayout_passages", broken)
    with pytest.raises(RuntimeError), project.write() as session:
        document = session.get_one(Document, doc)
        replace_text(session, document, "Yes.\n\n" + document.text, "bob")
    with project.read() as session:
        assert session.get_one(Document, doc).text == before
        assert coded_text(session, coding) == "competitive tendering"
        assert session.scalar(select(func.count()).select_from(DocumentVersion)) == 0
        assert "document.replace" not in actions(session)


def test_versions_are_kept_shown_and_reverted(project: Project, transcript: Path) -> None:
    doc = import_transcript(project, transcript)
    with project.write() as session:
        coding = code_words(session, doc, "Security clearance")
        document = session.get_one(Document, doc)
        original = document.text
        unchanged = replace_text(session, document, original + "\n", "bob")
        assert not unchanged.changed  # normalised, the text is the same: no new version
        replace_text(session, document, original.replace("Security clearance", "Vetting"), "bob")
        replace_text(session, document, "Cafe\u0301 notes.\r\n\r\n" + document.text, "carol")
        assert document.text.startswith("Café notes.\n\n")  # NFC, \n, as on import
    with project.write() as session:
        document = session.get_one(Document, doc)
        history = document_history(session, document)
        assert [(v.number, v.change, v.created_by) for v in history] == [
            (1, "import", "tester"),
            (2, "replace", "bob"),
            (3, "replace", "carol"),
        ]
        assert text_at_version(session, document, 1) == original
        with pytest.raises(QualcodeError, match="versions 1–3"):
            text_at_version(session, document, 9)
        report = revert_document(session, document, 1, "dan")
        assert report.version == 4 and document.text == original
        assert coded_text(session, coding) == "Security clearance"  # the words came back
    assert check_project(project).ok


def test_caption_cues_keep_their_timestamps(project: Project, tmp_path: Path) -> None:
    captions = tmp_path / "call.vtt"
    captions.write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Interviewer>How are contracts let?\n\n"
        "00:00:05.000 --> 00:00:09.000\n<v Priya>By tender, mostly on price.\n\n"
        "00:00:10.000 --> 00:00:12.000\n<v Interviewer>Thank you.\n",
        encoding="utf-8",
    )
    doc = import_transcript(project, captions)
    with project.write() as session:
        coding = code_words(session, doc, "mostly on price")
        document = session.get_one(Document, doc)
        before = [(p.id, p.meta) for p in document.passages]
        edit_passage(session, document, 1, "Priya: By open tender, mostly on price.", "bob")
    with project.read() as session:
        document = session.get_one(Document, doc)
        assert [(p.id, p.meta) for p in document.passages] == before
        assert coded_text(session, coding) == "mostly on price"
