"""Fleiss' kappa for a fixed number of raters per unit, from per-unit category counts."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike

from qualcode.stats.types import Estimate


def fleiss_from_sums(
    n_units: float, incomplete: float, raters: int, sum_squares: float, totals: ArrayLike
) -> Estimate:
    """Fleiss' kappa from additive sums over units, so that tables can be pooled.

    n_units: units; incomplete: units with fewer than `raters` ratings; sum_squares:
    Σ_u Σ_c n_uc²; totals[c]: Σ_u n_uc, the ratings in category c.
    """
    units = round(n_units)
    if units == 0:
        return Estimate(None, "no units to compare", 0)
    if incomplete:
        return Estimate(
            None,
            f"not every coder rated every unit ({round(incomplete)} of {units} units have "
            f"fewer than {raters} ratings); use Krippendorff's alpha",
            units,
        )
    if raters < 2:
        return Estimate(None, "Fleiss' kappa needs at least two ratings per unit", units)
    total = np.asarray(totals, dtype=np.float64)
    if int(np.count_nonzero(total > 0)) < 2:
        return Estimate(None, "no variation: every unit was put in the same category", units)
    m = float(raters)
    p_bar = (sum_squares - n_units * m) / (n_units * m * (m - 1.0))
    p_c = total / (n_units * m)
    p_e = float(p_c @ p_c)
    return Estimate((p_bar - p_e) / (1.0 - p_e), None, units)


def fleiss_kappa(counts: ArrayLike, weights: ArrayLike | None = None) -> Estimate:
    """Fleiss' kappa from counts[u, c], the raters who put unit u in category c.

    Every unit must have the same number m ≥ 2 of ratings (every coder rated every unit);
    otherwise, or when only one category was ever used (pe == 1), the value is None with a
    reason. `weights` (default 1) lets one row stand for many identical units.
    """
    n_uc = np.asarray(counts, dtype=np.float64)
    if n_uc.ndim != 2:
        raise ValueError("counts must be a 2-D array: units × categories")
    w = np.ones(n_uc.shape[0]) if weights is None else np.asarray(weights, dtype=np.float64)
    keep = w > 0
    n_uc, w = n_uc[keep], w[keep]
    raters = n_uc.sum(axis=1)
    m = int(raters.max(initial=0))
    return fleiss_from_sums(
        float(w.sum()),
        float(w[raters != m].sum()),
        m,
        float(w @ (n_uc * n_uc).sum(axis=1)),
        w @ n_uc,
    )
