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
from functools import partial

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from qualcode.nlp.pipeline import lemmatize
from qualcode.nlp.types import CodeEntry, CueEvidence, CueHit

THEME_SHARE = 0.5


@dataclass(eq=False)  # hashed by identity: one object per distinct cue
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


_Match = tuple[int, int, _Pattern]


class CueIndex:
    """All cue phrases of a codebook in one PhraseMatcher on the LEMMA attribute."""

    def __init__(self, nlp: Language, codes: Sequence[CodeEntry]) -> None:
        self.labels = leaf_codes(codes)
        self.matcher = PhraseMatcher(nlp.vocab, attr="LEMMA")
        self._patterns: dict[tuple[str, ...], _Pattern] = {}
        self._by_id: dict[int, _Pattern] = {}
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
            name = "|".join(lemmas)
            self.matcher.add(name, [docs[pattern.cue]])
            self._by_id[nlp.vocab.strings[name]] = pattern

    @property
    def size(self) -> int:
        """How many distinct cue phrases (by lemmas) the index holds."""
        return len(self._patterns)

    def evidence(
        self, doc: Doc, offset: int = 0, text: str | None = None
    ) -> dict[str, CueEvidence]:
        """Per code, the cue hits in a processed doc (of `text`, if the caller has it at hand);
        offsets shifted into the document."""
        matches = self.matcher(doc)
        if not matches:
            return {}
        by_id = self._by_id
        found = sorted([(start, end, by_id[key]) for key, start, end in matches])
        last = 0
        for start, end, _ in found:
            if start < last:
                return _evidence_overlapping(doc, text, found, offset)
            last = end
        # No two hits overlap (the usual case): each distinct cue adds its weight once.
        own: dict[str, float] = {}
        theme: dict[str, float] = {}
        for pattern in dict.fromkeys([pattern for _, _, pattern in found]):
            weight = pattern.weight
            for code in pattern.owners:
                own[code] = own.get(code, 0.0) + weight
            for code in pattern.supported:
                theme[code] = theme.get(code, 0.0) + weight
        return {
            code: CueEvidence(
                1.0 - 2.0 ** -(weight + THEME_SHARE * theme.get(code, 0.0)),
                make=partial(_hits_of, doc, text, found, code, offset),
            )
            for code, weight in own.items()
        }


def _evidence_overlapping(
    doc: Doc, text: str | None, found: list[_Match], offset: int
) -> dict[str, CueEvidence]:
    """Evidence when hits overlap: per code, its longest non-overlapping hits count."""
    own: dict[str, list[_Match]] = {}
    theme: dict[str, list[_Match]] = {}
    for match in found:
        for code in match[2].owners:
            own.setdefault(code, []).append(match)
        for code in match[2].supported:
            theme.setdefault(code, []).append(match)
    result: dict[str, CueEvidence] = {}
    for code, matches in own.items():
        kept = _longest(matches)
        support = _longest(theme.get(code, []))
        weight = _weight(kept) + THEME_SHARE * _weight(support)
        result[code] = CueEvidence(
            1.0 - 2.0**-weight, make=partial(_hits, doc, text, kept, support, offset)
        )
    return result


def _hits_of(
    doc: Doc, text: str | None, found: list[_Match], code: str, offset: int
) -> tuple[tuple[CueHit, ...], tuple[CueHit, ...]]:
    kept = [m for m in found if code in m[2].owners]
    support = [m for m in found if code in m[2].supported]
    return _hits(doc, text, kept, support, offset)


def _longest(found: list[_Match]) -> list[_Match]:
    """The longest non-overlapping matches, in text order."""
    if len(found) < 2:
        return found
    kept: list[_Match] = []
    for match in sorted(found, key=lambda m: (m[0] - m[1], m[0])):
        if all(match[1] <= other[0] or match[0] >= other[1] for other in kept):
            kept.append(match)
    return sorted(kept, key=lambda m: m[0])


def _weight(kept: list[_Match]) -> float:
    """Each distinct cue weighs once however often it occurs."""
    return sum({pattern.cue: pattern.weight for _, _, pattern in kept}.values())


def _hits(
    doc: Doc, text: str | None, kept: list[_Match], support: list[_Match], offset: int
) -> tuple[tuple[CueHit, ...], tuple[CueHit, ...]]:
    words = doc.text if text is None else text

    def hit(match: _Match) -> CueHit:
        start, end, pattern = match
        first, last = doc[start], doc[end - 1]
        begin, stop = first.idx, last.idx + len(last)
        return CueHit(pattern.cue, words[begin:stop], offset + begin, offset + stop)

    return tuple(hit(m) for m in kept), tuple(hit(m) for m in support)
