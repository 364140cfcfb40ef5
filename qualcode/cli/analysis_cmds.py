"""Analysis commands: the framework matrix, code queries and cell summaries."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from qualcode.analysis.carrying import Filters
from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    TemplateOpt,
    console,
    default_coder,
    fail,
    parse_where,
    print_json,
    project_open,
    refuse_project_output,
    warn,
)
from qualcode.cli.options import (
    CoderFilterOpt,
    ConsensusOpt,
    FormatOpt,
    OutOpt,
    RowsOpt,
    WhereOpt,
)
from qualcode.cli.unreviewed import UnreviewedOpt, keep_unreviewed, warn_unreviewed
from qualcode.errors import QualcodeError
from qualcode.store.audit import known_coder
from qualcode.wording import plural


def _filters(where: list[str] | None, coder: str | None, consensus: bool) -> Filters:
    if coder and consensus:
        fail("give --coder or --consensus, not both")
    return Filters(parse_where(list(where or [])), coder, consensus)


def _output_format(
    project: str,
    out: Path | None,
    fmt: str | None,
    choose: Callable[[Path, str | None], str],
    template: Path | None = None,
) -> str | None:
    """The format to write --out in (None without --out), refused before the project is read."""
    if out is None:
        if fmt is not None or template is not None:
            fail("--format and --template need --out FILE")
        return None
    try:
        chosen = choose(out, fmt)
        if template is not None:
            from qualcode.export.write import check_template

            check_template(chosen, template)
    except QualcodeError as exc:
        fail(exc)
    refuse_project_output(project, out, template)
    return chosen


def matrix(
    project: ProjectArg,
    rows: RowsOpt = "participant",
    columns: Annotated[
        list[str] | None,
        typer.Option("--columns", help="theme (default), code, or code keys (repeat or a,b)."),
    ] = None,
    cell: Annotated[
        str, typer.Option("--cell", help="count (passages) or binary (0/1) in the grid.")
    ] = "count",
    coder: CoderFilterOpt = None,
    consensus: ConsensusOpt = False,
    where: WhereOpt = None,
    as_json: JsonOpt = False,
    out: OutOpt = None,
    fmt: FormatOpt = None,
    quotes: Annotated[
        bool, typer.Option("--quotes/--no-quotes", help="Put each cell's quotes in the output.")
    ] = True,
    unreviewed: UnreviewedOpt = "redact",
    template: TemplateOpt = None,
) -> None:
    """Participants (or documents, attribute values, codes) by themes: passages, codings, the
    cell's summary and its anonymised quotes."""
    from qualcode.analysis.matrix import MatrixOptions, blind_options, build_matrix
    from qualcode.analysis.summaries import is_blind
    from qualcode.analysis.write import matrix_format, write_matrix
    from qualcode.export.model import QuoteOptions

    filters = _filters(where, coder, consensus)
    keep_unreviewed(unreviewed)
    chosen = _output_format(project, out, fmt, matrix_format, template)
    quote_options = QuoteOptions(
        where=filters.where, coder=coder, consensus=consensus, unreviewed=unreviewed
    )
    options = MatrixOptions(
        filters=filters,
        rows=rows,
        columns=list(columns or ["theme"]),
        cell=cell,
        quotes=quotes and (as_json or out is not None),
        quote_options=quote_options,
    )
    with project_open(project) as opened:  # its one-line errors cover writing the file too
        with opened.read() as session:
            known_coder(session, coder)
            viewer = default_coder()  # blind coding: who is looking, as `code list` asks
            blind = is_blind(session, viewer)
            if blind:
                if consensus or (coder is not None and coder.strip() != viewer.strip()):
                    raise QualcodeError(BLIND_MATRIX + "; give no --coder or --consensus")
                options = blind_options(options, viewer)
            result = build_matrix(session, options)
        if out is not None and chosen is not None:
            write_matrix(result, out, chosen, template)
    if out is not None:
        console.print(
            f"Wrote a {len(result.rows)} × {len(result.columns)} matrix to {out} ({chosen})."
        )
    elif as_json:
        print_json(result.as_json())
    else:
        from qualcode.cli.analysis_render import matrix_table

        console.print(matrix_table(result))
    if blind:
        warn(BLIND_MATRIX)
    warn_unreviewed(result.unreviewed, project, kept=result.unreviewed_kept)


BLIND_MATRIX = (
    "a blind assignment of yours is open: the matrix counts only your codings and shows only "
    "your summaries"
)


def summarise(
    project: ProjectArg,
    row: Annotated[
        str, typer.Argument(metavar="ROW", help="Participant label, document or value.")
    ],
    column: Annotated[str, typer.Argument(metavar="CODE", help="The code (column) key.")],
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help="The summary; empty ('') removes it.")
    ],
    rows: RowsOpt = "participant",
    coder: CoderOpt = None,
) -> None:
    """Write the summary of one framework matrix cell (row by code), shown by `matrix`."""
    from qualcode.analysis.summaries import set_summary

    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        outcome = set_summary(session, rows, row, column, text, coder=who)
    console.print(f"Summary of {row} × {column}: {outcome}.")


def query(
    project: ProjectArg,
    expression: Annotated[
        str,
        typer.Argument(
            metavar="EXPR", help="Code keys with AND, OR, NOT, ( ) and NEAR/N, e.g. 'a AND NOT b'."
        ),
    ],
    coder: CoderFilterOpt = None,
    consensus: ConsensusOpt = False,
    where: WhereOpt = None,
    as_json: JsonOpt = False,
    out: OutOpt = None,
    fmt: FormatOpt = None,
    unreviewed: UnreviewedOpt = "redact",
) -> None:
    """Passages whose codes match an expression (a code counts with its sub-codes; NEAR/N:
    both sides within N passages in one document), anonymised as quotes are."""
    from qualcode.analysis.query import quote_set, run_query
    from qualcode.export.model import QuoteOptions
    from qualcode.export.write import format_for, write_quote_set

    filters = _filters(where, coder, consensus)
    keep_unreviewed(unreviewed)
    chosen = _output_format(project, out, fmt, format_for)
    options = QuoteOptions(
        where=filters.where,
        coder=coder,
        consensus=consensus,
        group_by="query",
        unreviewed=unreviewed,
        include_interviewer=True,  # a query lists every passage it matches
    )
    with project_open(project) as opened:  # its one-line errors cover writing the file too
        with opened.read() as session:
            known_coder(session, coder)
            result = run_query(session, expression, filters, options)
        if out is not None and chosen is not None:
            write_quote_set(quote_set(result, options), out, chosen)
    if out is not None:
        console.print(
            f"Wrote {plural(len(result.hits), 'passage')} matching {result.expression} to {out}."
        )
    elif as_json:
        print_json([h.as_json() for h in result.hits])
    else:
        from qualcode.cli.analysis_render import hits_table

        console.print(hits_table(result.hits))
    warn_unreviewed(result.unreviewed, project, kept=result.unreviewed_kept)
