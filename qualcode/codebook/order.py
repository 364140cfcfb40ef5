"""Codebook order: parents before their children, siblings by position then id."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar


class _Placed(Protocol):
    """A code as stored (a model or a plain row): its id, parent and place among siblings."""

    @property
    def id(self) -> int: ...

    @property
    def parent_id(self) -> int | None: ...

    @property
    def position(self) -> int: ...


C = TypeVar("C", bound=_Placed)


def codebook_order(codes: Iterable[C]) -> list[C]:
    """Every code, parents before children, siblings in codebook order."""
    by_parent: dict[int | None, list[C]] = {}
    for code in codes:
        by_parent.setdefault(code.parent_id, []).append(code)
    ordered: list[C] = []

    def visit(parent_id: int | None) -> None:
        for code in sorted(by_parent.get(parent_id, []), key=lambda c: (c.position, c.id)):
            ordered.append(code)
            visit(code.id)

    visit(None)
    return ordered
