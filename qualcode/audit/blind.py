"""Blind double-coding: whose codings of a document a viewer may see while it is assigned."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, TypeVar

from sqlalchemy.orm import Session

from qualcode.store.blinding import blind_documents as blind_documents


class _Owned(Protocol):
    """Anything carrying a document id and a coder's name (coding records, views)."""

    @property
    def document_id(self) -> int: ...

    @property
    def coder(self) -> str: ...


T = TypeVar("T", bound=_Owned)


def visible_coders(session: Session, document_id: int, viewer: str) -> set[str] | None:
    """Whose codings of the document the viewer may see: None means everyone's.

    While the document is in an open blind assignment listing the viewer, only the viewer's
    own codings; a supervisor (not among the assigned coders) and everyone else see all.
    """
    return {viewer.strip()} if document_id in blind_documents(session, viewer) else None


def visible(session: Session, items: Iterable[T], viewer: str) -> list[T]:
    """The items (codings of any documents) the viewer may see under open blind assignments."""
    hidden_in = blind_documents(session, viewer)
    me = viewer.strip()
    return [item for item in items if item.document_id not in hidden_in or item.coder == me]
