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
    fail,
    labelled,
    print_json,
    project_open,
)
from qualcode.store.check import check_project
from qualcode.store.db import display
from qualcode.store.trail import is_hash
from qualcode.store.transfer import backup_project, copy_project
from qualcode.wording import plural

DestArg = Annotated[
    str, typer.Argument(metavar="DEST", help="New project file or empty database URL.")
]


def copy(source: ProjectArg, dest: DestArg) -> None:
    """Copy a whole project, e.g. from a SQLite file into PostgreSQL (DEST must be new/empty)."""
    with project_open(source) as opened:
        counts = copy_project(opened, dest)
    console.print(
        f"Copied {plural(counts.get('document', 0), 'document')}, "
        f"{plural(counts.get('coding', 0), 'coding')} and "
        f"{plural(sum(counts.values()), 'row')} in all to {display(dest)}."
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


SinceHashOpt = Annotated[
    str | None,
    typer.Option(
        "--since-hash",
        metavar="HASH",
        help="A head hash written down earlier: prove the trail up to it is unaltered.",
    ),
]


def check(project: ProjectArg, as_json: JsonOpt = False, since_hash: SinceHashOpt = None) -> None:
    """Check integrity: database health, schema version, passages and codings inside the text,
    and the audit trail (every event's hash and link, its append-only guards)."""
    if since_hash is not None and not is_hash(since_hash.strip().lower()):
        fail("--since-hash must be a head hash as check prints it (64 hexadecimal digits)")
    wanted = since_hash.strip().lower() if since_hash else None
    with project_open(project) as opened:
        report = check_project(opened, since_hash=wanted)
    trail = report.trail
    if as_json:
        print_json(
            {
                "ok": report.ok,
                "schema": report.schema,
                "checked": report.checked,
                "audit": {
                    "events": trail.events,
                    "head_event": trail.head_event,
                    "head_hash": trail.head,
                    "since_event": trail.since_event,
                },
                "problems": report.problems,
            }
        )
    else:
        table = Table(title=f"Check of {display(project)}", title_justify="left", show_header=False)
        table.add_row("Schema", report.schema)
        for what, count in report.checked.items():
            table.add_row(what.capitalize(), str(count))
        table.add_row("Audit head", f"{trail.head} (event {trail.head_event})")
        if trail.since_event is not None:
            table.add_row("Hash written down", f"event {trail.since_event}")
        console.print(table)
        for problem in report.problems:
            error_console.print(labelled("problem", problem), soft_wrap=True)
        console.print(
            "No problems found." if report.ok else f"{plural(len(report.problems), 'problem')}."
        )
    if not report.ok:
        raise typer.Exit(1)
