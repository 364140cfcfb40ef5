"""The suggestions themselves, for review: `qualcode suggest run` scores every passage (or one
document's) and lists the codes above the threshold with their origin and reason, `qualcode
suggest queue` lists the uncoded passages the suggester is least sure about, and `qualcode
suggest accept` / `reject` record a coder's verdict on one suggestion (a coding, or a negative
example for training); the functions are registered on the `suggest` group in `suggest_cmds`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer
from rich.table import Table

from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    print_json,
    project_open,
    warn,
)
from qualcode.numbering import passage_index
from qualcode.store.documents import find_document, passage_at

DocOpt = Annotated[str | None, typer.Option("--doc", help="Only this document (id or title).")]


def _warn(message: str | None) -> None:
    if message:
        warn(message)


def run(
    project: ProjectArg,
    doc: DocOpt = None,
    min_score: Annotated[
        float | None, typer.Option("--min-score", help="Lowest score shown (default: threshold).")
    ] = None,
    processes: Annotated[int, typer.Option("--processes", min=1, help="Worker processes.")] = 1,
    as_json: JsonOpt = False,
) -> None:
    """Suggest codes for every passage (or one document's)."""
    from qualcode.nlp import project_suggester, suggest_project  # spaCy only when needed

    with project_open(project) as opened:
        _warn(project_suggester(opened).warning)
        documents = None
        if doc is not None:
            with opened.read() as session:
                documents = [find_document(session, doc).id]
        rows: list[dict[str, Any]] = []
        for passage, suggestions in suggest_project(
            opened, documents=documents, min_score=min_score, n_process=processes
        ):
            for s in suggestions:
                rows.append(
                    {
                        "document": {"id": passage.document_id, "title": passage.document_title},
                        "passage": passage.as_json(),
                        "start": passage.body_start,
                        "end": passage.end,
                        "code": s.code,
                        "score": round(s.score, 4),
                        "origin": s.origin,
                        "reason": s.reason,
                    }
                )
    if as_json:
        print_json(rows)
        return
    table = Table(title=f"Suggestions ({len(rows)})", title_justify="left", show_lines=True)
    for column in ("Doc", "Passage", "Code", "Score", "Origin", "Reason"):
        table.add_column(
            column,
            justify="right" if column in ("Doc", "Passage", "Score") else "left",
            no_wrap=column != "Reason",
        )
    for r in rows:
        table.add_row(
            str(r["document"]["id"]),
            str(r["passage"]["number"]),
            r["code"],
            f"{r['score']:.2f}",
            r["origin"],
            r["reason"],
        )
    console.print(table)


def queue(
    project: ProjectArg,
    doc: DocOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many passages.")] = 20,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Uncoded passages the suggester is least sure about: label these first."""
    from qualcode.nlp import review_queue

    with project_open(project) as opened:
        documents = None
        if doc is not None:
            with opened.read() as session:
                documents = [find_document(session, doc).id]
        items = review_queue(opened, coder=coder, documents=documents, limit=limit)
    rows: list[dict[str, Any]] = [
        {
            "document": {"id": i.passage.document_id, "title": i.passage.document_title},
            "passage": i.passage.as_json(),
            "uncertainty": i.uncertainty,
            "suggestions": [{"code": s.code, "score": round(s.score, 4)} for s in i.suggestions],
        }
        for i in items
    ]
    if as_json:
        print_json(rows)
        return
    table = Table(title="Review queue", title_justify="left")
    for head in ("Document", "Passage", "Uncertainty", "Best guesses"):
        table.add_column(head, justify="right" if head in ("Passage", "Uncertainty") else "left")
    for r in rows:
        guesses = ", ".join(f"{s['code']} {s['score']:.2f}" for s in r["suggestions"])
        table.add_row(
            r["document"]["title"], str(r["passage"]["number"]), f"{r['uncertainty']:.2f}", guesses
        )
    console.print(table)


def _decide(
    project: str, doc: str, passage: int, code: str, coder: str | None, accept: bool
) -> None:
    from qualcode.nlp import accept_suggestion, reject_suggestion

    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        found = passage_at(session, find_document(session, doc), passage_index(passage))
        if accept:
            coding = accept_suggestion(session, found.id, code, who)
            message = f"Accepted '{code}' for passage {passage}: coding {coding.id} ({who})."
        else:
            reject_suggestion(session, found.id, code, who)
            message = f"Rejected '{code}' for passage {passage} ({who}); it will be learned."
    console.print(message)  # only once the transaction has committed


PassageArg = Annotated[int, typer.Option("--passage", help="Passage number, from 1.")]
CodeArg = Annotated[str, typer.Option("--code", help="Code key.")]
DocArg = Annotated[str, typer.Option("--doc", help="Document id or title.")]


def accept(
    project: ProjectArg, doc: DocArg, passage: PassageArg, code: CodeArg, coder: CoderOpt = None
) -> None:
    """Accept a suggestion: code the passage (origin "suggestion")."""
    _decide(project, doc, passage, code, coder, accept=True)


def reject(
    project: ProjectArg, doc: DocArg, passage: PassageArg, code: CodeArg, coder: CoderOpt = None
) -> None:
    """Reject a suggestion: the code does not apply (a negative example for training)."""
    _decide(project, doc, passage, code, coder, accept=False)
