"""Agreement between coders as supervisors read it: rows per code, flags, and the disagreements."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.audit.disagreements import DisagreementItem, disagreement_items
from qualcode.audit.gather import AgreementData
from qualcode.stats import (
    AgreementRow,
    Estimate,
    Unit,
    alpha_band,
    compare,
    kappa_band,
)
from qualcode.store.codes import all_codes, find_code
from qualcode.store.models import Code, Document, Participant

DEFAULT_THRESHOLD = 0.6


@dataclass(frozen=True)
class CodeAgreement:
    """One row of the agreement table: a code (code None: every code pooled, the overall row).

    `percent` is a proportion in [0, 1] (the mean over pairs for three or more coders);
    `kappa` is Cohen's for two coders and Fleiss' for more; `n_units` the units the row
    rests on (both coders rated them; for three or more coders, units rated by two or more).
    """

    code: str | None
    name: str
    n_units: int
    percent: float | None
    kappa: Estimate
    alpha: Estimate
    flag: str | None
    pairs: tuple[dict[str, Any], ...]

    @property
    def band(self) -> str | None:
        return kappa_band(self.kappa.value)

    @property
    def alpha_band(self) -> str | None:
        return alpha_band(self.alpha.value)

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "n_units": self.n_units,
            "percent_agreement": _round(self.percent, 100.0),
            "kappa": _estimate(self.kappa),
            "alpha": _estimate(self.alpha),
            "band": self.band,
            "alpha_band": self.alpha_band,
            "flag": self.flag,
            "pairs": list(self.pairs),
        }


@dataclass(frozen=True)
class AgreementSummary:
    """The agreement table at one unit, the flagged codes and the disagreements behind them."""

    unit: Unit
    unit_description: str
    coders: tuple[str, ...]
    threshold: float
    documents: tuple[tuple[int, str, str | None], ...]
    rows: tuple[CodeAgreement, ...]
    overall: CodeAgreement
    disagreements: tuple[DisagreementItem, ...]
    notes: tuple[str, ...]

    @property
    def flagged(self) -> list[CodeAgreement]:
        return [row for row in self.rows if row.flag]

    def as_json(self) -> dict[str, Any]:
        return {
            "unit": self.unit,
            "unit_description": self.unit_description,
            "coders": list(self.coders),
            "threshold": self.threshold,
            "documents": [
                {"id": d, "title": title, "participant": participant}
                for d, title, participant in self.documents
            ],
            "codes": [row.as_json() for row in self.rows],
            "overall": self.overall.as_json(),
            "flagged": [row.code for row in self.flagged],
            "disagreements": [item.as_json() for item in self.disagreements],
            "notes": list(self.notes),
        }


def _round(value: float | None, scale: float = 1.0) -> float | None:
    return None if value is None else round(value * scale, 4)


def _estimate(estimate: Estimate) -> dict[str, Any]:
    return {"value": _round(estimate.value), "reason": estimate.reason, "n_units": estimate.n_units}


def _flag(kappa: Estimate, threshold: float) -> str | None:
    if kappa.value is None:
        return f"kappa undefined: {kappa.reason}"
    if kappa.value < threshold:
        return f"kappa {kappa.value:.3f} is below {threshold:g}"
    return None


def _row(row: AgreementRow, name: str, threshold: float) -> CodeAgreement:
    percents = [p.percent_agreement for p in row.pairs if p.percent_agreement is not None]
    percent = sum(percents) / len(percents) if percents else None
    two = len(row.pairs) == 1
    kappa = row.pairs[0].kappa if two else row.fleiss
    pairs = tuple(
        {
            "coders": [p.coder_a, p.coder_b],
            "n_units": p.table.n,
            "both": p.table.both,
            "only_a": p.table.only_a,
            "only_b": p.table.only_b,
            "neither": p.table.neither,
            "percent_agreement": _round(p.percent_agreement, 100.0),
            "kappa": _estimate(p.kappa),
        }
        for p in row.pairs
    )
    n_units = row.pairs[0].table.n if two else row.alpha.n_units
    return CodeAgreement(
        row.code, name, n_units, percent, kappa, row.alpha, _flag(kappa, threshold), pairs
    )


def selected_codes(session: Session, keys: Sequence[str]) -> list[str]:
    """The codes named, each followed by its sub-codes (in codebook order)."""
    ordered = all_codes(session)
    chosen: list[str] = []
    for key in keys:
        code = find_code(session, key)
        family = [code.id]
        for candidate in ordered:
            if candidate.parent_id in family:
                family.append(candidate.id)
        chosen += [c.key for c in ordered if c.id in family and c.key not in chosen]
    return chosen


def agreement(
    session: Session,
    data: AgreementData,
    *,
    unit: Unit = "passage",
    codes: Sequence[str] | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> AgreementSummary:
    """Agreement per code and overall at one unit, flags below `threshold`, and disagreements.

    With `codes` None, the codes the coders used in the documents, in codebook order.
    Disagreements are always passage units (a passage one coder coded with the code and
    another reviewed without it).
    """
    if codes is None:
        used = {c.code for c in data.codings}
        codes = [c.key for c in all_codes(session) if c.key in used]
    report = compare(
        data.codings,
        data.documents,
        data.coders,
        unit=unit,
        codes=codes,
        reviewed=data.reviewed,
    )
    names = {key: name for key, name in session.execute(select(Code.key, Code.name))}
    rows = tuple(_row(row, names.get(row.code or "", ""), threshold) for row in report.by_code)
    overall = _row(report.overall, "All codes (pooled)", threshold)
    docs = session.execute(
        select(Document.id, Document.title, Document.participant_id).where(
            Document.id.in_(data.document_ids)
        )
    )
    labels = {
        pid: label for pid, label in session.execute(select(Participant.id, Participant.label))
    }
    info = {d: (d, title, labels.get(pid) if pid else None) for d, title, pid in docs}
    order = {key: i for i, key in enumerate(report.codes)}
    notes = tuple(
        f"{name} has not coded or reviewed document(s) {', '.join(map(str, unread))}"
        for name, unread in data.unread.items()
        if unread
    )
    return AgreementSummary(
        unit=unit,
        unit_description=report.unit_description,
        coders=data.coders,
        threshold=threshold,
        documents=tuple(info[d] for d in data.document_ids),
        rows=rows,
        overall=overall,
        disagreements=tuple(
            sorted(
                disagreement_items(session, data, codes),
                key=lambda d: (order.get(d.code, len(order)), d.document_id, d.passage),
            )
        ),
        notes=notes,
    )
