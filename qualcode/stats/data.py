"""Validation of plain agreement inputs into numpy arrays for one comparison."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from qualcode.stats.types import Coding, Document

Ints = NDArray[np.int64]


@dataclass(frozen=True, slots=True)
class Selection:
    """The documents, coders and codes compared, and the relevant codings as arrays.

    Coding arrays hold every coding by a selected coder in a selected document, whatever its
    code; `code` is the code's index in `codes`, or −1 for a code not compared.
    """

    documents: tuple[Document, ...]
    coders: tuple[str, ...]
    codes: tuple[str, ...]
    lengths: Ints
    stride: int
    document: Ints
    code: Ints
    coder: Ints
    start: Ints
    end: Ints


def _check_documents(documents: Sequence[Document]) -> None:
    seen: set[int] = set()
    for doc in documents:
        if doc.document_id in seen:
            raise ValueError(f"document {doc.document_id} is listed twice")
        seen.add(doc.document_id)
        if doc.length < 0:
            raise ValueError(f"document {doc.document_id} has a negative length")
        previous_end = 0
        for index, passage in enumerate(doc.passages):
            if not 0 <= passage.start < passage.end <= doc.length:
                raise ValueError(
                    f"passage {index} of document {doc.document_id} "
                    f"[{passage.start}, {passage.end}) is empty or outside the document"
                )
            if passage.start < previous_end:
                raise ValueError(
                    f"passage {index} of document {doc.document_id} overlaps or precedes "
                    "the one before it: passages must be in order and must not overlap"
                )
            previous_end = passage.end


def select(
    codings: Iterable[Coding],
    documents: Sequence[Document],
    coders: Sequence[str],
    codes: Sequence[str] | None = None,
    document_ids: Sequence[int] | None = None,
) -> Selection:
    """Check the inputs and gather the codings of `coders` in the selected documents.

    Raises ValueError for fewer than two coders, a coder or code listed twice, an unknown
    document, a malformed document or passage, or a coding that is empty, lies outside its
    document or names a document not in `documents`. Codings by other coders, and in
    documents outside `document_ids`, are ignored. With `codes` None, the codes compared are
    those the selected coders used in the selected documents, sorted.
    """
    coder_names = tuple(coders)
    if len(coder_names) < 2:
        raise ValueError("agreement needs at least two coders")
    if len(set(coder_names)) != len(coder_names):
        raise ValueError("a coder is listed twice")
    _check_documents(documents)
    by_id = {doc.document_id: doc for doc in documents}
    if document_ids is None:
        chosen = tuple(documents)
    else:
        missing = [d for d in document_ids if d not in by_id]
        if missing:
            raise ValueError(f"unknown document(s): {', '.join(map(str, missing))}")
        if len(set(document_ids)) != len(document_ids):
            raise ValueError("a document is listed twice")
        chosen = tuple(by_id[d] for d in document_ids)
    doc_index = {doc.document_id: i for i, doc in enumerate(chosen)}
    coder_index = {name: i for i, name in enumerate(coder_names)}
    rows: list[tuple[int, str, int, int, int]] = []
    for c in codings:
        doc = by_id.get(c.document_id)
        if doc is None:
            raise ValueError(
                f"a coding names document {c.document_id}, which is not in `documents` "
                "(pass every document and choose with document_ids)"
            )
        if not 0 <= c.start < c.end <= doc.length:
            raise ValueError(
                f"coding [{c.start}, {c.end}) of {c.code!r} by {c.coder!r} is empty or outside "
                f"document {c.document_id} (length {doc.length})"
            )
        d = doc_index.get(c.document_id)
        j = coder_index.get(c.coder)
        if d is not None and j is not None:
            rows.append((d, c.code, j, c.start, c.end))
    if codes is None:
        code_names = tuple(sorted({code for _, code, _, _, _ in rows}))
    else:
        code_names = tuple(codes)
        if len(set(code_names)) != len(code_names):
            raise ValueError("a code is listed twice")
    code_index = {name: i for i, name in enumerate(code_names)}
    lengths = np.array([doc.length for doc in chosen], dtype=np.int64)
    n = len(rows)
    return Selection(
        documents=chosen,
        coders=coder_names,
        codes=code_names,
        lengths=lengths,
        stride=int(lengths.max(initial=0)) + 1,
        document=np.fromiter((r[0] for r in rows), np.int64, n),
        code=np.fromiter((code_index.get(r[1], -1) for r in rows), np.int64, n),
        coder=np.fromiter((r[2] for r in rows), np.int64, n),
        start=np.fromiter((r[3] for r in rows), np.int64, n),
        end=np.fromiter((r[4] for r in rows), np.int64, n),
    )
