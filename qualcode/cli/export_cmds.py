"""Export commands: themed, anonymised quote sets for report writers."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from qualcode.anonymise.pseudonyms import read_key
from qualcode.cli import refi_cmds
from qualcode.cli.common import (
    JsonOpt,
    ProjectArg,
    TemplateOpt,
    fail,
    parse_where,
    project_open,
    refuse_project_output,
)
from qualcode.cli.outcome import Outcome
from qualcode.cli.progress import progress
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed
from qualcode.errors import QualcodeError
from qualcode.export.build import build_quote_set
from qualcode.export.labels import DEFAULT_LABEL, parse_template
from qualcode.export.model import QuoteOptions
from qualcode.export.write import check_template, format_for, write_quote_set
from qualcode.files import shown
from qualcode.store.audit import known_coder
from qualcode.wording import plural

export_app = typer.Typer(
    help="Export quote sets for reports (always anonymised) and REFI-QDA files for other tools."
)


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
        typer.Option("--key", help="Pseudonym key (from 'anonymise key') instead of [name]."),
    ] = None,
    unreviewed: UnreviewedOpt = "redact",
    as_json: JsonOpt = False,
    include_interviewer: Annotated[
        bool,
        typer.Option(
            "--include-interviewer", help="Keep coded interviewer turns (left out by default)."
        ),
    ] = False,
    memos: Annotated[
        bool,
        typer.Option("--memos", help="Put passage and coding memos under their quotes."),
    ] = False,
    template: TemplateOpt = None,
) -> None:
    """Write quotes grouped by theme, each with an anonymised label; identifiers are replaced."""
    if coder and consensus:
        fail("give --coder or --consensus, not both")
    keep_unreviewed(unreviewed)
    try:
        chosen = format_for(out, fmt)
        check_template(chosen, template)
        parse_template(label)
        pseudonyms = read_key(key) if key else None
    except QualcodeError as exc:
        fail(str(exc))
    refuse_project_output(project, out, key, template)
    options = QuoteOptions(
        codes=list(code or []),
        where=parse_where(list(where or [])),
        coder=coder,
        consensus=consensus,
        context=context,
        label_template=label,
        group_by=group_by,
        key=pseudonyms,
        unreviewed=unreviewed,
        include_interviewer=include_interviewer,
        memos=memos,
    )
    report = Outcome(as_json)
    with (
        project_open(project) as opened,
        opened.read() as session,
        progress(hidden=as_json) as steps,
    ):
        steps.stage("Gathering quotes")
        known_coder(session, coder)
        quote_set = build_quote_set(session, options)
        steps.stage(f"Writing {shown(out.name)}")
        write_quote_set(quote_set, out, chosen, template)
    quotes = quote_set.all_quotes()
    participants = len({q.participant for q in quotes})
    groups = len(quote_set.walk())
    report.say(f"Wrote {quote_set.summary()} in {plural(groups, 'group')} to {out} ({chosen}).")
    report.unreviewed(quote_set.unreviewed, project, kept=quote_set.unreviewed_kept)
    for name in quote_set.hidden_attributes:
        report.warn(
            f"attribute {name!r} looks like a name or contact detail and is left out; "
            f"re-import the participant sheet to make it private, or remove it with: "
            f"qualcode participants attribute remove {project} {name}"
        )
    if quote_set.interviewer_left_out:
        turns = quote_set.interviewer_left_out
        report.warn(
            f"{plural(turns, 'coded interviewer turn')} left out; --include-interviewer keeps them"
        )
    if quote_set.missing_pseudonyms:
        report.warn(
            f"{plural(quote_set.missing_pseudonyms, 'identifier')} "
            f"{'is' if quote_set.missing_pseudonyms == 1 else 'are'} not in the key and "
            f"show as placeholders; update it with: qualcode anonymise key {project} --out {key}"
        )
    report.done(
        path=str(out),
        format=chosen,
        quotes=len(quotes),
        participants=participants,
        groups=groups,
        unreviewed=quote_set.unreviewed,
        unreviewed_kept=quote_set.unreviewed_kept,
    )


# The REFI-QDA commands are written beside their importers, in refi_cmds.
export_app.command("qdpx")(refi_cmds.export_qdpx)
export_app.command("qdc")(refi_cmds.export_qdc)
