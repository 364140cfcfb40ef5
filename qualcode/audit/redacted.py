"""Agreement results as supervisors see them: codes, labels and passages redacted as exports are."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.audit.agreement import AgreementSummary, CodeAgreement
from qualcode.audit.disagreements import DisagreementItem
from qualcode.export.policy import ExportRedactor
from qualcode.store.models import Code


def code_labeller(session: Session, policy: ExportRedactor) -> Callable[[str], str]:
    """Code key -> the key as exports show it (redacted with its name and definition)."""
    codes = {c.key: (c.name, c.description) for c in session.scalars(select(Code))}
    shown: dict[str, str] = {}

    def label(key: str) -> str:
        if key not in shown:
            shown[key] = policy.redact_key(key, *codes.get(key, ()))
        return shown[key]

    return label


def redacted_row(
    row: CodeAgreement, label: Callable[[str], str], policy: ExportRedactor
) -> CodeAgreement:
    return replace(
        row, code=label(row.code) if row.code else row.code, name=policy.redact(row.name)
    )


def redacted_item(
    item: DisagreementItem, label: Callable[[str], str], policy: ExportRedactor
) -> DisagreementItem:
    """A disagreement with its passage, codes, criteria and participant redacted."""
    return replace(
        item,
        code=label(item.code),
        code_name=policy.redact(item.code_name),
        title=f"Document {item.document_id}",
        participant=policy.redact(item.participant) if item.participant else None,
        text=policy.redact(item.text),
        codes={coder: [label(k) for k in keys] for coder, keys in item.codes.items()},
        include=[policy.redact(c) for c in item.include],
        exclude=[policy.redact(c) for c in item.exclude],
    )


def redacted_summary(
    session: Session, summary: AgreementSummary, policy: ExportRedactor
) -> AgreementSummary:
    """The summary with nothing a participant could be recognised by."""
    label = code_labeller(session, policy)
    return replace(
        summary,
        documents=tuple(
            (d, f"Document {d}", policy.redact(p) if p else None) for d, _, p in summary.documents
        ),
        rows=tuple(redacted_row(row, label, policy) for row in summary.rows),
        disagreements=tuple(redacted_item(i, label, policy) for i in summary.disagreements),
    )
