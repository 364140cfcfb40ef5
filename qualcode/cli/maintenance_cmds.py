"""Maintenance commands: copy a project between databases, back it up, check its integrity."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from qualcode.cli.common import (
    JsonOpt,
    ProjectArg,
    console,
    error_console,
    print_json,
    project_open,
)
from qualcode.store.check import check_project
from qualcode.store.db import display
from qualcode.store.transfer import backup_project, copy_project

DestArg = Annotated[
    str, typer.Argument(metavar="DEST", help="New project file or empty database URL.")
]


def copy(source: ProjectArg, dest: DestArg) -> None:
    """Copy a whole project, e.g. from a SQLite file into PostgreSQL (DEST must be new/empty)."""
    with project_open(source) as opened:
        counts = copy_project(opened, dest)
    console.print(
        f"Copied {counts.get('document', 0)} documents, {counts.get('coding', 0)} codings and "
        f"{sum(counts.values())} rows in all to {display(dest)}."
    )


def backup(
    project: ProjectArg,
    dest: Annotated[
        str, typer.Argument(metavar="DEST", help="Backup file (.qc; .sql for pg_dump).")
    ],
) -> None:
    """Back a project up while it is in use (SQLite online backup, or pg_dump / a copy)."""
    with project_open(project) as opened:
        how = backup_project(opened, dest)
    console.print(f"Backed up {display(project)} to {display(dest)} ({how}).")


def check(project: ProjectArg, as_json: JsonOpt = False) -> None:
    """Check integrity: database health, schema version, passages and codings inside the text."""
    with project_open(project) as opened:
        report = check_project(opened)
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "schema": report.schema,
                "checked": report.checked,
                "problems": report.problems,
            }
        )
    else:
        table = Table(title=f"Check of {display(project)}", title_justify="left", show_header=False)
        table.add_row("Schema", report.schema)
        for what, count in report.checked.items():
            table.add_row(what.capitalize(), str(count))
        console.print(table)
        for problem in report.problems:
            error_console.print(f"[bold red]problem:[/] {problem}", soft_wrap=True)
        console.print("No problems found." if report.ok else f"{len(report.problems)} problems.")
    if not report.ok:
        raise typer.Exit(1)
