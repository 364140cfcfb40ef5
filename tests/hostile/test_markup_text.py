"""User text that looks like Rich markup, emoji codes or format strings is printed verbatim."""

from __future__ import annotations

import json
import tempfile
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from qualcode.cli import app as app_module
from qualcode.cli import common
from qualcode.cli.app import app
from qualcode.export.policy import ExportRedactor
from qualcode.store.db import open_project
from qualcode.tables.columns import is_private_attribute

TRICKY = ["[", "]", "[/x]", "[/]", "[laughs]", "[inaudible]", "[link=http://x]", "[bold]",
          ":b:", ":smile:", "%s", "{0}", "{}", "\\", "\\[", "[/x]\\", "@@", "™"]  # fmt: skip
# One line of printable text: letters, digits, punctuation, symbols and plain spaces (Rich drops
# control characters and expands tabs, which is layout, not markup).
CHARS = st.characters(codec="utf-8", categories=("L", "N", "P", "S"))
piece = st.one_of(st.sampled_from(TRICKY), st.text(CHARS, min_size=1, max_size=5), st.just(" "))


def one_line(forbidden: str = "") -> st.SearchStrategy[str]:
    """A trimmed one-line value holding markup-like pieces, not starting with an option dash."""
    return (
        st.lists(piece, min_size=1, max_size=6)
        .map(lambda parts: " ".join("".join(parts).split()))
        .filter(lambda v: bool(v) and not v.startswith("-") and not set(forbidden) & set(v))
    )


def many_lines() -> st.SearchStrategy[str]:
    return st.lists(one_line(), min_size=1, max_size=3).map("\n".join)


def exported(project: Path, *values: str) -> list[str]:
    """The values as exports and `agree` show them."""
    with open_project(str(project)) as opened, opened.read() as session:
        policy = ExportRedactor.for_project(session)
        return [policy.redact(v) for v in values]


def run(runner: CliRunner, *args: object) -> tuple[str, str]:
    result = runner.invoke(app, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        args,
        repr(result.exception),
    )
    assert result.exit_code == 0, (args, result.stdout, result.stderr)
    return result.stdout, result.stderr


@pytest.fixture(autouse=True)
def wide_console(monkeypatch: pytest.MonkeyPatch) -> None:
    """Wide enough that no table wraps a value, so each must appear in one piece."""
    # `_width` rather than `width`: setting `width` would pin the width after the test too.
    for console in (common.console, common.error_console):
        monkeypatch.setattr(console, "_width", 400)


HOSTILE = "[/x] [laughs] :b: [link=http://x]y[/link] %s {0} \\[inaudible]\\"


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@example(
    text=HOSTILE,
    title="[laughs] [bold]x :b: {0} %s [link=http:]y \\",
    coder=HOSTILE,
    label=HOSTILE,
    attr_key="[/x] :smile: [bold]",
    attr_value=HOSTILE,
    code_name=HOSTILE,
    memo=HOSTILE,
    description=f"{HOSTILE}\n[/x] :smile: [inaudible]",
)
@given(
    text=one_line(),
    title=one_line("/").filter(lambda v: not v.startswith(".") and len(v.encode()) < 200),
    coder=one_line(","),
    label=one_line(),
    # A key naming a contact ("email", "phone"...) makes the value a private identifier.
    attr_key=one_line("=").filter(lambda k: not is_private_attribute(k)),
    attr_value=one_line(),
    code_name=one_line(),
    memo=one_line(),
    description=many_lines(),
)
def test_reports_print_user_text_verbatim(
    text: str,
    title: str,
    coder: str,
    label: str,
    attr_key: str,
    attr_value: str,
    code_name: str,
    memo: str,
    description: str,
) -> None:
    runner = CliRunner()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / "study.qc"
        source = Path(folder) / f"{title}.txt"
        source.write_text(
            "Interviewer: What happened?\n\n"
            f"Answer: zebrafish {text} swam past the pier again (laughs)\n\n"
            "Interviewer: And then?\n\nAnswer: zebrafish again.\n",
            encoding="utf-8",
        )
        run(runner, "init", project)
        run(runner, "import", project, source, "--participant", label,
            "--attr", f"{attr_key}={attr_value}")  # fmt: skip
        run(runner, "codebook", "add", project, "odd-code", code_name,
            "--description", description, "--coder", coder)  # fmt: skip
        run(runner, "code", "add", project, "--doc", "1", "--passage", "2", "--code", "odd-code",
            "--coder", coder, "--memo", memo)  # fmt: skip
        run(runner, "code", "add", project, "--doc", "1", "--passage", "4", "--code", "odd-code",
            "--coder", "ana")  # fmt: skip
        pair = f"{coder},ana"
        run(runner, "assign", "add", project, "--doc", "1", "--coders", pair, "--coder", coder)

        document = json.loads(run(runner, "docs", project, "--json")[0])[0]
        passage = json.loads(run(runner, "show", project, "1", "--json")[0])["passages"][1]
        assert document["document"]["title"] == title
        assert document["participant"] == label
        assert document["attributes"] == {attr_key: attr_value}
        assert unicodedata.normalize("NFC", text) in passage["text"]  # import stores text NFC

        pending = ("merge", "pending", project, "--doc", "1", "--coders", pair)
        shown = {
            "status": run(runner, "status", project)[0],
            "docs": run(runner, "docs", project)[0],
            "show": run(runner, "show", project, "1")[0],
            "search": run(runner, "search", project, "zebrafish")[0],
            "code list": run(runner, "code", "list", project)[0],
            "codebook show": run(runner, "codebook", "show", project)[0],
            "agree": run(runner, "agree", project, "--coders", pair)[0],
            "audit log": run(runner, "audit", "log", project)[0],
            "assign list": run(runner, "assign", "list", project)[0],
            "merge pending": run(runner, *pending)[0],
            "doc history": run(runner, "doc", "history", project, "1")[0],
            "anonymise check": run(runner, "anonymise", "check", project)[0],
            "suggest queue": run(runner, "suggest", "queue", project, "--coder", "ana")[0],
            "suggest status": run(runner, "suggest", "status", project)[0],
        }
        expected = {
            "status": [coder],
            "docs": [title, label, f"{attr_key}: {attr_value}"],
            "show": [title, passage["text"], f"odd-code ({coder})"],
            "search": [title, passage["text"]],
            "code list": [title, coder, passage["text"]],
            "codebook show": [code_name, *description.splitlines()],
            # agree shows what exports show (issue 13): the passage, label and code name
            # redacted (a URL in them becomes [url]), then printed as literal text.
            "agree": [coder, *exported(project, label, code_name, passage["text"])],
            "audit log": [coder],
            "assign list": [label, f"{coder}, ana"],  # the participant stands for the document
            "merge pending": [coder, passage["text"]],
            "doc history": [title],
            "suggest queue": [title],
        }
        # The value as a search query: results that quote it, or one line of error.
        searched = runner.invoke(app, ["search", str(project), text])
        if searched.exit_code == 0:
            assert repr(text) in searched.stdout
        else:
            assert searched.exit_code == 1, repr(searched.exception)
            assert searched.stderr.startswith("error: ") and searched.stderr.count("\n") == 1
        for command, values in expected.items():
            for value in values:
                assert value in shown[command], (command, value, shown[command])


@pytest.mark.parametrize("value", ["[/x]", "[bold]x", ":smile: [laughs]", "%s {0} \\"])
def test_errors_name_the_value_verbatim(runner: CliRunner, project_file: Path, value: str) -> None:
    result = runner.invoke(app, ["show", str(project_file), value])
    assert result.exit_code == 1, repr(result.exception)
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("error: ")
    assert value in result.stderr


def test_the_last_resort_handler_prints_the_error_verbatim(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], project_file: Path
) -> None:
    # An unexpected failure is a bug, so one is made: opening the project raises.
    def broken(target: str) -> None:
        raise RuntimeError(f"{target} [/x] :smile: [laughs]")

    monkeypatch.setattr(common, "open_project", broken)
    monkeypatch.setattr("sys.argv", ["qualcode", "status", str(project_file)])
    with pytest.raises(SystemExit) as exit_info:
        app_module.main()
    assert exit_info.value.code == 70  # EX_SOFTWARE: a bug, not a usage error (2)
    err = capsys.readouterr().err
    assert f"error: unexpected RuntimeError: {project_file} [/x] :smile: [laughs]" in err


def test_control_characters_in_names_never_reach_the_terminal(
    runner: CliRunner, project_file: Path, transcript: Path
) -> None:
    # A coder's name from a codings CSV or --coder may hold an escape sequence (here a hidden
    # hyperlink and a colour change): it is shown as symbols, not obeyed by the terminal.
    coder = "ana\x1b]8;;http://x\x1b\\ link\x1b[31m red\x9b"
    run(runner, "import", project_file, transcript)
    run(runner, "code", "add", project_file, "--doc", "1", "--passage", "2",
        "--code", "volunteers", "--coder", coder)  # fmt: skip
    for args in (("code", "list", project_file), ("status", project_file)):
        out = run(runner, *args)[0]
        assert "\x1b" not in out and "\x9b" not in out
        assert "ana␛]8;;http://x␛\\ link␛[31m red\ufffd" in out
