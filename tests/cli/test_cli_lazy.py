"""The command table behind lazy loading, plain help text, --version and exit statuses."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
import typer.main
from typer.testing import CliRunner

from qualcode import __version__
from qualcode.cli.app import COMMANDS, app
from qualcode.cli.plain_help import value_name

QUALCODE = str(Path(sys.executable).with_name("qualcode"))


def _first_paragraph(text: str | None) -> str:
    return " ".join((text or "").split("\n\n")[0].split())


def _all_commands() -> Iterator[tuple[list[str], Any]]:
    """Every command and group below `qualcode`, loaded, with the words that invoke it."""
    root = typer.main.get_command(app)
    stack: list[tuple[list[str], Any]] = [([], root)]
    while stack:
        words, command = stack.pop()
        yield words, command
        for name in command.list_commands(None) if hasattr(command, "list_commands") else []:
            stack.append(([*words, name], command.get_command(None, name)))


def test_the_table_lists_every_command_with_its_own_help() -> None:
    root = typer.main.get_command(app)
    for name, entry in COMMANDS.items():
        command = root.get_command(None, name)  # type: ignore[attr-defined]
        assert command is not None, name
        assert command.name == name
        assert entry.help == _first_paragraph(command.help), name


def test_an_unknown_command_is_a_usage_error_with_a_suggestion() -> None:
    result = CliRunner().invoke(app, ["stauts"])
    assert result.exit_code == 2
    assert "No such command 'stauts'. Did you mean 'status'?" in result.output


def test_help_is_printed_as_written_for_every_command() -> None:
    # Square brackets in help are text ("instead of [name]"), and no `<bool>` beside flags.
    runner = CliRunner()
    seen = 0
    for words, command in _all_commands():
        result = runner.invoke(app, [*words, "--help"], terminal_width=200)
        assert result.exit_code == 0, (words, result.output)
        output = " ".join(result.output.split())
        assert "\\[" not in output, words
        # Values are named as a command line names them (TEXT, PATH), not as Python types
        # (`<str>`, `<list[Path]>`), and usage lines have no braces round required arguments.
        assert not re.search(r"<[a-z]", output), (words, output)
        assert "{" not in result.output.splitlines()[0], words
        if words:
            assert _first_paragraph(command.help) in output, words
        for param in command.params:
            if getattr(param, "help", None) and not param.hidden:
                assert " ".join(param.help.split()) in output, (words, param.name)
                seen += "[" in param.help
    assert seen >= 3  # --key, --unreviewed, --since hold brackets


def test_help_names_values_and_arguments_plainly() -> None:
    result = CliRunner().invoke(app, ["import", "--help"], terminal_width=200)
    assert result.output.startswith("Usage: qualcode import [OPTIONS] PROJECT FILES...\n")
    assert "--attr TEXT " in result.output and "--participant TEXT " in result.output
    assert "FILES... " in result.output
    result = CliRunner().invoke(app, ["import", "study.qc"])
    assert result.exit_code == 2 and "Missing argument 'FILES...'" in result.output
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 2 and "Missing argument 'PATH'" in result.output
    result = CliRunner().invoke(app, ["export", "quotes", "--help"], terminal_width=200)
    assert "--out PATH " in result.output and "--context INTEGER " in result.output
    result = CliRunner().invoke(app, ["doc", "resolve", "--help"], terminal_width=200)
    assert "[DOC]" in result.output.splitlines()[0], result.output


@pytest.mark.parametrize(
    ("typer_label", "shown"),
    [
        ("<str>", "TEXT"),
        ("<list[str]>", "TEXT"),
        ("<list[Path]>", "PATH"),
        ("<int range>", "INTEGER"),
        ("<md|docx>", "[md|docx]"),
        ("<datetime>", "DATETIME"),
    ],
)
def test_value_names(typer_label: str, shown: str) -> None:
    assert value_name(typer_label) == shown


def test_version() -> None:
    result = CliRunner().invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.output == f"qualcode {__version__}\n"


@pytest.mark.parametrize(
    ("args", "status"),
    [
        (["status"], 2),  # missing argument: usage error
        (["status", "--no-such-option", "x.qc"], 2),
        (["status", "missing.qc"], 1),  # a problem the user can fix
        (["--version"], 0),
    ],
)
def test_exit_statuses_of_the_installed_command(
    tmp_path: Path, args: list[str], status: int
) -> None:
    done = subprocess.run([QUALCODE, *args], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == status, done.stderr
    if status == 1:
        assert done.stderr.startswith("error: ") and done.stderr.count("\n") == 1


@pytest.mark.parametrize("limit", ["abc", "0", "-3", "1e3", "1.5"])
def test_values_the_quick_check_passes_on_are_still_refused(project_file: Path, limit: str) -> None:
    # Plain whole numbers skip Typer's Pydantic check; everything else still meets it.
    result = CliRunner().invoke(app, ["search", str(project_file), "x", "--limit", limit])
    assert result.exit_code == 2
    assert "Invalid value for '--limit'" in result.output


@pytest.mark.parametrize("limit", ["1", "7", " 7"])
def test_values_the_quick_check_passes_are_the_same(project_file: Path, limit: str) -> None:
    result = CliRunner().invoke(app, ["search", str(project_file), "x", "--limit", limit])
    assert result.exit_code == 0, result.output


def test_completing_a_command_name_loads_no_command() -> None:
    script = (
        "import sys\n"
        "sys.argv = ['qualcode']\n"
        "from qualcode.cli.app import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "loaded = sorted(m for m in sys.modules if m.endswith(('_cmds', '_cmd')))\n"
        "print('LOADED', loaded, file=sys.stderr)\n"
    )
    env = {"_QUALCODE_COMPLETE": "complete_bash", "COMP_WORDS": "qualcode co", "COMP_CWORD": "1"}
    done = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        check=True,
    )
    assert done.stdout.split() == ["copy", "codebook", "code"]
    assert done.stderr.strip().endswith("LOADED []")


def test_a_command_registered_the_eager_way_still_runs_and_is_listed() -> None:
    from qualcode.cli.app import QualcodeGroup

    eager = typer.Typer(cls=QualcodeGroup, rich_markup_mode=None)

    @eager.callback()
    def root() -> None:
        """Root."""

    @eager.command("hello")
    def hello() -> None:
        """Say hello [loudly]."""
        print("hello")

    runner = CliRunner()
    listed = runner.invoke(eager, ["--help"], terminal_width=200)
    assert "  hello         Say hello [loudly].\n" in listed.output and "status" in listed.output
    assert runner.invoke(eager, ["hello"]).output == "hello\n"
    assert "Did you mean 'hello'?" in runner.invoke(eager, ["helo"]).output


# Values a command line can give a parameter (Click passes a multiple one as a tuple).
SAMPLES: list[Any] = [
    None, "", "text", "7", "-3", "1e3", True, False, 7, (), ("a",), ("a", "b/c", ""),
    ("x=1", "\udcff"), ("a\x00b",), ["a"], (1,),
]  # fmt: skip


def test_the_quick_check_agrees_with_typers_for_every_parameter() -> None:
    from typer._coercion import build_runtime_param

    from qualcode.cli.lazy import PlainValues

    checked = 0
    for words, command in _all_commands():
        for param in command.params:
            if not isinstance(getattr(param, "_runtime_param", None), PlainValues):
                continue
            typer_check = build_runtime_param(param.type_descriptor)
            for value in SAMPLES:
                quick = param._runtime_param._plain(value, param)
                if quick is _not_plain():
                    continue
                checked += 1
                expected = typer_check.coerce(value, param=param, ctx=None)
                assert (quick, type(quick)) == (expected, type(expected)), (words, param.name)
    assert checked > 100


def _not_plain() -> object:
    from qualcode.cli.lazy import _NOT_PLAIN

    return _NOT_PLAIN


def _stderr_of(script: str) -> str:
    """What a Python process running `script` printed to standard error; it must succeed."""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stderr.strip()


def test_the_console_script_freezes_its_objects_before_python_tears_them_down() -> None:
    # Collecting SQLAlchemy's, Typer's and Rich's objects at exit cost 0.1-0.2 s of CPU after
    # every command. atexit runs its handlers last registered first: this check runs after
    # whatever the console script registered.
    script = (
        "import atexit, gc, sys\n"
        "atexit.register(lambda: print('FROZEN', gc.get_freeze_count() > 0, file=sys.stderr))\n"
        "sys.argv = ['qualcode', '--version']\n"
        "from qualcode.cli.app import main\n"
        "main()\n"
    )
    assert _stderr_of(script) == "FROZEN True"


def test_no_garbage_is_collected_while_a_command_loads(project_file: Path) -> None:
    # Collecting among the objects that loading a command's modules makes found nothing and
    # took a sixth of the CPU of `qualcode status`: the collector waits until the command is
    # loaded, then leaves those objects out (frozen). Each collection notes the freeze count.
    script = (
        "import gc, sys\n"
        f"sys.argv = ['qualcode', 'status', {str(project_file)!r}]\n"
        "from qualcode.cli.app import main\n"
        "seen = []\n"
        "gc.callbacks.append(\n"
        "    lambda phase, _: phase == 'start' and seen.append(gc.get_freeze_count())\n"
        ")\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('BEFORE LOADED', sum(count == 0 for count in seen), file=sys.stderr)\n"
    )
    assert _stderr_of(script).endswith("BEFORE LOADED 0")
