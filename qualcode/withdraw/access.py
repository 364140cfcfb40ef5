"""A copy of everything the project holds about one participant, in open formats."""

from __future__ import annotations

import csv
import io
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from qualcode.codebook.slug import slugify
from qualcode.errors import QualcodeError
from qualcode.files import shown, write_text
from qualcode.store.models import (
    Code,
    Coder,
    Coding,
    Document,
    DocumentVersion,
    Memo,
    Passage,
    utcnow,
)
from qualcode.withdraw.participant import find_participant

README = """What qualcode holds about {label}
{rule}

Written {when} from a qualcode project, for a copy of a participant's data (subject access).

participant.json  the public label and attributes, and the private identifiers registered for
                  them (names, aliases, organisations, places, speaker names), which exports
                  redact
documents/        each interview as text (UTF-8), the current version; earlier versions of an
                  edited interview as NAME.vN.txt
codings.csv       every coding of their interviews, by every coder: the code, its name, the
                  coder, the passage number (from 1), the offsets in the text (characters,
                  from 0), the coded words and the coder's memo
memos.csv         the notes coders wrote on their interviews and passages

Everything is plain UTF-8 text, CSV (comma-separated, with a header row) or JSON.
"""


@dataclass(frozen=True)
class AccessCopy:
    """What was written: the folder and how many of each."""

    folder: Path
    documents: int
    codings: int
    memos: int
    identifiers: int


def _csv(header: list[str], rows: list[list[Any]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue()


def _prepare(folder: Path) -> None:
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise QualcodeError(f"{shown(folder)}: exists and is not an empty folder; give a new one")
    try:
        (folder / "documents").mkdir(parents=True, mode=0o700)
    except OSError as exc:
        raise QualcodeError(f"{shown(folder)}: cannot be created ({exc.strerror})") from None
    os.chmod(folder, 0o700)


def export_participant_data(session: Session, label: str, folder: Path) -> AccessCopy:
    """Write README.txt, participant.json, documents/, codings.csv and memos.csv to `folder`."""
    participant = find_participant(session, label)
    documents = list(
        session.scalars(
            select(Document).where(Document.participant_id == participant.id).order_by(Document.id)
        )
    )
    _prepare(folder)
    ids = [d.id for d in documents]
    names: dict[int, str] = {}
    for document in documents:
        names[document.id] = f"{document.id}-{slugify(document.title)[:60]}"
        write_text(folder / "documents" / f"{names[document.id]}.txt", document.text)
        versions = session.scalars(
            select(DocumentVersion)
            .where(DocumentVersion.document_id == document.id)
            .order_by(DocumentVersion.number)
        )
        for version in versions:
            if version.text != document.text:
                path = folder / "documents" / f"{names[document.id]}.v{version.number}.txt"
                write_text(path, version.text)
    codings = _codings(session, ids, names)
    memos = _memos(session, participant.id, ids, names)
    identifiers = [
        {"kind": i.kind, "value": i.value, "source": i.source} for i in participant.identifiers
    ]
    about = {
        "label": participant.label,
        "attributes": participant.attributes,
        "identifiers": identifiers,
        "documents": [
            {"file": f"documents/{names[d.id]}.txt", "title": d.title} for d in documents
        ],
    }
    write_text(folder / "participant.json", json.dumps(about, ensure_ascii=False, indent=2) + "\n")
    write_text(folder / "codings.csv", codings)
    write_text(folder / "memos.csv", memos)
    heading = f"What qualcode holds about {participant.label}"
    readme = README.format(
        label=participant.label,
        rule="=" * len(heading),
        when=utcnow().strftime("%Y-%m-%d %H:%M UTC"),
    )
    write_text(folder / "README.txt", readme)
    return AccessCopy(
        folder, len(documents), codings.count("\n") - 1, memos.count("\n") - 1, len(identifiers)
    )


def _passage_number(session: Session, document_id: int, offset: int) -> int | None:
    index = session.scalar(
        select(Passage.index).where(
            Passage.document_id == document_id, Passage.start <= offset, Passage.end > offset
        )
    )
    return None if index is None else index + 1


def _codings(session: Session, ids: list[int], names: dict[int, str]) -> str:
    rows = session.execute(
        select(Coding, Code.key, Code.name, Coder.name, Document.text)
        .join(Code, Code.id == Coding.code_id)
        .join(Coder, Coder.id == Coding.coder_id)
        .join(Document, Document.id == Coding.document_id)
        .where(Coding.document_id.in_(ids))
        .order_by(Coding.document_id, Coding.start, Coding.id)
    )
    table = [
        [
            names[c.document_id],
            _passage_number(session, c.document_id, c.start),
            key,
            name,
            coder,
            c.start,
            c.end,
            text[c.start : c.end],
            c.origin,
            c.memo or "",
            c.created_at.isoformat(),
        ]
        for c, key, name, coder, text in rows
    ]
    header = ["document", "passage", "code", "code_name", "coder", "start", "end", "text",
              "origin", "memo", "coded_at"]  # fmt: skip
    return _csv(header, table)


def _memos(session: Session, participant: int, ids: list[int], names: dict[int, str]) -> str:
    passages = select(Passage.id).where(Passage.document_id.in_(ids))
    rows = session.execute(
        select(Memo, Coder.name, Passage.index, Passage.document_id)
        .join(Coder, Coder.id == Memo.coder_id)
        .outerjoin(Passage, Passage.id == Memo.passage_id)
        .where(
            or_(
                Memo.participant_id == participant,
                Memo.document_id.in_(ids),
                Memo.passage_id.in_(passages),
            )
        )
        .order_by(Memo.id)
    )
    table = [
        [
            names.get(memo.document_id or passage_document or 0, ""),
            "" if index is None else index + 1,
            coder,
            memo.text,
            memo.updated_at.isoformat(),
        ]
        for memo, coder, index, passage_document in rows
    ]
    return _csv(["document", "passage", "coder", "memo", "written_at"], table)
