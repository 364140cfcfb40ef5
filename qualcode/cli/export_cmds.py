"""Export commands: themed, anonymised quote sets for report writers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcode.anonymise.pseudonyms import read_key
from qualcode.cli.common import (
    ProjectArg,
    console,
    error_console,
    fail,
    project_open,
    refuse_project_output,
    warn,
)
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed, warn_unreviewed
from qualcode.errors import QualcodeError
from qualcode.export.build import build_quote_set
from qualcode.export.labels import DEFAULT_LABEL, parse_template
from qualcode.export.model import QuoteOptions
from qualcode.export.write import format_for, write_quote_set

export_app = typer.Typer(
    help="Export quote sets for reports (always anonymised) and REFI-QDA files for other tools."
)


def _where(pairs: list[str]) -> dict[str, list[str]]:
    where: dict[str, list[str]] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            fail(f"--where {pair!r} is not ATTR=VALUE")
        where.setdefault(name.strip(), []).append(value.strip())
    return where


@export_app.command("quotes")
def quotes(
    project: ProjectArg,
    out: Annotated[Path, typer.Option("--out", help="File to write (.md .docx .csv ...).")],
    fmt: Annotated[
        str | None,
        typer.Option("--format", help="md, docx, csv, xlsx, json or html (default: from --out)."),
    ] = None,
    code: Annotated[
        list[str] | None, typer.Option("--code", help="Only this code and its sub-codes.")
    ] = None,
    where: Annotated[
        list[str] | None,
        typer.Option("--where", help="Only participants with ATTR=VALUE (repeat to narrow)."),
    ] = None,
    coder: Annotated[str | None, typer.Option("--coder", help="Only this coder's codings.")] = None,
    consensus: Annotated[
        bool, typer.Option("--consensus", help="Only text every coder of a document coded.")
    ] = False,
    context: Annotated[
        int, typer.Option("--context", min=0, help="Sentences of context around each quote.")
    ] = 0,
    label: Annotated[
        str, typer.Option("--label", help="Quote label template, e.g. '{label}, {role}'.")
    ] = DEFAULT_LABEL,
    group_by: Annotated[
        str, typer.Option("--group-by", help="code (themes), participant, or an attribute.")
    ] = "code",
    key: Annotated[
        Path | None,
        typer.Option("--key", help="Pseudonym key (from 'anonymise key') instead of \\[name]."),
    ] = None,
    unreviewed: UnreviewedOpt = "redact",
    include_interviewer: Annotated[
        bool,
        typer.Option(
            "--include-interviewer", help="Keep coded interviewer turns (left out by default)."
        ),
    ] = False,
) -> None:
    """Write quotes grouped by theme, each with an anonymised label; identifiers are replaced."""
    if coder and consensus:
        fail("give --coder or --consensus, not both")
    keep_unreviewed(unreviewed)
    try:
        chosen = format_for(out, fmt)
        parse_template(label)
        pseudonyms = read_key(key) if key else None
    except QualcodeError as exc:
        fail(str(exc))
    refuse_project_output(project, out, key)
    options = QuoteOptions(
        codes=list(code or []),
        where=_where(list(where or [])),
        coder=coder,
        consensus=consensus,
        context=context,
        label_template=label,
        group_by=group_by,
        key=pseudonyms,
        unreviewed=unreviewed,
        include_interviewer=include_interviewer,
    )
    with project_open(project) as opened, opened.read() as session:
        quote_set = build_quote_set(session, options)
        write_quote_set(quote_set, out, chosen)
    groups = len(quote_set.walk())
    console.print(f"Wrote {quote_set.summary()} in {groups} groups to {out} ({chosen}).")
    warn_unreviewed(quote_set.unreviewed, project, kept=quote_set.unreviewed_kept)
    if quote_set.interviewer_left_out:
        turns = quote_set.interviewer_left_out
        warn(
            f"{turns} coded interviewer turn{'s' if turns != 1 else ''} left out; "
            "--include-interviewer keeps them"
        )
    for name in quote_set.hidden_attributes:
        warn(
            f"attribute {name!r} looks like a name or contact detail and is left out; "
            f"re-import the participant sheet to make it private, or remove it with: "
            f"qualcode participants attribute remove {project} {name}"
        )
    if quote_set.missing_pseudonyms:
        error_console.print(
            f"warning: {quote_set.missing_pseudonyms} identifier(s) are not in the key and "
            f"show as placeholders; update it with: qualcode anonymise key {project} --out {key}",
            soft_wrap=True,
            markup=False,
        )
