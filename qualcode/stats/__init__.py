"""Inter-coder agreement statistics: pure functions over plain data."""

from qualcode.stats.agreement import (
    UNIT_DESCRIPTIONS,
    AgreementReport,
    AgreementRow,
    Disagreement,
    PairAgreement,
    compare,
    disagreements,
)
from qualcode.stats.bands import alpha_band, kappa_band
from qualcode.stats.cohen import cohen_kappa, percent_agreement
from qualcode.stats.fleiss import fleiss_kappa
from qualcode.stats.intervals import coder_pairs, merge_intervals, union_length
from qualcode.stats.krippendorff import alpha_from_counts, alpha_nominal
from qualcode.stats.types import (
    Coding,
    Document,
    Estimate,
    Passage,
    PassageKey,
    Table2x2,
    Unit,
)

__all__ = [
    "UNIT_DESCRIPTIONS",
    "AgreementReport",
    "AgreementRow",
    "Coding",
    "Disagreement",
    "Document",
    "Estimate",
    "PairAgreement",
    "Passage",
    "PassageKey",
    "Table2x2",
    "Unit",
    "alpha_band",
    "alpha_from_counts",
    "alpha_nominal",
    "coder_pairs",
    "cohen_kappa",
    "compare",
    "disagreements",
    "fleiss_kappa",
    "kappa_band",
    "merge_intervals",
    "percent_agreement",
    "union_length",
]
