"""A command group that imports a command's module only when that command runs."""

from __future__ import annotations

import gc
import importlib
import re
from dataclasses import dataclass
from difflib import get_close_matches
from typing import Any, ClassVar, get_args

import typer
import typer.main
from typer._click.shell_completion import CompletionItem
from typer.core import TyperGroup

from qualcode.cli.plain_help import plain_help


@dataclass(frozen=True)
class LazyCommand:
    """Where a command lives (".module:attribute" in qualcode.cli: a function or a Typer group)
    and the line `qualcode --help` shows for it, so that listing commands imports none."""

    target: str
    help: str


class LazyGroup(TyperGroup):
    """A Typer group over a static table of lazy commands (see `LazyCommand`).

    `qualcode status` imports the module behind `status` and nothing else; `--help` and shell
    completion of command names read the table. The table is set on a subclass.
    """

    table: ClassVar[dict[str, LazyCommand]] = {}

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        _check_plain_values_plainly(self, subcommands=False)  # --version, --install-completion
        return super().parse_args(ctx, args)

    def help_lines(self) -> dict[str, str]:
        """Each command's help line: the table's, then any command registered the eager way
        (`app.command(...)`, `app.add_typer(...)`), which works but loads its module."""
        lines = {name: entry.help for name, entry in self.table.items()}
        for name, command in self.commands.items():
            lines.setdefault(name, command.get_short_help_str(limit=200))
        return lines

    def list_commands(self, ctx: Any) -> list[str]:
        return list(self.help_lines())

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        if cmd_name not in self.commands and cmd_name in self.table:
            self.commands[cmd_name] = load_command(cmd_name, self.table[cmd_name].target)
        return self.commands.get(cmd_name)

    def format_commands(self, ctx: Any, formatter: Any) -> None:
        with formatter.section("Commands"):
            formatter.write_dl(list(self.help_lines().items()))

    def shell_complete(self, ctx: Any, incomplete: str) -> list[Any]:
        names = [
            CompletionItem(name, help=line)
            for name, line in self.help_lines().items()
            if name.startswith(incomplete)
        ]
        # The group's own options (--help, --version) are completed as a plain command's are;
        # TyperGroup's own completion would load every command to read its help.
        return names + super(TyperGroup, self).shell_complete(ctx, incomplete)

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name = args[0]
        known = self.help_lines()
        if name in known or name.startswith("-") or ctx.resilient_parsing:
            resolved = super().resolve_command(ctx, args)
            resume_collection()  # the command's modules are loaded
            return resolved
        # Typer would suggest only among commands already loaded: suggest from them all.
        matches = get_close_matches(name, list(known))
        hint = f" Did you mean {', '.join(map(repr, matches))}?" if matches else ""
        ctx.fail(f"No such command {name!r}.{hint}")


class _Collection:
    paused = False


def pause_collection() -> None:
    """Collect no garbage until a command is loaded (see `resume_collection`): loading its
    modules makes tens of thousands of objects that last, and collecting among them found
    nothing while it took a sixth of the CPU of `qualcode status`."""
    if gc.isenabled():
        gc.disable()
        _Collection.paused = True


def resume_collection() -> None:
    """Collect garbage again, leaving out (frozen) the objects loading made."""
    if _Collection.paused:
        _Collection.paused = False
        gc.freeze()
        gc.enable()


def load_command(name: str, target: str) -> Any:
    """The Click command for `target` (see `LazyCommand`), named `name`, help as plain text."""
    module_name, _, attribute = target.partition(":")
    value = getattr(importlib.import_module(module_name, "qualcode.cli"), attribute)
    # A throwaway parent turns the function or Typer group into a Click command exactly as
    # `add_typer`/`command` would, with help printed as written (no Rich markup).
    holder = typer.Typer(rich_markup_mode=None)
    if isinstance(value, typer.Typer):
        holder.add_typer(value, name=name)
    else:
        holder.command(name)(value)
    command = typer.main.get_group(holder).commands[name]
    _check_plain_values_plainly(command)
    plain_help(command)
    return command


_WHOLE_NUMBER = re.compile(r"-?[0-9]{1,18}")


class PlainValues:
    """A parameter's value check that passes plain values straight through.

    Typer checks every value with a Pydantic TypeAdapter; importing Pydantic and building the
    adapters is a fifth of the start-up of `qualcode status`. Values that come out of that check
    unchanged or as a plain conversion are returned at once: text for a `str`, ASCII digits
    within bounds for an `int`, a flag's True or False for a `bool`, and text items for a
    `list[str]` or `list[Path]` (a list of them, as Typer gives). Anything else (choices, files,
    bad or out-of-range numbers) goes to Typer's own check, which gives the same value or the
    same error as before.
    """

    def __init__(self, descriptor: Any) -> None:
        self.descriptor = descriptor
        self._typer: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        plain = self._plain(value, param)
        if plain is not _NOT_PLAIN:
            return plain
        if self._typer is None:
            from typer._coercion import build_runtime_param  # Pydantic loads here

            self._typer = build_runtime_param(self.descriptor)
        return self._typer.coerce(value, param=param, ctx=ctx)

    def _plain(self, value: Any, param: Any) -> Any:
        descriptor, info = self.descriptor, self.descriptor.parameter_info
        if descriptor.is_choice or descriptor.file_annotation is not None:
            return _NOT_PLAIN
        if param.multiple or param.nargs != 1:
            return _plain_items(descriptor, value)
        if descriptor.is_path:
            return _plain_path(descriptor, value)
        annotation = descriptor.annotation
        if value is None:
            return None
        if annotation is str and type(value) is str:
            return value
        if annotation is bool and type(value) is bool:
            return value
        if annotation is int:
            number = value if type(value) is int else None
            if type(value) is str and _WHOLE_NUMBER.fullmatch(value):
                number = int(value)
            low, high = info.min, info.max
            if (
                number is not None
                and (low is None or number >= low)
                and (high is None or number <= high)
            ):
                return number
        return _NOT_PLAIN


_NOT_PLAIN = object()


def _plain_items(descriptor: Any, value: Any) -> Any:
    """A `list[str]` or `list[Path]` parameter's text items as Typer gives them: a list of
    them (an empty tuple for no value); a NUL in a path is left to Typer's check to refuse."""
    from pathlib import Path

    info = descriptor.parameter_info
    converted = info.parser or info.path_type or info.resolve_path
    if not descriptor.is_list or descriptor.is_path or converted or info.exists or info.allow_dash:
        return _NOT_PLAIN
    [item_type] = get_args(descriptor.annotation) or [None]
    if item_type not in (str, Path):
        return _NOT_PLAIN
    if value is None:
        return ()
    if type(value) not in (tuple, list) or any(type(item) is not str for item in value):
        return _NOT_PLAIN
    if item_type is str:
        return list(value)
    if any("\x00" in item for item in value):
        return _NOT_PLAIN
    return [Path(item) for item in value]


def _plain_path(descriptor: Any, value: Any) -> Any:
    """A `Path` parameter's text as Typer gives it, when Typer would only make it a Path: no
    conversion, and nothing to check unless it names a file that is there (an `--out` file
    being written, a project): one it may not read goes to Typer, to be refused."""
    import os
    from pathlib import Path

    info = descriptor.parameter_info
    converted = info.parser or info.path_type or info.resolve_path
    checked = info.exists or info.allow_dash or info.writable
    if descriptor.annotation is not Path or converted or checked:
        return _NOT_PLAIN
    if value is None:
        return None
    if type(value) is not str or not value or "\x00" in value:
        return _NOT_PLAIN
    there = os.path.lexists(value)
    if there and (not info.file_okay or not info.dir_okay or not os.access(value, os.R_OK)):
        return _NOT_PLAIN
    return Path(value)


def _check_plain_values_plainly(command: Any, *, subcommands: bool = True) -> None:
    """Give every parameter of `command` (and its subcommands) a `PlainValues` check, where
    this Typer checks values lazily through `_runtime_param` (other versions: left alone)."""
    # --help is made on first use; made now (and cached by Click), it gets the check too.
    help_option = command.get_help_option(command.context_class(command))
    for param in [*command.params, help_option]:
        if getattr(param, "_runtime_param", False) is None and hasattr(param, "type_descriptor"):
            param._runtime_param = PlainValues(param.type_descriptor)
    for sub in getattr(command, "commands", {}).values() if subcommands else ():
        _check_plain_values_plainly(sub)
