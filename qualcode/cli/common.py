"""Shared CLI plumbing: opening projects, the coder's name, JSON output and one-line errors."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer
from sqlalchemy.exc import OperationalError, SQLAlchemyError

from qualcode.cli.arguments import CoderOpt, JsonOpt, ProjectArg
from qualcode.cli.output import console, error_console, labelled, warn
from qualcode.errors import QualcodeError
from qualcode.files import is_text, refuse_project_files, same_file, shown
from qualcode.store.db import Project, display, open_project, sqlite_path

# re-exported for the commands
__all__ = ["CoderOpt", "JsonOpt", "ProjectArg", "console", "error_console", "labelled", "warn"]


def default_coder() -> str:
    """The coder's name: $QUALCODE_CODER, else the login name."""
    try:
        fallback = getpass.getuser()
    except (KeyError, OSError):
        fallback = "coder"
    name = os.environ.get("QUALCODE_CODER") or fallback
    if not is_text(name):
        fail(f"the coder name {shown(name)} is not valid UTF-8 text; give --coder NAME")
    return name


def fail(message: str | QualcodeError, code: int = 1) -> NoReturn:
    """Print the error (one line per problem, e.g. each invalid codebook line) and exit."""
    problems = getattr(message, "errors", None) or [str(message)]
    for problem in problems:
        error_console.print(labelled("error", problem), soft_wrap=True)
    raise typer.Exit(code)


@contextmanager
def project_open(target: str) -> Iterator[Project]:
    """Open a project for one command, with store errors turned into one-line messages."""
    try:
        project = open_project(target)
    except QualcodeError as exc:
        fail(exc)
    try:
        yield project
    except QualcodeError as exc:
        fail(exc)
    except OperationalError as exc:
        fail(f"{display(target)}: database error ({_first_line(exc.orig)})")
    except SQLAlchemyError as exc:
        fail(f"{display(target)}: database error ({_first_line(exc)})")
    finally:
        project.close()


def confirm_or_stop(question: str, yes: bool) -> None:
    """Ask before a change; "no", no answer (end of input) or Ctrl-C stops with nothing changed."""
    try:
        go_ahead = yes or typer.confirm(question, default=False)
    except typer.Abort:
        go_ahead = False
    if not go_ahead:
        fail("nothing was changed")


def refuse_project_output(project: str, out: Path, *also: Path | None) -> None:
    """Fail before writing `out` if it is the project file, one of its journals, or `also`."""
    try:
        refuse_project_files(out, [sqlite_path(project)])
        for other in filter(None, also):
            if out.exists() and other.exists() and same_file(out, other):
                raise QualcodeError(f"{shown(out)}: refusing to overwrite {shown(other)}")
    except QualcodeError as exc:
        fail(exc)


def _first_line(value: object) -> str:
    return str(value).strip().splitlines()[0] if str(value).strip() else type(value).__name__


def print_json(value: Any) -> None:
    """Print one JSON value (UTF-8, stable key order as given)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")


def parse_pairs(pairs: list[str], what: str = "--attr") -> dict[str, str]:
    """KEY=VALUE arguments as a dict, refusing malformed ones."""
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            fail(f"{what} {pair!r} is not KEY=VALUE")
        out[key.strip()] = value.strip()
    return out


def parse_where(pairs: list[str]) -> dict[str, list[str]]:
    """--where ATTR=VALUE arguments: a value per attribute name, repeats of a name OR'ed."""
    where: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--where {pair!r} is not ATTR=VALUE")
        where.setdefault(name.strip(), []).append(value.strip())
    return where


def parse_span(span: str) -> tuple[int, int]:
    """A --span START:END argument as two code-point offsets (ASCII digits only)."""
    start, sep, end = span.partition(":")
    if not sep or not all(
        part.strip().isascii() and part.strip().isdigit() for part in (start, end)
    ):
        raise QualcodeError(f"--span {span!r} is not START:END (two whole numbers)")
    if max(len(start.strip()), len(end.strip())) > 18:  # past any text; SQL integers stop there
        raise QualcodeError(f"--span {span}: offsets beyond any document")
    return int(start), int(end)


TemplateOpt = Annotated[
    Path | None,
    typer.Option(
        "--template",
        help="Your own Jinja2 HTML template (may extend base.html; see docs/analysis.md).",
    ),
]
