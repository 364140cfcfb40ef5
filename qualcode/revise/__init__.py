"""Correcting transcripts after coding: versioned edits that carry codings over."""

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
