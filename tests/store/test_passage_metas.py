"""Passages read for an export carry the metas the ORM reads, an empty one not decoded at all."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

from qualcode.ingest import read_document
from qualcode.store.db import open_project
from qualcode.store.documents import add_document
from qualcode.store.models import Passage
from qualcode.store.transcripts import passages_of

CAPTIONS = b"""WEBVTT

00:00:01.000 --> 00:00:04.000
<v Sam>We lost the contract.

00:00:05.000 --> 00:00:09.500
<v Ana>Which one?

00:00:10.000 --> 00:00:12.000
<v Sam>The probation one.
"""
NOTES = b"Interviewer: How is it funded?\n\nSam: Contracts.\n\nInterviewer: And?\n\nSam: Grants.\n"


def test_metas_are_the_orms_each_row_its_own(
    project_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    decoded: list[str] = []
    counting = [False]
    loads = json.loads

    def counted(text: Any, *args: Any, **kwargs: Any) -> Any:
        if counting[0]:
            decoded.append(text)
        return loads(text, *args, **kwargs)

    # Whichever decodes a meta (the column type, through the dialect, or the reader itself).
    monkeypatch.setattr(json, "loads", counted)
    with open_project(str(project_file)) as project:
        monkeypatch.setattr(project.engine.dialect, "_json_deserializer", counted)
        with project.write() as session:
            for name, data in (("captions.vtt", CAPTIONS), ("notes.txt", NOTES)):
                add_document(session, read_document(Path(name), data=data))
        with project.read() as session:
            stored = {id_: meta for id_, meta in session.execute(select(Passage.id, Passage.meta))}
        with project.read() as session:
            counting[0] = True
            rows = [row for found in passages_of(session, [1, 2]).values() for row in found]
            counting[0] = False
    assert len(rows) == len(stored) > 4
    assert {row.id: row.meta for row in rows} == stored
    assert any(row.meta and "begin" in row.meta for row in rows)  # the captions' times
    empty = [row.meta for row in rows if row.meta == {}]
    assert len(empty) >= 2 and empty[0] is not empty[1]  # a change to one changes no other
    assert "{}" not in decoded and sorted(decoded) == sorted(set(decoded))
    assert len(decoded) == len({json.dumps(meta) for meta in stored.values() if meta})
