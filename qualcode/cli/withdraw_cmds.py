"""Withdrawal and removal commands: show what will go, ask, erase in one transaction, clean up."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.orm import Session

from qualcode.cli.common import (
    CoderOpt,
    ProjectArg,
    confirm_or_stop,
    console,
    default_coder,
    fail,
    project_open,
    refuse_project_output,
    warn,
)
from qualcode.cli.options import YesOpt
from qualcode.files import shown
from qualcode.store.db import Project
from qualcode.wording import counted, plural


def erase_when_confirmed(
    opened: Project, question: str, yes: bool, change: Callable[[Session], str]
) -> None:
    """Ask, make the change in one transaction, say what it did (the line `change` returns),
    then erase the removed rows' traces from the database files and say what is left."""
    from qualcode.withdraw.erase import describe_backups, erase_traces

    confirm_or_stop(question, yes)
    with opened.write() as session:
        done = change(session)
    console.print(done)
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
    key_file: Annotated[
        Path | None,
        typer.Option("--key", metavar="FILE", help="A pseudonym key to remove their names from."),
    ] = None,
    yes: YesOpt = False,
    coder: CoderOpt = None,
) -> None:
    """Withdraw a participant: erase their documents, codings by every coder, memos,
    identifiers and attributes for good, and discard models that learned from them."""
    from qualcode.anonymise.pseudonyms import PseudonymKey, forget_values, read_key, write_key
    from qualcode.withdraw.participant import plan_withdrawal, withdraw

    who = coder or default_coder()
    with project_open(project) as opened:
        with opened.read() as session:
            plan = plan_withdrawal(session, label)
        key: PseudonymKey | None = read_key(key_file) if key_file else None
        console.print(f"Withdrawing {plan.label} erases:")
        for line in plan.lines():
            console.print(f"  {line}")
        if key is not None and key_file is not None:
            spellings = forget_values(key, set(plan.own_values))
            console.print(f"  {spellings} of their names in the pseudonym key {shown(key_file)}")

        def erase(session: Session) -> str:
            withdraw(session, plan, coder=who, reason=reason)
            done = f"Withdrew {plan.label}: everything listed above is erased."
            if key is not None and key_file is not None:
                # Before the commit: a key that cannot be rewritten leaves the project as it was.
                write_key(key, key_file)
                done += f"\nRewrote the pseudonym key {shown(key_file)} without their names."
            return done

        erase_when_confirmed(opened, "Erase all of it? This cannot be undone.", yes, erase)


def doc_remove(
    project: ProjectArg,
    doc: Annotated[str, typer.Argument(metavar="DOC", help="Document id, title or file name.")],
    yes: YesOpt = False,
    coder: CoderOpt = None,
) -> None:
    """Remove a document with its versions, passages, codings by every coder, memos and reviews."""
    from qualcode.withdraw.removals import plan_document_removal, remove_document

    who = coder or default_coder()
    with project_open(project) as opened:
        with opened.read() as session:
            plan = plan_document_removal(session, doc)
        console.print(f"Removing document {plan.document_id} '{plan.title}' erases:")
        for what, n in plan.counts.items():
            if n and what != "coders":
                console.print(f"  {counted(n, what)}")
        if plan.models:
            models = plural(len(plan.models), "trained suggestion model")
            console.print(f"  {models} that learned from it")

        def erase(session: Session) -> str:
            remove_document(session, plan, coder=who)
            return f"Removed document {plan.document_id}."

        erase_when_confirmed(opened, "Erase it? This cannot be undone.", yes, erase)


def code_remove(
    project: ProjectArg,
    key: Annotated[str, typer.Argument(metavar="KEY", help="The code to remove.")],
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="KEY", help="Move its codings and sub-codes to this code."),
    ] = None,
    yes: YesOpt = False,
    coder: CoderOpt = None,
) -> None:
    """Remove a code: its codings go with it, or move to another code with --to."""
    from qualcode.withdraw.removals import plan_code_removal, remove_code

    who = coder or default_coder()
    with project_open(project) as opened:
        with opened.read() as session:
            plan = plan_code_removal(session, key, into=to)
        if to is not None:
            console.print(
                f"Removing '{plan.key}' moves its {plural(plan.codings, 'coding')} and "
                f"{plural(plan.sub_codes, 'sub-code')} to '{to}'."
            )
        else:
            console.print(
                f"Removing '{plan.key}' deletes {plural(plan.codings, 'coding')} by "
                f"{plural(plan.coders, 'coder')}, {plural(plan.memos, 'memo')} on it and "
                f"{plural(plan.decisions, 'suggestion decision')}."
            )
        confirm_or_stop("Go ahead?", yes)
        with opened.write() as session:
            remove_code(session, key, into=to, coder=who)
    console.print(f"Removed '{plan.key}'.")


def unregister(
    project: ProjectArg,
    value: Annotated[str, typer.Argument(metavar="VALUE", help="The registered identifier.")],
    yes: YesOpt = False,
    coder: CoderOpt = None,
) -> None:
    """Remove an identifier from the registry: exports stop redacting it."""
    from qualcode.withdraw.removals import identifiers_with_value, unregister

    who = coder or default_coder()
    with project_open(project) as opened:
        with opened.read() as session:
            found = identifiers_with_value(session, value)
            owners = sorted({i.participant.label if i.participant else "project" for i in found})
        if not found:
            fail(f"{value!r} is not registered (see `qualcode anonymise check`)")
        console.print(
            f"Unregistering {value!r} removes {plural(len(found), 'identifier')} "
            f"({', '.join(owners)}); exports will no longer redact it."
        )

        def erase(session: Session) -> str:
            return f"Removed {plural(unregister(session, value, coder=who), 'identifier')}."

        erase_when_confirmed(opened, "Go ahead?", yes, erase)


def export_data(
    project: ProjectArg,
    label: Annotated[str, typer.Argument(metavar="LABEL", help="The participant's label.")],
    out: Annotated[
        Path, typer.Option("--out", metavar="DIR", help="A new (or empty) folder to write to.")
    ],
) -> None:
    """Write everything the project holds about a participant (documents, codings, memos,
    identifiers) to a folder in open formats, with a README: for a subject access request."""
    from qualcode.withdraw.access import export_participant_data

    refuse_project_output(project, out)
    with project_open(project) as opened, opened.read() as session:
        copy = export_participant_data(session, label, out)
    console.print(
        f"Wrote {plural(copy.documents, 'document')}, {plural(copy.codings, 'coding')}, "
        f"{plural(copy.memos, 'memo')} and {plural(copy.identifiers, 'identifier')} to "
        f"{shown(copy.folder)} (see README.txt there)."
    )
    warn("the folder holds their real names and words: keep it private, delete it once sent")
