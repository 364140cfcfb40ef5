"""The coder's number keys at the workbench: fixed once, moved only when they pin a code."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.orm import Session
from textual.screen import Screen

from qualcode.store.number_keys import digit, fix_number_keys, pin_key
from qualcode.store.workbench import CodeRow
from qualcode.tui.context import Workbench
from qualcode.tui.screens.pin import UNPIN, PinScreen

Numbers = dict[int, int]  # code id → slot 1…10


def fix_keys(
    bench: Workbench, then: Callable[[Numbers], None], warn: Callable[[str], None]
) -> None:
    """Write this coder's default keys if they have none yet (so they never re-rank)."""
    coder = bench.coder
    bench.writer.submit(lambda session: fix_number_keys(session, coder), then, warn)


def ask_and_pin(
    screen: Screen[Any],
    bench: Workbench,
    code: CodeRow,
    numbers: Numbers,
    then: Callable[[Numbers, str], None],
    warn: Callable[[str], None],
) -> None:
    """Ask which key the code goes on, store it for this coder, and report back."""
    coder, current = bench.coder, numbers.get(code.id)

    def chosen(slot: int | None) -> None:
        if slot is None or (slot == UNPIN and current is None):
            return
        target = current if slot == UNPIN else slot
        assert target is not None

        def work(session: Session) -> Numbers:
            return pin_key(session, coder, None if slot == UNPIN else code.key, target)

        def done(keys: Numbers) -> None:
            if slot == UNPIN:
                then(keys, f"Key {digit(target)} is free now")
            else:
                then(keys, f"Key {digit(target)} applies {code.name}")

        bench.writer.submit(work, done, warn)

    screen.app.push_screen(PinScreen(code.name, current), chosen)
