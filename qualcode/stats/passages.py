"""Passage units: which coder applied which code to which passage, and who reviewed it."""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from qualcode.stats.data import Selection
from qualcode.stats.types import PassageKey

Ints = NDArray[np.int64]
Bools = NDArray[np.bool_]


@dataclass(frozen=True, slots=True)
class PassageUnits:
    """All passages of the selected documents, in document then index order.

    bounds[d] : bounds[d + 1] are the rows of document d; coded[p, c, j] says coder j applied
    code c to passage p; observed[p, j] says coder j gave passage p a value (reviewed it).
    """

    bounds: Ints
    start: Ints
    end: Ints
    coded: Bools
    observed: Bools


def overlapping_passages(sel: Selection, p_start: Ints, p_end: Ints) -> tuple[Ints, Ints]:
    """For each coding, the range [first, stop) of passage rows it overlaps.

    A coding overlaps a passage when they share at least one character: coding.start <
    passage.end and coding.end > passage.start. Touching spans do not overlap; a coding in a
    gap between passages overlaps none (first == stop).
    """
    p_doc = np.repeat(np.arange(len(sel.documents)), [len(d.passages) for d in sel.documents])
    base = p_doc * sel.stride
    end_keys = base + p_end
    start_keys = base + p_start
    c_base = sel.document * sel.stride
    first = np.searchsorted(end_keys, c_base + sel.start, side="right")
    stop = np.searchsorted(start_keys, c_base + sel.end, side="left")
    return first.astype(np.int64), np.maximum(stop, first).astype(np.int64)


def passage_units(
    sel: Selection, reviewed: Mapping[str, Collection[PassageKey]] | None = None
) -> PassageUnits:
    """Build the passage × code × coder matrix of the selection.

    A passage counts as coded with a code by a coder if any of that coder's codings with
    that code overlaps it by at least one character.

    Missing data: with `reviewed` None, every coder rated every passage. A coder listed in
    `reviewed` rated the passages named there plus every passage they coded with any code;
    a coder not listed rated every passage. Keys of documents outside the selection are
    ignored; a passage index out of range raises ValueError.
    """
    counts = [len(doc.passages) for doc in sel.documents]
    bounds = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
    n_passages, n_codes, n_coders = int(bounds[-1]), len(sel.codes), len(sel.coders)
    p_start = np.fromiter(
        (p.start for doc in sel.documents for p in doc.passages), np.int64, n_passages
    )
    p_end = np.fromiter(
        (p.end for doc in sel.documents for p in doc.passages), np.int64, n_passages
    )
    first, stop = overlapping_passages(sel, p_start, p_end)

    # Expand each coding's range of passage rows (a few rows each): no per-passage loop.
    spans = stop - first
    rows = np.arange(int(spans.sum())) - np.repeat(np.cumsum(spans) - spans - first, spans)
    code_of = np.repeat(sel.code, spans)
    coder_of = np.repeat(sel.coder, spans)
    compared = code_of >= 0
    coded = np.zeros((n_passages, n_codes, n_coders), dtype=bool)
    coded[rows[compared], code_of[compared], coder_of[compared]] = True
    coded_any = np.zeros((n_passages, n_coders), dtype=bool)
    coded_any[rows, coder_of] = True

    observed = np.ones((n_passages, n_coders), dtype=bool)
    if reviewed is not None:
        doc_row = {doc.document_id: d for d, doc in enumerate(sel.documents)}
        for j, coder in enumerate(sel.coders):
            keys = reviewed.get(coder)
            if keys is None:
                continue
            reviewed_rows: list[int] = []
            for document_id, index in keys:
                d = doc_row.get(document_id)
                if d is None:
                    continue
                if not 0 <= index < counts[d]:
                    raise ValueError(
                        f"{coder!r} reviewed passage {index} of document {document_id}, "
                        f"which has {counts[d]} passages"
                    )
                reviewed_rows.append(int(bounds[d]) + index)
            column = np.zeros(n_passages, dtype=bool)
            column[np.array(reviewed_rows, dtype=np.int64)] = True
            observed[:, j] = column | coded_any[:, j]
    return PassageUnits(bounds, p_start, p_end, coded, observed)
