"""Build an anonymised quote set from the store: select spans, trim them, redact, group."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, datetime

from sqlalchemy.orm import Session

from qualcode.anonymise.nearby import NearbyResidual
from qualcode.anonymise.redactor import Redaction
from qualcode.anonymise.registry import registry_entries
from qualcode.export.grouping import group_quotes
from qualcode.export.labels import check_label_fields, render_label
from qualcode.export.model import Quote, QuoteOptions, QuoteSet
from qualcode.export.policy import ExportRedactor
from qualcode.export.selection import (
    CodedSpan,
    coded_spans,
    hidden_attributes,
    matching_documents,
    public_attribute_names,
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
from qualcode.export.speakers import (
    label_spans,
    speaker_names,
    with_labels,
    without_interviewer,
)
from qualcode.memos.quotes import QuoteMemos
from qualcode.numbering import passage_number
from qualcode.store.models import Code, Document, Passage
from qualcode.store.transcripts import PassageRow, passages_of


def participant_name(document: Document) -> str:
    """The public name a quote is counted under: the participant label, else the document id."""
    return document.participant.label if document.participant else f"Document {document.id}"


class QuoteMaker:
    """Turns coded spans into anonymised quotes: identifiers, speakers and unreviewed finds
    redacted in the words and their context alike."""

    def __init__(
        self, options: QuoteOptions, policy: ExportRedactor, memos: QuoteMemos | None = None
    ) -> None:
        self.options = options
        self.memos = memos
        self.policy = policy
        self.redactor = policy.redactor
        self._scans: dict[int, NearbyResidual] = {}
        self._speakers: dict[int, dict[str, str]] = {}
        self._starts: dict[int, list[int]] = {}
        self._passages: dict[int, Sequence[Passage | PassageRow]] = {}
        self.interviewer_left_out: set[tuple[int, int, int]] = set()

    def read_passages(self, session: Session, document_ids: Iterable[int]) -> None:
        """Read these documents' passages in one query (else each is loaded when first quoted)."""
        self._passages.update(passages_of(session, document_ids))

    def _passages_of(self, document: Document) -> Sequence[Passage | PassageRow]:
        if document.id not in self._passages:
            self._passages[document.id] = document.passages
        return self._passages[document.id]

    def _passage_at(self, document: Document, position: int) -> Passage | PassageRow | None:
        passages = self._passages_of(document)
        if document.id not in self._starts:  # once per document, not per quote
            self._starts[document.id] = [p.start for p in passages]
        index = bisect_right(self._starts[document.id], position) - 1
        return passages[index] if index >= 0 and position < passages[index].end else None

    def make(self, document: Document, span: CodedSpan, codes: list[Code]) -> Quote | None:
        text = document.text
        start, end = span.start, span.end
        if not self.options.include_interviewer:
            kept = without_interviewer(self._passages_of(document), start, end)
            if kept is None:
                self.interviewer_left_out.add((document.id, start, end))
                return None
            start, end = kept
        start, end = expand_to_words(text, start, end)
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
        window_start, window_end, found = self._redactions(document, window_start, window_end)
        window = text[window_start:window_end]
        if document.id not in self._speakers:
            self._speakers[document.id] = speaker_names(document, self._passages_of(document))
        found = with_labels(found, label_spans(window, self._speakers[document.id]))
        start, end = _widen(found, start - window_start, end - window_start)
        piece = self.redactor.apply
        redact = self.policy.redact
        values = {"label": participant_name(document), **public_attributes(document)}
        # {passage} and {document} point a reader back to the transcript ("Interviewee 3, 12").
        if first is not None:
            values.setdefault("passage", str(passage_number(first.index)))
        values.setdefault("document", str(document.id))
        attributes = {k: redact(v) for k, v in public_attributes(document).items()}
        return Quote(
            document_id=document.id,
            participant=redact(participant_name(document)),
            start=window_start + start,
            end=window_start + end,
            text=piece(window[start:end], found, start),
            before=piece(window[:start], found, 0),
            after=piece(window[end:], found, end),
            label=redact(render_label(self.options.label_template, values)),
            codes=tuple(self.code_key(c) for c in codes),
            code_paths=tuple(" / ".join(self.code_path(c)) for c in codes),
            coders=tuple(sorted(redact(c) for c in span.coders)),
            attributes=attributes,
            passage=None if first is None else first.index,
            memos=None
            if self.memos is None
            else self.memos.find(
                document.id, window_start + start, window_start + end, {c.id for c in codes}
            ),
        )

    def _redactions(
        self, document: Document, start: int, end: int
    ) -> tuple[int, int, list[Redaction]]:
        """The window text[start:end], widened to hold whole any identifier its edges cut
        ("… met at Kakaminvor| Trust"), and the redactions in it (offsets from its start).
        Identifiers are looked for a margin beyond the window, or a cut one is missed."""
        text = document.text
        low, high = max(0, start - _MARGIN), min(len(text), end + _MARGIN)
        near = self.policy.unreviewed_near(self._scan(document), start, end)
        unreviewed = [r for r in near if r.end > start and r.start < end]  # counted if shown
        found = self.policy.combine(text, unreviewed, low, high)
        start, end = (low + at for at in _widen(found, start - low, end - low))
        shift = low - start
        return (
            start,
            end,
            [
                replace(r, start=r.start + shift, end=r.end + shift)
                for r in found
                if r.end + low > start and r.start + low < end
            ],
        )

    def _scan(self, document: Document) -> NearbyResidual:
        # As `anonymise check` finds them over the whole document, read near each quote only.
        if document.id not in self._scans:
            self._scans[document.id] = self.policy.nearby(document.text)
        return self._scans[document.id]

    def code_key(self, code: Code) -> str:
        """A code's key as exports show it, redacted with its name and definition."""
        return self.policy.redact_key(code.key, code.name, code.description)

    def code_path(self, code: Code) -> list[str]:
        """Redacted keys from the theme down to this code."""
        path: list[Code] = []
        node: Code | None = code
        while node is not None:
            path.append(node)
            node = node.parent
        return [self.code_key(c) for c in reversed(path)]


# Characters read either side of a quote's window when finding identifiers in it.
_MARGIN = 100


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
    check_label_fields(options.label_template, public_attribute_names(session))
    missing = 0
    if options.key:  # identifiers the key has no pseudonym for (without a key, none to count)
        lookup = options.key.lookup()
        missing = len({e.key for e in registry_entries(session) if e.key not in lookup})
    policy = ExportRedactor.for_project(
        session, key=options.key, keep_unreviewed=options.unreviewed == "keep"
    )
    documents = {d.id: d for d in matching_documents(session, options.where)}
    codes = selected_codes(session, options.codes)
    spans = coded_spans(
        session,
        list(documents.values()),
        codes,
        coder=options.coder,
        consensus=options.consensus,
    )
    memos = QuoteMemos(session, policy, options.coder) if options.memos else None
    maker = QuoteMaker(options, policy, memos)
    maker.read_passages(session, {span.document_id for span in spans})
    groups = group_quotes(options, codes, spans, documents, maker, policy.redact)
    titles = {"code": "Quotes by theme", "participant": "Quotes by participant"}
    return QuoteSet(
        title=titles.get(options.group_by, f"Quotes by {options.group_by}"),
        options=options,
        groups=groups,
        generated_at=datetime.now(UTC).isoformat(timespec="seconds"),
        described=options.describe(policy.redact, policy.redact_key),
        unreviewed=len(policy.flagged),
        unreviewed_kept=policy.keep_unreviewed,
        interviewer_left_out=len(maker.interviewer_left_out),
        missing_pseudonyms=missing,
        hidden_attributes=hidden_attributes(documents.values()),
    )
