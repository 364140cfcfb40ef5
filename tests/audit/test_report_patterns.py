"""The report's frequency-by-attribute and co-occurrence sections on a real project."""

from __future__ import annotations

from pathlib import Path

import pytest
from audit_helpers import Study, add_document, code_passages, run
from typer.testing import CliRunner

from qualcode.analysis.patterns import NOT_RECORDED, Cell
from qualcode.analysis.patterns_gather import Patterns, patterns
from qualcode.anonymise.review import project_redactor
from qualcode.store.models import Participant

CT, LPF, VOL = "competitive-tendering", "level-playing-field", "volunteers"


@pytest.fixture
def three_documents(study: Study, tmp_path: Path) -> Study:
    """Document 1 (Interviewee 3) as in `study`; documents 2 and 3 from Interviewee 4, by ana."""
    with study.open() as project:
        second = add_document(project, tmp_path, "b.txt", "Interviewee 4")
        third = add_document(project, tmp_path, "c.txt", "Interviewee 4")
        code_passages(project, second, "ana", {CT: [1], LPF: [1], VOL: [7]})
        code_passages(project, third, "ana", {VOL: [7]})
        code_passages(project, third, "suggester", {CT: [1], VOL: [1]})  # not compared
        with project.write() as session:
            for participant in session.query(Participant):
                participant.attributes = (
                    {"organisation_type": "charity", "region": "North", "note": "Siobhan's"}
                    if participant.label == "Interviewee 3"
                    else {"organisation_type": "social enterprise"}
                )
    return study


def _patterns(study: Study) -> Patterns:
    with study.open() as project, project.read() as session:
        return patterns(session, ["ana", "ben"], project_redactor(session).redact)


def test_frequency_by_attribute(three_documents: Study) -> None:
    frequency = _patterns(three_documents).frequency
    assert frequency.skipped == ()
    by_name = {t.attribute: t for t in frequency.tables}
    assert list(by_name) == ["note", "organisation_type", "region"]
    kind = by_name["organisation_type"]
    assert kind.values == ("charity", "social enterprise")
    assert kind.sizes == {"charity": 1, "social enterprise": 1}
    assert kind.rows == (
        (CT, {"charity": Cell(8, 1), "social enterprise": Cell(1, 1)}),
        (LPF, {"charity": Cell(2, 1), "social enterprise": Cell(1, 1)}),
        (VOL, {"charity": Cell(1, 1), "social enterprise": Cell(2, 1)}),
    )
    region = by_name["region"]
    assert region.values == ("North", NOT_RECORDED)
    assert dict(region.rows)[VOL] == {"North": Cell(1, 1), NOT_RECORDED: Cell(2, 1)}
    assert by_name["note"].values == ("[name]'s", NOT_RECORDED)  # attribute values redacted


def test_co_occurrence(three_documents: Study) -> None:
    co = _patterns(three_documents).co_occurrence
    assert co.codes == (CT, LPF, VOL)
    # ct: doc 1 passages 1, 3, 5, 7 (ana), 8 (ben) and doc 2 passage 1; vol: passage 7 of each
    assert co.applied == {CT: 6, LPF: 2, VOL: 3}
    # doc 1 passage 3 (ana and ben: once) and doc 2 passage 1 (ana); ana's ct and ben's
    # volunteers on doc 1 passage 7 are a disagreement, not a co-occurrence
    assert co.pairs == {(CT, LPF): 2}
    assert co.by_coder == {(CT, LPF): {"ana": 2, "ben": 1}}


def test_report_sections(three_documents: Study, runner: CliRunner, tmp_path: Path) -> None:
    target = three_documents.target
    html_path, md_path = tmp_path / "report.html", tmp_path / "report.md"
    for path in (html_path, md_path):
        code, _, err = run(runner, "audit", "report", target, "--out", path)
        assert code == 0, err
    html = html_path.read_text(encoding="utf-8")
    for expected in (
        "<h2>Code frequency by participant attribute</h2>",
        "<h3>By organisation_type</h3>",
        "<th>social enterprise (n=1)</th>",
        "<td class=n>8 (1)</td>",
        "Codings per code by organisation_type",
        "<h2>Code co-occurrence</h2>",
        "Passages where one coder applied both codes",
        f"{CT} × {LPF}: 2</title>",
        f"{CT} × {CT}: 6</title>",
        f"<tr><td>{CT}</td><td>{LPF}</td><td class=n>2</td><td class=n>2</td><td class=n>1</td>",
    ):
        assert expected in html, expected
    md = md_path.read_text(encoding="utf-8")
    for expected in (
        "## Code frequency by participant attribute",
        "| Code | charity (n=1) | social enterprise (n=1) |",
        f"| {CT} — Competitive tendering | 8 (1) | 1 (1) |",
        "| Code | North (n=1) | (not recorded) (n=1) |",
        "## Code co-occurrence",
        "| Code | Code | Passages | by ana | by ben |",
        f"| {CT} | {LPF} | 2 | 2 | 1 |",
        f"| {VOL} | 3 |",
    ):
        assert expected in md, expected
    for text in (html, md):
        assert "Siobhan" not in text and "siobhan" not in text
