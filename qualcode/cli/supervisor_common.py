"""Pieces shared by the supervisor's commands (agree, assign, merge, audit): the `assign` and
`merge` groups run a default subcommand when their first argument names none (`qualcode assign
PROJECT ...` is `qualcode assign add PROJECT ...`), which is what `DefaultCommandGroup` does, and
the `--coders`, `--doc` and `--into` options mean the same in every supervisor command, so they
are declared once here, with `coder_names` to split a `--coders` list.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup


class DefaultCommandGroup(TyperGroup):
    """A group that runs `default_command` when its first argument names no subcommand."""

    default_command = ""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ctx.help_option_names:
            args = [self.default_command, *args]
        return super().parse_args(ctx, args)


CodersOpt = Annotated[str, typer.Option("--coders", help="Coders, comma-separated: A,B[,C].")]
DocsOpt = Annotated[list[str], typer.Option("--doc", help="Document id, title or file name.")]
DocOpt = Annotated[str, typer.Option("--doc", help="Document id, title or file name.")]
IntoOpt = Annotated[str, typer.Option("--into", help="The consensus coder's name.")]


def coder_names(value: str) -> list[str]:
    """The names in a comma-separated --coders value, blanks dropped."""
    return [name.strip() for name in value.split(",") if name.strip()]
