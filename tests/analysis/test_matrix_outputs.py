"""Matrix files opened and read back (Word with python-docx, Excel with openpyxl), cell summaries
kept, redacted and shown, and bad input refused in one line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import docx
import openpyxl
import pytest
from analysis_helpers import run_json
from typer.testing import CliRunner

from qualcode.cli.app import app

SUMMARY = "Lost the county contract; Marcus Ellery credits the consortium. =SUM(A1) [bold]x[/bold]"


@pytest.fixture(scope="module")
def summarised(demo: str) -> str:
    done = CliRunner().invoke(
        app, ["summarise", demo, "Interviewee 1", "commissioning", SUMMARY, "--coder", "ana"]
    )
    assert done.exit_code == 0, done.output
    assert "written" in done.stdout
    return demo


def _write(project: str, path: Path, *extra: str) -> None:
    done = CliRunner().invoke(app, ["matrix", project, "--out", str(path), *extra])
    assert done.exit_code == 0, done.output
    assert path.exists()


def test_summary_is_in_the_json_with_the_name_redacted(summarised: str) -> None:
    result = run_json("matrix", summarised, "--json")
    cell = next(
        c for c in result["cells"] if (c["row"], c["column"]) == ("Interviewee 1", "commissioning")
    )
    assert cell["summary"] is not None
    assert "Marcus" not in cell["summary"] and "[name]" in cell["summary"]
    assert "[bold]x[/bold]" in cell["summary"]  # typed text stays text
    assert cell["quotes"] and all("Marcus" not in q["text"] for q in cell["quotes"])
    assert len(cell["quotes"]) == cell["passages"]


def test_summary_edit_and_remove(summarised: str, tmp_path: Path) -> None:
    runner = CliRunner()
    args = ["summarise", summarised, "Interviewee 2", "independence"]
    assert "written" in runner.invoke(app, [*args, "first", "--coder", "ana"]).stdout
    assert "replaced" in runner.invoke(app, [*args, "second", "--coder", "ana"]).stdout
    cells = run_json("matrix", summarised, "--json", "--no-quotes")["cells"]
    found = [c["summary"] for c in cells if c["row"] == "Interviewee 2" and c["summary"]]
    assert found == ["second"]
    assert "removed" in runner.invoke(app, [*args, "", "--coder", "ana"]).stdout
    cells = run_json("matrix", summarised, "--json", "--no-quotes")["cells"]
    assert not [c for c in cells if c["row"] == "Interviewee 2" and c["summary"]]


def test_word_file_holds_the_grid_and_quotes(summarised: str, tmp_path: Path) -> None:
    path = tmp_path / "matrix.docx"
    _write(summarised, path)
    document = docx.Document(str(path))
    grid = document.tables[0]
    assert grid.cell(0, 1).text == "Commissioning"
    assert grid.cell(1, 0).text == "Interviewee 1"
    assert "[name] credits the consortium" in grid.cell(1, 1).text
    assert "passages" in grid.cell(1, 1).text
    text = "\n".join(p.text for p in document.paragraphs)
    assert "Interviewee 1 × Commissioning" in text
    assert "Marcus" not in text + grid.cell(1, 1).text


def test_excel_file_stores_numbers_as_numbers(summarised: str, tmp_path: Path) -> None:
    path = tmp_path / "matrix.xlsx"
    _write(summarised, path)
    workbook = openpyxl.load_workbook(str(path))
    assert workbook.sheetnames == ["Summaries", "Counts", "Quotes"]
    counts = workbook["Counts"]
    assert counts["A2"].value == "Interviewee 1"
    assert all(isinstance(c.value, int) for c in counts[2][1:])
    assert workbook["Summaries"]["B2"].value.startswith("Lost the county")
    quotes = workbook["Quotes"]
    assert quotes.max_row > 20
    assert isinstance(quotes["F2"].value, int)  # document id


def test_csv_is_long_format_and_formulas_stay_text(summarised: str, tmp_path: Path) -> None:
    path = tmp_path / "matrix.csv"
    _write(summarised, path)
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert list(rows[0]) == ["row", "column", "passages", "codings", "value", "summary"]
    assert len(rows) == 16 * 5
    first = rows[0]
    assert first["summary"].startswith("Lost the county")
    path2 = tmp_path / "plain.csv"
    CliRunner().invoke(
        app, ["summarise", summarised, "Interviewee 3", "independence", "=HYPERLINK(1)"]
    )
    _write(summarised, path2)
    assert "'=HYPERLINK(1)" in path2.read_text(encoding="utf-8-sig")


def test_markdown_and_html_escape_what_people_typed(summarised: str, tmp_path: Path) -> None:
    CliRunner().invoke(
        app, ["summarise", summarised, "Interviewee 4", "independence", "# heading <b>x</b> | pipe"]
    )
    md, page = tmp_path / "m.md", tmp_path / "m.html"
    _write(summarised, md)
    _write(summarised, page)
    markdown = md.read_text(encoding="utf-8")
    assert "\\# heading \\<b>x\\</b> \\| pipe" in markdown
    html = page.read_text(encoding="utf-8")
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html
    assert "Marcus" not in markdown + html


def test_json_file_is_the_same_as_json_output(summarised: str, tmp_path: Path) -> None:
    path = tmp_path / "m.json"
    _write(summarised, path, "--no-quotes")
    assert json.loads(path.read_text(encoding="utf-8"))["cells"][0]["row"] == "Interviewee 1"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--columns", "comissioning"], "did you mean 'commissioning'"),
        (["--rows", "sizee"], "--rows 'sizee'"),
        (["--cell", "both"], "--cell must be one of"),
        (["--coder", "ana", "--consensus"], "not both"),
        (["--where", "size"], "is not ATTR=VALUE"),
        (["--out", "x.pdf"], "cannot write a matrix as 'pdf'"),
    ],
)
def test_bad_input_is_one_line(demo: str, args: list[str], message: str) -> None:
    done = CliRunner().invoke(app, ["matrix", demo, *args])
    assert done.exit_code == 1
    assert message in done.output
    assert done.output.count("error:") == 1 and "Traceback" not in done.output


def test_summary_of_an_unknown_row_or_code_is_refused(demo: str) -> None:
    runner = CliRunner()
    done = runner.invoke(app, ["summarise", demo, "Interviewee 99", "commissioning", "x"])
    assert done.exit_code == 1 and "no participant with that label" in done.output
    done = runner.invoke(app, ["summarise", demo, "Interviewee 1", "comissioning", "x"])
    assert done.exit_code == 1 and "did you mean 'commissioning'" in done.output


def test_summaries_on_attribute_and_document_rows(demo: str) -> None:
    runner = CliRunner()
    done = runner.invoke(
        app,
        [
            "summarise",
            demo,
            "small",
            "prison-disruption",
            "Small charities: access",
            "--rows",
            "size",
        ],
    )
    assert done.exit_code == 0, done.output
    cells = run_json("matrix", demo, "--json", "--no-quotes", "--rows", "size")["cells"]
    found = {(c["row"], c["column"]): c["summary"] for c in cells if c["summary"]}
    assert found == {("small", "prison-disruption"): "Small charities: access"}
    done = runner.invoke(
        app, ["summarise", demo, "Document 2", "independence", "Doc two", "--rows", "document"]
    )
    assert done.exit_code == 0, done.output
    cells = run_json("matrix", demo, "--json", "--no-quotes", "--rows", "document")["cells"]
    assert [c["summary"] for c in cells if c["row"] == "2" and c["column"] == "independence"] == [
        "Doc two"
    ]
    # A participant-row matrix keeps its own summaries apart from the document's.
    participant = run_json("matrix", demo, "--json", "--no-quotes")["cells"]
    assert not [c for c in participant if c["summary"] == "Doc two"]


def test_withdrawing_a_participant_removes_their_cell_summaries(tmp_path: Path) -> None:
    from qualcode.demo import build_demo

    project = str(tmp_path / "demo.qc")
    build_demo(project, coder="tester")
    runner = CliRunner()
    for row in ("Interviewee 5", "Interviewee 6"):
        done = runner.invoke(app, ["summarise", project, row, "independence", f"about {row}"])
        assert done.exit_code == 0, done.output
    done = runner.invoke(
        app, ["participants", "withdraw", project, "Interviewee 5", "--reason", "consent", "--yes"]
    )
    assert done.exit_code == 0, done.output
    cells = run_json("matrix", project, "--json", "--no-quotes")["cells"]
    assert [c["summary"] for c in cells if c["summary"]] == ["about Interviewee 6"]
