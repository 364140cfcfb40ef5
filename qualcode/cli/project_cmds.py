"""Project commands: init, status, docs, show, search."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    fail,
    print_json,
    project_open,
)
from qualcode.cli.render import documents_table, hits_table, passages_table, status_tables
from qualcode.errors import QualcodeError
from qualcode.numbering import passage_number
from qualcode.store.db import display
from qualcode.wording import plural

# Each command imports the store modules it uses: status, docs, search and show read
# through plain SQL and never load the ORM models, a good part of their start-up.


def init(
    project: ProjectArg,
    codebook: Annotated[
        Path | None,
        typer.Option(
            help="Codebook YAML to start with (default: the study's); 'none' starts empty, "
            "e.g. to import another tool's project with its own codebook."
        ),
    ] = None,
    coder: CoderOpt = None,
) -> None:
    """Create a new project, with the default codebook unless another is given."""
    from qualcode.codebook.types import CodebookSpec
    from qualcode.codebook.yamlio import load_codebook  # PyYAML: only to create a project
    from qualcode.project import DEFAULT_CODEBOOK, new_project

    try:
        if codebook is not None and str(codebook).lower() == "none" and not codebook.exists():
            spec = CodebookSpec(name="Codebook")
        else:
            spec = load_codebook(codebook or DEFAULT_CODEBOOK)
        created, added = new_project(project, spec, coder=coder or default_coder())
    except QualcodeError as exc:
        fail(exc)
    created.close()
    console.print(
        f"Created {display(project)} with codebook '{spec.name}' ({plural(added, 'code')})."
    )


def status(project: ProjectArg, as_json: JsonOpt = False) -> None:
    """Documents, passages, coded share, and counts per coder and per code."""
    from qualcode.store.reports import project_status

    with project_open(project) as opened, opened.read() as session:
        report = project_status(session)
    if as_json:
        print_json(report)
        return
    for table in status_tables(report):
        console.print(table)


def docs(project: ProjectArg, as_json: JsonOpt = False) -> None:
    """List documents with participant label and public attributes."""
    from qualcode.store.reports import document_list

    with project_open(project) as opened, opened.read() as session:
        documents = document_list(session)
    if as_json:
        print_json(documents)
    else:
        console.print(documents_table(documents))


def show(
    project: ProjectArg,
    doc: Annotated[str, typer.Argument(metavar="DOC", help="Document id, title or file name.")],
    as_json: JsonOpt = False,
    coder: CoderOpt = None,
) -> None:
    """A document's passages with index, offsets, speaker, text and codings."""
    from sqlalchemy import select

    from qualcode.audit.blind import visible_coders
    from qualcode.store.lookup import find_document_key
    from qualcode.store.tables import Code, Coder, Coding, Passage

    with project_open(project) as opened, opened.read() as session:
        document = find_document_key(session, doc)
        codings = list(
            session.execute(
                select(
                    Coding.c.id,
                    Code.c.key.label("code"),
                    Coder.c.name.label("coder"),
                    Coding.c.start,
                    Coding.c.end,
                )
                .select_from(Coding)
                .outerjoin(Code, Code.c.id == Coding.c.code_id)
                .outerjoin(Coder, Coder.c.id == Coding.c.coder_id)
                .where(Coding.c.document_id == document.id)
                .order_by(Coding.c.start)
            )
        )
        allowed = visible_coders(session, document.id, coder or default_coder())  # blind coding
        codings = [c for c in codings if allowed is None or c.coder in allowed]
        rows = session.execute(
            select(Passage, Passage.c["index"].label("stored_index"))  # Row.index is a method
            .where(Passage.c.document_id == document.id)
            .order_by(Passage.c["index"])
        )
        passages: list[dict[str, Any]] = []
        # One sweep over passages and codings, both in text order: `open_` holds the codings
        # that started before the current passage ends.
        upcoming, open_ = iter(codings), []
        pending = next(upcoming, None)
        for p in rows:
            while pending is not None and pending.start < p.end:
                open_.append(pending)
                pending = next(upcoming, None)
            open_ = [c for c in open_ if c.end > p.start]
            covering = list(open_)
            passages.append(
                {
                    "passage": passage_number(p.stored_index),
                    "start": p.start,
                    "end": p.end,
                    "speaker": p.speaker,
                    "text": p.text,
                    "meta": p.meta,
                    "codings": [
                        {
                            "id": c.id,
                            "code": c.code,
                            "coder": c.coder,
                            "start": c.start,
                            "end": c.end,
                        }
                        for c in covering
                    ],
                }
            )
        result = {"document": {"id": document.id, "title": document.title}, "passages": passages}
    if as_json:
        print_json(result)
    else:
        console.print(passages_table(f"{document.id} {document.title}", passages))


def search(
    project: ProjectArg,
    query: Annotated[str, typer.Argument(help='Words, "a phrase", prefix*, AND/OR/NOT.')],
    limit: Annotated[
        int | None,
        typer.Option(min=1, help="Most results to show (default 50; with --code, every hit)."),
    ] = None,
    as_json: JsonOpt = False,
    code: Annotated[
        str | None,
        typer.Option("--code", help="Apply this code to every hit passage (asks first)."),
    ] = None,
    coder: CoderOpt = None,
    yes: Annotated[bool, typer.Option("--yes", help="With --code: do not ask first.")] = False,
) -> None:
    """Full-text search over passages."""
    if code is not None:
        _code_hits(project, query, code, coder or default_coder(), limit, yes=yes, as_json=as_json)
        return
    from qualcode.store.search import search_passages

    with project_open(project) as opened, opened.read() as session:
        hits = search_passages(session, query, limit=limit or 50)
    if as_json:
        print_json([h.as_json() for h in hits])
    elif not hits:
        console.print(f"No passages match {query!r}.")
    else:
        console.print(hits_table(query, hits))


def _code_hits(
    project: str, query: str, key: str, coder: str, limit: int | None, *, yes: bool, as_json: bool
) -> None:
    """Apply a code to every passage a search finds, after saying how many and asking."""
    import sys

    from qualcode.cli.outcome import Outcome
    from qualcode.numbering import MAX_ROW_ID
    from qualcode.store.bulk_coding import BulkCoding, already_coded, code_hits
    from qualcode.store.codes import find_code
    from qualcode.store.search import search_passages

    with project_open(project) as opened:
        with opened.read() as session:
            code = find_code(session, key)
            hits = search_passages(session, query, limit=limit or MAX_ROW_ID)
            done_before = len(already_coded(session, hits, code, coder))
        documents = len({h.document_id for h in hits})
        report = Outcome(as_json)
        report.say(
            f"{plural(len(hits), 'passage')} in {plural(documents, 'document')} match {query!r}; "
            f"{done_before} already carry '{key}' for {coder} and will be skipped."
        )
        if done_before < len(hits) and not yes:
            if not sys.stdin.isatty():
                fail("not coding without a yes: give --yes to apply the code from a script")
            if not typer.confirm(
                f"Code {plural(len(hits) - done_before, 'passage')} with '{key}' for {coder}?",
                default=False,
            ):
                fail("nothing was changed")
        outcome = BulkCoding(0, len(hits), 0)
        if done_before < len(hits):
            with opened.write() as session:
                outcome = code_hits(session, hits, find_code(session, key), coder)
    # Told only after the commit: codings reported as saved are saved.
    report.say(
        f"Coded {plural(outcome.added, 'passage')} in {plural(outcome.documents, 'document')} "
        f"with '{key}' for {coder}; {outcome.skipped} already coded, skipped."
    )
    report.done(hits=len(hits), coded=outcome.added, skipped=outcome.skipped, code=key, coder=coder)
