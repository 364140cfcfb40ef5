"""`codebook export` to .docx/.html/.md/.xlsx: a methods appendix with criteria, cues, example
quotes anonymised exactly as quote exports are, and coding counts per coder (with sub-codes)."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from docx import Document as WordDocument
from export_helpers import read_back
from openpyxl import load_workbook  # type: ignore[import-untyped]
from typer.testing import CliRunner

from qualcode.cli.app import app
from qualcode.store.db import Project

PRIVATE = [
    "Marcus", "Ellery", "Tolver", "Helen", "Marsh", "Alder", "Calderbrook", "Pinder", "Okoro",
    "0161",
]  # fmt: skip


def run(*args: str) -> tuple[int, str, str]:
    done = CliRunner().invoke(app, list(args))
    return done.exit_code, done.stdout, done.stderr


def run_json(*args: str) -> Any:
    code, out, err = run(*args)
    assert code == 0, err
    return json.loads(out)


def oracle_counts(project: str) -> dict[str, Counter[str]]:
    """Codings per code and coder, a code counting its sub-codes', from `code list` and
    `codebook show` alone."""
    parents: dict[str, str | None] = {}

    def walk(codes: list[dict[str, Any]]) -> None:
        for code in codes:
            parents[code["key"]] = code["parent"]
            walk(code["children"])

    walk(run_json("codebook", "show", project, "--json")["codes"])
    counts: dict[str, Counter[str]] = {key: Counter() for key in parents}
    for coding in run_json("code", "list", project, "--json"):
        key: str | None = coding["code"]
        while key is not None:
            counts[key][coding["coder"]] += 1
            key = parents[key]
    return counts


def export(project: Project, path: Path, *more: str) -> None:
    code, _, err = run("codebook", "export", project.target, str(path), *more)
    assert code == 0, err


@pytest.mark.parametrize("suffix", ["md", "html", "docx", "xlsx"])
def test_every_format_holds_the_codebook_and_no_identifier(
    small_project: Project, tmp_path: Path, suffix: str
) -> None:
    path = tmp_path / f"appendix.{suffix}"
    export(small_project, path)
    text = read_back(path)
    for private in PRIVATE:
        assert private not in text, (suffix, private)
    for expected in ("Funding", "Contracts", "Money matters.", "Grant funding.", "Prisons"):
        assert expected in text, (suffix, expected)
    assert "How is the work funded?" not in text  # an interviewer turn is never an example
    assert "[Interviewee 1, Drug treatment charity]" in text or "Interviewee 1" in text


def test_xlsx_counts_are_numbers_and_match_the_oracle(
    small_project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "appendix.xlsx"
    export(small_project, path)
    sheet = load_workbook(path)["Codebook"]
    rows = list(sheet.iter_rows(values_only=True))
    header = list(rows[0])
    assert header[:3] == ["level", "key", "name"]
    assert header[-3:] == ["codings: ana", "codings: ben", "codings: all"]
    expected = oracle_counts(small_project.target)
    by_key = {row[1]: row for row in rows[1:]}
    assert set(by_key) == set(expected)
    for key, row in by_key.items():
        ana, ben, total = row[-3:]
        assert all(isinstance(n, int) for n in (ana, ben, total)), row
        assert (ana, ben, total) == (
            expected[key]["ana"],
            expected[key]["ben"],
            expected[key]["ana"] + expected[key]["ben"],
        ), key
    assert by_key["funding"][0] == 1 and by_key["contracts"][0] == 2
    assert by_key["contracts"][3] == "funding"
    assert by_key["funding"][-3:] == (3, 4, 7)


def test_docx_reads_as_an_appendix(small_project: Project, tmp_path: Path) -> None:
    path = tmp_path / "appendix.docx"
    export(small_project, path)
    document = WordDocument(str(path))
    by_style: dict[str, list[str]] = {}
    for paragraph in document.paragraphs:
        name = paragraph.style.name if paragraph.style is not None else ""
        by_style.setdefault(name, []).append(paragraph.text)
    assert by_style["Title"] == ["Test codebook"]
    assert by_style["Heading 1"] == ["Funding (funding)", "Prisons (prisons)"]
    assert by_style["Heading 2"] == ["Contracts (contracts)", "Grants (grants)"]
    assert "Money matters." in by_style["Code Definition"]
    quotes = by_style["Interview Quote"]
    assert quotes and all("]" in q for q in quotes)  # each with its label
    assert "Codings (with sub-codes): ana 3 · ben 4" in by_style["Quote Counts"]
    assert document.core_properties.author == ""


def test_examples_are_at_most_two_from_different_participants(
    small_project: Project, tmp_path: Path
) -> None:
    path = tmp_path / "appendix.md"
    export(small_project, path)
    text = path.read_text(encoding="utf-8")
    contracts = text.split("### Contracts (contracts)")[1].split("###")[0]
    quotes = [line for line in contracts.splitlines() if line.startswith("> ")]
    assert len(quotes) == 2
    assert "[Interviewee 1" in quotes[0] + quotes[1] and "[Interviewee 10" in quotes[0] + quotes[1]
    assert "[name?]" in contracts  # Jo Pinder, named by nobody, is still replaced


def test_what_people_typed_is_shown_literally(small_project: Project, tmp_path: Path) -> None:
    typed = "<script>alert(1)</script> {{ 7*7 }} # not a heading"
    code, _, err = run(
        "codebook", "edit", small_project.target, "prisons", "--description", typed,
        "--include", "=SUM(A1)",
    )  # fmt: skip
    assert code == 0, err
    export(small_project, tmp_path / "a.html")
    page = (tmp_path / "a.html").read_text(encoding="utf-8")
    assert "<script>" not in page and "&lt;script&gt;" in page and "{{ 7*7 }}" in page
    export(small_project, tmp_path / "a.md")
    markdown = (tmp_path / "a.md").read_text(encoding="utf-8")
    assert "\\<script>" in markdown
    export(small_project, tmp_path / "a.xlsx")
    row = [r for r in load_workbook(tmp_path / "a.xlsx")["Codebook"].iter_rows(values_only=True)]
    assert "'=SUM(A1)" in [r[5] for r in row]  # text, never a formula


def test_yaml_and_qdc_still_work_and_template_is_html_only(
    small_project: Project, tmp_path: Path
) -> None:
    export(small_project, tmp_path / "book.yaml")
    assert "key: funding" in (tmp_path / "book.yaml").read_text(encoding="utf-8")
    export(small_project, tmp_path / "book.qdc")
    assert "<CodeBook" in (tmp_path / "book.qdc").read_text(encoding="utf-8")
    mine = tmp_path / "mine.html"
    mine.write_text(
        '{% extends "base.html" %}{% block main %}<h1>Appendix B</h1>'
        "{% for code in codes %}<p>{{ code.name }}: {{ code.definition }}</p>{% endfor %}"
        "{% endblock %}",
        encoding="utf-8",
    )
    export(small_project, tmp_path / "b.html", "--template", str(mine))
    page = (tmp_path / "b.html").read_text(encoding="utf-8")
    assert "<h1>Appendix B</h1>" in page and "<p>Funding: Money matters.</p>" in page
    code, _, err = run(
        "codebook", "export", small_project.target, str(tmp_path / "b.md"), "--template", str(mine)
    )
    assert code == 1 and err.startswith("error: --template works only with HTML")
    assert not (tmp_path / "b.md").exists()
    status = run_json(
        "codebook", "export", small_project.target, str(tmp_path / "c.docx"), "--json"
    )
    assert status["format"] == "docx" and status["codes"] == 4 and status["examples"] >= 4


def test_sentence_openers_in_criteria_and_examples_are_words_not_names(
    small_project: Project, tmp_path: Path
) -> None:
    code, _, err = run(
        "codebook", "edit", small_project.target, "prisons",
        "--include", "Lockdowns after violence, drugs finds or incidents",
        "--include", "Commissioners cancelling the contract",
        "--example", "Funding was cut. Prison staff cancelled the session.",
        "--example", "If someone needs a solicitor I just ring Dev at the law centre.",
    )  # fmt: skip
    assert code == 0, err
    path = tmp_path / "appendix.md"
    export(small_project, path)
    prisons = path.read_text(encoding="utf-8").split("# Prisons (prisons)")[1]
    for opener in ("Lockdowns after", "Commissioners cancelling", "Funding was", "Prison staff"):
        assert opener in prisons, opener
    # a name nobody registered or reviewed is still replaced, as in quote exports
    assert "I just ring [name?] at the law centre" in prisons.replace("\\", "")
