"""The framework matrix in the workbench: what to tabulate, loaded through the core, as text."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from rich.text import Text
from sqlalchemy.orm import Session
from textual.widgets import DataTable

from qualcode.analysis.carrying import Filters
from qualcode.analysis.cell_quotes import cell_quotes
from qualcode.analysis.matrix import Cell, Column, Matrix, MatrixOptions, build_matrix
from qualcode.analysis.rows import Row, case_kinds
from qualcode.analysis.summaries import is_blind, summaries_by_cell
from qualcode.export.model import Quote, QuoteOptions
from qualcode.export.selection import matching_documents
from qualcode.tui.plain import cell
from qualcode.tui.screens.documents import clip

WHOSE = ("everyone", "mine", "consensus")
WHOSE_TEXT = {
    "everyone": "everyone's codings",
    "mine": "{coder}'s codings",
    "consensus": "consensus",
}
COLUMN_KINDS = ("theme", "code")
SUMMARY_MARK = "✎"
ROWS_KEY = "\0rows"  # the names column: no code key can be this (keys are slugs)


@dataclass(frozen=True)
class MatrixChoice:
    """What the researcher asked to see: rows by, columns by, and whose codings count."""

    rows: str = "participant"
    columns: str = "theme"
    whose: str = "everyone"

    def next(self, field: str, kinds: list[str]) -> MatrixChoice:
        """The choice with `field` moved on to the next of `kinds` (round again at the end)."""
        now = getattr(self, field)
        at = kinds.index(now) + 1 if now in kinds else 0
        return replace(self, **{field: kinds[at % len(kinds)]})


@dataclass
class Framework:
    """A loaded matrix and what the screen needs around it (plain data, safe across threads)."""

    matrix: Matrix
    choice: MatrixChoice
    options: MatrixOptions
    code_ids: dict[str, int]
    """Column key -> the code's id, to write a cell's summary against."""
    kinds: list[str]
    blind: bool
    summaries: dict[tuple[str, str], str]
    """Cell summaries as their author wrote them, by (row key, column key): the workbench is
    the researcher's own view, as its transcripts are (exports and `matrix` redact them)."""
    quotes: dict[tuple[str, str], list[Quote]] = field(default_factory=dict)
    """Quotes of the cells read so far, by (row key, column key)."""


def load_framework(session: Session, choice: MatrixChoice, coder: str) -> Framework:
    """The matrix the choice asks for, anonymised as `matrix` prints it. A coder with a blind
    assignment open sees only their own codings, as the transcript shows them."""
    kinds = case_kinds(matching_documents(session, {}, text=False))
    if choice.rows not in kinds:
        choice = replace(choice, rows="participant")
    filters, blind = coder_filters(session, choice.whose, coder)
    options = MatrixOptions(
        filters=filters,
        rows=choice.rows,
        columns=[choice.columns],
        quotes=False,  # a cell's quotes are read when it is highlighted (load_quotes)
        quote_options=QuoteOptions(coder=filters.coder, consensus=filters.consensus),
        summaries_of=coder if blind else None,  # no ✎ mark for another coder's hidden summary
    )
    matrix = build_matrix(session, options)
    code_ids = {column.key: column.code.id for column in matrix.columns}
    # Blind: another coder's cell summary would tell what they made of the documents.
    written = summaries_by_cell(session, coder if blind else None)
    summaries = {
        (row.key, column.key): written[(row.ref, code_ids[column.key])]
        for row in matrix.rows
        for column in matrix.columns
        if (row.ref, code_ids[column.key]) in written
    }
    return Framework(matrix, choice, options, code_ids, kinds, blind, summaries)


def load_quotes(session: Session, framework: Framework, row: Row, column: Column) -> list[Quote]:
    """One cell's quotes, anonymised as `matrix --json` gives them."""
    return cell_quotes(session, framework.options, row.documents, column.matched)


def coder_filters(session: Session, whose: str, coder: str) -> tuple[Filters, bool]:
    """Which codings count for `whose`; only the coder's own while a blind assignment of
    theirs is open (as the transcript hides the others'), and whether that is so."""
    blind = is_blind(session, coder)
    whose = "mine" if blind else whose
    return Filters(coder=coder if whose == "mine" else None, consensus=whose == "consensus"), blind


def fill_grid(table: DataTable[Text], framework: Framework) -> None:
    """The matrix in a table: the rows' names as a fixed first column (not row labels, whose
    width Textual measures late), so column n of the grid is the matrix's column n - 1."""
    matrix = framework.matrix
    table.clear(columns=True)
    names = [cell(clip(row.name, 22)) for row in matrix.rows]
    grid = [[cell_text(matrix.cell(r.key, c.key)) for c in matrix.columns] for r in matrix.rows]
    # Set widths: Textual measures new rows when idle, so the first paint could differ.
    header = cell(framework.choice.rows.capitalize())
    table.add_column(header, key=ROWS_KEY, width=_widest([header, *names]))
    for at, column in enumerate(matrix.columns):
        title = cell(clip(column.name, 18))
        table.add_column(title, key=column.key, width=_widest([title, *(r[at] for r in grid)]))
    for row, name, cells in zip(matrix.rows, names, grid, strict=True):
        table.add_row(name, *cells, key=row.key)


def _widest(texts: Iterable[Text]) -> int:
    return max(t.cell_len for t in texts)


def whose_text(whose: str, coder: str) -> str:
    return WHOSE_TEXT[whose].format(coder=coder)


def cell_text(cell: Cell) -> Text:
    """A grid cell: "passages/codings", and ✎ when the cell has a summary; "·" when empty."""
    if not cell.passages and cell.summary is None:
        return Text("·", style="dim", justify="center")
    shown = Text(f"{cell.passages}/{cell.codings or 0}", justify="center")
    if cell.summary is not None:
        shown.append(f" {SUMMARY_MARK}", style="bold")
    return shown


def quote_text(quote: Quote) -> Text:
    """A quote whole, under where it comes from (participant, document, passage from 1)."""
    shown = Text(quote.participant or "—", style="bold")
    where = f"  ·  document {quote.document_id}"
    if quote.passage_number is not None:
        where += f"  ·  passage {quote.passage_number}"
    shown.append(where, style="dim")
    shown.append(f"\n“{' '.join(quote.text.split())}”\n")
    return shown
