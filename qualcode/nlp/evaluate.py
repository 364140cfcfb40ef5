"""k-fold cross-validation by document: cue phrases, the model and the blend, per code."""

from __future__ import annotations

import random
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from qualcode.errors import QualcodeError
from qualcode.nlp.combine import blend
from qualcode.nlp.labels import LabelledPassage, TrainingSet
from qualcode.nlp.layers import Layers
from qualcode.nlp.metrics import Counts, count, macro, ranked_codes, top_k_hits, total
from qualcode.nlp.suggester import Suggester, shared_blank_pipeline
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.types import CodeEntry

MODES = ("cue", "codebook", "model", "combined")
SWEEP = tuple(round(0.05 * i, 2) for i in range(1, 20))
Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class HeldOut:
    """One held-out passage: its gold labels and each mode's scores for it."""

    passage: LabelledPassage
    scores: dict[str, dict[str, float]]


def assign_folds(document_ids: Sequence[int], k: int, seed: int = 0) -> list[set[int]]:
    """Documents shuffled (seeded) and dealt into k folds of near-equal size."""
    docs = sorted(set(document_ids))
    if k < 2 or k > len(docs):
        raise QualcodeError(
            f"cannot run {k}-fold cross-validation on {len(docs)} coded documents "
            f"(folds must be between 2 and {len(docs)})"
        )
    random.Random(seed).shuffle(docs)
    return [set(docs[i::k]) for i in range(k)]


def mode_scores(suggester: Suggester, layers: Layers) -> dict[str, dict[str, float]]:
    """Scores per mode: cue phrases alone, the codebook layer (cues and definitions), the model
    alone, and the blend."""
    parts = layers.parts(suggester.positives)
    return {
        "cue": {code: p.cue for code, p in parts.items() if p.cue > 0},
        "codebook": {code: p.codebook for code, p in parts.items()},
        "model": {code: p.learned for code, p in parts.items() if p.learned is not None},
        "combined": {code: blend(p) for code, p in parts.items()},
    }


def cross_validate(
    training: TrainingSet,
    codes: Sequence[CodeEntry],
    *,
    folds: int = 5,
    seed: int = 0,
    epochs: int | None = None,
    progress: Progress | None = None,
) -> list[HeldOut]:
    """Train on k−1 folds of documents, score the held-out fold; every passage held out once."""
    documents = {p.passage.document_id for p in training.passages if p.positives}
    held_out: list[HeldOut] = []
    for number, fold in enumerate(assign_folds(sorted(documents), folds, seed), start=1):
        rest = documents - fold
        train_part = TrainingSet(
            training.labels,
            [p for p in training.passages if p.passage.document_id in rest],
            training.examples,
            training.coding_ids,
        )
        counts = train_part.positives_per_label()
        labels = [label for label, n in counts.items() if n > 0]
        items = train_part.items()
        if labels and items:
            memory = train_part.memory()
            nlp = train_pipeline(items, labels, epochs=epochs, seed=seed, memory=memory).nlp
        else:
            nlp = shared_blank_pipeline()
        suggester = Suggester(nlp, list(codes), 0.5, trained_positives=counts)
        tests = [p for p in training.passages if p.passage.document_id in fold]
        for (_, layers), labelled in zip(
            suggester.layers([p.passage for p in tests]), tests, strict=True
        ):
            held_out.append(HeldOut(labelled, mode_scores(suggester, layers)))
        if progress is not None:
            progress(number, folds)
    return held_out


def per_code(held_out: Sequence[HeldOut], mode: str, threshold: float) -> dict[str, Counts]:
    """Counts per code for one mode at one threshold."""
    out: dict[str, Counts] = {}
    for item in held_out:
        found = count(item.scores[mode], item.passage.positives, item.passage.negatives, threshold)
        for code, counts in found.items():
            out[code] = out.get(code, Counts()) + counts
    return out


def top_k_rate(held_out: Sequence[HeldOut], mode: str, k: int = 2) -> float:
    """Share of coded held-out passages with a correct code among the mode's top k."""
    coded = [item for item in held_out if item.passage.positives]
    if not coded:
        return 0.0
    hits = sum(
        top_k_hits(ranked_codes(item.scores[mode]), item.passage.positives, k) for item in coded
    )
    return hits / len(coded)


def best_threshold(held_out: Sequence[HeldOut], mode: str) -> tuple[float, float]:
    """The threshold (on a 0.05 grid) with the highest micro-F1, and that F1."""
    results = [(total(per_code(held_out, mode, t)).f1, -t) for t in SWEEP]
    f1, negated = max(results)
    return -negated, f1


def report(held_out: Sequence[HeldOut], threshold: float, folds: int) -> dict[str, Any]:
    """The evaluation as plain data: per mode micro/macro, top-2, per code, best threshold."""
    modes: dict[str, Any] = {}
    for mode in MODES:
        codes = per_code(held_out, mode, threshold)
        best_t, best_f1 = best_threshold(held_out, mode)
        modes[mode] = {
            "micro": total(codes).as_json(),
            "macro": macro(codes),
            "top2": round(top_k_rate(held_out, mode, 2), 4),
            "best_threshold": {"threshold": best_t, "micro_f1": round(best_f1, 4)},
            "per_code": {code: c.as_json() for code, c in sorted(codes.items())},
        }
    return {
        "folds": folds,
        "documents": len({h.passage.passage.document_id for h in held_out}),
        "passages": len(held_out),
        "coded_passages": sum(1 for h in held_out if h.passage.positives),
        "threshold": threshold,
        "modes": modes,
    }


def summary_rows(result: Mapping[str, Any]) -> list[dict[str, Any]]:
    """One row per mode for the summary table."""
    rows = []
    for mode in MODES:
        data = result["modes"][mode]
        rows.append(
            {
                "mode": mode,
                "micro_p": data["micro"]["precision"],
                "micro_r": data["micro"]["recall"],
                "micro_f1": data["micro"]["f1"],
                "macro_f1": data["macro"]["f1"],
                "top2": data["top2"],
                "best_threshold": data["best_threshold"]["threshold"],
                "best_micro_f1": data["best_threshold"]["micro_f1"],
            }
        )
    return rows
