"""The help screen: every key binding, grouped by where it works."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

KEY_NAMES = {
    "down": "↓", "up": "↑", "left": "←", "right": "→", "question_mark": "?",
    "slash": "/", "left_square_bracket": "[", "right_square_bracket": "]",
    "escape": "esc", "pagedown": "PgDn", "pageup": "PgUp",
}  # fmt: skip

HelpRows = list[tuple[str, str]]


def key_text(keys: str) -> str:
    """A binding's keys as a coder would type them: 'J,shift+down' -> 'J  shift+↓'."""
    shown = []
    for key in keys.split(","):
        parts = key.strip().split("+")
        shown.append("+".join(KEY_NAMES.get(part, part) for part in parts))
    return "  ".join(shown)


def binding_rows(bindings: list[BindingType]) -> HelpRows:
    """(keys, what they do) for each described binding."""
    rows = []
    for binding in bindings:
        if isinstance(binding, Binding) and binding.description:
            single = binding.key_display and "," not in binding.key
            keys = binding.key_display if single else key_text(binding.key)
            rows.append((keys or binding.key, binding.tooltip or binding.description))
    return rows


def rows_table(title: str, rows: HelpRows) -> Table:
    table = Table(title=title, title_justify="left", show_header=False, box=None, expand=True)
    table.add_column("Keys", style="bold", width=24, no_wrap=True)
    table.add_column("Action", ratio=1)
    for keys, description in rows:
        table.add_row(keys, Text(description))
    return table


class HelpScreen(ModalScreen[None]):
    """Lists every binding of every pane, built from the bindings themselves."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark,f1", "dismiss(None)", "Close help"),
    ]

    def __init__(self, sections: list[tuple[str, HelpRows]]) -> None:
        super().__init__()
        self.tables = [rows_table(title, rows) for title, rows in sections]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Label("qualcode — keys (esc closes; the mouse works too)", id="help-title")
            for table in self.tables:
                yield Static(table, classes="help-section")
