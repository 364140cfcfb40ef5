"""The tui command: open the coding workbench on a project."""

from __future__ import annotations

from typing import Annotated

import typer

from qualcode.cli.common import CoderOpt, ProjectArg, default_coder, project_open
from qualcode.numbering import passage_index


def tui(
    project: ProjectArg,
    coder: CoderOpt = None,
    document: Annotated[
        int | None, typer.Option("--doc", help="Open this document (id) straight away.")
    ] = None,
    passage: Annotated[
        int | None,
        typer.Option("--passage", help="With --doc: start at this passage (numbered from 1)."),
    ] = None,
) -> None:
    """Open the coding workbench: code transcripts keyboard-first; changes save at once."""
    from qualcode.tui.app import QualcodeApp  # Textual loads only for this command

    with project_open(project) as opened:
        index = None if passage is None else passage_index(passage)
        QualcodeApp(opened, coder or default_coder(), document=document, passage=index).run()
