"""The message a screen posts to show a document at a passage, whichever screen is showing."""

from __future__ import annotations

from textual.message import Message


class OpenPassage(Message):
    """Open a document at a stored (0-based) passage index, optionally with a span selected."""

    def __init__(
        self, document_id: int, passage: int | None, span: tuple[int, int] | None = None
    ) -> None:
        super().__init__()
        self.document_id = document_id
        self.passage = passage
        self.span = span
