"""The --unreviewed option shared by exports, the audit report, agree and preview."""

from __future__ import annotations

from typing import Annotated

import typer

from qualcode.cli.common import fail
from qualcode.cli.outcome import Outcome
from qualcode.export.policy import UNREVIEWED_CHOICES

UnreviewedOpt = Annotated[
    str,
    typer.Option(
        "--unreviewed",
        help="Possible identifiers nobody reviewed: redact (as [name?]) or keep.",
    ),
]


def keep_unreviewed(choice: str) -> bool:
    """True for --unreviewed keep; a value that is neither choice fails in one line."""
    if choice not in UNREVIEWED_CHOICES:
        fail(f"--unreviewed must be one of {', '.join(UNREVIEWED_CHOICES)}")
    return choice == "keep"


def warn_unreviewed(count: int, project: str, *, kept: bool) -> None:
    """The count of unreviewed finds on standard error, as plain text."""
    Outcome(as_json=False).unreviewed(count, project, kept=kept)
