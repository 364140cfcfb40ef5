"""Typer options shared by several commands: filters, output files, confirmation."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

WhereOpt = Annotated[
    list[str] | None,
    typer.Option("--where", help="Only participants with ATTR=VALUE (repeat to narrow)."),
]
CoderFilterOpt = Annotated[str | None, typer.Option("--coder", help="Only this coder's codings.")]
ConsensusOpt = Annotated[
    bool, typer.Option("--consensus", help="Only text every coder of a document coded.")
]
OutOpt = Annotated[
    Path | None, typer.Option("--out", help="Write to this file (.md .docx .xlsx .csv .html).")
]
FormatOpt = Annotated[
    str | None, typer.Option("--format", help="Output format (default: from --out).")
]
RowsOpt = Annotated[
    str,
    typer.Option("--rows", help="participant, document, an attribute (e.g. size), code or theme."),
]
YesOpt = Annotated[bool, typer.Option("--yes", help="Do not ask first (for scripts).")]


def _kappa(value: float) -> float:
    if not -1 <= value <= 1:  # also refuses nan, which no kappa is ever below
        raise typer.BadParameter(f"{value} is not a kappa; give a number from -1 to 1, e.g. 0.6")
    return value


ThresholdOpt = Annotated[
    float,
    typer.Option("--threshold", callback=_kappa, help="Flag codes whose kappa is below this."),
]
