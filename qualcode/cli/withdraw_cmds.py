"""Withdrawal and removal commands: show what will go, ask, erase in one transaction, clean up."""

from __future__ import annotations

from typing import Annotated

import typer

from qualcode.cli.common import (
    CoderOpt,
    ProjectArg,
    console,
    default_coder,
    fail,
    project_open,
    warn,
)
from qualcode.store.db import Project

YesOpt = Annotated[bool, typer.Option("--yes", help="Do not ask first (for scripts).")]


def confirm_or_stop(question: str, yes: bool) -> None:
    """Ask before a removal; "no" (or no answer) stops with nothing changed."""
    if not yes and not typer.confirm(question, default=False):
        fail("nothing was changed")


def report_erasure(opened: Project) -> None:
    """Erase the removed rows' traces from the database files and say what is left to the user."""
    from qualcode.withdraw.erase import describe_backups, erase_traces

    erasure = erase_traces(opened)
    for line in erasure.done:
        console.print(f"Erased: {line}.")
    for line in erasure.warnings:
        warn(line)
    if erasure.backups:
        console.print(
            "These backups qualcode made before schema upgrades still hold the old data; "
            "delete them if you no longer need them:"
        )
        for line in describe_backups(erasure.backups):
            console.print(f"  {line}")


def withdraw(
    project: ProjectArg,
    label: Annotated[str, typer.Argument(metavar="LABEL", help="The participant's label.")],
    reason: Annotated[
        str | None,
        typer.Option("--reason", help="Why (kept in the audit trail: no names, please)."),
    ] = None,
    yes: YesOpt = False,
    coder: CoderOpt = None,
) -> None:
    """Withdraw a participant: erase their documents, codings by every coder, memos,
    identifiers and attributes for good, and discard models that learned from them."""
    from qualcode.withdraw.participant import plan_withdrawal, withdraw

    who = coder or default_coder()
    with project_open(project) as opened:
        with opened.read() as session:
            plan = plan_withdrawal(session, label)
        console.print(f"Withdrawing {plan.label} erases:")
        for line in plan.lines():
            console.print(f"  {line}")
        confirm_or_stop("Erase all of it? This cannot be undone.", yes)
        with opened.write() as session:
            withdraw(session, plan, coder=who, reason=reason)
        console.print(f"Withdrew {plan.label}: everything listed above is erased.")
        report_erasure(opened)
