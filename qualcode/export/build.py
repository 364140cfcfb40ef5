"""Build an anonymised quote set from the store: select spans, trim them, redact, group."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from qualcode.anonymise.check import Finding, find_residual, finding_key
from qualcode.anonymise.redactor import Redaction, Redactor
from qualcode.anonymise.registry import dismissed_values, registry_entries
from qualcode.export.grouping import group_quotes
from qualcode.export.labels import render_label
from qualcode.export.model import Quote, QuoteOptions, QuoteSet
from qualcode.export.selection import (
    CodedSpan,
    coded_spans,
    matching_documents,
    public_attributes,
    selected_codes,
)
from qualcode.export.spans import (
    body_start,
    context_after,
    context_before,
    expand_to_words,
    strip_label,
)
from qualcode.store.codes import code_path
from qualcode.store.models import Code, Document, Passage


def participant_name(document: Document) -> str:
    """The public name a quote is counted under: the participant label, else the document id."""
    return document.participant.label if document.participant else f"Document {document.id}"


class QuoteMaker:
    """Turns coded spans into anonymised quotes, remembering what the check would flag."""

    def __init__(self, session: Session, options: QuoteOptions, redactor: Redactor) -> None:
        self.options = options
        self.redactor = redactor
        self.dismissed = dismissed_values(session)
        self.flagged: set[str] = set()
        self._residual: dict[int, list[Finding]] = {}

    def _passage_at(self, document: Document, position: int) -> Passage | None:
        passages = document.passages
        index = bisect_right([p.start for p in passages], position) - 1
        return passages[index] if index >= 0 and position < passages[index].end else None

    def make(self, document: Document, span: CodedSpan, codes: list[Code]) -> Quote | None:
        text = document.text
        start, end = expand_to_words(text, span.start, span.end)
        first = self._passage_at(document, start)
        low, high = 0, len(text)
        if first is not None:
            start = strip_label(text, start, end, first.start, first.speaker)
            low = body_start(text, first.start, first.speaker)
        last = self._passage_at(document, max(start, end - 1))
        if last is not None:
            high = last.end
        if start >= end:
            return None
        window_start = context_before(text, min(low, start), start, self.options.context)
        window_end = context_after(text, end, max(high, end), self.options.context)
        window = text[window_start:window_end]
        found = self.redactor.find(window)
        start, end = _widen(found, start - window_start, end - window_start)
        self._note_residual(document, window_start, window_end)
        piece = self.redactor.apply
        values = {"label": participant_name(document), **public_attributes(document)}
        attributes = {k: self.redactor.redact(v) for k, v in public_attributes(document).items()}
        return Quote(
            document_id=document.id,
            participant=self.redactor.redact(participant_name(document)),
            start=window_start + start,
            end=window_start + end,
            text=piece(window[start:end], found, start),
            before=piece(window[:start], found, 0),
            after=piece(window[end:], found, end),
            label=self.redactor.redact(render_label(self.options.label_template, values)),
            codes=tuple(c.key for c in codes),
            code_paths=tuple(" / ".join(code_path(c)) for c in codes),
            coders=tuple(sorted(span.coders)),
            attributes=attributes,
        )

    def _note_residual(self, document: Document, start: int, end: int) -> None:
        findings = self._residual.get(document.id)
        if findings is None:
            findings = find_residual(document.text, self.redactor, self.dismissed)
            self._residual[document.id] = findings
        for finding in findings:
            if finding.stays_in_exports and any(start <= o < end for o in finding.offsets):
                self.flagged.add(finding_key(finding.value))


def _widen(found: Iterable[Redaction], start: int, end: int) -> tuple[int, int]:
    """Quote bounds moved so no redaction is cut in two (it goes inside the quote)."""
    for redaction in found:
        if redaction.start < start < redaction.end:
            start = redaction.start
        if redaction.start < end < redaction.end:
            end = redaction.end
    return start, end


def build_quote_set(session: Session, options: QuoteOptions) -> QuoteSet:
    """Every quote the options select, anonymised, grouped and counted."""
    entries = registry_entries(session)
    lookup = options.key.lookup() if options.key else {}
    redactor = Redactor(entries, pseudonyms=lookup)
    missing = len({e.key for e in entries if e.key not in lookup}) if options.key else 0
    documents = {d.id: d for d in matching_documents(session, options.where)}
    codes = selected_codes(session, options.codes)
    spans = coded_spans(
        session,
        list(documents.values()),
        codes,
        coder=options.coder,
        consensus=options.consensus,
    )
    maker = QuoteMaker(session, options, redactor)
    groups = group_quotes(options, codes, spans, documents, maker.make, redactor.redact)
    titles = {"code": "Quotes by theme", "participant": "Quotes by participant"}
    return QuoteSet(
        title=titles.get(options.group_by, f"Quotes by {options.group_by}"),
        options=options,
        groups=groups,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        described=options.describe(redactor.redact),
        unreviewed=len(maker.flagged),
        missing_pseudonyms=missing,
    )
