"""Plain-data reads and undoable writes behind the coding workbench (no UI imports).

The public face of the workbench's core: the names live in `document_list` (documents),
`transcripts` (passages and marks), `codebook_view` (codes with counts, quotes, coders) and
`coding_actions` (audited, undoable codings, memos and reviews), and are re-exported here.
"""

from __future__ import annotations

from qualcode.store.codebook_view import CodeRow, Quote, code_quotes, code_rows, coder_names
from qualcode.store.coding_actions import (
    apply_code,
    delete_coding,
    record_history,
    restore_coding,
    set_coding_memo,
    set_passage_memo,
    set_reviewed,
)
from qualcode.store.document_list import DocumentRow, document_header, document_rows
from qualcode.store.transcripts import (
    CodingView,
    Marks,
    PassageRow,
    TranscriptData,
    load_marks,
    load_passages,
    load_transcript,
)

__all__ = [
    "CodeRow",
    "CodingView",
    "DocumentRow",
    "Marks",
    "PassageRow",
    "Quote",
    "TranscriptData",
    "apply_code",
    "code_quotes",
    "code_rows",
    "coder_names",
    "delete_coding",
    "document_header",
    "document_rows",
    "load_marks",
    "load_passages",
    "load_transcript",
    "record_history",
    "restore_coding",
    "set_coding_memo",
    "set_passage_memo",
    "set_reviewed",
]
