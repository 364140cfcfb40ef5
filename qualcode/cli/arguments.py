"""Arguments and options shared by commands, with no import beyond Typer's."""

from __future__ import annotations

from typing import Annotated

import typer

ProjectArg = Annotated[
    str,
    typer.Argument(
        metavar="PROJECT",
        envvar="QUALCODE_DATABASE_URL",
        show_envvar=True,
        help="Project file (e.g. study.qc) or database URL (postgresql+psycopg://user@host/db).",
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print one JSON value instead of a table.")]
CoderOpt = Annotated[
    str | None,
    typer.Option("--coder", help="Who is working: default $QUALCODE_CODER, else the login name."),
]
