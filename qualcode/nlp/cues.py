"""Cue phrases matched on lowercase lemmas, weighted by specificity, as scores per code.

Score for a code in a passage (documented in docs and in the report):

    weight(cue)   = idf(cue) × min(2, 1 + 0.5 × (words − 1))
    idf(cue)      = ln(1 + L / df) / ln(1 + L)        L = codes with labels, df = codes owning cue
    evidence      = Σ weight over distinct own cues hit + ½ Σ weight over parent-theme cues hit
    score         = 1 − 2^(−evidence)                 (0 when no own cue is hit)

One specific one-word cue scores 0.5, two score 0.75; a cue shared by four codes counts less, a
three-word phrase counts double. Theme cues only strengthen a sub-code that has its own hit.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from qualcode.nlp.pipeline import lemmatize
from qualcode.nlp.types import CodeEntry, CueEvidence, CueHit

THEME_SHARE = 0.5


@dataclass
class _Pattern:
    cue: str
    words: int
    owners: set[str] = field(default_factory=set)
    supported: set[str] = field(default_factory=set)
    weight: float = 0.0


def leaf_codes(codes: Sequence[CodeEntry]) -> list[str]:
    """Codes that get labels: those without sub-codes (themes are suggested through them)."""
    return [code.key for code in codes if code.is_leaf]


def _descendant_leaves(codes: Sequence[CodeEntry]) -> dict[str, set[str]]:
    parent = {code.key: code.parent for code in codes}
    leaves: dict[str, set[str]] = {code.key: set() for code in codes}
    for code in codes:
        if not code.is_leaf:
            continue
        ancestor = code.parent
        while ancestor is not None and ancestor in leaves:
            leaves[ancestor].add(code.key)
            ancestor = parent.get(ancestor)
    return leaves


class CueIndex:
    """All cue phrases of a codebook in one PhraseMatcher on the LEMMA attribute."""

    def __init__(self, nlp: Language, codes: Sequence[CodeEntry]) -> None:
        self.labels = leaf_codes(codes)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._patterns: dict[tuple[str, ...], _Pattern] = {}
        below = _descendant_leaves(codes)
        phrases = sorted({cue.strip() for code in codes for cue in code.cues if cue.strip()})
        docs = dict(zip(phrases, lemmatize(nlp, phrases), strict=True))
        for code in codes:
            for cue in code.cues:
                if not cue.strip():
                    continue
                doc = docs[cue.strip()]
                lemmas = tuple(token.lemma_ for token in doc)
                pattern = self._patterns.setdefault(lemmas, _Pattern(cue.strip(), len(doc)))
                if code.is_leaf:
                    pattern.owners.add(code.key)
                else:
                    pattern.supported.update(below[code.key])
        total = max(1, len(self.labels))
        for lemmas, pattern in self._patterns.items():
            df = max(1, len(pattern.owners) or len(pattern.supported))
            idf = math.log(1 + total / df) / math.log(1 + total)
            pattern.weight = idf * min(2.0, 1 + 0.5 * (pattern.words - 1))
            self.matcher.add("|".join(lemmas), [docs[pattern.cue]])

    @property
    def size(self) -> int:
        """How many distinct cue phrases (by lemmas) the index holds."""
        return len(self._patterns)

    def evidence(self, doc: Doc, offset: int = 0) -> dict[str, CueEvidence]:
        """Per code, the cue hits in a processed doc; offsets shifted into the document."""
        own: dict[str, list[tuple[Span, _Pattern]]] = {}
        theme: dict[str, list[tuple[Span, _Pattern]]] = {}
        for match_id, start, end in self.matcher(doc):
            key = tuple(doc.vocab.strings[match_id].split("|"))
            pattern = self._patterns[key]
            span = doc[start:end]
            for code in pattern.owners:
                own.setdefault(code, []).append((span, pattern))
            for code in pattern.supported:
                theme.setdefault(code, []).append((span, pattern))
        result: dict[str, CueEvidence] = {}
        for code, found in own.items():
            hits, weight = _distinct(found, offset)
            support, extra = _distinct(theme.get(code, []), offset)
            score = 1.0 - 2.0 ** -(weight + THEME_SHARE * extra)
            result[code] = CueEvidence(score, hits, support)
        return result


def _distinct(found: list[tuple[Span, _Pattern]], offset: int) -> tuple[tuple[CueHit, ...], float]:
    """Longest non-overlapping hits; each distinct cue weighs once however often it occurs."""
    by_span = {(span.start, span.end): (span, pattern) for span, pattern in found}
    kept = filter_spans([span for span, _ in by_span.values()])
    hits: list[CueHit] = []
    seen: dict[str, float] = {}
    for span in sorted(kept, key=lambda s: s.start):
        pattern = by_span[(span.start, span.end)][1]
        hits.append(
            CueHit(pattern.cue, span.text, offset + span.start_char, offset + span.end_char)
        )
        seen[pattern.cue] = pattern.weight
    return tuple(hits), sum(seen.values())
