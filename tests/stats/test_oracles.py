"""Random data against independent oracles: scikit-learn, the krippendorff package, brute force."""

from __future__ import annotations

import math
import warnings
from collections.abc import Sequence

import krippendorff
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.metrics import cohen_kappa_score  # type: ignore[import-untyped]
from stats_reference import (
    CODES,
    char_vector,
    corpora,
    fleiss_reference,
    passage_vector,
)

from qualcode.stats import (
    AgreementRow,
    Coding,
    Document,
    Estimate,
    PassageKey,
    Unit,
    alpha_nominal,
    compare,
)

UNITS: tuple[Unit, ...] = ("char", "passage")


def sklearn_kappa(a: np.ndarray, b: np.ndarray) -> float:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return float(cohen_kappa_score(a.astype(int), b.astype(int), labels=[0, 1]))


def package_alpha(data: np.ndarray) -> float | None:
    """The krippendorff package's nominal alpha; None where it refuses or returns NaN."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            value = float(krippendorff.alpha(data, level_of_measurement="nominal"))
    except ValueError:
        return None
    return None if math.isnan(value) else value


def check_pair_row(row: AgreementRow, a: np.ndarray, b: np.ndarray) -> None:
    """The row's 2×2 table, percent agreement and kappa against the expanded vectors."""
    table = row.pair.table
    assert table.both == int((a & b).sum())
    assert table.only_a == int((a & ~b).sum())
    assert table.only_b == int((~a & b).sum())
    assert table.neither == int((~a & ~b).sum())
    if a.size == 0:
        assert row.pair.percent_agreement is None
        assert row.pair.kappa.value is None
        return
    assert row.pair.percent_agreement == pytest.approx(float((a == b).mean()))
    kappa = row.pair.kappa
    constant = a.all() or not a.any() or b.all() or not b.any()
    if constant:
        assert kappa.value is None and kappa.reason
    else:
        assert kappa.reason is None
        assert kappa.value == pytest.approx(sklearn_kappa(a, b), abs=1e-9)


def vectors(
    docs: Sequence[Document], codings: Sequence[Coding], unit: str, code: str, coder: str
) -> dict[int, np.ndarray]:
    build = char_vector if unit == "char" else passage_vector
    return {d.document_id: build(codings, d, code, coder) for d in docs}


@settings(max_examples=150, deadline=None)
@given(data=corpora(), unit=st.sampled_from(UNITS))
def test_two_coders_match_sklearn_per_code_document_and_overall(
    data: tuple[list[Document], list[Coding]], unit: Unit
) -> None:
    docs, codings = data
    report = compare(codings, docs, ["A", "B"], unit=unit, codes=CODES)
    per = {
        (code, coder): vectors(docs, codings, unit, code, coder)
        for code in CODES
        for coder in ("A", "B")
    }
    ids = [d.document_id for d in docs]

    def joined(code_list: Sequence[str], doc_list: Sequence[int], coder: str) -> np.ndarray:
        parts = [per[code, coder][d] for code in code_list for d in doc_list]
        return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)

    assert [row.code for row in report.by_code] == list(CODES)
    for row in report.by_code:
        assert row.code is not None
        check_pair_row(row, joined([row.code], ids, "A"), joined([row.code], ids, "B"))
        assert row.n_units == row.pair.table.n
    for row in report.by_document:
        assert row.document_id is not None
        check_pair_row(
            row, joined(CODES, [row.document_id], "A"), joined(CODES, [row.document_id], "B")
        )
    check_pair_row(report.overall, joined(CODES, ids, "A"), joined(CODES, ids, "B"))


def reliability(
    docs: Sequence[Document],
    codings: Sequence[Coding],
    coders: Sequence[str],
    code: str,
    unit: str,
    reviewed: dict[str, set[PassageKey]] | None = None,
) -> np.ndarray:
    """Coders × units of 0/1, NaN where a coder did not review the passage."""
    rows = []
    for coder in coders:
        values = []
        for d in docs:
            vec = vectors([d], codings, unit, code, coder)[d.document_id].astype(float)
            if reviewed is not None and coder in reviewed and unit == "passage":
                for i in range(len(vec)):
                    coded_any = any(
                        c.coder == coder
                        and c.document_id == d.document_id
                        and c.start < d.passages[i].end
                        and c.end > d.passages[i].start
                        for c in codings
                    )
                    if (d.document_id, i) not in reviewed[coder] and not coded_any:
                        vec[i] = np.nan
            values.append(vec)
        rows.append(np.concatenate(values) if values else np.zeros(0))
    return np.array(rows)


def check_alpha(estimate: Estimate, data: np.ndarray) -> None:
    expected = package_alpha(data) if data.size else None
    if expected is None:
        assert estimate.value is None and estimate.reason
    else:
        assert estimate.value == pytest.approx(expected, abs=1e-9)
        pairable = int(((~np.isnan(data)).sum(axis=0) >= 2).sum())
        assert estimate.n_units == pairable


@st.composite
def with_reviews(
    draw: st.DrawFn,
) -> tuple[list[str], list[Document], list[Coding], dict[str, set[PassageKey]]]:
    coders = ["A", "B", "C", "D"][: draw(st.integers(2, 4))]
    docs, codings = draw(corpora(coders))
    keys = [(d.document_id, i) for d in docs for i in range(len(d.passages))]
    reviewed = {}
    for coder in coders[:-1]:  # the last coder is not listed: reviewed everything
        reviewed[coder] = set(draw(st.lists(st.sampled_from(keys)))) if keys else set()
    return coders, docs, codings, reviewed


@settings(max_examples=150, deadline=None)
@given(data=with_reviews())
def test_passage_alpha_with_missing_data_matches_krippendorff_package(
    data: tuple[list[str], list[Document], list[Coding], dict[str, set[PassageKey]]],
) -> None:
    coders, docs, codings, reviewed = data
    report = compare(codings, docs, coders, unit="passage", codes=CODES, reviewed=reviewed)
    per_code = {
        code: reliability(docs, codings, coders, code, "passage", reviewed) for code in CODES
    }
    for row in report.by_code:
        assert row.code is not None
        check_alpha(row.alpha, per_code[row.code])
    # Overall: pooled binary, each (passage, code) pair is a unit.
    check_alpha(report.overall.alpha, np.concatenate([per_code[c] for c in CODES], axis=1))
    # Cohen's kappa per pair uses the passages both coders reviewed.
    first = per_code[CODES[0]]
    pair = report.by_code[0].pairs[0]
    both_rated = ~np.isnan(first[0]) & ~np.isnan(first[1])
    assert pair.table.n == int(both_rated.sum())
    assert pair.table.both == int(((first[0] == 1) & (first[1] == 1) & both_rated).sum())


@settings(max_examples=100, deadline=None)
@given(
    data=corpora(("A", "B", "C")),
    unit=st.sampled_from(UNITS),
)
def test_three_coders_alpha_and_fleiss_match_oracles(
    data: tuple[list[Document], list[Coding]], unit: Unit
) -> None:
    docs, codings = data
    coders = ["A", "B", "C"]
    report = compare(codings, docs, coders, unit=unit, codes=CODES)
    per_code = {code: reliability(docs, codings, coders, code, unit) for code in CODES}
    assert [(p.coder_a, p.coder_b) for p in report.overall.pairs] == [
        ("A", "B"),
        ("A", "C"),
        ("B", "C"),
    ]
    for row in report.by_code:
        assert row.code is not None
        data_ = per_code[row.code]
        check_alpha(row.alpha, data_)
        ratings = data_.T.astype(np.int64)  # units × raters
        if ratings.shape[0] == 0 or len(set(ratings.ravel().tolist())) < 2:
            assert row.fleiss.value is None and row.fleiss.reason
        else:
            assert row.fleiss.value == pytest.approx(fleiss_reference(ratings), abs=1e-9)
    pooled = np.concatenate([per_code[c] for c in CODES], axis=1)
    check_alpha(report.overall.alpha, pooled)


@settings(max_examples=200, deadline=None)
@given(
    data=st.integers(2, 5).flatmap(
        lambda coders: st.integers(1, 15).flatmap(
            lambda units: st.lists(
                st.lists(
                    st.one_of(st.just(math.nan), st.integers(0, 4).map(float)),
                    min_size=units,
                    max_size=units,
                ),
                min_size=coders,
                max_size=coders,
            )
        )
    )
)
def test_multivalued_nominal_alpha_matches_krippendorff_package(data: list[list[float]]) -> None:
    check_alpha(alpha_nominal(data), np.array(data))
