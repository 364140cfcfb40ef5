"""Percent agreement and Cohen's kappa for two coders from a 2×2 table of unit counts."""

from __future__ import annotations

from qualcode.stats.types import Estimate, Table2x2


def percent_agreement(table: Table2x2) -> float | None:
    """(both + neither) / n as a proportion in [0, 1] (0.85 means 85 %); None when n == 0."""
    if table.n == 0:
        return None
    return (table.both + table.neither) / table.n


def cohen_kappa(table: Table2x2, coders: tuple[str, str] = ("coder A", "coder B")) -> Estimate:
    """Cohen's kappa (po - pe) / (1 - pe) with pe = pa·pb + (1 - pa)(1 - pb).

    pa and pb are the proportions of units each coder coded: the expected agreement is the
    *sum* of the two chance terms (coded by both, coded by neither), as in NVivo's coding
    comparison.

    Kappa is reported as undefined (value None and a reason) when either coder's ratings do
    not vary — a coder who applied the code to no unit or to every unit. If both coders are
    constant, pe == 1 and the formula divides by zero; if only one is, kappa is identically 0
    whatever the other coder did, which says nothing about agreement (SPSS likewise refuses
    such tables). Percent agreement stays defined in both cases.
    """
    n = table.n
    name_a, name_b = coders
    if n == 0:
        return Estimate(None, "no units to compare", 0)
    a, b = table.coded_a, table.coded_b
    if a == 0 and b == 0:
        return Estimate(None, "no variation: neither coder applied this code", n)
    if a == n and b == n:
        return Estimate(None, "no variation: both coders applied the code to every unit", n)
    for name, coded, other_name, other in ((name_a, a, name_b, b), (name_b, b, name_a, a)):
        if coded in (0, n):
            what = "never applied the code" if coded == 0 else "applied the code to every unit"
            return Estimate(
                None,
                f"{name} {what} ({other_name} applied it to {other} of {n} units): "
                "kappa needs both coders' ratings to vary",
                n,
            )
    po = (table.both + table.neither) / n
    pa, pb = a / n, b / n
    pe = pa * pb + (1.0 - pa) * (1.0 - pb)
    return Estimate((po - pe) / (1.0 - pe), None, n)
