"""Published worked examples: Krippendorff (2011), Cohen and Fleiss (Wikipedia), bands."""

from __future__ import annotations

import math

import numpy as np
import pytest

from qualcode.stats import (
    Table2x2,
    alpha_band,
    alpha_from_counts,
    alpha_nominal,
    cohen_kappa,
    fleiss_kappa,
    kappa_band,
    percent_agreement,
)
from qualcode.stats.krippendorff import coincidences, value_counts

NAN = math.nan

# Krippendorff (2011) "Computing Krippendorff's alpha-reliability", section C: 4 observers,
# 12 units, nominal values 1-5 with missing data. Published result: alpha = 0.743.
KRIPPENDORFF_2011 = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, NAN, NAN, NAN],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, NAN, 3],
    [NAN, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, NAN],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, NAN],
]


def test_krippendorff_2011_nominal_example() -> None:
    result = alpha_nominal(KRIPPENDORFF_2011)
    assert result.value is not None
    assert round(result.value, 3) == 0.743
    # n = 40 pairable values, 32 matching; n_c = 9, 13, 10, 5, 3: 1 - 39 * 8 / (1600 - 384)
    assert result.value == pytest.approx(1 - 39 * 8 / (1600 - 384))
    assert result.n_units == 11  # unit 12 has a single value and is not pairable


def test_krippendorff_2011_coincidence_matrix() -> None:
    counts, values = value_counts(KRIPPENDORFF_2011)
    o, pairable = coincidences(counts)
    assert values.tolist() == [1, 2, 3, 4, 5]
    assert pairable == 11
    expected: list[list[float]] = [
        [7, 4 / 3, 1 / 3, 1 / 3, 0],
        [4 / 3, 10, 4 / 3, 1 / 3, 0],
        [1 / 3, 4 / 3, 8, 1 / 3, 0],
        [1 / 3, 1 / 3, 1 / 3, 4, 0],
        [0, 0, 0, 0, 3],
    ]
    assert np.allclose(o, expected)
    assert o.sum() == pytest.approx(40)  # n: pairable values


def test_alpha_from_counts_weights_stand_for_repeated_units() -> None:
    counts = np.array([[2, 0], [1, 1], [0, 2]])
    repeated = np.repeat(counts, [3, 2, 5], axis=0)
    weighted = alpha_from_counts(counts, [3, 2, 5])
    assert weighted.value == pytest.approx(alpha_from_counts(repeated).value)
    assert weighted.n_units == 10


def test_cohen_wikipedia_example() -> None:
    # 50 proposals; yes/yes 20, A yes B no 5, A no B yes 10, no/no 15: po 0.7, pe 0.5.
    table = Table2x2(both=20, only_a=5, only_b=10, neither=15)
    assert percent_agreement(table) == pytest.approx(0.7)
    result = cohen_kappa(table)
    assert result.value == pytest.approx(0.4)
    assert result.reason is None
    assert result.n_units == 50


def test_cohen_expected_agreement_is_the_sum_of_both_chance_terms() -> None:
    # A codes 60 of 100, B 30: pe = .6 * .3 + .4 * .7 = .46 (not .18: QualCoder's error).
    table = Table2x2(both=25, only_a=35, only_b=5, neither=35)
    po, pe = 0.6, 0.46
    assert cohen_kappa(table).value == pytest.approx((po - pe) / (1 - pe))


# Wikipedia "Fleiss' kappa" worked example: 10 subjects, 14 raters, 5 categories; 0.210.
FLEISS_WIKIPEDIA = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_fleiss_wikipedia_example() -> None:
    result = fleiss_kappa(FLEISS_WIKIPEDIA)
    assert result.value is not None
    assert round(result.value, 3) == 0.210
    assert result.n_units == 10


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (None, None),
        (-0.01, "poor"),
        (0.0, "slight"),
        (0.2, "slight"),
        (0.21, "fair"),
        (0.4, "fair"),
        (0.41, "moderate"),
        (0.6, "moderate"),
        (0.61, "substantial"),
        (0.8, "substantial"),
        (0.81, "almost perfect"),
        (1.0, "almost perfect"),
    ],
)
def test_landis_koch_bands(value: float | None, band: str | None) -> None:
    assert kappa_band(value) == band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (None, None),
        (1.0, "reliable"),
        (0.8, "reliable"),
        (0.799, "tentative"),
        (0.667, "tentative"),
        (0.666, "unreliable"),
        (-0.2, "unreliable"),
    ],
)
def test_krippendorff_bands(value: float | None, band: str | None) -> None:
    assert alpha_band(value) == band
