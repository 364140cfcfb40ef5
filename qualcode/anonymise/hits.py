"""The span a detector reports: where an identifier is, its kind and how it is written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Hit:
    """A span of text that looks like an identifier, with its kind (name, email, phone...)."""

    start: int
    end: int
    kind: str
    value: str
