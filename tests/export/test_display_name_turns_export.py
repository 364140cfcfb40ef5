"""A participant whose label is a directory name, a lower-case display name or a name alone on
its line: their answers reach the quote export (not left out as the interviewer's), and no
name does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from qualcode.cli.app import app

QUESTIONS = ["How does the money reach you?", "And the prison work?"]
ANSWERS = ["Mostly subcontracts from the prime provider.", "Two groups a week, when allowed."]


def _docx(paragraphs: list[str]) -> bytes:
    import io

    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _turns(interviewer: str, participant: str, form: str) -> list[str]:
    out: list[str] = []
    for n, (question, answer) in enumerate(zip(QUESTIONS, ANSWERS, strict=True)):
        for who, words, second in (
            (interviewer, question, 60 * n),
            (participant, answer, 60 * n + 30),
        ):
            if form == "colon":
                out += [f"{who}: {words}", ""]
            elif form == "timed":
                out += [f"{who}   {second // 60}:{second % 60:02d}", words]
            else:
                out += [who, words, ""]
    return out


FILES = {
    "interview.txt": ("Lukas Brandt", "Achterberg, Yvonne", "colon"),
    "teams.docx": ("lukas brandt", "ana pereira", "timed"),
    "otter.txt": ("Lukas Brandt", "Thandiwe Mokoena", "alone"),
}


@pytest.mark.parametrize("name", list(FILES))
def test_the_participants_answers_are_quoted_without_names(tmp_path: Path, name: str) -> None:
    interviewer, participant, form = FILES[name]
    lines = _turns(interviewer, participant, form)
    path = tmp_path / name
    if name.endswith(".docx"):
        path.write_bytes(_docx(lines))
    else:
        path.write_text("\n".join(lines), encoding="utf-8")
    project, out = str(tmp_path / "study.qc"), tmp_path / "quotes.md"
    runner = CliRunner()
    steps = [
        ["init", project],
        ["import", project, str(path), "--speakers", f"{interviewer}=Interviewer"],
    ]
    code = ["--code", "funding-dependence", "--coder", "ana"]
    steps += [
        ["code", "add", project, "--doc", "1", "--passage", str(n), *code] for n in (1, 2, 3, 4)
    ]
    steps.append(["export", "quotes", project, "--out", str(out)])
    for args in steps:
        result = runner.invoke(app, args)
        assert result.exit_code == 0, (args, result.output)
    quotes = out.read_text(encoding="utf-8")
    assert [a for a in ANSWERS if a not in quotes] == []
    assert [q for q in QUESTIONS if q in quotes] == []  # the interviewer's, left out
    for word in {*interviewer.split(), *participant.replace(",", "").split()}:
        assert not re.search(rf"\b{word}\b", quotes, re.IGNORECASE), word
