"""Which codes and documents to offer first: fuzzy ranking for the palette and the filter."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the documents screen ranks before the codebook modules are needed
    from qualcode.store.codebook_view import CodeRow
    from qualcode.store.document_list import DocumentRow


def rank_codes(query: str, codes: Sequence[CodeRow], *, cutoff: float = 55.0) -> list[CodeRow]:
    """Codes matching a fuzzy query over key, name and description, best first."""
    if not query:  # the unfiltered list, without loading rapidfuzz for it
        return list(codes)
    from rapidfuzz import fuzz, utils

    wanted = utils.default_process(query)
    if not wanted:
        return list(codes)
    scored: list[tuple[float, int, CodeRow]] = []
    for position, code in enumerate(codes):
        label = max(
            fuzz.WRatio(wanted, code.key.replace("-", " "), processor=utils.default_process),
            fuzz.WRatio(wanted, code.name, processor=utils.default_process),
        )
        described = 0.8 * fuzz.token_set_ratio(
            wanted, code.description, processor=utils.default_process
        )
        score = max(label, described)
        if score >= cutoff:
            scored.append((-score, position, code))
    return [code for *_, code in sorted(scored, key=lambda item: (item[0], item[1]))]


def filter_documents(
    query: str, rows: Sequence[DocumentRow], *, cutoff: float = 60.0
) -> list[DocumentRow]:
    """Documents matching a fuzzy query over title, participant and attribute values."""
    if not query:  # the whole list at first paint, without loading rapidfuzz for it
        return list(rows)
    from rapidfuzz import fuzz, utils

    wanted = utils.default_process(query)
    if not wanted:
        return list(rows)
    scored = []
    for position, row in enumerate(rows):
        haystack = " ".join([row.title, row.participant or "", *row.attributes.values()])
        score = fuzz.partial_ratio(wanted, haystack, processor=utils.default_process)
        if score >= cutoff:
            scored.append((-score, position, row))
    return [row for *_, row in sorted(scored, key=lambda item: (item[0], item[1]))]
