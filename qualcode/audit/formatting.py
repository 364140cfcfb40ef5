"""Plain-text formatting of agreement figures, shared by the CLI, the TUI and report writers."""

from __future__ import annotations

from qualcode.stats import Estimate


def percent(value: float | None) -> str:
    """A proportion as a percentage with one decimal ("99.5 %"), or "–" when undefined."""
    return "–" if value is None else f"{100.0 * value:.1f} %"


def coefficient(estimate: Estimate) -> str:
    """A kappa or alpha to three decimals, or "undefined"."""
    if estimate.value is None:
        return "undefined"
    return f"{estimate.value:.3f}" if abs(estimate.value) >= 0.0005 else "0.000"  # never -0.000


def unit_name(unit: str) -> str:
    """The unit of analysis as a heading word."""
    return {"char": "character", "passage": "passage"}.get(unit, unit)
