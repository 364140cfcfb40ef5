"""Code queries: which passages an expression of codes selects, and those passages anonymised."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload, selectinload

from qualcode.analysis.carrying import CodeTree, Filters, PassageRef, carried
from qualcode.analysis.expression import Both, Key, Near, Node, Not, keys, parse, show
from qualcode.export.build import QuoteMaker, participant_name
from qualcode.export.model import Quote, QuoteGroup, QuoteOptions, QuoteSet
from qualcode.export.policy import ExportRedactor
from qualcode.export.selection import CodedSpan
from qualcode.store.models import Document, Passage

if TYPE_CHECKING:  # numpy loads when a query runs
    from qualcode.analysis.carried_arrays import Carried, PassageKeys


def evaluate(
    node: Node, carrying: Callable[[str], PassageKeys], universe: Callable[[], PassageKeys]
) -> PassageKeys:
    """The passages an expression selects: a key its code's (with sub-codes), NOT the rest of
    `universe`, AND/OR intersection/union, NEAR/N passages of either side close to the other."""
    if isinstance(node, Key):
        return carrying(node.key)
    if isinstance(node, Not):
        return universe() - evaluate(node.operand, carrying, universe)
    if isinstance(node, Both) and node.op == "AND" and Not in {type(node.left), type(node.right)}:
        # Everything selected lies in the universe: A AND NOT B is A - B, without the universe.
        kept, dropped = (
            (node.left, node.right) if isinstance(node.right, Not) else (node.right, node.left)
        )
        assert isinstance(dropped, Not)
        return evaluate(kept, carrying, universe) - evaluate(dropped.operand, carrying, universe)
    left = evaluate(node.left, carrying, universe)
    right = evaluate(node.right, carrying, universe)
    if isinstance(node, Near):
        return left.near(right, node.distance)
    return left & right if node.op == "AND" else left | right


@dataclass(frozen=True)
class Hit:
    """A matching passage as people see it: passage numbered from 1, text anonymised."""

    document_id: int
    title: str
    passage: int
    start: int
    end: int
    participant: str
    codes: tuple[str, ...]
    text: str
    quote: Quote

    def as_json(self) -> dict[str, Any]:
        return {
            "document": {"id": self.document_id, "title": self.title},
            "passage": self.passage,
            "start": self.start,
            "end": self.end,
            "participant": self.participant,
            "codes": list(self.codes),
            "text": self.text,
        }


@dataclass
class QueryResult:
    expression: str
    """The expression as parsed, code keys redacted."""
    passages: list[PassageRef]
    hits: list[Hit]
    described: dict[str, Any] = field(default_factory=dict)
    unreviewed: int = 0
    unreviewed_kept: bool = False


@dataclass(frozen=True)
class Matched:
    """A parsed expression, the passages it selects (document, then passage order), and what
    the selected documents' passages carry."""

    node: Node
    passages: PassageKeys
    carried: Carried
    tree: CodeTree


def matching_passages(
    session: Session, expression: str, filters: Filters, *, every_code: bool = False
) -> Matched:
    """The passages an expression selects among the documents and codings `filters` allow;
    `every_code` also gathers the codes outside the expression that those passages carry."""
    tree = CodeTree.of(session)
    node = parse(expression, tree.by_key)
    named = {i for key in keys(node) for i in tree.matched(tree.by_key[key])}
    codes = tree.codes if every_code else [c for c in tree.codes if c.id in named]
    found = carried(session, filters, codes, load=False)
    matched = {key: found.keys(tree.matched(tree.by_key[key])) for key in set(keys(node))}
    result = evaluate(node, matched.__getitem__, found.every_passage)
    return Matched(node, result, found, tree)


def run_query(
    session: Session,
    expression: str,
    filters: Filters,
    options: QuoteOptions | None = None,
    *,
    limit: int | None = None,
) -> QueryResult:
    """The passages an expression selects, each anonymised as `export quotes` shows quotes;
    `limit` makes hits of the first passages only (a screen shows a page, not thousands)."""
    if options is None:
        options = QuoteOptions(
            where=filters.where,
            coder=filters.coder,
            consensus=filters.consensus,
            include_interviewer=True,
        )
    matched = matching_passages(session, expression, filters, every_code=True)
    refs, tree = matched.passages.refs(), matched.tree
    policy = ExportRedactor.for_project(
        session, key=options.key, keep_unreviewed=options.unreviewed == "keep"
    )
    maker = QuoteMaker(options, policy)
    shown = refs[:limit]
    codes_of = matched.carried.codes_of(matched.passages)
    documents = _documents(session, {d for d, _ in shown})
    hits: list[Hit] = []
    passages: dict[PassageRef, Passage] = {}
    for document_id, index in shown:
        document = documents[document_id]
        if (document_id, index) not in passages:
            passages.update({(document_id, p.index): p for p in document.passages})
        passage = passages[(document_id, index)]
        carries = codes_of.get((document_id, index), set())
        codes = [c for c in tree.codes if c.id in carries]
        first = codes[0].id if codes else 0
        span = CodedSpan(document_id, first, passage.start, passage.end, frozenset())
        quote = maker.make(document, span, codes)
        if quote is None:
            continue
        hits.append(
            Hit(
                document_id,
                policy.redact(document.title),
                index + 1,
                passage.start,
                passage.end,
                policy.redact(participant_name(document)),
                quote.codes,
                quote.text,
                quote,
            )
        )
    return QueryResult(
        expression=show(matched.node, lambda key: maker.code_key(tree.by_key[key])),
        passages=refs,
        hits=hits,
        described=options.describe(policy.redact, policy.redact_key),
        unreviewed=len(policy.flagged),
        unreviewed_kept=policy.keep_unreviewed,
    )


def _documents(session: Session, ids: set[int]) -> dict[int, Document]:
    """The documents hits are made from, with their participants and passages (one query
    each, not one per document)."""
    query = select(Document).options(
        joinedload(Document.participant), selectinload(Document.passages)
    )
    return {d.id: d for d in session.scalars(query.where(Document.id.in_(sorted(ids)))).unique()}


def quote_set(result: QueryResult, options: QuoteOptions) -> QuoteSet:
    """The hits as a quote set, for the export writers."""
    group = QuoteGroup(
        key=result.expression,
        title=result.expression,
        description="Passages matching the query",
        level=1,
        path=(result.expression,),
        quotes=[h.quote for h in result.hits],
        show_codes=True,
    )
    return QuoteSet(
        title=f"Query: {result.expression}",
        options=options,
        groups=[group] if result.hits else [],
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        described={**result.described, "query": result.expression},
        unreviewed=result.unreviewed,
        unreviewed_kept=result.unreviewed_kept,
    )
