"""The matrix and query screens: cells, quotes, jumps and summaries, checked against the core."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from conftest import Tui, settle
from sqlalchemy import select
from textual.widgets import DataTable, Input, OptionList, Static
from typer.testing import CliRunner

from qualcode.analysis.carrying import Filters
from qualcode.analysis.matrix import MatrixOptions, build_matrix
from qualcode.analysis.query import run_query
from qualcode.analysis.rows import RowRef
from qualcode.analysis.summaries import write_summary
from qualcode.cli.app import app as cli
from qualcode.errors import QualcodeError
from qualcode.store.db import open_project
from qualcode.store.models import AuditEvent, CellSummary, Code, Passage
from qualcode.store.workbench import apply_code, code_rows
from qualcode.tui.app import QualcodeApp
from qualcode.tui.screens.matrix import MatrixScreen
from qualcode.tui.screens.query import QueryScreen
from qualcode.tui.screens.transcript import TranscriptScreen

SUMMARY = "[bold red]x[/] Undercut on price;\nclearance slow"
# (document, passage index, code, coder): Interviewee 7 is document 1, Interviewee 8 document 2
CODINGS = [
    (1, 2, "competitive-tendering", "ana"),
    (1, 2, "full-cost-recovery", "ben"),
    (1, 4, "cancelled-sessions", "ana"),
    (1, 4, "security-clearance", "ben"),
    (2, 1, "sharing-resources", "ana"),
    (2, 3, "consortium-bids", "ana"),
    (2, 3, "prime-subcontracting", "ben"),
]


def code_study(path: Path) -> Path:
    """The two-interview study coded by ana and ben on whole passages."""
    project = open_project(str(path))
    try:
        with project.write() as session:
            codes = {code.key: code.id for code in code_rows(session, "ana")}
            for document_id, index, key, coder in CODINGS:
                passage = project_passage(session, document_id, index)
                apply_code(session, document_id, codes[key], coder, *passage)
    finally:
        project.close()
    return path


def project_passage(session: Any, document_id: int, index: int) -> tuple[int, int]:
    found = session.scalar(
        select(Passage).where(Passage.document_id == document_id, Passage.index == index)
    )
    return found.start, found.end


def screen_text(app: QualcodeApp) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


@pytest.fixture
def coded_tui(study: Path) -> Tui:
    return Tui(code_study(study))


def core_matrix(path: Path, **choice: Any) -> Any:
    project = open_project(str(path))
    try:
        with project.read() as session:
            return build_matrix(session, MatrixOptions(**choice))
    finally:
        project.close()


def test_matrix_cells_equal_the_core_and_enter_opens_a_quote(coded_tui: Tui) -> None:
    expected = core_matrix(coded_tui.path)

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen) and screen.framework is not None
        shown = screen.framework.matrix
        assert [r.key for r in shown.rows] == ["Interviewee 7", "Interviewee 8"]
        assert [c.key for c in shown.columns] == [c.key for c in expected.columns]
        for at, cell in expected.cells.items():
            assert (shown.cells[at].passages, shown.cells[at].codings) == (
                cell.passages,
                cell.codings,
            )
        table = screen.query_one(DataTable)
        assert table.row_count == 2 and len(table.columns) == len(expected.columns) + 1
        # Interviewee 7 × commissioning: one passage, two codings, its quote as the core gives it
        assert "1/2" in screen_text(app)
        quotes = expected.cell("Interviewee 7", "commissioning").quotes
        assert [q.as_json() for q in screen.cell_quotes] == [q.as_json() for q in quotes]
        assert "Priya" not in screen_text(app)  # the speaker's name is redacted as in exports
        await pilot.press("enter")  # into the quotes
        await settle(pilot)
        assert screen.query_one("#matrix-quotes", OptionList).has_focus
        await pilot.press("enter")  # open the quote's passage
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        assert app.screen.document_id == 1
        assert app.screen.view.model.cursor_passage is not None
        assert app.screen.view.model.cursor_passage.index == quotes[0].passage == 2

    coded_tui.run(scenario)


def test_summary_written_in_the_matrix_is_stored_audited_and_shown_literally(
    coded_tui: Tui, runner: CliRunner
) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f4")
        await settle(pilot)
        await pilot.press("down", "right", "right", "right")  # Interviewee 8 × partnership-levels
        await settle(pilot)
        await pilot.press("e")
        await settle(pilot)
        area = app.screen.query_one("#memo-text")
        area.insert(SUMMARY)  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        summary = screen.query_one("#matrix-summary", Static)
        assert "[bold red]x[/] Undercut on price;" in str(summary.render())
        assert "[bold red]x[/] Undercut on price;" in screen_text(app)
        assert "✎" in screen_text(app)

    coded_tui.run(scenario, coder="ana")
    project = open_project(str(coded_tui.path))
    try:
        with project.read() as session:
            [stored] = session.scalars(select(CellSummary)).all()
            assert stored.text == SUMMARY
            assert stored.participant_id is not None
            assert session.get(Code, stored.code_id).key == "partnership-levels"  # type: ignore[union-attr]
            actions = session.scalars(
                select(AuditEvent.action).where(AuditEvent.action.like("summary.%"))
            ).all()
            assert actions == ["summary.add"]
    finally:
        project.close()
    result = runner.invoke(cli, ["matrix", str(coded_tui.path), "--json", "--no-quotes"])
    assert result.exit_code == 0, result.output
    cells = json.loads(result.stdout)["cells"]
    [written] = [c for c in cells if c["summary"] is not None]
    assert (written["row"], written["column"]) == ("Interviewee 8", "partnership-levels")
    assert written["summary"] == SUMMARY


def test_rows_columns_and_whose_codings_cycle(coded_tui: Tui) -> None:
    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen)
        await pilot.press("r")
        await settle(pilot)
        assert screen.framework is not None
        assert [r.key for r in screen.framework.matrix.rows] == ["1", "2"]
        await pilot.press("c", "o")
        await settle(pilot)
        framework = screen.framework
        assert framework.choice.whose == "mine" and framework.choice.columns == "code"
        expected = core_matrix(
            coded_tui.path, rows="document", columns=["code"], filters=Filters(coder="ana")
        )
        assert {at: c.codings for at, c in framework.matrix.cells.items()} == {
            at: c.codings for at, c in expected.cells.items()
        }
        assert "ana's codings" in screen_text(app)

    coded_tui.run(scenario)


def test_query_hits_equal_the_core_and_open_in_the_transcript(coded_tui: Tui) -> None:
    expression = "commissioning OR partnership-levels NEAR/2 sharing-resources"
    project = open_project(str(coded_tui.path))
    try:
        with project.read() as session:
            expected = [h.as_json() for h in run_query(session, expression, Filters()).hits]
    finally:
        project.close()
    assert len(expected) >= 2

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f6")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, QueryScreen)
        screen.query_one(Input).value = "comissioning AND (independence"
        await pilot.press("enter")
        await settle(pilot)
        said = screen_text(app)
        assert "error: query: no code 'comissioning' at position 1" in said
        assert "did you mean 'commissioning'?" in said
        screen.query_one(Input).value = expression
        await pilot.press("enter")
        await settle(pilot)
        assert [h.as_json() for h in screen.hits] == expected
        assert screen.query_one(DataTable).row_count == len(expected)
        await pilot.press("down", "down", "enter")  # the second hit
        await settle(pilot)
        assert isinstance(app.screen, TranscriptScreen)
        second = expected[1]
        assert app.screen.document_id == second["document"]["id"]
        cursor = app.screen.view.model.cursor_passage
        assert cursor is not None and cursor.index + 1 == second["passage"]

    coded_tui.run(scenario)


def test_a_blind_coder_counts_only_their_own_codings(coded_tui: Tui) -> None:
    from qualcode.analysis.summaries import set_summary
    from qualcode.audit.assignments import assign
    from qualcode.store.documents import find_document

    project = open_project(str(coded_tui.path))
    try:
        with project.write() as session:
            document = find_document(session, "1")
            assign(session, document, ["ana", "ben"], blind=True, supervisor="sue")
            cell = ("participant", "Interviewee 7", "commissioning")
            set_summary(session, *cell, "Ben's reading", coder="ben")
    finally:
        project.close()
    mine = core_matrix(coded_tui.path, filters=Filters(coder="ana"))

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen) and screen.framework is not None
        shown = screen.framework.matrix
        assert {at: c.codings for at, c in shown.cells.items()} == {
            at: c.codings for at, c in mine.cells.items()
        }
        assert shown.cell("Interviewee 7", "commissioning").codings == 1  # ben's is hidden
        assert "only your codings" in screen_text(app)
        assert screen.framework.summaries == {}  # nor ben's summary of the cell
        await pilot.press("o")  # cannot switch to everyone's while blind
        await settle(pilot)
        assert screen.framework.matrix.cell("Interviewee 7", "commissioning").codings == 1

    coded_tui.run(scenario, coder="ana")


def test_a_query_limited_to_a_page_makes_hits_of_the_first_passages_only(study: Path) -> None:
    project = open_project(str(code_study(study)))
    try:
        with project.read() as session:
            every = run_query(session, "NOT commissioning", Filters())
            first = run_query(session, "NOT commissioning", Filters(), limit=2)
    finally:
        project.close()
    assert len(every.hits) > 2 and first.passages == every.passages
    assert [h.as_json() for h in first.hits] == [h.as_json() for h in every.hits[:2]]


def test_a_blind_coder_can_neither_read_nor_replace_a_hidden_summary(coded_tui: Tui) -> None:
    from qualcode.analysis.summaries import set_summary
    from qualcode.audit.assignments import assign
    from qualcode.store.documents import find_document

    project = open_project(str(coded_tui.path))
    try:
        with project.write() as session:
            assign(session, find_document(session, "1"), ["ana", "ben"], blind=True, supervisor="s")
            set_summary(
                session, "participant", "Interviewee 7", "commissioning", "Ben's", coder="ben"
            )
    finally:
        project.close()

    async def scenario(pilot: Any, app: QualcodeApp) -> None:
        await pilot.press("f4")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, MatrixScreen) and screen.current is not None
        row, column = screen.current
        assert (row.name, column.code.key) == ("Interviewee 7", "commissioning")  # ben's summary
        assert screen.framework is not None
        assert screen.framework.matrix.cell(row.key, column.key).summary is None  # no ✎ mark
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(app.screen, MatrixScreen)  # no editor holding ben's words
        notes = [str(n.message) for n in app._notifications]
        assert any("hidden while your blind assignment is open" in n for n in notes)
        assert "Ben's" not in screen_text(app)

    coded_tui.run(scenario, coder="ana")
    project = open_project(str(coded_tui.path))
    try:
        with project.read() as session:
            [stored] = session.scalars(select(CellSummary)).all()
            assert stored.text == "Ben's"
        # A save racing ben's first summary is refused too, not written over it.
        cell = (RowRef(participant_id=stored.participant_id), stored.code_id)
        refused = pytest.raises(QualcodeError, match="hidden while your blind")
        with refused, project.write() as session:
            write_summary(session, *cell, "Ana's", coder="ana", blind=True)
        with project.read() as session:
            assert session.scalars(select(CellSummary.text)).all() == ["Ben's"]
    finally:
        project.close()
