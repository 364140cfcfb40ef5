"""Inter-coder agreement per code, per document and overall, at character or passage level."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from qualcode.stats.cohen import cohen_kappa, percent_agreement
from qualcode.stats.data import Selection, select
from qualcode.stats.fleiss import fleiss_from_sums
from qualcode.stats.intervals import coder_pairs, sweep
from qualcode.stats.krippendorff import alpha_from_coincidences
from qualcode.stats.passages import passage_units
from qualcode.stats.types import Coding, Document, Estimate, PassageKey, Table2x2, Unit

Ints = NDArray[np.int64]

UNIT_DESCRIPTIONS: dict[str, str] = {
    "char": (
        "character: every character of each document is a unit, coded or not coded with the "
        "code by each coder (NVivo coding comparison); a coder's overlapping codings count once"
    ),
    "passage": (
        "passage: every passage is a unit, coded with the code by a coder if any of that "
        "coder's codings with the code shares at least one character with it"
    ),
}


@dataclass(frozen=True, slots=True)
class PairAgreement:
    """Two coders' 2×2 table, percent agreement (a proportion in [0, 1]) and Cohen's kappa."""

    coder_a: str
    coder_b: str
    table: Table2x2
    percent_agreement: float | None
    kappa: Estimate


@dataclass(frozen=True, slots=True)
class AgreementRow:
    """Agreement for one code (document_id None: over all documents), one document (code
    None: pooled over codes), or overall (both None).

    `n_units` counts the units in the row; pooled over codes, each (unit, code) pair is one
    unit. `pairs` has one entry per pair of coders, in `coder_pairs` order; `alpha` is
    Krippendorff's nominal alpha and `fleiss` Fleiss' kappa over all the coders.
    """

    code: str | None
    document_id: int | None
    n_units: int
    pairs: tuple[PairAgreement, ...]
    alpha: Estimate
    fleiss: Estimate

    @property
    def pair(self) -> PairAgreement:
        """The pairwise result when exactly two coders were compared."""
        if len(self.pairs) != 1:
            raise ValueError(f"{len(self.pairs)} coder pairs: pick one from .pairs")
        return self.pairs[0]


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """The result of `compare`: rows per code, per document, and the overall row."""

    unit: Unit
    unit_description: str
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    document_ids: tuple[int, ...]
    by_code: tuple[AgreementRow, ...]
    by_document: tuple[AgreementRow, ...]
    overall: AgreementRow


@dataclass(frozen=True, slots=True)
class Disagreement:
    """A passage on which the coders who reviewed it differ about one code."""

    document_id: int
    passage_index: int
    start: int
    end: int
    code: str
    applied_by: tuple[str, ...]
    not_applied_by: tuple[str, ...]
    not_reviewed_by: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class _Cells:
    """Additive counts per (document, code): everything the rows are computed from.

    tables[d, c, p] = (both, only_a, only_b, neither) for coder pair p; values[d, c, m, k] =
    units with m values of which k say "coded"; units[d] = units of document d.
    """

    tables: Ints
    values: Ints
    units: Ints


def _char_cells(sel: Selection) -> _Cells:
    n_docs, n_codes, n_coders = len(sel.documents), len(sel.codes), len(sel.coders)
    compared = sel.code >= 0
    cover = sweep(
        sel.document[compared] * n_codes + sel.code[compared],
        sel.coder[compared],
        sel.start[compared],
        sel.end[compared],
        n_groups=n_docs * n_codes,
        n_coders=n_coders,
        stride=sel.stride,
    )
    pairs = coder_pairs(n_coders)
    covered = cover.covered.reshape(n_docs, n_codes, n_coders)
    both = cover.both.reshape(n_docs, n_codes, len(pairs))
    length = sel.lengths[:, None]
    tables = np.zeros((n_docs, n_codes, len(pairs), 4), dtype=np.int64)
    for p, (i, j) in enumerate(pairs):
        a, b, ab = covered[:, :, i], covered[:, :, j], both[:, :, p]
        tables[:, :, p] = np.stack((ab, a - ab, b - ab, length - a - b + ab), axis=-1)
    by_count = cover.by_count.reshape(n_docs, n_codes, n_coders + 1)
    by_count[:, :, 0] = length - by_count.sum(axis=2)
    values = np.zeros((n_docs, n_codes, n_coders + 1, n_coders + 1), dtype=np.int64)
    values[:, :, n_coders, :] = by_count
    return _Cells(tables, values, sel.lengths.copy())


def _passage_cells(sel: Selection, reviewed: Mapping[str, Collection[PassageKey]] | None) -> _Cells:
    units = passage_units(sel, reviewed)
    n_docs, n_codes, n_coders = len(sel.documents), len(sel.codes), len(sel.coders)
    coded, observed = units.coded, units.observed
    per_doc = np.diff(units.bounds)
    # cell[p, c]: the (document, code) cell of passage p and code c
    cell = np.repeat(np.arange(n_docs) * n_codes, per_doc)[:, None] + np.arange(n_codes)
    pairs = coder_pairs(n_coders)
    tables = np.zeros((n_docs * n_codes, len(pairs), 4), dtype=np.int64)
    for p, (i, j) in enumerate(pairs):
        # 0 both, 1 only a, 2 only b, 3 neither; 4 when either coder did not review it
        kind = 2 * ~coded[:, :, i] + ~coded[:, :, j]
        kind = np.where((observed[:, i] & observed[:, j])[:, None], kind, 4)
        counts = np.bincount((cell * 5 + kind).ravel(), minlength=n_docs * n_codes * 5)
        tables[:, p] = counts.reshape(-1, 5)[:, :4]
    m = observed.sum(axis=1)[:, None]  # values per passage
    k = (coded & observed[:, None, :]).sum(axis=2)  # "coded" values per passage and code
    size = n_coders + 1
    values = np.bincount(
        ((cell * size + m) * size + k).ravel(), minlength=n_docs * n_codes * size * size
    )
    return _Cells(
        tables.reshape(n_docs, n_codes, len(pairs), 4),
        values.reshape(n_docs, n_codes, size, size).astype(np.int64),
        per_doc,
    )


def _binary_weights(n_coders: int) -> tuple[Ints, Ints]:
    """For each (m, k) cell of a values table: its (zeros, ones) counts, and valid k ≤ m."""
    size = n_coders + 1
    m, k = np.meshgrid(np.arange(size), np.arange(size), indexing="ij")
    return np.stack((m - k, k), axis=-1).astype(np.int64), (k <= m).astype(np.int64)


def _rows(
    sel: Selection,
    tables: Ints,
    values: Ints,
    n_units: Sequence[int],
    labels: Sequence[tuple[str | None, int | None]],
) -> tuple[AgreementRow, ...]:
    """One row per leading index of tables (rows × pairs × 4) and values (rows × m × k).

    The coincidence matrices and Fleiss sums of all rows are computed at once; only the
    final scalar formulas run per row.
    """
    n_coders = len(sel.coders)
    split, valid = _binary_weights(n_coders)
    weight = values * valid  # rows × m × k
    scale = np.zeros(n_coders + 1)
    scale[2:] = 1.0 / (np.arange(2, n_coders + 1) - 1.0)
    # o[r, a, b] = Σ_{m,k} w · n_a (n_b − [a = b]) / (m − 1), over units with m ≥ 2 values
    pair_counts = split[..., :, None] * split[..., None, :] - split[..., :, None] * np.eye(2)
    o = np.einsum("rmk,m,mkab->rab", weight.astype(np.float64), scale, pair_counts)
    pairable = (weight * (np.arange(n_coders + 1) >= 2)[:, None]).sum(axis=(1, 2))
    units = weight.sum(axis=(1, 2))
    incomplete = units - weight[:, n_coders, :].sum(axis=1)
    sum_squares = np.einsum("rmk,mk->r", weight, (split * split).sum(axis=-1))
    totals = np.einsum("rmk,mka->ra", weight, split)
    pairs = coder_pairs(n_coders)
    rows = []
    for r, (code, document_id) in enumerate(labels):
        pair_rows = []
        for p, (i, j) in enumerate(pairs):
            table = Table2x2(*(int(x) for x in tables[r, p]))
            names = (sel.coders[i], sel.coders[j])
            pair_rows.append(
                PairAgreement(*names, table, percent_agreement(table), cohen_kappa(table, names))
            )
        alpha = alpha_from_coincidences(o[r], int(pairable[r]))
        fleiss = fleiss_from_sums(
            float(units[r]), float(incomplete[r]), n_coders, float(sum_squares[r]), totals[r]
        )
        rows.append(AgreementRow(code, document_id, n_units[r], tuple(pair_rows), alpha, fleiss))
    return tuple(rows)


def compare(
    codings: Iterable[Coding],
    documents: Sequence[Document],
    coders: Sequence[str],
    *,
    unit: Unit = "char",
    codes: Sequence[str] | None = None,
    document_ids: Sequence[int] | None = None,
    reviewed: Mapping[str, Collection[PassageKey]] | None = None,
) -> AgreementReport:
    """Agreement between `coders` per code, per document and overall, at one unit.

    unit "char": every character of every selected document is a unit (NVivo's coding
    comparison); every coder is taken to have rated every character, so `reviewed` is not
    used. unit "passage": every passage is a unit, coded by a coder if any of their codings
    with the code overlaps it by a character; `reviewed` gives missing data (see
    `passage_units`): Cohen's kappa then uses the passages both coders of a pair reviewed,
    alpha drops passages with fewer than two values, and Fleiss' kappa is undefined.

    Pooled rows (per document, overall) add up the per-code 2×2 tables and treat each
    (unit, code) pair as a binary unit for alpha and Fleiss' kappa. With `codes` None, the
    codes compared are those the coders used in the selected documents.
    """
    if unit not in UNIT_DESCRIPTIONS:
        raise ValueError(f"unit must be 'char' or 'passage', not {unit!r}")
    sel = select(codings, documents, coders, codes, document_ids)
    cells = _char_cells(sel) if unit == "char" else _passage_cells(sel, reviewed)
    n_codes = len(sel.codes)
    total_units = int(cells.units.sum())
    by_code = _rows(
        sel,
        cells.tables.sum(axis=0),
        cells.values.sum(axis=0),
        [total_units] * n_codes,
        [(code, None) for code in sel.codes],
    )
    by_document = _rows(
        sel,
        cells.tables.sum(axis=1),
        cells.values.sum(axis=1),
        [int(n) * n_codes for n in cells.units],
        [(None, doc.document_id) for doc in sel.documents],
    )
    (overall,) = _rows(
        sel,
        cells.tables.sum(axis=(0, 1))[None],
        cells.values.sum(axis=(0, 1))[None],
        [total_units * n_codes],
        [(None, None)],
    )
    return AgreementReport(
        unit=unit,
        unit_description=UNIT_DESCRIPTIONS[unit],
        coders=sel.coders,
        codes=sel.codes,
        document_ids=tuple(doc.document_id for doc in sel.documents),
        by_code=by_code,
        by_document=by_document,
        overall=overall,
    )


def disagreements(
    codings: Iterable[Coding],
    documents: Sequence[Document],
    coders: Sequence[str],
    *,
    codes: Sequence[str] | None = None,
    document_ids: Sequence[int] | None = None,
    reviewed: Mapping[str, Collection[PassageKey]] | None = None,
) -> list[Disagreement]:
    """Each (passage, code) where the coders who reviewed the passage do not all agree.

    Passage level, with the same coded/reviewed rules as `compare(unit="passage")`; ordered
    by document, passage and code. A passage reviewed by fewer than two coders is never a
    disagreement.
    """
    sel = select(codings, documents, coders, codes, document_ids)
    units = passage_units(sel, reviewed)
    k = (units.coded & units.observed[:, None, :]).sum(axis=2)
    m = units.observed.sum(axis=1)[:, None]
    rows, columns = np.nonzero((k > 0) & (k < m))
    doc_of_row = np.searchsorted(units.bounds, rows, side="right") - 1
    found = []
    for p, c, d in zip(rows.tolist(), columns.tolist(), doc_of_row.tolist(), strict=True):
        applied, not_applied, missing = [], [], []
        for j, name in enumerate(sel.coders):
            if not units.observed[p, j]:
                missing.append(name)
            elif units.coded[p, c, j]:
                applied.append(name)
            else:
                not_applied.append(name)
        found.append(
            Disagreement(
                document_id=sel.documents[d].document_id,
                passage_index=p - int(units.bounds[d]),
                start=int(units.start[p]),
                end=int(units.end[p]),
                code=sel.codes[c],
                applied_by=tuple(applied),
                not_applied_by=tuple(not_applied),
                not_reviewed_by=tuple(missing),
            )
        )
    return found
