"""The memos an exported quote carries: on the passages it spans and on its codings."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.export.model import QuoteMemo
from qualcode.export.policy import ExportRedactor
from qualcode.numbering import passage_number
from qualcode.store.models import Code, Coder, Coding, Memo, Passage


@dataclass(frozen=True)
class _Written:
    start: int
    end: int
    coder: str
    text: str
    passage: int | None = None  # stored index, for passage memos
    code_id: int | None = None  # for coding memos


class QuoteMemos:
    """Every passage and coding memo, read once, handed out per quote anonymised; with a
    coder filter, only that coder's memos (as only their codings make the quotes)."""

    def __init__(self, session: Session, policy: ExportRedactor, coder: str | None) -> None:
        self.policy = policy
        self.codes = {c.id: c for c in session.scalars(select(Code))}
        self.by_document: dict[int, list[_Written]] = defaultdict(list)
        passages = (
            select(
                Passage.document_id,
                Passage.start,
                Passage.end,
                Passage.index,
                Coder.name,
                Memo.text,
            )
            .join(Memo, Memo.passage_id == Passage.id)
            .join(Coder, Coder.id == Memo.coder_id)
            .order_by(Passage.index, Memo.id)
        )
        codings = (
            select(
                Coding.document_id,
                Coding.start,
                Coding.end,
                Coder.name,
                Coding.memo,
                Coding.code_id,
            )
            .join(Coder, Coder.id == Coding.coder_id)
            .where(Coding.memo.is_not(None), Coding.memo != "")
            .order_by(Coding.start, Coding.id)
        )
        if coder is not None:
            passages = passages.where(Coder.name == coder)
            codings = codings.where(Coder.name == coder)
        for document, start, end, index, name, text in session.execute(passages):
            self.by_document[document].append(_Written(start, end, name, text, passage=index))
        for document, start, end, name, memo, code in session.execute(codings):
            self.by_document[document].append(_Written(start, end, name, memo or "", code_id=code))

    def find(
        self, document_id: int, start: int, end: int, code_ids: set[int]
    ) -> tuple[QuoteMemo, ...]:
        """The memos on passages the quote's words overlap, then on its codings (with one of
        the quote's codes) that overlap them."""
        found = []
        for memo in self.by_document.get(document_id, []):
            if not (memo.start < end and start < memo.end):
                continue
            if memo.code_id is None:
                found.append(
                    QuoteMemo(
                        "passage",
                        self.policy.redact(memo.coder),
                        self.policy.redact(memo.text),
                        passage=None if memo.passage is None else passage_number(memo.passage),
                    )
                )
            elif memo.code_id in code_ids:
                code = self.codes[memo.code_id]
                found.append(
                    QuoteMemo(
                        "coding",
                        self.policy.redact(memo.coder),
                        self.policy.redact(memo.text),
                        code=self.policy.redact_key(code.key, code.name, code.description),
                    )
                )
        return tuple(sorted(found, key=lambda m: m.kind != "passage"))
