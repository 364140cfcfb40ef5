"""What exports may show: identifiers, speaker names, unreviewed names and code keys redacted."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.anonymise.check import Finding, find_residual, finding_key
from qualcode.anonymise.nearby import NearbyResidual
from qualcode.anonymise.pseudonyms import PseudonymKey
from qualcode.anonymise.redactor import Redaction, Redactor, merge
from qualcode.anonymise.registry import dismissed_values, registry_entries
from qualcode.anonymise.terms import Entry, normalise, tokens
from qualcode.export.speakers import is_role_label, label_spans, speaker_names, with_labels
from qualcode.store.models import Document, Participant, Passage
from qualcode.wording import plural

UNREVIEWED_CHOICES = ("redact", "keep")
# How an unreviewed finding's kind reads in its placeholder: "capitalised" is a likely name.
UNREVIEWED_NAMES = {"capitalised": "name"}
KEY_SEPARATORS = re.compile(r"[-_.]")
JOINED_PLACEHOLDERS = re.compile(r"(\[[^\[\]]+\])(?:[-_. ]\[[^\[\]]+\])+")


def unreviewed_kind(finding: Finding) -> str:
    """The placeholder kind of an unreviewed finding: "name?" for a capitalised word."""
    return f"{UNREVIEWED_NAMES.get(finding.kind, finding.kind)}?"


def speaker_entries(session: Session) -> list[Entry]:
    """Every speaker label stored on a passage that is a person, not a role ("Interviewer")."""
    rows = session.execute(
        select(Passage.speaker, Participant.label)
        .join(Document, Document.id == Passage.document_id)
        .outerjoin(Participant, Participant.id == Document.participant_id)
        .where(Passage.speaker.is_not(None))
        .distinct()
    )
    return [
        Entry("speaker", speaker, label)
        for speaker, label in rows
        if speaker and speaker.strip() and not is_role_label(speaker)
    ]


def finding_spans(text: str, finding: Finding) -> list[tuple[int, int]]:
    """Where a finding occurs: from each offset, its words as written there."""
    words = tokens(finding.value)
    pattern = (
        re.compile(r"[\s\u00a0]+".join(re.escape(w) for w in words), re.IGNORECASE)
        if words
        else None
    )
    spans = []
    for offset in finding.offsets:
        match = pattern.match(text, offset) if pattern else None
        spans.append((offset, match.end() if match else offset + len(finding.value)))
    return spans


class ExportRedactor:
    """The one redaction every export, report and preview applies, counting unreviewed finds."""

    def __init__(self, redactor: Redactor, dismissed: set[str], *, keep_unreviewed: bool) -> None:
        self.redactor = redactor
        self.dismissed = dismissed
        self.keep_unreviewed = keep_unreviewed
        self.flagged: set[str] = set()
        self._redacted: dict[str, str] = {}
        self._keys: dict[tuple[str, ...], str] = {}

    @classmethod
    def for_project(
        cls, session: Session, *, key: PseudonymKey | None = None, keep_unreviewed: bool = False
    ) -> ExportRedactor:
        """The project's registry plus every speaker label, with pseudonyms when given a key."""
        entries = registry_entries(session) + speaker_entries(session)
        redactor = Redactor(entries, pseudonyms=key.lookup() if key else None)
        return cls(redactor, dismissed_values(session), keep_unreviewed=keep_unreviewed)

    def unreviewed(self, text: str) -> list[Redaction]:
        """Possible identifiers in a text that nothing registered, detected or dismissed."""
        return [
            Redaction(start, end, unreviewed_kind(finding))
            for finding in find_residual(text, self.redactor, self.dismissed)
            for start, end in finding_spans(text, finding)
        ]

    def nearby(self, text: str) -> NearbyResidual:
        """The unreviewed check of a document, read a few lines at a time (see unreviewed_near)."""
        return NearbyResidual(text, self.redactor, self.dismissed)

    def unreviewed_near(self, scan: NearbyResidual, start: int, end: int) -> list[Redaction]:
        """unreviewed(scan.text) in the lines of text[start:end]: the same spans there."""
        return [
            Redaction(low, high, unreviewed_kind(finding))
            for finding in scan.findings(start, end)
            for low, high in finding_spans(scan.text, finding)
        ]

    def combine(
        self, text: str, unreviewed: Iterable[Redaction], start: int = 0, end: int | None = None
    ) -> list[Redaction]:
        """Redactions for text[start:end] (offsets relative to that piece): registered and
        detected ones, plus the unreviewed ones not already covered (noted; kept if asked)."""
        piece = text[start:end]
        found = self.redactor.find(piece)
        covered = {i for r in found for i in range(r.start, r.end)}
        extra = []
        for redaction in unreviewed:
            low, high = max(redaction.start, start) - start, min(redaction.end - start, len(piece))
            if low >= high or all(i in covered for i in range(low, high)):
                continue
            self.flagged.add(finding_key(text[redaction.start : redaction.end]))
            extra.append(Redaction(low, high, redaction.kind))
        return found if self.keep_unreviewed else merge(found + extra)

    def find(self, text: str) -> list[Redaction]:
        return self.combine(text, self.unreviewed(text))

    def redact(self, text: str) -> str:
        """The text with identifiers, speaker names and (unless kept) unreviewed finds replaced."""
        # Labels, attributes and code names repeat on every quote: work each out once.
        if text not in self._redacted:
            self._redacted[text] = self.redactor.apply(text, self.find(text))
        return self._redacted[text]

    def redact_document(self, document: Document) -> str:
        """A whole document as exports show it, speakers by participant label or number."""
        found = with_labels(
            self.find(document.text), label_spans(document.text, speaker_names(document))
        )
        return self.redactor.apply(document.text, found)

    def redact_key(self, key: str, *related: str) -> str:
        """A code key with any identifier in it replaced, including every word the code's name
        or definition (`related`) loses: "jo-pinder-referrals" -> "[name]-referrals"."""
        if (key, *related) not in self._keys:
            self._keys[(key, *related)] = self._redact_key(key, related)
        return self._keys[(key, *related)]

    def _redact_key(self, key: str, related: tuple[str, ...]) -> str:
        spaced = KEY_SEPARATORS.sub(" ", key)
        variants = [spaced]
        capitalised = " ".join(w[:1].upper() + w[1:] for w in spaced.split(" "))
        if len(capitalised) == len(spaced):
            variants.append(capitalised)
        spans = [r for variant in variants for r in self.redactor.find(variant)]
        lost: dict[str, str] = {}
        for text in related:
            for redaction in self.find(text):
                for word in tokens(text[redaction.start : redaction.end]):
                    for form in (word, word.replace("'", "").replace("’", "")):
                        lost.setdefault(normalise(form), redaction.kind)
        for match in re.finditer(r"\S+", spaced):
            kind = lost.get(normalise(match.group()))
            if kind is not None:
                spans.append(Redaction(match.start(), match.end(), kind))
        redacted = self.redactor.apply(key, merge(spans))
        return JOINED_PLACEHOLDERS.sub(r"\1", redacted)


def unreviewed_note(count: int, project: str, *, kept: bool) -> str | None:
    """The standard-error line about unreviewed finds in what was just written, if any."""
    if not count:
        return None
    if kept:
        return (
            f"{plural(count, 'unreviewed possible identifier')} kept as written "
            f"(--unreviewed keep); review them with `qualcode anonymise check {project}`"
        )
    return (
        f"{plural(count, 'unreviewed possible identifier')} redacted as [name?] (or [email?]...); "
        f"review them with `qualcode anonymise check {project}`; --unreviewed keep to keep them"
    )
