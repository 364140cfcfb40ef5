"""One cell's quotes, read alone, are the quotes the whole matrix gives that cell."""

from __future__ import annotations

import pytest

from qualcode.analysis.carrying import Filters
from qualcode.analysis.cell_quotes import cell_quotes
from qualcode.analysis.matrix import MatrixOptions, build_matrix
from qualcode.export.model import QuoteOptions
from qualcode.store.db import open_project


@pytest.mark.parametrize(
    ("rows", "columns", "filters"),
    [
        ("participant", "theme", Filters()),
        ("document", "code", Filters(coder="ana")),
        ("size", "theme", Filters(consensus=True)),
    ],
)
def test_every_cell_read_alone_equals_the_whole_matrix(
    demo: str, rows: str, columns: str, filters: Filters
) -> None:
    options = MatrixOptions(
        filters=filters,
        rows=rows,
        columns=[columns],
        quote_options=QuoteOptions(coder=filters.coder, consensus=filters.consensus),
    )
    project = open_project(demo)
    try:
        with project.read() as session:
            matrix = build_matrix(session, options)
            compared = 0
            for row in matrix.rows:
                for column in matrix.columns:
                    alone = cell_quotes(session, options, row.documents, column.matched)
                    whole = matrix.cell(row.key, column.key).quotes
                    assert [q.as_json() for q in alone] == [q.as_json() for q in whole]
                    compared += len(whole)
    finally:
        project.close()
    assert compared > 20  # the demo's cells really have quotes


def test_no_documents_or_no_codes_give_no_quotes(demo: str) -> None:
    project = open_project(demo)
    try:
        with project.read() as session:
            assert cell_quotes(session, MatrixOptions(), [], [1]) == []
            assert cell_quotes(session, MatrixOptions(), [1], []) == []
    finally:
        project.close()
