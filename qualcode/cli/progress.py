"""Progress on standard error for slow commands: shown only on a terminal, never with --json."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from qualcode.cli.output import error_console

if TYPE_CHECKING:
    from rich.progress import Progress, TaskID


class Steps:
    """The progress of one command: stages, each a spinner or a bar. Without a terminal (or
    with --json) every call does nothing, so commands call them unconditionally."""

    def __init__(self, progress: Progress | None) -> None:
        self._progress = progress
        self._task: TaskID | None = None

    def stage(self, description: str, total: int | None = None) -> None:
        """Start the next stage: a bar when the amount of work is known, else a spinner."""
        if self._progress is None:
            return
        if self._task is not None:
            self._progress.remove_task(self._task)
        self._task = self._progress.add_task(description, total=total)

    def advance(self, done: int, description: str | None = None) -> None:
        """Set the current stage's work done (and, optionally, what is being done now)."""
        if self._progress is not None and self._task is not None:
            if description is None:
                self._progress.update(self._task, completed=done)
            else:
                self._progress.update(self._task, completed=done, description=description)


@contextmanager
def progress(*, hidden: bool = False) -> Iterator[Steps]:
    """Progress for a command on standard error while the block runs, erased at its end;
    hidden when standard error is not a terminal (scripts, logs, pipes) or when `hidden`."""
    if hidden or not error_console.is_terminal:
        yield Steps(None)
        return
    # Imported here: a command run by a script never pays for the progress display.
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        SpinnerColumn,
        Task,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.text import Text

    class Count(MofNCompleteColumn):
        """`3/10` for a bar; nothing for a spinner, whose amount of work is unknown."""

        def render(self, task: Task) -> Text:
            return super().render(task) if task.total is not None else Text("")

    bar = Progress(
        SpinnerColumn(),
        # markup=False: descriptions hold file names and other values users typed.
        TextColumn("{task.description}", style="progress.description", markup=False),
        BarColumn(),
        Count(),
        TimeElapsedColumn(),
        console=error_console,
        transient=True,
        # Lines printed meanwhile go above the bar only when both go to the same terminal;
        # standard output sent to a file or a pipe stays there.
        redirect_stdout=sys.stdout.isatty(),
    )
    with bar:
        yield Steps(bar)
