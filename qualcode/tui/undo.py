"""Undo and redo at the workbench: revert the latest change through the writer."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.orm import Session

from qualcode.tui.context import Workbench
from qualcode.tui.history import Change, revert

Say = Callable[[str], None]


def step(
    bench: Workbench,
    *,
    undo: bool,
    describe: Callable[[Change], str],
    say: Say,
    warn: Say,
    after: Callable[[], None],
) -> None:
    """Undo (or redo) the coder's latest change, tell them what it did, then refresh."""
    history = bench.history
    stack = history.undo_stack if undo else history.redo_stack
    if not stack:
        say("Nothing to undo" if undo else "Nothing to redo")
        return
    change: Change = stack.pop()
    coder, action = bench.coder, "undo" if undo else "redo"

    def work(session: Session) -> Change:
        return revert(session, change, coder, action)

    def done(inverse: Change) -> None:
        history.settle(change, inverse, undone=undo)
        say(f"{action.capitalize()}: {describe(change)}")
        after()

    bench.writer.submit(work, done, warn)
