"""status counts a passage as coded when any coding overlaps it, for everyone and per coder."""

from __future__ import annotations

import random
from pathlib import Path

from sqlalchemy import select

from qualcode.importing import import_one
from qualcode.store.codings import add_coding
from qualcode.store.db import Project
from qualcode.store.models import Code, Document, Passage
from qualcode.store.reports import project_status


def _overlapping(passages: list[tuple[int, int]], codings: list[tuple[int, int]]) -> int:
    return sum(any(cs < pe and ce > ps for cs, ce in codings) for ps, pe in passages)


def test_coded_passages_match_the_overlaps(project: Project, tmp_path: Path) -> None:
    path = tmp_path / "notes.txt"
    rng = random.Random(7)
    paragraphs = [" ".join(rng.choices(["tender", "prison", "we", "the"], k=rng.randint(1, 9)))
                  for _ in range(60)]  # fmt: skip
    path.write_text("\n\n".join(paragraphs), encoding="utf-8")
    assert import_one(project, path, coder="tester").status == "imported"
    with project.write() as session:
        document = session.scalars(select(Document)).one()
        spans = [(p.start, p.end) for p in session.scalars(select(Passage))]
        codes = list(session.scalars(select(Code).limit(3)))
        size = len(document.text)
        # Edges: a coding ending where a passage starts, one starting where a passage ends,
        # a long coding with a short one inside it, and random spans.
        ann = [(0, spans[0][1]), (spans[3][1], spans[4][0] + 1)]
        ann.append((spans[10][0] - 1, spans[10][0]))
        ben = [(spans[20][0], spans[30][1]), (spans[21][0], spans[21][0] + 1)]
        chosen: dict[str, list[tuple[int, int]]] = {"ann": ann, "ben": ben, "cy": []}
        for _ in range(25):
            start = rng.randrange(size - 1)
            chosen["cy"].append((start, min(size, start + rng.randint(1, 40))))
        for coder, codings in chosen.items():
            for number, (start, end) in enumerate(sorted(set(codings))):
                add_coding(session, document, codes[number % 3], coder, start, end)
        status = project_status(session)
    every = [span for codings in chosen.values() for span in codings]
    assert status["passages"] == len(spans)
    assert status["coded_passages"] == _overlapping(spans, every)
    by_coder = {row["coder"]: row["coded_passages"] for row in status["coders"]}
    assert by_coder == {name: _overlapping(spans, set(c)) for name, c in chosen.items() if c}
    assert 0 < by_coder["ann"] < by_coder["ben"]
