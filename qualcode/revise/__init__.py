"""Correcting transcripts after coding: versioned edits that carry codings over."""

from __future__ import annotations

from typing import TYPE_CHECKING

from qualcode.lazy_exports import lazy_exports

if TYPE_CHECKING:
    from qualcode.revise.edit import (
        EditReport,
        edit_passage,
        replace_from_file,
        replace_text,
        revert_document,
    )
    from qualcode.revise.orphans import (
        OrphanRecord,
        discard_orphan,
        find_orphan,
        list_orphans,
        reattach_orphan,
    )
    from qualcode.revise.versions import VersionRecord, document_history, text_at_version

__all__ = [
    "EditReport",
    "OrphanRecord",
    "VersionRecord",
    "discard_orphan",
    "document_history",
    "edit_passage",
    "find_orphan",
    "list_orphans",
    "reattach_orphan",
    "replace_from_file",
    "replace_text",
    "revert_document",
    "text_at_version",
]

# Editing (the diff, rapidfuzz, the passage re-anchoring) loads on first use, not whenever an
# import needs the speaker helpers in qualcode.revise.speakers.
__getattr__ = lazy_exports(
    __name__,
    {
        "edit": ("EditReport", "edit_passage", "replace_from_file", "replace_text",
                 "revert_document"),
        "orphans": ("OrphanRecord", "discard_orphan", "find_orphan", "list_orphans",
                    "reattach_orphan"),
        "versions": ("VersionRecord", "document_history", "text_at_version"),
    },
)  # fmt: skip
