"""Build the demo project from the bundled transcripts, participant sheets and reference codings."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from qualcode.codebook.yamlio import load_codebook
from qualcode.errors import QualcodeError
from qualcode.importing import import_files
from qualcode.project import DEFAULT_CODEBOOK, new_project
from qualcode.store.db import Project
from qualcode.tables.codings import import_table, read_table
from qualcode.tables.participants import import_sheet, read_sheet
from qualcode.wording import plural

DEMO_TRANSCRIPTS = Path(__file__).resolve().parents[1] / "transcripts"


@dataclass(frozen=True)
class DemoSummary:
    """What the demo build put in the project."""

    documents: int
    failed: list[str]
    participants: int
    codings: int
    trained: str | None = None  # what training the suggester did, when it did


def build_demo(
    target: str, source: Path = DEMO_TRANSCRIPTS, *, coder: str, train: bool = False
) -> DemoSummary:
    """Create a project at target with the default codebook and everything in source, and
    (with train) the suggester trained on its codings, so suggestions are good at once."""
    if not source.is_dir():
        raise QualcodeError(f"{source}: no demo transcripts folder (give --from FOLDER)")
    project, _ = new_project(target, load_codebook(DEFAULT_CODEBOOK), coder=coder)
    with project:
        outcomes = import_files(project, [source], coder=coder)
        failed = [o.message for o in outcomes if o.status == "failed"]
        participants = codings = 0
        with project.write() as session:
            for sheet in sorted(source.glob("participants*.csv")):
                participants += import_sheet(session, read_sheet(sheet), coder=coder).participants
            for table in sorted(source.glob("codings*.csv")):
                added, _ = import_table(session, read_table(session, table))
                codings += added
        trained = _train(project, coder) if train and codings else None
    imported = sum(o.status == "imported" for o in outcomes)
    return DemoSummary(imported, failed, participants, codings, trained)


def _train(project: Project, coder: str) -> str:
    from qualcode.nlp import train_project  # spaCy loads only when the demo trains

    info, _ = train_project(project, coder=coder)
    return (
        f"suggester trained on {plural(len(info.coding_ids), 'coding')}, "
        f"{plural(len(info.labels), 'code')} "
        f"({info.metrics.get('seconds', 0)} s)"
    )
