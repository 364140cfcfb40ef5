"""The --unreviewed option shared by exports, the audit report, agree and preview."""

from __future__ import annotations

from typing import Annotated

import typer

from qualcode.cli.common import fail
from qualcode.cli.outcome import Outcome

UnreviewedOpt = Annotated[
    str,
    typer.Option(
        "--unreviewed",
        help="Possible identifiers nobody reviewed: redact (as [name?]) or keep.",
    ),
]


def keep_unreviewed(choice: str) -> bool:
    """True for --unreviewed keep; a value that is neither choice fails in one line."""
    # Imported here: the export policy loads rapidfuzz, which commands like `codebook show`
    # that merely offer the option must not pay for.
    from qualcode.export.policy import UNREVIEWED_CHOICES

    if choice not in UNREVIEWED_CHOICES:
        fail(f"--unreviewed must be one of {', '.join(UNREVIEWED_CHOICES)}")
    return choice == "keep"


def warn_unreviewed(count: int, project: str, *, kept: bool) -> None:
    """The count of unreviewed finds on standard error, as plain text."""
    Outcome(as_json=False).unreviewed(count, project, kept=kept)
