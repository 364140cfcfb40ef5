"""Code frequency by participant attribute and code co-occurrence: pure functions, plain data."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from qualcode.analysis.overlap import overlapping

NOT_RECORDED = "(not recorded)"
"""The attribute value of participants for whom the attribute is missing or blank."""

MAX_VALUES = 12
"""Attributes with more distinct values than this are not tabulated (listed as skipped)."""


@dataclass(frozen=True)
class Span:
    """One coder's coding of a code on a document, as character offsets [start, end)."""

    document_id: int
    code: str
    coder: str
    start: int
    end: int


@dataclass(frozen=True)
class Case:
    """Who a document is from: the participant's public label and public attributes."""

    participant: str
    attributes: Mapping[str, str]


@dataclass(frozen=True)
class Cell:
    """Codings of one code among participants with one attribute value."""

    codings: int
    participants: int


@dataclass(frozen=True)
class AttributeTable:
    """Codes × values of one attribute; `sizes` counts the participants with each value."""

    attribute: str
    values: tuple[str, ...]
    sizes: dict[str, int]
    rows: tuple[tuple[str, dict[str, Cell]], ...]


@dataclass(frozen=True)
class Frequency:
    """Every tabulated attribute, and those skipped as having too many values."""

    tables: tuple[AttributeTable, ...]
    skipped: tuple[tuple[str, int], ...]


def _value(attributes: Mapping[str, str], name: str) -> str:
    return (attributes.get(name) or "").strip() or NOT_RECORDED


def code_frequency(
    spans: Iterable[Span], cases: Mapping[int, Case], codes: Sequence[str]
) -> Frequency:
    """Per attribute: per code and value, the codings and the distinct participants coded.

    `cases` maps every document to its participant; codes are listed in `codes` order, only
    those with at least one coding. A participant with several documents counts once.
    """
    spans = [s for s in spans if s.document_id in cases]
    participants: dict[str, Mapping[str, str]] = {}
    for case in cases.values():
        participants.setdefault(case.participant, case.attributes)
    names = sorted({n for attrs in participants.values() for n in attrs}, key=_by_letters)
    used = {s.code for s in spans}
    order = [c for c in codes if c in used] + sorted(used - set(codes))
    tables: list[AttributeTable] = []
    skipped: list[tuple[str, int]] = []
    for name in names:
        of = {p: _value(attrs, name) for p, attrs in participants.items()}
        values = sorted(set(of.values()) - {NOT_RECORDED}, key=_by_letters)
        values += [NOT_RECORDED] if NOT_RECORDED in of.values() else []
        if len(values) > MAX_VALUES:
            skipped.append((name, len(values)))
            continue
        sizes = {v: sum(1 for x in of.values() if x == v) for v in values}
        codings: dict[tuple[str, str], int] = {}
        coded: dict[tuple[str, str], set[str]] = {}
        for span in spans:
            participant = cases[span.document_id].participant
            key = (span.code, of[participant])
            codings[key] = codings.get(key, 0) + 1
            coded.setdefault(key, set()).add(participant)
        rows = tuple(
            (
                code,
                {v: Cell(codings.get((code, v), 0), len(coded.get((code, v), ()))) for v in values},
            )
            for code in order
        )
        tables.append(AttributeTable(name, tuple(values), sizes, rows))
    return Frequency(tuple(tables), tuple(skipped))


@dataclass(frozen=True)
class CoOccurrence:
    """Passage counts: per code (`applied`), per pair in any one coder's coding, per coder.

    Pairs are keyed in `codes` order (first, second); `by_coder` counts each coder alone.
    """

    codes: tuple[str, ...]
    applied: dict[str, int]
    pairs: dict[tuple[str, str], int]
    by_coder: dict[tuple[str, str], dict[str, int]]

    def count(self, a: str, b: str) -> int:
        """Passages where one coder applied both codes (for a == b, passages with the code)."""
        if a == b:
            return self.applied.get(a, 0)
        i, j = self.codes.index(a), self.codes.index(b)
        return self.pairs.get((a, b) if i < j else (b, a), 0)

    def ranked(self) -> list[tuple[str, str, int]]:
        """Pairs that co-occur at least once, most passages first, then in code order."""
        place = {c: i for i, c in enumerate(self.codes)}
        return sorted(
            ((a, b, n) for (a, b), n in self.pairs.items()),
            key=lambda t: (-t[2], place[t[0]], place[t[1]]),
        )


def co_occurrence(
    spans: Iterable[Span],
    passages: Mapping[int, Sequence[tuple[int, int]]],
    codes: Sequence[str],
) -> CoOccurrence:
    """Which codes are applied to the same passages, within one coder's coding.

    A code is applied to a passage by a coder when one of the coder's codings with it shares at
    least one character with the passage. Two codes co-occur in a passage when one coder applied
    both there; a passage counts once however many coders did so (two coders each applying one
    of the codes is a disagreement, not a co-occurrence). `passages` gives each document's
    passages as sorted (start, end) spans.
    """
    bounds = {d: ([s for s, _ in spans_], [e for _, e in spans_]) for d, spans_ in passages.items()}
    applied: dict[tuple[str, int, int], set[str]] = {}  # (coder, document, passage) -> codes
    for span in spans:
        if span.document_id not in bounds:
            continue
        starts, ends = bounds[span.document_id]
        for index in overlapping(starts, ends, span.start, span.end):
            applied.setdefault((span.coder, span.document_id, index), set()).add(span.code)
    used = {code for found in applied.values() for code in found}
    order = tuple([c for c in codes if c in used] + sorted(used - set(codes)))
    place = {c: i for i, c in enumerate(order)}
    any_coder: dict[tuple[str, str], set[tuple[int, int]]] = {}
    per_code: dict[str, set[tuple[int, int]]] = {}
    by_coder: dict[tuple[str, str], dict[str, int]] = {}
    for (coder, document, index), found in applied.items():
        where = (document, index)
        for code in found:
            per_code.setdefault(code, set()).add(where)
        for a, b in combinations(sorted(found, key=place.__getitem__), 2):
            any_coder.setdefault((a, b), set()).add(where)
            counts = by_coder.setdefault((a, b), {})
            counts[coder] = counts.get(coder, 0) + 1
    return CoOccurrence(
        codes=order,
        applied={c: len(per_code[c]) for c in order},
        pairs={pair: len(where) for pair, where in any_coder.items()},
        by_coder=by_coder,
    )


def _by_letters(text: str) -> tuple[str, str]:
    """Case-insensitive order, ties ("Chief executive", "chief executive") broken by the
    text itself, so reports come out the same on every run."""
    return text.casefold(), text
