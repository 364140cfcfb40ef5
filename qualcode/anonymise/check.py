"""Likely identifiers the registry misses: names, other capitalised non-words, detector hits."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from qualcode.anonymise.detectors import DETECTOR_KINDS, detect
from qualcode.anonymise.lexicon import is_common_word, without_clitic
from qualcode.anonymise.people import CAPITALISED, capitalised_spans
from qualcode.anonymise.redactor import Redactor
from qualcode.anonymise.shortforms import ShortForms, short_forms
from qualcode.anonymise.terms import normalise


@dataclass
class Finding:
    """One possible identifier in a document: how it is written, its kind, how often it occurs."""

    value: str
    kind: str
    count: int = 0
    offsets: list[int] = field(default_factory=list)
    context: str = ""

    @property
    def stays_in_exports(self) -> bool:
        """Only pattern-detector hits are replaced by the redactor itself; a name found by the
        lexicon stays until registered (a titled "Mr Kaur" is replaced, but is flagged too)."""
        return self.kind not in DETECTOR_KINDS

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "kind": self.kind,
            "count": self.count,
            "offsets": self.offsets,
            "context": self.context,
        }


def finding_key(value: str) -> str:
    """How findings and dismissals are compared: normalised, without a possessive."""
    return normalise(without_clitic(value))


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before = text[max(0, start - width) : start].split("\n")[-1]
    after = text[end : end + width].split("\n")[0]
    return f"…{before}{text[start:end]}{after}…".replace("\u00a0", " ")


def find_residual(
    text: str, redactor: Redactor, dismissed: set[str] | frozenset[str] = frozenset()
) -> list[Finding]:
    """Possible identifiers in a text that the registry does not cover and nobody dismissed."""
    registered = redactor.find_registered(text)
    covered = {i for r in registered for i in range(r.start, r.end)}
    spans = residual_spans(text, covered, 0, len(text), short_forms(redactor))
    findings = collect(text, spans, dismissed)
    add_repeats(text, list(findings.values()), covered, 0, len(text))
    return sorted(findings.values(), key=lambda f: f.offsets[0])


def residual_spans(
    text: str, covered: set[int], begin: int, stop: int, shortened: ShortForms | None = None
) -> list[tuple[int, int, str]]:
    """Detector hits, short forms of registered organisations (`shortened`) and capitalised
    non-words in text[begin:stop] (whole lines) outside the `covered` positions (registered
    identifiers), which grows by the detector hits and short forms."""
    piece = text[begin:stop]
    hits = [h for h in detect(piece) if h.start + begin not in covered]
    spans = [(h.start + begin, h.end + begin, h.kind) for h in hits]
    if shortened is not None:
        spans += shortened.spans(text, covered, begin, stop)
    covered.update(i for start, end, _ in spans for i in range(start, end))
    return spans + capitalised_spans(text, covered, begin, stop)


def span_value(text: str, start: int, end: int, kind: str) -> str:
    """How a finding span is written, without a possessive unless a detector found it."""
    return text[start:end] if kind in DETECTOR_KINDS else without_clitic(text[start:end])


def collect(
    text: str, spans: list[tuple[int, int, str]], dismissed: set[str] | frozenset[str]
) -> dict[str, Finding]:
    """Spans grouped into findings by key, each named and typed as first written."""
    findings: dict[str, Finding] = {}
    for start, end, kind in sorted(spans):
        value = span_value(text, start, end, kind)
        key = finding_key(value)
        if key in dismissed:
            continue
        finding = findings.get(key)
        if finding is None:
            finding = findings[key] = Finding(value, kind, context=_context(text, start, end))
        finding.count += 1
        finding.offsets.append(start)
    return findings


def repeatable(finding: Finding) -> bool:
    """Whether a finding's other writings count too: a name, not a detector hit or words."""
    words = finding.value.split()
    return finding.kind not in DETECTOR_KINDS and not all(is_common_word(w) for w in words)


def add_repeats(
    text: str, findings: list[Finding], covered: set[int], begin: int, stop: int
) -> None:
    """Every other place in text[begin:stop] a found name is written the same way, sentence
    openers included ("Siobhan" found mid-sentence is also "Siobhan" starting one), unless it
    is also a word."""
    by_first: dict[str, list[Finding]] = {}
    for finding in findings:
        if repeatable(finding):
            by_first.setdefault(finding.value.split()[0], []).append(finding)
    if not by_first:
        return
    for match in CAPITALISED.finditer(text, begin, stop):
        start = match.start()
        for finding in by_first.get(without_clitic(match.group()), ()):
            end = start + len(finding.value)
            if (
                start not in covered
                and start not in finding.offsets
                and text.startswith(finding.value, start)
                and (end == len(text) or not text[end].isalnum())
            ):
                finding.offsets.append(start)
                finding.count += 1
    for finding in findings:
        finding.offsets.sort()
