"""Precision, recall, F1 and top-k hit rates as pure functions over plain counts and lists."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Counts:
    """True positives, false positives and false negatives for one code."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def __add__(self, other: Counts) -> Counts:
        return Counts(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def as_json(self) -> dict[str, Any]:
        return {
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "support": self.support,
        }


def count(
    scores: Mapping[str, float],
    positives: Iterable[str],
    negatives: Iterable[str],
    threshold: float,
) -> dict[str, Counts]:
    """Counts for one passage: codes neither positive nor negative (unknown) are skipped."""
    out: dict[str, Counts] = {}
    for code in positives:
        hit = scores.get(code, 0.0) >= threshold
        out[code] = Counts(tp=int(hit), fn=int(not hit))
    for code in negatives:
        if scores.get(code, 0.0) >= threshold:
            out[code] = Counts(fp=1)
    return out


def total(per_code: Mapping[str, Counts]) -> Counts:
    """Micro-average: the sum of every code's counts."""
    summed = Counts()
    for counts in per_code.values():
        summed = summed + counts
    return summed


def macro(per_code: Mapping[str, Counts]) -> dict[str, float]:
    """Unweighted means over codes with at least one true instance."""
    supported = [c for c in per_code.values() if c.support > 0]
    if not supported:
        return {"precision": 0.0, "recall": 0.0, "f1": 0.0}
    n = len(supported)
    return {
        "precision": round(sum(c.precision for c in supported) / n, 4),
        "recall": round(sum(c.recall for c in supported) / n, 4),
        "f1": round(sum(c.f1 for c in supported) / n, 4),
    }


def top_k_hits(ranked: Sequence[str], positives: Iterable[str], k: int = 2) -> bool:
    """True when a correct code is among the first k ranked codes."""
    return bool(set(ranked[:k]) & set(positives))


def ranked_codes(scores: Mapping[str, float]) -> list[str]:
    """Codes with a positive score, best first (ties by key, for stable output)."""
    return [code for code, s in sorted(scores.items(), key=lambda kv: (-kv[1], kv[0])) if s > 0]
