"""Pin a code to a number key: press the digit (backspace clears the code's key)."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label

from qualcode.store.number_keys import SLOTS, slot_of

UNPIN = 0


class PinScreen(ModalScreen[int | None]):
    """Dismisses with a slot 1…10, UNPIN to free the code's key, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel")]

    def __init__(self, name: str, current: int | None) -> None:
        super().__init__()
        self.code_name = name
        self.current = current

    def compose(self) -> ComposeResult:
        now = f"it is on key {self.current % SLOTS}" if self.current else "it has no key"
        with Vertical(id="pin"):
            yield Label(f"Pin “{self.code_name}” to a number key", id="pin-title", markup=False)
            yield Label(
                f"Press 1…9 or 0 ({now}); backspace takes its key away; esc cancels.\n"
                "A code already on that key swaps places with it.",
                id="pin-help",
                markup=False,
            )

    def on_key(self, event: events.Key) -> None:
        if event.character is not None and event.character.isdigit():
            event.stop()
            self.dismiss(slot_of(event.character))
        elif event.key in ("backspace", "delete"):
            event.stop()
            self.dismiss(UNPIN)
