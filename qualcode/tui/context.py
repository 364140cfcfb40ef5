"""What every screen shares: the open project, who is coding, the writer and the history."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from qualcode.store.db import Project
from qualcode.tui.writer import Writer

if TYPE_CHECKING:
    from qualcode.tui.history import History


@dataclass
class Workbench:
    """The session's shared state, handed down to each screen."""

    project: Project
    coder: str
    writer: Writer
    document_order: list[int] = field(default_factory=list)
    _history: History | None = field(default=None, repr=False)

    @property
    def history(self) -> History:
        """The coder's undo and redo stacks, made (with the editing modules that undo needs)
        when first used rather than before the documents list paints."""
        if self._history is None:
            from qualcode.tui.history import History

            self._history = History()
        return self._history

    @property
    def project_name(self) -> str:
        return self.project.path.name if self.project.path else "project"

    def neighbour(self, document_id: int, step: int) -> int | None:
        """The document before or after this one in the documents list."""
        order = self.document_order
        if document_id not in order:
            return order[0] if order else None
        position = order.index(document_id) + step
        return order[position] if 0 <= position < len(order) else None
