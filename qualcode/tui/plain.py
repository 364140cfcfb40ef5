"""User values as Rich Text for table cells, so a `[/x]` in a title is shown, not parsed."""

from __future__ import annotations

from rich.text import Text


def cell(value: str) -> Text:
    """A one-line DataTable cell holding `value` verbatim (as a plain-string cell would look)."""
    return Text(value, no_wrap=True, end="")
