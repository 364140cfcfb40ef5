"""Krippendorff's alpha for nominal data via the coincidence matrix, vectorised with numpy."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from qualcode.stats.types import Estimate


def value_counts(data: ArrayLike) -> tuple[NDArray[np.int64], NDArray[np.float64]]:
    """Per-unit counts of each value from reliability data (coders × units, NaN = missing).

    Returns (counts, values): counts[u, c] is how many coders gave unit u the value values[c].
    """
    matrix = np.asarray(data, dtype=np.float64)
    if matrix.ndim != 2:
        raise ValueError("reliability data must be a 2-D array: coders × units")
    present = ~np.isnan(matrix)
    values, codes = np.unique(matrix[present], return_inverse=True)
    unit_index = np.broadcast_to(np.arange(matrix.shape[1]), matrix.shape)[present]
    counts = np.zeros((matrix.shape[1], len(values)), dtype=np.int64)
    np.add.at(counts, (unit_index, codes), 1)
    return counts, values.astype(np.float64)


def coincidences(
    counts: ArrayLike, weights: ArrayLike | None = None
) -> tuple[NDArray[np.float64], float]:
    """The coincidence matrix o[c, k] of per-unit value counts, and the pairable unit count.

    o[c, k] = Σ_u w_u · n_uc (n_uk − [c = k]) / (m_u − 1) over units with m_u ≥ 2 values;
    `weights` (default 1) lets one row stand for many identical units.
    """
    n_uc = np.asarray(counts, dtype=np.float64)
    if n_uc.ndim != 2:
        raise ValueError("counts must be a 2-D array: units × values")
    w = np.ones(n_uc.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    m_u = n_uc.sum(axis=1)
    keep = (m_u >= 2) & (w > 0)
    n_uc, w, m_u = n_uc[keep], w[keep], m_u[keep]
    scale = w / (m_u - 1.0)
    o = (n_uc * scale[:, None]).T @ n_uc - np.diag(scale @ n_uc)
    return o, float(w.sum())


def alpha_from_coincidences(o: ArrayLike, n_units: int = 0) -> Estimate:
    """Nominal alpha = 1 − (n − 1)(n − Σ o_cc) / (n² − Σ n_c²) from a coincidence matrix."""
    matrix = np.asarray(o, dtype=np.float64)
    n_c = matrix.sum(axis=1)
    n = float(n_c.sum())
    if n <= 0:
        return Estimate(None, "no unit has values from two or more coders", n_units)
    if int(np.count_nonzero(n_c > 0)) < 2:
        return Estimate(None, "no variation: every coder gave every unit the same value", n_units)
    expected = n * n - float(n_c @ n_c)
    observed = n - float(np.trace(matrix))
    return Estimate(1.0 - (n - 1.0) * observed / expected, None, n_units)


def alpha_from_counts(counts: ArrayLike, weights: ArrayLike | None = None) -> Estimate:
    """Nominal alpha from per-unit value counts (units × values), optionally weighted.

    Units with fewer than two values are not pairable and are dropped.
    """
    o, n_units = coincidences(counts, weights)
    return alpha_from_coincidences(o, round(n_units))


def alpha_nominal(data: ArrayLike) -> Estimate:
    """Krippendorff's alpha (nominal) for reliability data: coders × units, NaN for missing."""
    counts, _ = value_counts(data)
    return alpha_from_counts(counts)
