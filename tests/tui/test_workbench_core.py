"""The workbench's core functions and undo history, without a terminal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from sqlalchemy import select
from typer.testing import CliRunner

from qualcode.cli.app import app as cli
from qualcode.store.db import open_project
from qualcode.store.documents import find_document
from qualcode.store.models import AuditEvent
from qualcode.store.number_keys import default_keys
from qualcode.store.workbench import (
    CodingView,
    apply_code,
    code_quotes,
    code_rows,
    document_rows,
    load_marks,
    set_passage_memo,
    set_reviewed,
)
from qualcode.tui.history import (
    CodingAdded,
    CodingMemoChanged,
    CodingRemoved,
    History,
    revert,
)
from qualcode.tui.ranking import rank_codes
from qualcode.tui.selection import Selection, words


def test_document_rows_count_passages_coded_by_the_coder(study: Path) -> None:
    with open_project(str(study)) as project, project.write() as session:
        code = code_rows(session, "ana")[1]
        apply_code(session, 1, code.id, "ana", 100, 308)  # passages 2 and 3
        rows = {row.id: row for row in document_rows(session, "ana")}
        assert (rows[1].passages, rows[1].coded, rows[1].participant) == (5, 2, "Interviewee 7")
        assert rows[1].coded_percent == 40.0
        assert document_rows(session, "nobody")[0].coded == 0


def test_quotes_carry_participant_and_passage(study: Path) -> None:
    with open_project(str(study)) as project, project.write() as session:
        code = code_rows(session, "ana")[1]
        apply_code(session, 1, code.id, "ana", 122, 143)
        [quote] = code_quotes(session, code.id)
        assert (quote.participant, quote.passage, quote.text) == (
            "Interviewee 7",
            2,
            "competitive tendering",
        )
        assert code_quotes(session, code.id, coder="ben") == []


def test_memos_and_reviews_are_audited_and_reversible(study: Path) -> None:
    with open_project(str(study)) as project, project.write() as session:
        assert load_marks(session, 1, "ana").memos == {}
        passage = find_document(session, "1").passages[2]
        assert set_passage_memo(session, passage.id, "ana", "first") is None
        assert set_passage_memo(session, passage.id, "ana", "second") == "first"
        assert set_passage_memo(session, passage.id, "ana", "") == "second"
        assert set_reviewed(session, passage.id, "ana", True) is False
        assert load_marks(session, 1, "ana").reviewed == {passage.id}
        actions = [e.action for e in session.scalars(select(AuditEvent).order_by(AuditEvent.id))]
        assert actions[-4:] == ["memo.add", "memo.update", "memo.remove", "passage.review"]


def test_history_remaps_ids_when_a_coding_comes_back(study: Path) -> None:
    history = History()
    with open_project(str(study)) as project:
        with project.write() as session:
            code = code_rows(session, "ana")[1]
            coding = apply_code(session, 1, code.id, "ana", 100, 270)
        history.push(CodingAdded(coding))
        change = history.undo_stack.pop()
        with project.write() as session:
            inverse = revert(session, change, "ana", "undo")
        history.settle(change, inverse, undone=True)
        change = history.redo_stack.pop()
        with project.write() as session:
            again = revert(session, change, "ana", "redo")
        history.settle(change, again, undone=False)
        assert isinstance(again, CodingAdded)
        assert history.undo_stack == [again]
        with project.read() as session:
            assert [c.id for c in load_marks(session, 1, "ana").codings] == [again.coding.id]


def test_history_follows_a_coding_to_its_new_id() -> None:
    old = CodingView(7, 1, 2, "ana", 0, 5)
    history = History()
    history.undo_stack = [CodingMemoChanged(7, None, "memo")]
    history.settle(CodingRemoved(old), CodingAdded(replace(old, id=9)), undone=True)
    assert history.undo_stack == [CodingMemoChanged(9, None, "memo")]


def test_ranking_and_default_number_keys(study: Path) -> None:
    with open_project(str(study)) as project, project.read() as session:
        codes = code_rows(session, "ana")
    assert rank_codes("pqq", codes)[0].key == "bureaucracy-pqq"
    assert rank_codes("lockdown", codes)[0].key == "staffing-lockdowns"
    assert rank_codes("", codes) == codes
    top = [code for code in codes if code.id in default_keys(codes)]
    assert len(top) == 10 and not any(code.has_children for code in top)


def test_word_selection_steps_and_extends() -> None:
    text = "Priya: Mostly through competitive tendering, and honestly"
    spans = words(text)
    selection = Selection(cursor=2)
    for _ in range(4):
        selection.step_word(len(spans), 1)
    selection.step_word(len(spans), 1, extend=True)
    start, end = selection.span_offsets(spans) or (0, 0)
    assert text[start:end] == "competitive tendering"
    selection.move_to(3)
    assert selection.span is None


def test_tui_command_reports_a_bad_project_in_one_line(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["tui", str(tmp_path / "missing.qc")])
    assert result.exit_code == 1
    assert "no such project" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_tui_command_refuses_a_bad_coder_name(study: Path) -> None:
    result = CliRunner().invoke(cli, ["tui", str(study), "--coder", " "])
    assert result.exit_code == 1
    assert "coder name" in result.stderr
