"""The suggestion model's commands: `qualcode suggest train` fits the model on the project's
codings and stores it in the project (optionally cross-validating), `qualcode suggest evaluate`
cross-validates by document and can calibrate the default threshold, and `qualcode suggest
status` shows the stored model and the suggestion settings and changes them; the functions are
registered on the `suggest` group in `suggest_cmds`, and the evaluation tables come from
`suggest_render`.
"""

from __future__ import annotations

from typing import Annotated, Any

import typer

from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    print_json,
    project_open,
)
from qualcode.cli.progress import progress
from qualcode.cli.suggest_render import per_code_table, summary_table
from qualcode.store.audit import record, set_setting
from qualcode.wording import plural

EpochsOpt = Annotated[int | None, typer.Option("--epochs", min=1, help="Training passes.")]


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
    from qualcode.nlp import train_project  # spaCy loads only for the commands that need it

    with project_open(project) as opened, progress(hidden=as_json) as steps:
        steps.stage("Reading the codings")
        info, fresh = train_project(
            opened,
            coder=coder or default_coder(),
            force=force,
            epochs=epochs,
            folds=folds,
            progress=lambda text: steps.stage(text[:1].upper() + text[1:]),
        )
    if as_json:
        print_json(info.as_json() | {"new": fresh})
        return
    what = "Trained" if fresh else "Unchanged since the last training; kept"
    console.print(
        f"{what} model {info.id}: {plural(len(info.labels), 'code')}, "
        f"{plural(info.examples, 'example')} from {plural(len(info.coding_ids), 'coding')} "
        f"({info.metrics.get('seconds', 0)} s, "
        f"{info.size / 1e6:.1f} MB)."
    )
    evaluation = info.metrics.get("evaluation")
    if evaluation and fresh:
        console.print(summary_table(evaluation["modes"], evaluation["threshold"]))


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
    from qualcode.nlp.corpus import codebook_entries
    from qualcode.nlp.evaluate import cross_validate, report, summary_rows
    from qualcode.nlp.labels import training_set
    from qualcode.nlp.settings import set_threshold, threshold

    with project_open(project) as opened:
        with opened.read() as session:
            codes = codebook_entries(session)
            training = training_set(session, codes)
            cutoff = threshold(session)
        with progress(hidden=as_json) as steps:
            steps.stage(f"Cross-validating: training on {folds - 1} of {folds} folds", folds)
            held_out = cross_validate(
                training,
                codes,
                folds=folds,
                epochs=epochs,
                progress=lambda done, _: steps.advance(done),
            )
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
        f"{plural(result['documents'], 'document')}, {plural(result['passages'], 'passage')} "
        "with known codes "
        f"({result['coded_passages']} coded), {folds} folds, threshold {cutoff}."
    )
    console.print(summary_table(summary_rows(result), cutoff))
    console.print(per_code_table(result))
    if calibrate:
        console.print(f"Default threshold set to {result['calibrated_threshold']}.")


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
            f"{plural(len(model['labels']), 'code')}, {plural(model['examples'], 'example')}, "
            f"{plural(model['codings'], 'coding')}."
        )
    console.print(
        f"{state['pending_changes']} changes since; retrain after {state['retrain_after']}; "
        f"threshold {state['threshold']}; vectors {state['vectors'] or 'none'}."
    )
