"""The codebook as a methods appendix: each code's definition, criteria, cues, anonymised
example quotes and coding counts per coder, as plain data every writer renders."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from qualcode.export.build import QuoteMaker
from qualcode.export.model import Quote, QuoteOptions
from qualcode.export.policy import ExportRedactor
from qualcode.export.selection import CodedSpan, coded_spans, matching_documents
from qualcode.store.codes import all_codes, get_codebook
from qualcode.store.models import Code, Coder, Coding
from qualcode.wording import plural

EXAMPLES = 2
# An example reads best as a sentence or three: longer spans are used only when nothing shorter
# was coded with the code.
GOOD_LENGTH = (30, 400)


@dataclass
class CodeEntry:
    """One code as the appendix shows it, every text already anonymised."""

    key: str
    name: str
    level: int  # 1 for a theme, 2 for its sub-codes...
    parent: str | None
    definition: str
    include: list[str]
    exclude: list[str]
    cues: list[str]
    written_examples: list[str]
    examples: list[Quote] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    """Codings per coder of this code or any of its sub-codes."""

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "name": self.name,
            "level": self.level,
            "parent": self.parent,
            "definition": self.definition,
            "include": self.include,
            "exclude": self.exclude,
            "cues": self.cues,
            "written_examples": self.written_examples,
            "examples": [q.as_json() for q in self.examples],
            "codings": self.counts,
        }


@dataclass
class CodebookDocument:
    """The whole appendix: the codebook's name and description, coders, codes in tree order."""

    title: str
    description: str
    coders: list[str]
    codes: list[CodeEntry]
    generated_at: str
    unreviewed: int = 0
    unreviewed_kept: bool = False

    def summary(self) -> str:
        themes = sum(1 for c in self.codes if c.level == 1)
        coders = ", ".join(self.coders) or "none yet"
        return (
            f"{plural(len(self.codes), 'code')} in {plural(themes, 'theme')} · "
            f"codings by coder: {coders} · "
            f"examples anonymised · exported {self.generated_at}"
        )


def _counts(session: Session) -> dict[int, dict[str, int]]:
    rows = session.execute(
        select(Coding.code_id, Coder.name, func.count(Coding.id))
        .join(Coder, Coder.id == Coding.coder_id)
        .group_by(Coding.code_id, Coder.name)
    )
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    for code_id, coder, n in rows:
        counts[code_id][coder] = n
    return counts


def _candidates(spans: list[CodedSpan]) -> dict[int, list[CodedSpan]]:
    """Each code's coded spans, the readable-length ones first, one per participant first."""
    by_code: dict[int, list[CodedSpan]] = defaultdict(list)
    for span in spans:
        by_code[span.code_id].append(span)
    low, high = GOOD_LENGTH
    for found in by_code.values():
        found.sort(key=lambda s: (not low <= s.end - s.start <= high, s.document_id, s.start))
    return by_code


def _examples(
    maker: QuoteMaker, code: Code, spans: list[CodedSpan], documents: dict[int, Any]
) -> list[Quote]:
    chosen: list[Quote] = []
    people: set[str] = set()
    for span in spans:
        quote = maker.make(documents[span.document_id], span, [code])
        if quote is None or quote.participant in people:
            continue
        chosen.append(quote)
        people.add(quote.participant)
        if len(chosen) == EXAMPLES:
            break
    return chosen


def build_codebook_document(session: Session, *, keep_unreviewed: bool = False) -> CodebookDocument:
    """The codebook with anonymised examples (quotes exactly as `export quotes` makes them:
    interviewer turns left out, identifiers, speaker names and unreviewed names replaced)."""
    policy = ExportRedactor.for_project(session, keep_unreviewed=keep_unreviewed)
    redact = policy.redact
    codes = all_codes(session)
    documents = {d.id: d for d in matching_documents(session, {})}
    spans = _candidates(coded_spans(session, list(documents.values()), codes))
    maker = QuoteMaker(QuoteOptions(), policy)
    maker.read_passages(session, {s.document_id for found in spans.values() for s in found})
    counts = _counts(session)
    by_id = {c.id: c for c in codes}
    # A code matches itself and its sub-codes: children come after parents, so in reverse each
    # code's count is complete before it is added to its parent's.
    for code in reversed(codes):
        if code.parent_id in by_id:
            into = counts[code.parent_id]
            for name, n in counts.get(code.id, {}).items():
                into[name] = into.get(name, 0) + n
    entries = []
    for code in codes:
        level, node = 1, code
        while node.parent_id is not None and node.parent_id in by_id:
            level, node = level + 1, by_id[node.parent_id]
        parent = by_id.get(code.parent_id) if code.parent_id is not None else None
        entries.append(
            CodeEntry(
                key=maker.code_key(code),
                name=redact(code.name),
                level=level,
                parent=maker.code_key(parent) if parent is not None else None,
                definition=redact(code.description),
                include=[redact(t) for t in code.include],
                exclude=[redact(t) for t in code.exclude],
                cues=[redact(t) for t in code.cues],
                written_examples=[redact(t) for t in code.examples],
                examples=_examples(maker, code, spans.get(code.id, []), documents),
                counts={redact(k): v for k, v in sorted(counts.get(code.id, {}).items())},
            )
        )
    codebook = get_codebook(session)
    coders = sorted({name for per_code in counts.values() for name in per_code})
    for entry in entries:  # every coder in every row, 0 where they coded nothing
        entry.counts = {redact(name): entry.counts.get(redact(name), 0) for name in coders}
    return CodebookDocument(
        title=redact(codebook.name) or "Codebook",
        description=redact(codebook.description),
        coders=[redact(c) for c in coders],
        codes=entries,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        unreviewed=len(policy.flagged),
        unreviewed_kept=keep_unreviewed,
    )
