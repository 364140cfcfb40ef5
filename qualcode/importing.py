"""Import interview files into a project: read ahead, skip duplicates, a savepoint per file."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection
from sqlalchemy.exc import DataError, IntegrityError

from qualcode.errors import QualcodeError
from qualcode.gcpause import existing_objects_frozen
from qualcode.import_read import FileRead, ImportOutcome, read_for_import
from qualcode.ingest import ReadDocument, iter_import_files
from qualcode.ingest.document import fail
from qualcode.ingest.speaker_map import ORIGINAL
from qualcode.reading_process import Reading, read_ahead
from qualcode.store.checkpoints import background_checkpoints
from qualcode.store.db import Project
from qualcode.store.documents_batch import find_by_shas, insert_documents

__all__ = [
    "BATCH_FILES",
    "ImportOutcome",
    "import_files",
    "import_one",
    "import_paths",
    "understood",
]

Progress = Callable[[Path, ImportOutcome], None]


# A batch commits when it holds this many files or characters of text: a crash loses at most
# one batch (each file whole or absent), and a commit's fsync and the FTS index's new segment
# are paid once per batch (48 files rather than 16: a tenth less CPU, a sixth less wall time).
BATCH_FILES = 48
BATCH_CHARACTERS = 4_000_000


@dataclass(frozen=True)
class _Options:
    participant: str | None
    attributes: dict[str, str] | None
    coder: str | None
    speakers: dict[str, str] | None


def import_files(
    project: Project,
    paths: list[Path],
    *,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
    speakers: dict[str, str] | None = None,
    on_file: Progress | None = None,
) -> list[ImportOutcome]:
    """Import files and folders (recursively); each file is all-or-nothing, others carry on."""
    return import_paths(
        project,
        iter_import_files(paths),
        participant=participant,
        attributes=attributes,
        coder=coder,
        speakers=speakers,
        on_file=on_file,
    )


def import_paths(
    project: Project,
    files: list[Path],
    *,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
    speakers: dict[str, str] | None = None,
    on_file: Progress | None = None,
    reading: Reading | None = None,
) -> list[ImportOutcome]:
    """Import these files, in order; each file is all-or-nothing, the others carry on.

    Files are stored several to a transaction, each in its own savepoint, so a file that
    fails leaves nothing behind and the others whole. `on_file` hears of each file once its
    transaction has committed (a duplicate or a failure straight after the batch it was in).
    `reading` is these files being read already (`read_ahead`), which this closes.
    """
    options = _Options(participant, attributes, coder, speakers)
    outcomes: list[ImportOutcome] = []
    batch: list[FileRead] = []
    size = 0
    if reading is None:
        reading = read_ahead(files, speakers)
    # Passing over the objects of start-up (modules, classes, SQLAlchemy's tables) again and
    # again, as the passages made meanwhile set off collections, was a twentieth of the CPU.
    with closing(reading), existing_objects_frozen(), background_checkpoints(project) as checkpoint:
        for item in reading:
            batch.append(item)
            size += len(item.read.text) if item.read is not None else 0
            if len(batch) >= BATCH_FILES or size >= BATCH_CHARACTERS:
                outcomes += _store_batch(project, batch, options, on_file, checkpoint)
                batch, size = [], 0
        if batch:
            outcomes += _store_batch(project, batch, options, on_file, checkpoint)
    return outcomes


def import_one(
    project: Project,
    path: Path,
    *,
    participant: str | None = None,
    attributes: dict[str, str] | None = None,
    coder: str | None = None,
    speakers: dict[str, str] | None = None,
) -> ImportOutcome:
    """Import a single file in one transaction; a failure leaves nothing of it behind.

    `speakers` maps speaker labels (any case) to roles or participant labels, stored as the
    passages' speaker; the labels as written stay private identifiers."""
    options = _Options(participant, attributes, coder, speakers)
    [outcome] = _store_batch(project, [read_for_import(path, speakers)], options, None)
    return outcome


def _store_batch(
    project: Project,
    batch: list[FileRead],
    options: _Options,
    on_file: Progress | None,
    checkpoint: Callable[[], None] | None = None,
) -> list[ImportOutcome]:
    """Store a batch of read files in one transaction; report each file once the transaction
    has committed. With `checkpoint`, the commit leaves copying the log to it."""
    outcomes: list[ImportOutcome | None] = [item.failure for item in batch]
    if any(item.read is not None for item in batch):
        with project.write_rows(background_checkpoint=checkpoint is not None) as connection:
            shas = [i.read.sha256 for i in batch if i.read is not None]
            known = find_by_shas(connection, shas)
            if not _store_together(connection, batch, outcomes, dict(known), options):
                for position, item in enumerate(batch):
                    if item.read is not None:
                        outcomes[position] = _store(connection, item, item.read, known, options)
        if checkpoint is not None:
            checkpoint()
    done = [outcome for outcome in outcomes if outcome is not None]
    if on_file is not None:
        for outcome in done:
            on_file(outcome.path, outcome)
    return done


def _store_together(
    connection: Connection,
    batch: list[FileRead],
    outcomes: list[ImportOutcome | None],
    known: dict[str, tuple[int, str]],
    options: _Options,
) -> bool:
    """Store the batch's new files in a few statements, inside a savepoint; fill `outcomes`.

    False (and nothing stored, `outcomes` untouched) when one of them is refused: the caller
    then stores them one savepoint each, so only the refused file fails.
    """
    new: dict[int, ReadDocument] = {}
    for position, item in enumerate(batch):
        read = item.read
        if read is not None and read.sha256 not in known:
            new[position] = read
            known[read.sha256] = (0, read.title)  # a later copy in the batch is a duplicate
    try:
        with connection.begin_nested():
            ids = insert_documents(
                connection,
                list(new.values()),
                participant_label=options.participant,
                attributes=options.attributes,
                coder=options.coder,
            )
    except (QualcodeError, IntegrityError, DataError):
        return False
    stored = dict(zip(new, ids, strict=True))
    for position, item in enumerate(batch):
        if item.read is None:
            continue
        if position in stored:
            known[item.read.sha256] = (stored[position], item.read.title)
            found = understood(item.path, item.read, stored[position])
            outcomes[position] = dataclasses.replace(found, mapped=item.mapped)
        else:
            outcomes[position] = _duplicate(item.path, known[item.read.sha256])
    return True


def _store(
    connection: Connection,
    item: FileRead,
    read: ReadDocument,
    known: dict[str, tuple[int, str]],
    options: _Options,
) -> ImportOutcome:
    """Store one file in a savepoint; `known` gains it, so a later copy is a duplicate."""
    existing = known.get(read.sha256)
    if existing is not None:
        return _duplicate(item.path, existing)
    try:
        with connection.begin_nested():
            [document_id] = insert_documents(
                connection,
                [read],
                participant_label=options.participant,
                attributes=options.attributes,
                coder=options.coder,
            )
    except QualcodeError as exc:
        return ImportOutcome(item.path, "failed", str(exc))
    except (IntegrityError, DataError) as exc:  # the same text stored meanwhile; too long
        reason = f"cannot be stored ({exc.orig or exc})"
        return ImportOutcome(item.path, "failed", str(fail(item.path.name, reason)))
    known[read.sha256] = (document_id, read.title)
    return dataclasses.replace(understood(item.path, read, document_id), mapped=item.mapped)


def _duplicate(path: Path, existing: tuple[int, str]) -> ImportOutcome:
    existing_id, existing_title = existing
    return ImportOutcome(
        path,
        "duplicate",
        f"{path.name}: already imported as document {existing_id} "
        f"('{existing_title}'), nothing changed",
        existing_id,
        title=existing_title,
    )


def understood(path: Path, read: ReadDocument, document_id: int) -> ImportOutcome:
    """The outcome of an imported file, reporting what was read from it."""
    speakers = tuple(
        dict.fromkeys(
            f"{p.meta[ORIGINAL]}={p.speaker}" if ORIGINAL in p.meta else p.speaker
            for p in read.passages
            if p.speaker
        )
    )
    longest = max((p.end - p.start for p in read.passages), default=0)
    count = len(read.passages)
    found = ", ".join(speakers) if speakers else "none"
    message = (
        f"{path.name}: imported as document {document_id}: {read.layout or read.format}, "
        f"{count} passage{'' if count == 1 else 's'} (longest {longest:,} characters), "
        f"speakers: {found}"
    )
    warnings = list(read.warnings)
    if not speakers:
        warnings.append(f"{path.name}: no speakers found; passages are paragraphs")
    return ImportOutcome(
        path,
        "imported",
        message,
        document_id,
        count,
        tuple(warnings),
        read.layout or read.format,
        speakers,
        longest,
        title=read.title,
    )
