"""Rich tables for the suggester's cross-validation results, shared by `qualcode suggest train
--evaluate` (which prints the averages after a fresh training) and `qualcode suggest evaluate`
(which prints the averages and the per-code table): `summary_table` gives micro/macro precision,
recall and F1 per mode (cue, codebook, model, combined) with the best threshold, and
`per_code_table` gives each code's F1 by mode and its combined precision, recall and F1.
"""

from __future__ import annotations

from typing import Any

from rich.table import Table


def summary_table(rows: list[dict[str, Any]], cutoff: float) -> Table:
    """Micro / macro averages per mode at the threshold `cutoff`, and the best threshold."""
    table = Table(title=f"Micro / macro averages at threshold {cutoff}", title_justify="left")
    heads = ("Mode", "Precision", "Recall", "Micro-F1", "Macro-F1", "Top-2", "Best t", "F1 at t")
    for head in heads:
        table.add_column(head, justify="left" if head == "Mode" else "right")
    for r in rows:
        table.add_row(
            r["mode"],
            *(f"{r[k]:.3f}" for k in ("micro_p", "micro_r", "micro_f1", "macro_f1", "top2")),
            f"{r['best_threshold']:.2f}",
            f"{r['best_micro_f1']:.3f}",
        )
    return table


def per_code_table(result: dict[str, Any]) -> Table:
    """Per code: support, F1 of cue, codebook and model, and the combined P, R, F1."""
    table = Table(title="Per code: F1 by mode; combined P, R, F1", title_justify="left")
    for head in ("Code", "Support", "Cue", "Codebook", "Model", "P", "R", "F1"):
        table.add_column(head, justify="left" if head == "Code" else "right", no_wrap=True)
    modes = result["modes"]
    for code, combined in modes["combined"]["per_code"].items():
        f1 = [
            modes[m]["per_code"].get(code, {}).get("f1", 0.0) for m in ("cue", "codebook", "model")
        ]
        table.add_row(
            code,
            str(combined["support"]),
            *(f"{v:.2f}" for v in f1),
            f"{combined['precision']:.2f}",
            f"{combined['recall']:.2f}",
            f"{combined['f1']:.2f}",
        )
    return table
