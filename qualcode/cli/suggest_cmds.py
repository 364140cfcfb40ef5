"""Suggestion commands: train, run, evaluate, queue, accept, reject, status."""

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
    error_console,
    print_json,
    project_open,
)
from qualcode.nlp import (
    accept_suggestion,
    project_suggester,
    reject_suggestion,
    review_queue,
    suggest_project,
    train_project,
)
from qualcode.nlp.corpus import codebook_entries
from qualcode.nlp.evaluate import cross_validate, report, summary_rows
from qualcode.nlp.labels import training_set
from qualcode.nlp.modelstore import current_model_info
from qualcode.nlp.settings import (
    RETRAIN_AFTER,
    VECTORS,
    retrain_after,
    set_threshold,
    threshold,
    vectors,
)
from qualcode.nlp.training import pending_changes
from qualcode.store.audit import record, set_setting
from qualcode.store.documents import find_document, passage_at

suggest_app = typer.Typer(help="Code suggestions: train, run, evaluate, review queue.")
DocOpt = Annotated[str | None, typer.Option("--doc", help="Only this document (id or title).")]
EpochsOpt = Annotated[int | None, typer.Option("--epochs", min=1, help="Training passes.")]


def _warn(message: str | None) -> None:
    if message:
        error_console.print(f"[bold yellow]warning:[/] {message}", soft_wrap=True)


@suggest_app.command("train")
def train(
    project: ProjectArg,
    force: Annotated[bool, typer.Option(help="Retrain even if nothing changed.")] = False,
    epochs: EpochsOpt = None,
    folds: Annotated[
        int | None, typer.Option("--evaluate", min=2, help="Also cross-validate with K folds.")
    ] = None,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Train the suggestion model on the project's codings and store it in the project."""
    with project_open(project) as opened:
        tell = None if as_json else (lambda text: console.print(f"[dim]{text}…[/]"))
        info, fresh = train_project(
            opened,
            coder=coder or default_coder(),
            force=force,
            epochs=epochs,
            folds=folds,
            progress=tell,
        )
    if as_json:
        print_json(info.as_json() | {"new": fresh})
        return
    what = "Trained" if fresh else "Unchanged since the last training; kept"
    console.print(
        f"{what} model {info.id}: {len(info.labels)} codes, {info.examples} examples from "
        f"{len(info.coding_ids)} codings ({info.metrics.get('seconds', 0)} s, "
        f"{info.size / 1e6:.1f} MB)."
    )
    evaluation = info.metrics.get("evaluation")
    if evaluation and fresh:
        console.print(_summary_table(evaluation["modes"], evaluation["threshold"]))


@suggest_app.command("run")
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
            str(r["passage"]["index"]),
            r["code"],
            f"{r['score']:.2f}",
            r["origin"],
            r["reason"],
        )
    console.print(table)


@suggest_app.command("evaluate")
def evaluate(
    project: ProjectArg,
    folds: Annotated[int, typer.Option("--folds", min=2, help="Folds (by document).")] = 5,
    epochs: EpochsOpt = None,
    calibrate: Annotated[
        bool, typer.Option(help="Store the best combined threshold as the project's default.")
    ] = False,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Cross-validate by document: per-code precision, recall, F1 for cues, model, combined."""
    with project_open(project) as opened:
        with opened.read() as session:
            codes = codebook_entries(session)
            training = training_set(session, codes)
            cutoff = threshold(session)
        held_out = cross_validate(training, codes, folds=folds, epochs=epochs)
        result = report(held_out, cutoff, folds)
        if calibrate:
            best = result["modes"]["combined"]["best_threshold"]["threshold"]
            with opened.write() as session:
                set_threshold(session, best)
                after = {"threshold": best, "before": cutoff, "folds": folds}
                record(session, "suggest.calibrate", "setting", None, coder=coder, after=after)
            result["calibrated_threshold"] = best
    if as_json:
        print_json(result)
        return
    console.print(
        f"{result['documents']} documents, {result['passages']} passages with known codes "
        f"({result['coded_passages']} coded), {folds} folds, threshold {cutoff}."
    )
    console.print(_summary_table(summary_rows(result), cutoff))
    console.print(_per_code_table(result))
    if calibrate:
        console.print(f"Default threshold set to {result['calibrated_threshold']}.")


def _summary_table(rows: list[dict[str, Any]], cutoff: float) -> Table:
    table = Table(title=f"Micro / macro averages at threshold {cutoff}", title_justify="left")
    heads = ("Mode", "Precision", "Recall", "Micro-F1", "Macro-F1", "Top-2", "Best t", "F1 at t")
    for head in heads:
        table.add_column(head, justify="left" if head == "Mode" else "right")
    for r in rows:
        table.add_row(
            r["mode"],
            *(f"{r[k]:.3f}" for k in ("micro_p", "micro_r", "micro_f1", "macro_f1", "top2")),
            f"{r['best_threshold']:.2f}",
            f"{r['best_micro_f1']:.3f}",
        )
    return table


def _per_code_table(result: dict[str, Any]) -> Table:
    table = Table(title="Per code: F1 by mode; combined P, R, F1", title_justify="left")
    for head in ("Code", "Support", "Cue", "Codebook", "Model", "P", "R", "F1"):
        table.add_column(head, justify="left" if head == "Code" else "right", no_wrap=True)
    modes = result["modes"]
    for code, combined in modes["combined"]["per_code"].items():
        f1 = [
            modes[m]["per_code"].get(code, {}).get("f1", 0.0) for m in ("cue", "codebook", "model")
        ]
        table.add_row(
            code,
            str(combined["support"]),
            *(f"{v:.2f}" for v in f1),
            f"{combined['precision']:.2f}",
            f"{combined['recall']:.2f}",
            f"{combined['f1']:.2f}",
        )
    return table


@suggest_app.command("queue")
def queue(
    project: ProjectArg,
    doc: DocOpt = None,
    limit: Annotated[int, typer.Option("--limit", min=1, help="How many passages.")] = 20,
    coder: CoderOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Uncoded passages the suggester is least sure about: label these first."""
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
            r["document"]["title"], str(r["passage"]["index"]), f"{r['uncertainty']:.2f}", guesses
        )
    console.print(table)


def _decide(
    project: str, doc: str, passage: int, code: str, coder: str | None, accept: bool
) -> None:
    who = coder or default_coder()
    with project_open(project) as opened, opened.write() as session:
        found = passage_at(session, find_document(session, doc), passage)
        if accept:
            coding = accept_suggestion(session, found.id, code, who)
            console.print(f"Accepted '{code}' for passage {passage}: coding {coding.id} ({who}).")
        else:
            reject_suggestion(session, found.id, code, who)
            console.print(f"Rejected '{code}' for passage {passage} ({who}); it will be learned.")


PassageArg = Annotated[int, typer.Option("--passage", min=0, help="Passage index.")]
CodeArg = Annotated[str, typer.Option("--code", help="Code key.")]
DocArg = Annotated[str, typer.Option("--doc", help="Document id or title.")]


@suggest_app.command("accept")
def accept(
    project: ProjectArg, doc: DocArg, passage: PassageArg, code: CodeArg, coder: CoderOpt = None
) -> None:
    """Accept a suggestion: code the passage (origin "suggestion")."""
    _decide(project, doc, passage, code, coder, accept=True)


@suggest_app.command("reject")
def reject(
    project: ProjectArg, doc: DocArg, passage: PassageArg, code: CodeArg, coder: CoderOpt = None
) -> None:
    """Reject a suggestion: the code does not apply (a negative example for training)."""
    _decide(project, doc, passage, code, coder, accept=False)


@suggest_app.command("status")
def status(
    project: ProjectArg,
    set_threshold_to: Annotated[
        float | None, typer.Option("--threshold", help="Set the default threshold.")
    ] = None,
    set_retrain: Annotated[
        int | None, typer.Option("--retrain-after", min=0, help="Set retraining cadence.")
    ] = None,
    set_vectors: Annotated[
        str | None, typer.Option("--vectors", help="Installed pipeline for vectors ('' clears).")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Show the stored model and suggestion settings (and change the settings)."""
    with project_open(project) as opened:
        if set_threshold_to is not None or set_retrain is not None or set_vectors is not None:
            with opened.write() as session:
                if set_threshold_to is not None:
                    set_threshold(session, set_threshold_to)
                if set_retrain is not None:
                    set_setting(session, RETRAIN_AFTER, str(set_retrain))
                if set_vectors is not None:
                    set_setting(session, VECTORS, set_vectors.strip())
        with opened.read() as session:
            info = current_model_info(session)
            state: dict[str, Any] = {
                "model": info.as_json() if info else None,
                "pending_changes": pending_changes(session),
                "threshold": threshold(session),
                "retrain_after": retrain_after(session),
                "vectors": vectors(session),
            }
    if as_json:
        print_json(state)
        return
    model = state["model"]
    if model is None:
        console.print(
            "No model trained yet: suggestions come from the codebook (cues, definitions)."
        )
    else:
        console.print(
            f"Model {model['id']}, trained {model['created_at'][:16]} by {model['trained_by']}: "
            f"{len(model['labels'])} codes, {model['examples']} examples, "
            f"{model['codings']} codings."
        )
    console.print(
        f"{state['pending_changes']} changes since; retrain after {state['retrain_after']}; "
        f"threshold {state['threshold']}; vectors {state['vectors'] or 'none'}."
    )
