"""Anonymisation commands: check for residual identifiers, register, dismiss, keys, preview."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table
from rich.text import Text

from qualcode.anonymise.pseudonyms import build_key, read_key, write_key
from qualcode.anonymise.registry import (
    REGISTER_KINDS,
    dismiss,
    register,
    registry_entries,
    undismiss,
)
from qualcode.anonymise.review import DocumentReview, review_documents
from qualcode.cli import withdraw_cmds
from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    fail,
    print_json,
    project_open,
    refuse_project_output,
)
from qualcode.cli.outcome import Outcome
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed
from qualcode.errors import QualcodeError
from qualcode.export.policy import ExportRedactor
from qualcode.store.documents import find_document
from qualcode.wording import plural

anonymise_app = typer.Typer(help="Check, register and dismiss identifiers; pseudonym keys.")
DocOpt = Annotated[str | None, typer.Option("--doc", help="Document id, title or file name.")]


def _check_table(reviews: list[DocumentReview]) -> Table:
    table = Table(
        title="Possible identifiers not yet registered or dismissed", title_justify="left"
    )
    for column in ("Doc", "Participant", "Value", "Kind", "Count", "Context"):
        table.add_column(column, justify="right" if column in {"Doc", "Count"} else "left")
    for review in reviews:
        for finding in review.findings:
            table.add_row(
                str(review.document_id),
                Text(review.participant or ""),
                Text(finding.value),
                finding.kind,
                str(finding.count),
                Text(finding.context),
            )
    return table


@anonymise_app.command("check")
def check(project: ProjectArg, doc: DocOpt = None, as_json: JsonOpt = False) -> None:
    """List likely identifiers the registry misses: capitalised non-words and detector hits."""
    with project_open(project) as opened, opened.read() as session:
        documents = [find_document(session, doc)] if doc else None
        reviews = review_documents(session, documents)
    if as_json:
        print_json([r.as_json() for r in reviews])
        return
    total = sum(len(r.findings) for r in reviews)
    if not total:
        console.print("No unreviewed identifiers found.")
        return
    console.print(_check_table(reviews))
    console.print(
        f"{plural(total, 'possible identifier')} in "
        f"{plural(sum(1 for r in reviews if r.findings), 'document')}. "
        f"Register one: qualcode anonymise register {project} VALUE --kind name; "
        f"or dismiss it: qualcode anonymise dismiss {project} VALUE",
        soft_wrap=True,
        markup=False,
    )


@anonymise_app.command("register")
def register_(
    project: ProjectArg,
    value: Annotated[str, typer.Argument(help="The identifier as written, e.g. 'Jo Pinder'.")],
    kind: Annotated[str, typer.Option("--kind", help=", ".join(REGISTER_KINDS))] = "name",
    participant: Annotated[
        str | None, typer.Option("--participant", help="Participant label it belongs to.")
    ] = None,
    coder: CoderOpt = None,
) -> None:
    """Add an identifier to the registry so every export redacts it."""
    with project_open(project) as opened, opened.write() as session:
        added = register(
            session, value, kind, participant=participant, coder=coder or default_coder()
        )
    console.print("Registered." if added else "Already registered.", markup=False)


@anonymise_app.command("dismiss")
def dismiss_(
    project: ProjectArg,
    value: Annotated[str, typer.Argument(help="A value from 'anonymise check' that is harmless.")],
    undo: Annotated[bool, typer.Option("--undo", help="Forget an earlier dismissal.")] = False,
    coder: CoderOpt = None,
) -> None:
    """Mark a possible identifier as reviewed and harmless (checks and exports skip it)."""
    with project_open(project) as opened, opened.write() as session:
        if undo:
            changed = undismiss(session, value)
            message = "Dismissal removed." if changed else "It was not dismissed."
        else:
            changed = dismiss(session, value, coder=coder or default_coder())
            message = "Dismissed." if changed else "Already dismissed."
    console.print(message, markup=False)


@anonymise_app.command("key")
def key(
    project: ProjectArg,
    out: Annotated[Path, typer.Option("--out", help="Key file to create or update (JSON).")],
    seed: Annotated[int | None, typer.Option(hidden=True)] = None,
    as_json: JsonOpt = False,
) -> None:
    """Create or update the pseudonym key: stable [Person 3] names, reversible only with it."""
    refuse_project_output(project, out)
    existing = read_key(out) if out.exists() else None
    with project_open(project) as opened, opened.read() as session:
        entries = registry_entries(session)
    built, added = build_key(entries, existing, seed=seed)
    try:
        write_key(built, out)
    except QualcodeError as exc:
        fail(exc)
    report = Outcome(as_json)
    report.say(
        f"Key {out}: {len(built.entities)} pseudonyms ({added} new), readable only by you. "
        "Keep it apart from exports; export with --key to use it."
    )
    report.done(path=str(out), pseudonyms=len(built.entities), added=added)


@anonymise_app.command("preview")
def preview(
    project: ProjectArg,
    doc: Annotated[str, typer.Option("--doc", help="Document id, title or file name.")],
    key_file: Annotated[Path | None, typer.Option("--key", help="Pseudonym key.")] = None,
    unreviewed: UnreviewedOpt = "redact",
    as_json: JsonOpt = False,
) -> None:
    """Print a document as exports would show it: identifiers, speaker names and (unless kept)
    unreviewed possible identifiers replaced."""
    keep = keep_unreviewed(unreviewed)
    pseudonyms = read_key(key_file) if key_file else None
    with project_open(project) as opened, opened.read() as session:
        document = find_document(session, doc)
        policy = ExportRedactor.for_project(session, key=pseudonyms, keep_unreviewed=keep)
        text = policy.redact_document(document)
        document_id = document.id  # not its title: exports leave titles (file names) out
    report = Outcome(as_json)
    if not as_json:
        sys.stdout.write(text if text.endswith("\n") else text + "\n")
    report.unreviewed(len(policy.flagged), project, kept=keep)
    report.done(
        document={"id": document_id},
        text=text,
        unreviewed=len(policy.flagged),
        unreviewed_kept=keep,
    )


anonymise_app.command("unregister")(withdraw_cmds.unregister)
