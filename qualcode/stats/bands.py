"""Interpretation bands: Landis & Koch (1977) for kappa, Krippendorff (2004) for alpha."""

from __future__ import annotations

KAPPA_BANDS: tuple[tuple[float, str], ...] = (
    (0.20, "slight"),
    (0.40, "fair"),
    (0.60, "moderate"),
    (0.80, "substantial"),
    (1.00, "almost perfect"),
)
"""Landis & Koch bands by inclusive upper bound; a kappa below 0 is "poor"."""

ALPHA_RELIABLE = 0.800
ALPHA_TENTATIVE = 0.667


def kappa_band(value: float | None) -> str | None:
    """The Landis & Koch band of a kappa, or None for an undefined kappa.

    Below 0 poor; 0–0.20 slight; 0.21–0.40 fair; 0.41–0.60 moderate; 0.61–0.80 substantial;
    0.81–1 almost perfect.
    """
    if value is None:
        return None
    if value < 0.0:
        return "poor"
    for upper, name in KAPPA_BANDS:
        if value <= upper:
            return name
    return KAPPA_BANDS[-1][1]


def alpha_band(value: float | None) -> str | None:
    """Krippendorff's reading of alpha: ≥0.800 reliable, ≥0.667 tentative, else unreliable."""
    if value is None:
        return None
    if value >= ALPHA_RELIABLE:
        return "reliable"
    if value >= ALPHA_TENTATIVE:
        return "tentative"
    return "unreliable"
