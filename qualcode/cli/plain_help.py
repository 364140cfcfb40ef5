"""Help that names values as a command line does (`--attr TEXT`), not as Python types."""

from __future__ import annotations

from typing import Any

from typer.core import TyperArgument, TyperOption

# What Typer calls a value (inside its `<…>`) and the name a user reads instead.
_NAMES = {
    "str": "TEXT",
    "int": "INTEGER",
    "int range": "INTEGER",
    "float": "NUMBER",
    "float range": "NUMBER",
    "bool": "BOOLEAN",
    "path": "PATH",
    "Path": "PATH",
    "file": "FILE",
    "directory": "DIRECTORY",
}


def value_name(typer_label: str) -> str:
    """`TEXT` for Typer's `<str>`, `TEXT` for `<list[str]>` (the option repeats),
    `[md|docx]` for a choice, anything else in capitals without the brackets."""
    label = typer_label.removeprefix("<").removesuffix(">")
    if label.startswith("list[") and label.endswith("]"):
        label = label[len("list[") : -1]
    if "|" in label:
        return f"[{label}]"
    return _NAMES.get(label, label.upper())


class PlainOption(TyperOption):
    """An option whose help reads `--out PATH`: its metavar, else the value's plain name."""

    def display_type_rich(self, ctx: Any) -> str | None:
        if self.metavar is not None:
            return self.metavar
        shown = value_name(self.display_type(ctx))
        return f"{shown}..." if self.nargs != 1 else shown


class PlainArgument(TyperArgument):
    """An argument shown by its name alone (`PROJECT`, `FILES...`, `[DOC]`): the name says
    what it is, and usage lines do without Typer's braces around required ones."""

    def display_type_rich(self, ctx: Any) -> str | None:
        return None

    def _rich_display_name(self) -> str:
        return self._named()

    def get_error_hint(self, *_: Any) -> str:
        return f"'{self._named()}'"  # "Missing argument 'PATH'", as the usage line names it

    def _usage_display_name(self) -> str:
        name = self._named()
        return name if self.required or name.startswith("[") else f"[{name}]"

    def _named(self) -> str:
        name = self.metavar or (self.name or "").upper()
        return f"{name}..." if self.nargs != 1 and not name.endswith("...") else name


def plain_help(command: Any) -> None:
    """Give `command`'s parameters (and its subcommands') plain help, where they are
    Typer's own kinds (a subclass is left alone)."""
    for param in command.params:
        if type(param) is TyperOption:
            param.__class__ = PlainOption
        elif type(param) is TyperArgument:
            param.__class__ = PlainArgument
    for sub in getattr(command, "commands", {}).values():
        plain_help(sub)
