"""One framework cell's quotes, read from that row's documents only, as build_matrix makes them."""

from __future__ import annotations

from collections.abc import Collection

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from qualcode.analysis.matrix import MatrixOptions
from qualcode.export.build import QuoteMaker
from qualcode.export.grouping import quote_order
from qualcode.export.model import Quote
from qualcode.export.policy import ExportRedactor
from qualcode.export.selection import coded_spans
from qualcode.store.models import Code, Document


def cell_quotes(
    session: Session, options: MatrixOptions, documents: Collection[int], codes: Collection[int]
) -> list[Quote]:
    """The quotes of the cell whose row gathers `documents` and whose column matches `codes`
    (a code and its sub-codes), anonymised and ordered as `build_matrix` gives them; a screen
    reads one cell at a time instead of making every quote of a large project at once."""
    if not documents or not codes:
        return []
    quoting = options.quote_options
    policy = ExportRedactor.for_project(
        session, key=quoting.key, keep_unreviewed=quoting.unreviewed == "keep"
    )
    maker = QuoteMaker(quoting, policy)
    query = (
        select(Document)
        .where(Document.id.in_(sorted(documents)))
        .options(joinedload(Document.participant))
        .order_by(Document.id)
    )
    loaded = {d.id: d for d in session.scalars(query).unique()}
    by_id = {c.id: c for c in session.scalars(select(Code).where(Code.id.in_(sorted(codes))))}
    spans = coded_spans(
        session,
        list(loaded.values()),
        list(by_id.values()),
        coder=options.filters.coder,
        consensus=options.filters.consensus,
    )
    maker.read_passages(session, {span.document_id for span in spans})
    quotes: dict[tuple[int, int, int], Quote] = {}
    for span in spans:
        quote = maker.make(loaded[span.document_id], span, [by_id[span.code_id]])
        if quote is not None:
            quotes.setdefault(quote.identity, quote)
    return sorted(quotes.values(), key=quote_order)
