"""The supervisor's audit report as plain, anonymised data: agreement, volume, disagreements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import combinations

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.analysis.patterns_gather import Patterns, participant_label, patterns
from qualcode.audit.agreement import CodeAgreement, agreement
from qualcode.audit.assignments import list_assignments
from qualcode.audit.disagreements import disagreement_items
from qualcode.audit.gather import SUGGESTER, coders_with_codings, gather
from qualcode.audit.log import as_utc
from qualcode.audit.redacted import code_labeller, redacted_row
from qualcode.errors import QualcodeError
from qualcode.export.policy import ExportRedactor
from qualcode.stats import Unit
from qualcode.store.audit import find_coder
from qualcode.store.models import AuditEvent, Coder, Coding
from qualcode.store.reports import project_status

MAX_DISAGREEMENTS = 100
MAX_PERIODS = 60


@dataclass(frozen=True)
class UnitTable:
    """The agreement table at one unit of analysis."""

    unit: Unit
    description: str
    rows: tuple[CodeAgreement, ...]
    overall: CodeAgreement


@dataclass(frozen=True)
class ReportDisagreement:
    """A disagreement as the report shows it: participant label and redacted passage text."""

    code: str
    code_name: str
    document_id: int
    participant: str
    passage: int
    text: str
    applied_by: tuple[str, ...]
    not_applied_by: tuple[str, ...]
    codes: dict[str, list[str]]


@dataclass(frozen=True)
class Activity:
    """Codings added per coder per period (day, week or month), oldest period first."""

    period: str
    labels: tuple[str, ...]
    counts: dict[str, list[int]]


@dataclass(frozen=True)
class OpenAssignment:
    """An open assignment, named by document id and participant label only."""

    id: int
    document_id: int
    participant: str
    coders: tuple[str, ...]
    blind: bool
    assigned_by: str | None
    assigned_at: datetime


@dataclass(frozen=True)
class ReportData:
    """Everything a report writer prints; identifiers are already redacted, titles left out."""

    codebook: str
    generated_at: datetime
    coders: tuple[str, ...]
    threshold: float
    documents: tuple[tuple[int, str], ...]
    agreement: tuple[UnitTable, ...]
    agreement_note: str | None
    coder_counts: tuple[dict[str, object], ...]
    code_counts: tuple[tuple[str, str, bool, dict[str, int]], ...]
    activity: Activity
    disagreements: tuple[ReportDisagreement, ...]
    more_disagreements: int
    assignments: tuple[OpenAssignment, ...]
    patterns: Patterns | None = None
    """Code frequency by participant attribute and co-occurrence, over `coders`' codings."""
    notes: tuple[str, ...] = field(default=())
    unreviewed: int = 0
    """Possible identifiers in the quoted passages nobody registered or dismissed: redacted as
    [name?] unless kept, as in exports (`qualcode anonymise check` lists them)."""
    unreviewed_kept: bool = False


def trim(text: str, limit: int = 400) -> str:
    """Text on one line, cut at a word boundary near `limit` characters with an ellipsis."""
    flat = " ".join(text.split())
    if len(flat) <= limit:
        return flat
    cut = flat.rfind(" ", 0, limit)
    return flat[: cut if cut > limit // 2 else limit].rstrip(" ,;:") + " …"


def default_coders(session: Session) -> list[str]:
    """The human coders: everyone with codings but the suggester and consensus coders."""
    merged_into = {
        str((e.after or {}).get("into"))
        for e in session.scalars(
            select(AuditEvent).where(
                AuditEvent.action.in_(("consensus.merge", "consensus.resolve"))
            )
        )
    }
    return [c for c in coders_with_codings(session) if c != SUGGESTER and c not in merged_into]


def default_pair(session: Session) -> tuple[list[str], str | None]:
    """The two human coders with the most documents coded in common (ties go to the first in
    alphabetical order), and a note saying which were compared and which were left out."""
    humans = default_coders(session)
    if len(humans) <= 2:
        return humans, None
    rows = session.execute(
        select(Coder.name, Coding.document_id).join(Coder, Coder.id == Coding.coder_id).distinct()
    )
    documents: dict[str, set[int]] = {name: set() for name in humans}
    for name, document_id in rows:
        if name in documents:
            documents[name].add(document_id)
    pair = max(combinations(humans, 2), key=lambda p: len(documents[p[0]] & documents[p[1]]))
    common = len(documents[pair[0]] & documents[pair[1]])
    others = ", ".join(n for n in humans if n not in pair)
    note = (
        f"Compared {pair[0]} and {pair[1]}, the two coders with the most documents coded in "
        f"common ({common}); not compared: {others}. Give --coders to choose others."
    )
    return list(pair), note


def _period_start(day: date, period: str) -> date:
    if period == "week":
        return day - timedelta(days=day.weekday())
    return day.replace(day=1) if period == "month" else day


def _next_period(start: date, period: str) -> date:
    if period == "month":
        return (start + timedelta(days=32)).replace(day=1)
    return start + timedelta(days=7 if period == "week" else 1)


def _activity(session: Session, coders: Sequence[str]) -> Activity:
    rows = session.execute(
        select(AuditEvent.at, AuditEvent.coder).where(AuditEvent.action == "coding.add")
    )
    moments = [(as_utc(at).date(), coder) for at, coder in rows if coder]
    if not moments:
        return Activity("day", (), {})
    first, last = min(d for d, _ in moments), max(d for d, _ in moments)
    span = (last - first).days
    period = "day" if span < MAX_PERIODS else "week" if span < 7 * MAX_PERIODS else "month"
    starts: list[date] = []
    cursor = _period_start(first, period)
    while cursor <= last:
        starts.append(cursor)
        cursor = _next_period(cursor, period)
    index = {start: i for i, start in enumerate(starts)}
    names = sorted({c for _, c in moments}, key=lambda c: (c not in coders, c))
    counts = {name: [0] * len(starts) for name in names}
    for day, coder in moments:
        counts[coder][index[_period_start(day, period)]] += 1
    return Activity(period, tuple(s.isoformat() for s in starts), counts)


def build_report(
    session: Session,
    *,
    coders: Sequence[str] | None = None,
    threshold: float = 0.6,
    now: datetime | None = None,
    keep_unreviewed: bool = False,
) -> ReportData:
    """Gather the report: agreement at both units, counts, activity, disagreements, assignments;
    identifiers, speaker names, code keys and (unless kept) unreviewed finds redacted."""
    policy = ExportRedactor.for_project(session, keep_unreviewed=keep_unreviewed)
    label = code_labeller(session, policy)
    redact = policy.redact
    chosen: str | None = None
    if coders is not None:
        names = list(coders)
        for name in names:
            if name != SUGGESTER and find_coder(session, name) is None:
                known = ", ".join(coders_with_codings(session)) or "none yet"
                raise QualcodeError(f"no coder named {name!r} (coders with codings: {known})")
    else:
        names, chosen = default_pair(session)
    status = project_status(session)
    tables: list[UnitTable] = []
    disagreements: list[ReportDisagreement] = []
    documents: tuple[tuple[int, str], ...] = ()
    note: str | None = None
    notes: tuple[str, ...] = ()
    if len(names) < 2:
        note = "Agreement needs two coders with codings; this project has " + (
            ", ".join(names) or "none"
        )
    else:
        data = gather(session, names)
        for unit in ("passage", "char"):
            summary = agreement(session, data, unit=unit, threshold=threshold)
            rows = tuple(redacted_row(row, label, policy) for row in summary.rows)
            tables.append(UnitTable(unit, summary.unit_description, rows, summary.overall))
        documents = tuple(
            (d, participant_label(redact, participant, d))
            for d, _, participant in summary.documents
        )
        notes = (chosen, *summary.notes) if chosen else summary.notes
        for item in disagreement_items(session, data):
            disagreements.append(
                ReportDisagreement(
                    code=label(item.code),
                    code_name=redact(item.code_name),
                    document_id=item.document_id,
                    participant=participant_label(redact, item.participant, item.document_id),
                    passage=item.passage,
                    text=trim(redact(item.text)),
                    applied_by=item.applied_by,
                    not_applied_by=item.not_applied_by,
                    codes={c: [label(k) for k in keys] for c, keys in item.codes.items()},
                )
            )
    order = {row.code: i for i, row in enumerate(tables[0].rows)} if tables else {}
    disagreements.sort(key=lambda d: (order.get(d.code, len(order)), d.document_id, d.passage))
    assignments = tuple(
        OpenAssignment(
            a.id,
            a.document_id,
            participant_label(redact, a.participant, a.document_id),
            a.coders,
            a.blind,
            a.assigned_by,
            a.assigned_at,
        )
        for a in list_assignments(session, status="open")
    )
    return ReportData(
        codebook=str(status["codebook"]),
        generated_at=now or datetime.now(UTC),
        coders=tuple(names),
        threshold=threshold,
        documents=documents,
        agreement=tuple(tables),
        agreement_note=note,
        coder_counts=tuple(status["coders"]),
        code_counts=tuple(
            (label(c["code"]), redact(c["name"]), c["parent"] is not None, dict(c["by_coder"]))
            for c in status["by_code"]
        ),
        activity=_activity(session, names),
        disagreements=tuple(disagreements[:MAX_DISAGREEMENTS]),
        more_disagreements=max(0, len(disagreements) - MAX_DISAGREEMENTS),
        assignments=assignments,
        patterns=patterns(session, names, redact, label),
        notes=notes,
        unreviewed=len(policy.flagged),
        unreviewed_kept=keep_unreviewed,
    )
