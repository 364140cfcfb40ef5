"""The workbench's documents list: passages and each coder's coded passages, per document."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select

from qualcode.importing import import_one
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.document_list import document_header, document_rows
from qualcode.store.models import Code, Document, Passage

Span = tuple[int, int]


def _overlapping(passages: list[Span], codings: list[Span]) -> int:
    return sum(any(cs < pe and ce > ps for cs, ce in codings) for ps, pe in passages)


def _interview(folder: Path, name: str, seed: int) -> Path:
    rng = random.Random(seed)
    words = ["tender", "prison", "we", "the", "volunteers"]
    turns = [" ".join(rng.choices(words, k=rng.randint(1, 9))) for _ in range(30)]
    path = folder / name
    path.write_text("\n\n".join(turns), encoding="utf-8")
    return path


def test_each_document_counts_the_passages_its_coder_coded(
    project: Project, tmp_path: Path
) -> None:
    for number, seed in enumerate((3, 5)):
        path = _interview(tmp_path, f"interview-{number}.txt", seed)
        participant = "Interviewee 9" if number else None
        assert import_one(project, path, participant=participant, coder="t").status == "imported"
    rng = random.Random(11)
    chosen: dict[tuple[str, int], list[Span]] = {}
    spans: dict[int, list[Span]] = {}
    with project.write() as session:
        codes = list(session.scalars(select(Code).limit(3)))
        for document in session.scalars(select(Document).order_by(Document.id)):
            passages = select(Passage.start, Passage.end).where(Passage.document_id == document.id)
            mine = spans[document.id] = [(s, e) for s, e in session.execute(passages)]
            # Edges: ending where a passage starts, starting where one ends, one long coding.
            edges = [(mine[2][0] - 1, mine[2][0]), (mine[5][1], mine[6][0] + 1)]
            chosen["ann", document.id] = [*edges, (mine[10][0], mine[14][1])]
            size = len(document.text)
            starts = [rng.randrange(size - 1) for _ in range(12)]
            chosen["ben", document.id] = [(s, min(size, s + rng.randint(1, 30))) for s in starts]
            for (coder, document_id), codings in chosen.items():
                if document_id == document.id:
                    for number, (start, end) in enumerate(sorted(set(codings))):
                        add_coding(session, document, codes[number % 3], coder, start, end)
    with project.read() as session:
        rows = {coder: document_rows(session, coder) for coder in ("ann", "ben", "nobody")}
        header = document_header(session, 2)
    for coder in ("ann", "ben"):
        expected = [_overlapping(spans[d], chosen[coder, d]) for d in sorted(spans)]
        assert [row.coded for row in rows[coder]] == expected
        assert all(0 < coded < len(spans[d]) for d, coded in zip(spans, expected, strict=True))
    assert [row.coded for row in rows["nobody"]] == [0, 0]
    assert [row.passages for row in rows["ann"]] == [len(spans[1]), len(spans[2])]
    assert [row.participant for row in rows["ann"]] == [None, "Interviewee 9"]
    assert header is not None and header.participant == "Interviewee 9"
    assert (header.passages, header.coded) == (len(spans[2]), 0)
