"""Which memos a coder may read while a blind assignment of theirs is open."""

from __future__ import annotations

from sqlalchemy.orm import Session

from qualcode.audit.blind import blind_documents
from qualcode.memos.listing import MemoEntry

# About the study or the codebook, not about how anyone coded a document: always shown.
SHARED_KINDS = frozenset({"project", "participant", "code"})


def visible_memos(session: Session, memos: list[MemoEntry], viewer: str) -> list[MemoEntry]:
    """The memos the viewer may read under their open blind assignments.

    Another coder's memo on a blinded document (the document itself, a passage of it or a
    coding in it) is hidden, as their codings are; so are their cell summaries while any
    blind assignment of the viewer is open, as the matrix then counts only the viewer's codings.
    """
    hidden_in = blind_documents(session, viewer)
    if not hidden_in:
        return memos
    me = viewer.strip()

    def shown(memo: MemoEntry) -> bool:
        if memo.coder == me or memo.kind in SHARED_KINDS:
            return True
        if memo.kind == "cell":
            return False
        return memo.document_id not in hidden_in

    return [memo for memo in memos if shown(memo)]
