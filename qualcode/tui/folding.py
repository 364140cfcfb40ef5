"""Fitting a screen to a small terminal: a side pane that folds away and a closer-packed footer."""

from __future__ import annotations

from typing import Any

from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer

WIDE = 110  # the App's breakpoint: below it screens get the -narrow class
FOLD = Binding(
    "z",
    "fold",
    "Side pane",
    show=False,
    tooltip="Show or hide the side pane (folded away below 110 columns)",
)


def fold(screen: Screen[Any], side: str, home: Widget) -> None:
    """Show the side pane if it is hidden at this width, hide it if it shows."""
    screen.toggle_class("-toggled")
    focused = screen.focused
    if focused is not None and screen.query_one(side) in focused.ancestors_with_self:
        home.focus()  # the pane may be gone: focus goes back to the main pane


def fit_footer(screen: Screen[Any], width: int) -> None:
    """Pack the footer's keys closer on a narrow terminal so they fit on the line."""
    for footer in screen.query(Footer):
        footer.compact = width < WIDE
