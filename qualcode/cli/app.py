"""The qualcode command: a table of lazily loaded commands, and errors turned into one line."""

from __future__ import annotations

import atexit
import gc
import os
import sys
from typing import Annotated

import typer

from qualcode import __version__
from qualcode.cli.lazy import LazyCommand, LazyGroup, pause_collection
from qualcode.cli.output import console, error_console, labelled
from qualcode.errors import QualcodeError
from qualcode.files import is_text, shown

# Exit statuses: 0 done, 1 a problem the user can fix (`error: …`), 2 a command line Click
# could not parse, 70 (EX_SOFTWARE) a failure nobody foresaw, i.e. a bug in qualcode.
UNEXPECTED_FAILURE = 70

# Each command's module loads only when that command runs; the help line is the first
# paragraph of the command's docstring or group help (tests/cli/test_cli_lazy.py checks it).
# A new command or group: one entry here, ".module:function" or ".module:typer_app"; its
# module imports heavy libraries (spaCy, numpy, docx...) inside the functions that use them.
COMMANDS: dict[str, LazyCommand] = {
    "init": LazyCommand(
        ".project_cmds:init",
        "Create a new project, with the default codebook unless another is given.",
    ),
    "import": LazyCommand(
        ".import_cmds:import_",
        "Import interview notes (.txt .md .docx .odt .pdf .rtf .vtt .srt), a REFI-QDA .qdpx, "
        "or another qualcode project (.qc or a database URL) to combine with this one.",
    ),
    "status": LazyCommand(
        ".project_cmds:status",
        "Documents, passages, coded share, and counts per coder and per code.",
    ),
    "docs": LazyCommand(
        ".project_cmds:docs",
        "List documents with participant label and public attributes.",
    ),
    "show": LazyCommand(
        ".project_cmds:show",
        "A document's passages with index, offsets, speaker, text and codings.",
    ),
    "search": LazyCommand(".project_cmds:search", "Full-text search over passages."),
    "demo": LazyCommand(
        ".demo_cmd:demo",
        "Build the demo project: codebook, transcripts, participants and two coders' codings.",
    ),
    "tui": LazyCommand(
        ".tui_cmd:tui",
        "Open the coding workbench: code transcripts keyboard-first; changes save at once.",
    ),
    "copy": LazyCommand(
        ".maintenance_cmds:copy",
        "Copy a whole project, e.g. from a SQLite file into PostgreSQL (DEST must be new/empty).",
    ),
    "backup": LazyCommand(
        ".maintenance_cmds:backup",
        "Back a project up while it is in use (SQLite online backup, or pg_dump / a copy).",
    ),
    "check": LazyCommand(
        ".maintenance_cmds:check",
        "Check integrity: database health, schema version, passages and codings inside "
        "the text, and the audit trail (every event's hash and link, its append-only "
        "guards).",
    ),
    "agree": LazyCommand(
        ".agree_cmds:agree",
        "Inter-coder agreement per code (n, %, kappa, alpha, band) and the disagreements "
        "behind it; passages, codes and labels redacted as in exports.",
    ),
    "import-qdpx": LazyCommand(
        ".refi_cmds:import_qdpx",
        "Import a REFI-QDA .qdpx (from NVivo, ATLAS.ti, MAXQDA, QualCoder...) as a new project.",
    ),
    "participants": LazyCommand(
        ".participants_cmds:participants_app",
        "The participant sheet: labels, identifiers, attributes.",
    ),
    "codebook": LazyCommand(".codebook_cmds:codebook_app", "Show and edit the project's codebook."),
    "code": LazyCommand(".code_cmds:code_app", "Apply, remove, list, import and export codings."),
    "suggest": LazyCommand(
        ".suggest_cmds:suggest_app",
        "Code suggestions: train, run, evaluate, review queue.",
    ),
    "export": LazyCommand(
        ".export_cmds:export_app",
        "Export quote sets for reports (always anonymised) and REFI-QDA files for other tools.",
    ),
    "anonymise": LazyCommand(
        ".anonymise_cmds:anonymise_app",
        "Check, register and dismiss identifiers; pseudonym keys.",
    ),
    "doc": LazyCommand(
        ".doc_cmds:doc_app",
        "Correct a document after coding: edit its text, versions, orphans, speakers.",
    ),
    "assign": LazyCommand(
        ".agree_cmds:assign_app",
        "Assign documents to coders for independent (blind) coding: add (default), list, close.",
    ),
    "merge": LazyCommand(
        ".audit_cmds:merge_app",
        "Merge coders' codings into a consensus coder: apply (default), pending, resolve.",
    ),
    "audit": LazyCommand(".audit_cmds:audit_app", "The audit trail and the supervisor's report."),
    "matrix": LazyCommand(
        ".analysis_cmds:matrix",
        "Participants (or documents, attribute values, codes) by themes: passages, codings, the "
        "cell's summary and its anonymised quotes.",
    ),
    "summarise": LazyCommand(
        ".analysis_cmds:summarise",
        "Write the summary of one framework matrix cell (row by code), shown by `matrix`.",
    ),
    "memo": LazyCommand(
        ".memo_cmds:memo_app",
        "Memos on the project, a participant, document, code, framework cell, passage or coding.",
    ),
    "query": LazyCommand(
        ".analysis_cmds:query",
        "Passages whose codes match an expression (a code counts with its sub-codes; NEAR/N: "
        "both sides within N passages in one document), anonymised as quotes are.",
    ),
    "words": LazyCommand(
        ".words_cmds:words",
        "The most frequent words (lemmas, no stop words) in participants' anonymised words.",
    ),
    "kwic": LazyCommand(
        ".words_cmds:kwic",
        "Keyword in context: each use of a word in participants' anonymised words, lined up.",
    ),
}


class QualcodeGroup(LazyGroup):
    """The top-level `qualcode` group over `COMMANDS`."""

    table = COMMANDS


app = typer.Typer(
    name="qualcode",
    cls=QualcodeGroup,
    help="Keyboard-first qualitative interview coding, private by construction.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # help is printed as written: `[name]` stays `[name]`
)


def _print_version(value: bool) -> None:
    if value:
        console.print(f"qualcode {__version__}")
        raise typer.Exit()


@app.callback()
def qualcode(
    version: Annotated[
        bool,
        typer.Option(
            "--version", is_eager=True, callback=_print_version, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Keyboard-first qualitative interview coding, private by construction."""


def main() -> None:
    """Entry point of the console script: an unexpected failure is one line, not a traceback."""
    # At exit, Python's collector passes over the tens of thousands of objects SQLAlchemy,
    # Typer and Rich made while the modules are torn down: 0.1-0.2 s of CPU after every
    # command. Frozen (the last thing before the teardown), they are freed as their counts
    # drop and only cycles are left to the OS, which reclaims the whole process anyway.
    atexit.register(gc.freeze)
    pause_collection()
    for position, argument in enumerate(sys.argv[1:], start=1):
        if not is_text(argument):  # bytes the OS could not decode: refuse before any use
            error_console.print(
                f"error: argument {position} ({shown(argument)}) is not valid UTF-8 text; "
                "rename the file or give another name",
                markup=False,
                soft_wrap=True,
            )
            sys.exit(1)
    try:
        app()
    except QualcodeError as exc:  # a user's error a command let through: still one line
        error_console.print(labelled("error", exc), soft_wrap=True)
        sys.exit(1)
    except Exception as exc:  # the last line of defence; QUALCODE_DEBUG=1 shows the traceback
        if os.environ.get("QUALCODE_DEBUG"):
            raise
        message = (
            f"unexpected {type(exc).__name__}: {shown(str(exc))} "
            "(nothing more was changed; set QUALCODE_DEBUG=1 for details)"
        )
        error_console.print(labelled("error", message), soft_wrap=True)
        sys.exit(UNEXPECTED_FAILURE)
