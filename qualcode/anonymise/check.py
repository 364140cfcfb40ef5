"""Residual likely identifiers: capitalised non-words and detector hits the registry misses."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from qualcode.anonymise.detectors import detect
from qualcode.anonymise.lexicon import (
    is_common_word,
    is_name_like,
    is_not_identifying,
    without_clitic,
)
from qualcode.anonymise.redactor import WORD, Redaction, Redactor
from qualcode.anonymise.terms import HONORIFICS, normalise

SENTENCE_END = ".!?:;…"
OPENERS = " \t\u00a0\"'“‘([—–-*_>#"
ACRONYM_MAX = 5


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
        """Capitalised words stay in exports until registered; detector hits are replaced."""
        return self.kind == "capitalised"

    def as_json(self) -> dict[str, Any]:
        return {
            "value": self.value,
            "kind": self.kind,
            "count": self.count,
            "offsets": self.offsets,
            "context": self.context,
        }


def sentence_initial(text: str, start: int) -> bool:
    """True when a word starts a sentence, a line or a speaker's turn."""
    position = start - 1
    while position >= 0 and text[position] in OPENERS:
        position -= 1
    return position < 0 or text[position] == "\n" or text[position] in SENTENCE_END


def finding_key(value: str) -> str:
    """How findings and dismissals are compared: normalised, without a possessive."""
    return normalise(without_clitic(value))


def _candidate(word: str, initial: bool) -> bool:
    if (
        len(word) < 2
        or not word[:1].isupper()
        or any(c.isdigit() for c in word)
        or is_not_identifying(word)
        or word.lower() in HONORIFICS
    ):
        return False
    if sum(c.isupper() for c in word) >= 2 and len(word) <= ACRONYM_MAX:
        return False
    if initial:
        return is_name_like(word)
    return not is_common_word(word)


def _capitalised_runs(text: str, covered: set[int]) -> list[tuple[int, int]]:
    """Runs of capitalised words holding at least one likely name ("Jo Pinder", "Cath")."""
    runs: list[tuple[int, int]] = []
    run: list[tuple[int, int, bool]] = []

    def close() -> None:
        while run and not run[0][2] and sentence_initial(text, run[0][0]):
            run.pop(0)
        if any(flag for _, _, flag in run):
            runs.append((run[0][0], run[-1][1]))
        run.clear()

    for match in WORD.finditer(text):
        word, start = match.group(), match.start()
        joined = bool(run) and re.fullmatch(r"[ \u00a0]", text[run[-1][1] : start]) is not None
        usable = (
            word[:1].isupper()
            and start not in covered
            and not is_not_identifying(word)
            and word.lower() not in HONORIFICS
        )
        if not usable or not joined:
            close()
        if usable:
            run.append((start, match.end(), _candidate(word, sentence_initial(text, start))))
    close()
    return runs


def _context(text: str, start: int, end: int, width: int = 30) -> str:
    before = text[max(0, start - width) : start].split("\n")[-1]
    after = text[end : end + width].split("\n")[0]
    return f"…{before}{text[start:end]}{after}…".replace("\u00a0", " ")


def find_residual(
    text: str, redactor: Redactor, dismissed: set[str] | frozenset[str] = frozenset()
) -> list[Finding]:
    """Possible identifiers in a text that the registry does not cover and nobody dismissed."""
    registered: list[Redaction] = redactor.find_registered(text)
    covered = {i for r in registered for i in range(r.start, r.end)}
    hits = [h for h in detect(text) if h.start not in covered]
    spans = [(h.start, h.end, h.kind) for h in hits]
    covered.update(i for h in hits for i in range(h.start, h.end))
    spans += [(s, e, "capitalised") for s, e in _capitalised_runs(text, covered)]
    findings: dict[str, Finding] = {}
    for start, end, kind in sorted(spans):
        value = text[start:end] if kind != "capitalised" else without_clitic(text[start:end])
        key = finding_key(value)
        if key in dismissed:
            continue
        finding = findings.get(key)
        if finding is None:
            finding = findings[key] = Finding(value, kind, context=_context(text, start, end))
        finding.count += 1
        finding.offsets.append(start)
    return sorted(findings.values(), key=lambda f: f.offsets[0])
