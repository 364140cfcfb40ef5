"""Plain, frozen input and result types of the agreement statistics (no database, no UI)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Unit = Literal["char", "passage"]
"""The unit of analysis: every character of a document, or every passage."""

PassageKey = tuple[int, int]
"""A passage named by (document_id, passage index); the index is its position in
`Document.passages`."""


@dataclass(frozen=True, slots=True)
class Coding:
    """One coder's application of one code to the half-open span [start, end) of a document.

    Offsets are code points (Python string indices) into the document's text.
    """

    document_id: int
    code: str
    coder: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage (speaker turn or paragraph): the half-open span [start, end) of a document."""

    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Document:
    """A document's length in characters (code points) and its passages in index order.

    Passages must lie inside the document, be non-empty and must not overlap; they need not
    cover the whole text (a header between passages belongs to no passage).
    """

    document_id: int
    length: int
    passages: tuple[Passage, ...] = ()


@dataclass(frozen=True, slots=True)
class Table2x2:
    """Counts of units for two coders A and B and one code (or pooled over codes).

    `both`: coded by both; `only_a`/`only_b`: by one coder only; `neither`: by neither.
    """

    both: int
    only_a: int
    only_b: int
    neither: int

    @property
    def n(self) -> int:
        """Units in the table."""
        return self.both + self.only_a + self.only_b + self.neither

    @property
    def coded_a(self) -> int:
        """Units coder A coded."""
        return self.both + self.only_a

    @property
    def coded_b(self) -> int:
        """Units coder B coded."""
        return self.both + self.only_b


@dataclass(frozen=True, slots=True)
class Estimate:
    """A coefficient (kappa or alpha), or None with the reason it is undefined.

    `n_units` is the number of units the coefficient rests on (for alpha: units with values
    from at least two coders).
    """

    value: float | None
    reason: str | None = None
    n_units: int = 0

    @property
    def defined(self) -> bool:
        """Whether the coefficient has a value."""
        return self.value is not None
