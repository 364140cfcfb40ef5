"""memo export and export quotes --memos: memos reach reports anonymised as quotes are."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app
from tests.export.export_helpers import read_back

runner = CliRunner()
# A registered name, a speaker's name and a name nobody registered or reviewed.
PRIVATE = "Helen Marsh rang; Marcus agreed; Declan Hargreaves from the trust wants a copy."


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def write_memos(project: Path) -> None:
    p = str(project)
    run("memo", "add", p, "--coder", "ana", f"Project: {PRIVATE}")
    run("memo", "add", p, "--participant", "Interviewee 2", "--coder", "ana", f"About: {PRIVATE}")
    run("memo", "add", p, "--cell", "Interviewee 1", "contracts", "--coder", "ana", "Cell words")
    run("memo", "add", p, "--passage", "1:2", "--coder", "ben", f"Passage: {PRIVATE}")
    run("memo", "add", p, "--coding", "1", "--coder", "ana", f"Coding: {PRIVATE} [bold]x[/]")
    run("memo", "add", p, "--passage", "1:4", "--coder", "ana", "On the prison passage")


def assert_anonymised(text: str) -> None:
    for secret in ("Helen", "Marsh", "Marcus", "Declan", "Hargreaves"):
        assert secret not in text, secret
    assert "[name]" in text and "[name?]" in text


@pytest.mark.parametrize("suffix", ["md", "docx"])
def test_memo_export_groups_by_subject_and_redacts(memo_project: Path, suffix: str) -> None:
    write_memos(memo_project)
    out = memo_project.parent / f"memos.{suffix}"
    output = run("memo", "export", str(memo_project), str(out))
    assert "Wrote 6 memos" in output
    text = read_back(out)
    assert_anonymised(text)
    headings = ["The project", "Participants", "Framework cells", "Passages", "Codings"]
    positions = [text.index(h) for h in headings]
    assert positions == sorted(positions)
    assert "Interviewee 2" in text  # participant labels are public
    assert "Interviewee 1 × contracts" in text and "Cell words" in text
    assert "contracts on Interviewee 1, passage 2" in text


def test_memo_export_keeps_unreviewed_names_only_when_asked(memo_project: Path) -> None:
    write_memos(memo_project)
    out = memo_project.parent / "memos.md"
    run("memo", "export", str(memo_project), str(out), "--unreviewed", "keep")
    text = out.read_text(encoding="utf-8")
    assert "Declan Hargreaves" in text
    assert "Helen" not in text and "Marcus" not in text  # registered and speakers never


def test_memo_export_refuses_the_project_file_and_unknown_formats(memo_project: Path) -> None:
    before = memo_project.read_bytes()
    for target in (str(memo_project), str(memo_project.parent / "memos.pdf")):
        result = runner.invoke(app, ["memo", "export", str(memo_project), target])
        assert result.exit_code == 1 and result.output.startswith("error: ")
    result = runner.invoke(
        app, ["memo", "export", str(memo_project), str(memo_project), "--format", "md"]
    )
    assert result.exit_code == 1 and "refusing" in result.output
    assert memo_project.read_bytes() == before


@pytest.mark.parametrize("suffix", ["md", "docx", "html", "json", "csv", "xlsx"])
def test_export_quotes_memos_puts_them_under_their_quotes(memo_project: Path, suffix: str) -> None:
    write_memos(memo_project)
    out = memo_project.parent / f"quotes.{suffix}"
    run("export", "quotes", str(memo_project), "--out", str(out), "--memos")
    text = read_back(out)
    assert_anonymised(text)
    assert "Passage: [name] rang" in text
    if suffix == "json":
        quotes = json.loads(text)["groups"][0]["groups"][0]["quotes"]
        assert [(m["kind"], m["coder"], m["passage"], m["code"]) for m in quotes[0]["memos"]] == [
            ("passage", "ben", 2, None), ("coding", "ana", None, "contracts"),
        ]  # fmt: skip
    else:
        assert "Memo by ben on passage 2" in text
        assert "Memo by ana on the coding with contracts" in text
        assert "Memo by ana on passage 4" in text
    # Memos on the project, participants and cells are not about one quote.
    assert "Project:" not in text and "About:" not in text and "Cell words" not in text
    if suffix == "md":
        quote = text.index("Mostly contracts with the council")
        assert quote < text.index("Memo by ben on passage 2") < text.index("Sessions at")
        assert "[bold]x[/]" in text  # as written: brackets cannot form a Markdown link here


def test_export_quotes_without_memos_has_none(memo_project: Path) -> None:
    write_memos(memo_project)
    out = memo_project.parent / "quotes.json"
    run("export", "quotes", str(memo_project), "--out", str(out))
    text = out.read_text(encoding="utf-8")
    assert "Memo" not in text and '"memos": "left out"' in text


def test_export_quotes_memos_follow_the_coder_filter(memo_project: Path) -> None:
    write_memos(memo_project)
    out = memo_project.parent / "quotes.md"
    run("export", "quotes", str(memo_project), "--out", str(out), "--memos", "--coder", "ana")
    text = out.read_text(encoding="utf-8")
    assert "Memo by ana on the coding with contracts" in text
    assert "Memo by ben" not in text


def test_memo_markdown_renders_memo_text_as_typed_never_as_markup(memo_project: Path) -> None:
    from markdown_it import MarkdownIt

    typed = (
        "See [the tender note][1] and [1] &copy; 2024 *really* <b>bold</b>\n\n"
        "    indented like code\n\n"
        "[1]: http://example.org/private\n"
        "# not a heading\n"
        "- not a list"
    )
    run("memo", "add", str(memo_project), "--coder", "ana", typed)
    out = memo_project.parent / "memos.md"
    run("memo", "export", str(memo_project), str(out))
    page = MarkdownIt("commonmark").enable(["table", "strikethrough"]).render(out.read_text())
    for markup in ("<a ", "<pre", "<code", "<em>really", "<b>", "<li", "©", "<h1>not"):
        assert markup not in page, markup
    assert "[1]: [url]" in page and "&amp;copy; 2024" in page
