"""REFI-QDA commands: export the project (.qdpx) or codebook (.qdc) and import them."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from sqlalchemy.exc import SQLAlchemyError

from qualcode.cli.common import (
    CoderOpt,
    JsonOpt,
    ProjectArg,
    console,
    default_coder,
    fail,
    project_open,
    refuse_project_output,
)
from qualcode.cli.outcome import Outcome
from qualcode.cli.progress import progress
from qualcode.errors import QualcodeError
from qualcode.files import shown
from qualcode.store.db import display
from qualcode.wording import plural

if TYPE_CHECKING:
    from qualcode.refi.importer import ImportSummary

NewProjectArg = Annotated[
    str,
    typer.Argument(
        metavar="PROJECT",
        envvar="QUALCODE_DATABASE_URL",
        show_envvar=True,
        help="New project file to create (e.g. study.qc), or an existing project with no "
        "documents yet (file or database URL).",
    ),
]
QdpxArg = Annotated[Path, typer.Argument(metavar="FILE.qdpx", help="REFI-QDA project file.")]
QdcArg = Annotated[Path, typer.Argument(metavar="FILE.qdc", help="REFI-QDA codebook file.")]


def export_qdpx(
    project: ProjectArg,
    out: Annotated[Path, typer.Option("--out", help="The .qdpx file to write.")],
    as_json: JsonOpt = False,
) -> None:
    """Write the whole project as a REFI-QDA .qdpx for NVivo, ATLAS.ti, MAXQDA, QualCoder...

    NOT anonymised: it holds the full transcripts, document titles, codes, codings, coder \
names and memos. Participants appear only by public label with their public attributes; \
their private identifiers are never written. Share it as you would the transcripts.
    """
    refuse_project_output(project, out)
    report = Outcome(as_json)
    with project_open(project) as opened, progress(hidden=as_json) as steps:
        steps.stage(f"Writing {shown(out.name)}")
        from qualcode.refi import api

        summary = api.export_qdpx(opened, out)
    report.say(
        f"Wrote {out}: {plural(summary.documents, 'document')}, "
        f"{plural(summary.codes, 'code')}, {plural(summary.codings, 'coding')}, "
        f"{plural(summary.coders, 'coder')}, {plural(summary.memos, 'memo')}, "
        f"{plural(summary.participants, 'participant')} (as cases, by label)."
    )
    report.warn(
        "a .qdpx holds the transcripts unredacted; private identifiers are left out.",
        label="note",
    )
    report.done(path=str(out), format="qdpx", **dataclasses.asdict(summary))


def export_qdc(
    project: ProjectArg,
    out: Annotated[Path, typer.Option("--out", help="The .qdc file to write.")],
    as_json: JsonOpt = False,
) -> None:
    """Write the codebook as a REFI-QDA .qdc (key, criteria and cues inside each Description)."""
    refuse_project_output(project, out)
    with project_open(project) as opened:
        from qualcode.refi import api

        count = api.export_qdc(opened, out)
    report = Outcome(as_json)
    report.say(f"Wrote {out}: {plural(count, 'code')}.")
    report.done(path=str(out), format="qdc", codes=count)


def import_qdc(project: ProjectArg, file: QdcArg, coder: CoderOpt = None) -> None:
    """Merge a REFI-QDA .qdc codebook: qualcode's own codes update by key, others are added."""
    with project_open(project) as opened:
        from qualcode.refi import api

        added, updated = api.import_qdc(opened, file, coder=coder or default_coder())
    message = f"Codebook {file.name}: {plural(added, 'code')} added, {updated} updated."
    console.print(message, soft_wrap=True, markup=False)


def say_imported(
    report: Outcome, project: str, file: Path, summary: ImportSummary, *, created: bool
) -> None:
    """What one .qdpx brought into the project (its remarks as notes)."""
    verb = "Created" if created else "Imported into"
    report.say(
        f"{verb} {display(project)} from {shown(file.name)} ({summary.origin}): "
        f"{plural(summary.documents, 'document')}, "
        f"{plural(summary.codes_added, 'code')} added ({summary.codes_updated} updated), "
        f"{plural(summary.codings, 'coding')}, {plural(summary.coders, 'coder')}, "
        f"{plural(summary.participants, 'participant')}, {plural(summary.memos, 'memo')}."
    )
    for remark in summary.remarks:
        report.warn(remark, label="note")


def import_qdpx(
    project: NewProjectArg, file: QdpxArg, coder: CoderOpt = None, as_json: JsonOpt = False
) -> None:
    """Import a REFI-QDA .qdpx (from NVivo, ATLAS.ti, MAXQDA, QualCoder...) as a new project.

    Brings in codes, coders, plain-text sources with their codings, memos, and cases as \
participants. All or nothing: on any error nothing is written (a project file created for \
the import is removed). Sources without plain text are listed and skipped.
    """
    report = Outcome(as_json)
    try:
        with progress(hidden=as_json) as steps:
            steps.stage(f"Importing {shown(file.name)}")
            from qualcode.refi import api

            summary, created = api.import_qdpx(project, file, coder=coder or default_coder())
    except QualcodeError as exc:
        fail(exc)
    except SQLAlchemyError as exc:
        fail(f"{display(project)}: database error ({str(exc).strip().splitlines()[0]})")
    say_imported(report, project, file, summary, created=created)
    counts = dataclasses.asdict(summary)
    del counts["remarks"]  # they are the warnings
    report.done(path=str(file), format="qdpx", created=created, **counts)
