"""Faster scoring gives the very suggestions the earlier code gave, on a real trained pipeline.

tests/nlp/data/scoring_reference.json holds a codebook, training items and passages, and the
suggestions (scores to the last bit) that the code before the speed work (issue 14) gave them
after a real training run. Training is deterministic for a seed, so training again here and
scoring the same passages must give the same suggestions, in one process and with two.
Rewrite the file only when scoring is meant to change: python -m tests.nlp.test_scoring_reference

Training's last bits depend on the OpenBLAS kernel the host's CPU selects: "expected" was
written under the Haswell kernel (Zen uses the same code), "expected_by_kernel" holds the same
passages scored under other kernels by code that gives "expected" under Haswell
(OPENBLAS_CORETYPE=Haswell). On a kernel with no reference the test says so, and
OPENBLAS_CORETYPE=Haswell runs it against the first.
"""

from __future__ import annotations

import gc
import json
import sys
from pathlib import Path
from typing import Any

import pytest
from threadpoolctl import threadpool_info

from qualcode.nlp.suggester import Suggester
from qualcode.nlp.train import train_pipeline
from qualcode.nlp.types import CodeEntry, PassageText, Suggestion

REFERENCE = Path(__file__).with_name("data") / "scoring_reference.json"
MIN_SCORE = 0.2
EPOCHS = 5


def _codes(rows: list[dict[str, Any]]) -> list[CodeEntry]:
    fields = ("cues", "examples", "include")
    return [CodeEntry(**(row | {k: tuple(row[k]) for k in fields})) for row in rows]


def _items(
    codes: list[CodeEntry], rows: list[tuple[str, list[str]]]
) -> list[tuple[str, dict[str, float]]]:
    """Training items as benchmarks.suggest.labelled makes them: every cued leaf 0, own codes 1."""
    leaves = [c.key for c in codes if c.is_leaf and c.cues]
    return [(text, dict.fromkeys(leaves, 0.0) | dict.fromkeys(keys, 1.0)) for text, keys in rows]


def _suggester(data: dict[str, Any]) -> Suggester:
    codes = _codes(data["codes"])
    items = _items(codes, data["items"])
    labels = sorted({key for _, keys in data["items"] for key in keys})
    trained = train_pipeline(items, labels, epochs=EPOCHS)
    positives = {label: sum(int(cats.get(label, 0)) for _, cats in items) for label in labels}
    return Suggester(trained.nlp, codes, 0.5, trained_positives=positives)


def _blas_kernel() -> str:
    """The OpenBLAS kernel numpy uses on this host ("Haswell", "SkylakeX", ...)."""
    found = [
        pool.get("architecture") for pool in threadpool_info() if pool["internal_api"] == "openblas"
    ]
    return str(found[0]) if found else "none"


def _expected(data: dict[str, Any]) -> list[Any]:
    """The reference suggestions for this host's BLAS kernel."""
    kernel = _blas_kernel()
    if kernel in data["expected_kernels"]:
        return list(data["expected"])
    if kernel in data["expected_by_kernel"]:
        return list(data["expected_by_kernel"][kernel])
    pytest.fail(
        f"no scoring reference for the OpenBLAS kernel {kernel}: "
        "run the tests with OPENBLAS_CORETYPE=Haswell"
    )


def _passages(texts: list[str]) -> list[PassageText]:
    return [PassageText(i, 1, "t", i, 0, len(t), "A", t, 0) for i, t in enumerate(texts)]


def _rows(ranked: list[Suggestion]) -> list[list[Any]]:
    return [
        [
            s.code,
            s.score,
            s.origin,
            s.reason,
            s.cue_score,
            s.model_score,
            [[h.cue, h.text, h.start, h.end] for h in s.hits],
        ]
        for s in ranked
    ]


@pytest.fixture(scope="module")
def reference() -> tuple[Suggester, dict[str, Any]]:
    data = json.loads(REFERENCE.read_text(encoding="utf-8"))
    return _suggester(data), data


def test_scores_equal_the_earlier_code_in_one_process(
    reference: tuple[Suggester, dict[str, Any]],
) -> None:
    suggester, data = reference
    found = suggester.suggest(_passages(data["passages"]), min_score=MIN_SCORE)
    got = [_rows(ranked) for _, ranked in found]
    assert sum(map(len, got)) > 200  # the reference has suggestions to compare
    assert got == _expected(data)


def test_scores_equal_the_earlier_code_in_small_batches_and_two_processes(
    reference: tuple[Suggester, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    suggester, data = reference
    monkeypatch.setattr("qualcode.nlp.workers.CHUNK", 16)  # several chunks per worker
    passages = _passages(data["passages"])
    found = suggester.suggest(passages, min_score=MIN_SCORE, batch_size=7, n_process=2)
    assert [_rows(ranked) for _, ranked in found] == _expected(data)


def _write() -> None:
    """Write the reference from benchmarks' synthetic passages with the code as it is now."""
    import random

    from benchmarks.suggest import default_codes, labelled, passages

    codes = default_codes()
    rng = random.Random(7)

    def short(texts: list[str]) -> list[str]:
        return [" ".join(t.split()[: rng.randint(25, 70)]) for t in texts]

    made = labelled(short(passages(120, 11)), codes, 3)
    rows = [(text, sorted(k for k, v in cats.items() if v)) for text, cats in made]
    texts = short(passages(70, 12))
    # Repeated and overlapping cues, and an empty passage.
    texts += [made[0][0] + " " + made[1][0], "", "Tender tender tendering, the tender again."]
    data: dict[str, Any] = {
        "codes": [c.__dict__ for c in codes],
        "items": rows,
        "passages": texts,
    }
    suggester = _suggester(data)
    found = suggester.suggest(_passages(texts), min_score=MIN_SCORE)
    data["expected"] = [_rows(ranked) for _, ranked in found]
    data["expected_kernels"] = [_blas_kernel()]
    data["expected_by_kernel"] = {}
    REFERENCE.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    print(f"wrote {REFERENCE}: {sum(map(len, data['expected']))} suggestions", file=sys.stderr)


if __name__ == "__main__":
    _write()


def test_two_processes_leave_a_callers_freeze_in_place(
    reference: tuple[Suggester, dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    # The CLI freezes its start-up objects once a command is loaded; scoring in workers
    # thawed them all at the end, bringing back the collections over them the freeze saves.
    suggester, data = reference
    monkeypatch.setattr("qualcode.nlp.workers.CHUNK", 16)
    gc.freeze()
    frozen = gc.get_freeze_count()
    found = suggester.suggest(_passages(data["passages"]), min_score=MIN_SCORE, n_process=2)
    assert [_rows(ranked) for _, ranked in found] == _expected(data)
    assert gc.get_freeze_count() >= frozen > 0
