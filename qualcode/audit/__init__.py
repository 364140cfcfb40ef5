"""Supervisor audit: agreement from the store, blind assignments, consensus merges, log, report."""

from qualcode.audit.agreement import (
    DEFAULT_THRESHOLD,
    AgreementSummary,
    CodeAgreement,
    agreement,
    selected_codes,
)
from qualcode.audit.assignments import (
    AssignmentRecord,
    assign,
    close_assignment,
    list_assignments,
    open_assignment_of,
)
from qualcode.audit.blind import blind_documents, visible, visible_coders
from qualcode.audit.consensus import (
    DEFAULT_CONSENSUS,
    MergeResult,
    decisions,
    merge_document,
    resolve_passage,
)
from qualcode.audit.disagreements import DisagreementItem, disagreement_items
from qualcode.audit.gather import SUGGESTER, AgreementData, gather, suggester_extra
from qualcode.audit.log import EventRecord, audit_events, parse_since
from qualcode.audit.pending import PendingItem, pending
from qualcode.audit.report import ReportData, build_report, trim
from qualcode.audit.writers import write_report

__all__ = [
    "DEFAULT_CONSENSUS",
    "DEFAULT_THRESHOLD",
    "SUGGESTER",
    "AgreementData",
    "AgreementSummary",
    "AssignmentRecord",
    "CodeAgreement",
    "DisagreementItem",
    "EventRecord",
    "MergeResult",
    "PendingItem",
    "ReportData",
    "agreement",
    "assign",
    "audit_events",
    "blind_documents",
    "build_report",
    "close_assignment",
    "decisions",
    "disagreement_items",
    "gather",
    "list_assignments",
    "merge_document",
    "open_assignment_of",
    "parse_since",
    "pending",
    "resolve_passage",
    "selected_codes",
    "suggester_extra",
    "trim",
    "visible",
    "visible_coders",
    "write_report",
]
