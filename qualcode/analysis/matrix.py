"""Framework matrices (cases × codes, each cell its passages, codings, summary and quotes) and
code × code co-occurrence tables, anonymised as exports are."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy.orm import Session

from qualcode.analysis.carrying import CodeTree, Filters, carried
from qualcode.analysis.rows import CODE_ROWS, Row, RowRef, case_rows
from qualcode.analysis.summaries import summaries_by_cell
from qualcode.errors import QualcodeError
from qualcode.export.build import QuoteMaker
from qualcode.export.grouping import quote_order
from qualcode.export.model import Quote, QuoteOptions
from qualcode.export.policy import ExportRedactor
from qualcode.store.codes import find_code
from qualcode.store.models import Code

if TYPE_CHECKING:  # numpy loads when a matrix is counted
    from qualcode.analysis.carried_arrays import Carried

CELL_MODES = ("count", "binary")


@dataclass(frozen=True)
class Column:
    """A code, counted with all its sub-codes."""

    key: str
    name: str
    code: Code
    matched: frozenset[int]

    def as_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name}


@dataclass
class Cell:
    """One row by one column: passages carrying the code, its codings, summary and quotes."""

    row: str
    column: str
    passages: int
    codings: int | None = None
    summary: str | None = None
    quotes: list[Quote] = field(default_factory=list)

    def value(self, mode: str) -> int:
        return int(self.passages > 0) if mode == "binary" else self.passages

    def as_json(self, mode: str) -> dict[str, Any]:
        return {
            "row": self.row,
            "column": self.column,
            "passages": self.passages,
            "codings": self.codings,
            "value": self.value(mode),
            "summary": self.summary,
            "quotes": [q.as_json() for q in self.quotes],
        }


@dataclass
class Matrix:
    """Rows by columns; `kind` is "framework" (cases × codes) or "co-occurrence" (codes × codes)."""

    kind: str
    rows: list[Row]
    columns: list[Column]
    cells: dict[tuple[str, str], Cell]
    cell_mode: str = "count"
    unreviewed: int = 0
    unreviewed_kept: bool = False

    def cell(self, row: str, column: str) -> Cell:
        return self.cells[(row, column)]

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "cell": self.cell_mode,
            "rows": [r.as_json() for r in self.rows],
            "columns": [c.as_json() for c in self.columns],
            "cells": [
                self.cells[(r.key, c.key)].as_json(self.cell_mode)
                for r in self.rows
                for c in self.columns
            ],
        }


@dataclass
class MatrixOptions:
    """What to tabulate: rows (participant, document, an attribute, code or theme), columns
    (theme, code, or code keys), which codings count, and whether cells carry quotes."""

    filters: Filters = field(default_factory=Filters)
    rows: str = "participant"
    columns: list[str] = field(default_factory=lambda: ["theme"])
    cell: str = "count"
    quotes: bool = True
    quote_options: QuoteOptions = field(default_factory=QuoteOptions)
    summaries_of: str | None = None  # only this coder's cell summaries (None: everyone's)


def blind_options(options: MatrixOptions, viewer: str) -> MatrixOptions:
    """The matrix a coder may see while a blind assignment of theirs is open: only their own
    codings count and only their own cell summaries show, as in the workbench."""
    me = viewer.strip()
    return replace(
        options,
        filters=replace(options.filters, coder=me, consensus=False),
        quote_options=replace(options.quote_options, coder=me, consensus=False),
        summaries_of=me,
    )


def chosen_codes(tree: CodeTree, session: Session, spec: list[str]) -> list[Code]:
    """Codes for rows or columns: "theme" (top level), "code" (every code) or code keys."""
    keys = [k.strip() for item in spec for k in item.split(",") if k.strip()]
    if keys == ["theme"]:
        return tree.themes()
    if keys == ["code"]:
        return list(tree.codes)
    if not keys or {"theme", "code"} & set(keys):
        raise QualcodeError("columns: give theme, code, or one or more code keys")
    return [tree.by_key[find_code(session, key).key] for key in dict.fromkeys(keys)]


def _columns(
    maker: QuoteMaker, policy: ExportRedactor, tree: CodeTree, codes: list[Code]
) -> list[Column]:
    return [
        Column(maker.code_key(c), policy.redact(c.name), c, frozenset(tree.matched(c)))
        for c in codes
    ]


def build_matrix(session: Session, options: MatrixOptions) -> Matrix:
    """The matrix the options ask for, every value a user typed redacted as exports redact it."""
    if options.cell not in CELL_MODES:
        raise QualcodeError(f"--cell must be one of {', '.join(CELL_MODES)}")
    tree = CodeTree.of(session)
    policy = ExportRedactor.for_project(
        session,
        key=options.quote_options.key,
        keep_unreviewed=options.quote_options.unreviewed == "keep",
    )
    maker = QuoteMaker(options.quote_options, policy)
    columns = _columns(maker, policy, tree, chosen_codes(tree, session, options.columns))
    if options.rows in CODE_ROWS:
        row_codes = tree.themes() if options.rows == "theme" else list(tree.codes)
        found = carried(session, options.filters, tree.codes, load=False)
        matrix = _co_occurrence(found, _columns(maker, policy, tree, row_codes), columns)
    else:
        wanted = sorted({i for c in columns for i in c.matched})
        codes = [c for c in tree.codes if c.id in wanted]
        found = carried(session, options.filters, codes, text=options.quotes, spans=options.quotes)
        rows = case_rows(list(found.documents.values()), options.rows, policy.redact)
        by_id = {c.id: c for c in tree.codes}
        if options.quotes:  # every quoted document's passages in one query
            maker.read_passages(session, found.documents)
        summaries = summaries_by_cell(session, options.summaries_of)
        matrix = _framework(summaries, found, rows, columns, maker, options.quotes, policy, by_id)
    matrix.cell_mode = options.cell
    matrix.unreviewed = len(policy.flagged)
    matrix.unreviewed_kept = policy.keep_unreviewed
    return matrix


def _co_occurrence(found: Carried, rows: list[Column], columns: list[Column]) -> Matrix:
    shared = found.shared([set(c.matched) for c in [*rows, *columns]])
    cells = {
        (r.key, c.key): Cell(r.key, c.key, shared[i][len(rows) + j])
        for i, r in enumerate(rows)
        for j, c in enumerate(columns)
    }
    return Matrix("co-occurrence", [Row.of_code(r.key, r.name) for r in rows], columns, cells)


def _framework(
    summaries: dict[tuple[RowRef, int], str],
    found: Carried,
    rows: list[Row],
    columns: list[Column],
    maker: QuoteMaker,
    with_quotes: bool,
    policy: ExportRedactor,
    by_id: dict[int, Code],
) -> Matrix:
    row_of = {d: row.key for row in rows for d in row.documents}
    passages: Counter[tuple[str, str]] = Counter()
    codings: Counter[tuple[str, str]] = Counter()
    for column in columns:
        for document_id, count in found.passages_by_document(column.matched).items():
            passages[(row_of[document_id], column.key)] += count
        for document_id, count in found.codings_by_document(column.matched).items():
            if document_id in row_of:
                codings[(row_of[document_id], column.key)] += count
    quotes = _quotes(found, row_of, columns, maker, by_id) if with_quotes else {}
    cells: dict[tuple[str, str], Cell] = {}
    for row in rows:
        for column in columns:
            at = (row.key, column.key)
            summary = summaries.get((row.ref, column.code.id))
            cells[at] = Cell(
                row.key,
                column.key,
                passages[at],
                codings[at],
                policy.redact(summary) if summary is not None else None,
                quotes.get(at, []),
            )
    return Matrix("framework", rows, columns, cells)


def _quotes(
    found: Carried,
    row_of: dict[int, str],
    columns: list[Column],
    maker: QuoteMaker,
    by_id: dict[int, Code],
) -> dict[tuple[str, str], list[Quote]]:
    by_cell: dict[tuple[str, str], dict[tuple[int, int, int], Quote]] = defaultdict(dict)
    for span in found.spans:
        document = found.documents[span.document_id]
        for column in columns:
            if span.code_id not in column.matched:
                continue
            quote = maker.make(document, span, [by_id[span.code_id]])
            if quote is not None:
                by_cell[(row_of[span.document_id], column.key)].setdefault(quote.identity, quote)
    return {at: sorted(q.values(), key=quote_order) for at, q in by_cell.items()}
