"""The demo command: build a ready-to-explore project from the bundled study material."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcode.cli.common import console, default_coder, error_console, fail, labelled
from qualcode.demo import DEMO_TRANSCRIPTS, build_demo
from qualcode.errors import QualcodeError
from qualcode.store.db import remove_sqlite_files
from qualcode.wording import plural


def demo(
    path: Annotated[Path, typer.Argument(help="Where to create the demo project, e.g. demo.qc.")],
    source: Annotated[
        Path, typer.Option("--from", help="Folder of transcripts, participants*.csv, codings*.csv.")
    ] = DEMO_TRANSCRIPTS,
    replace: Annotated[bool, typer.Option(help="Replace an existing file at PATH.")] = False,
    train: Annotated[
        bool, typer.Option(help="Train the suggester on the demo codings (about a minute).")
    ] = True,
) -> None:
    """Build the demo project: codebook, transcripts, participants and two coders' codings."""
    if path.exists():
        if not replace:
            fail(f"{path}: already exists (use --replace to rebuild it)")
        remove_sqlite_files(path)
    try:
        summary = build_demo(str(path), source, coder=default_coder(), train=train)
    except QualcodeError as exc:
        fail(exc)
    for message in summary.failed:
        error_console.print(labelled("error", message), soft_wrap=True)
    console.print(
        f"Demo project {path}: {plural(summary.documents, 'document')}, "
        f"{plural(summary.participants, 'participant')}, {plural(summary.codings, 'coding')}"
        + (f"; {summary.trained}." if summary.trained else ".")
    )
