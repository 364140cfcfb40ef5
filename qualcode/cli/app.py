"""The qualcode command: wires the command groups together and turns errors into one line."""

from __future__ import annotations

import os
import sys

import typer

from qualcode.cli import analysis_cmds, maintenance_cmds, project_cmds, refi_cmds
from qualcode.cli.agree_cmds import agree, assign_app
from qualcode.cli.anonymise_cmds import anonymise_app
from qualcode.cli.audit_cmds import audit_app, merge_app
from qualcode.cli.code_cmds import code_app
from qualcode.cli.codebook_cmds import codebook_app
from qualcode.cli.common import error_console, labelled
from qualcode.cli.demo_cmd import demo
from qualcode.cli.doc_cmds import doc_app
from qualcode.cli.export_cmds import export_app
from qualcode.cli.import_cmds import import_
from qualcode.cli.participants_cmds import participants_app
from qualcode.cli.suggest_cmds import suggest_app
from qualcode.cli.tui_cmd import tui
from qualcode.files import is_text, shown

app = typer.Typer(
    name="qualcode",
    help="Keyboard-first qualitative interview coding, private by construction.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    add_completion=False,
)
app.command("init")(project_cmds.init)
app.command("import")(import_)
app.command("status")(project_cmds.status)
app.command("docs")(project_cmds.docs)
app.command("show")(project_cmds.show)
app.command("search")(project_cmds.search)
app.command("demo")(demo)
app.command("tui")(tui)
app.command("copy")(maintenance_cmds.copy)
app.command("backup")(maintenance_cmds.backup)
app.command("check")(maintenance_cmds.check)
app.command("matrix")(analysis_cmds.matrix)
app.command("summarise")(analysis_cmds.summarise)
app.command("query")(analysis_cmds.query)
app.add_typer(participants_app, name="participants")
app.add_typer(codebook_app, name="codebook")
app.add_typer(code_app, name="code")
app.add_typer(suggest_app, name="suggest")
app.add_typer(export_app, name="export")
app.add_typer(anonymise_app, name="anonymise")
app.add_typer(doc_app, name="doc")
app.command("agree")(agree)
app.add_typer(assign_app, name="assign")
app.add_typer(merge_app, name="merge")
app.add_typer(audit_app, name="audit")
app.command("import-qdpx")(refi_cmds.import_qdpx)
export_app.command("qdpx")(refi_cmds.export_qdpx)
export_app.command("qdc")(refi_cmds.export_qdc)
codebook_app.command("import-qdc")(refi_cmds.import_qdc)


def main() -> None:
    """Entry point of the console script: an unexpected failure is one line, not a traceback."""
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
    except Exception as exc:  # the last line of defence; QUALCODE_DEBUG=1 shows the traceback
        if os.environ.get("QUALCODE_DEBUG"):
            raise
        message = (
            f"unexpected {type(exc).__name__}: {shown(str(exc))} "
            "(nothing more was changed; set QUALCODE_DEBUG=1 for details)"
        )
        error_console.print(labelled("error", message), soft_wrap=True)
        sys.exit(2)
