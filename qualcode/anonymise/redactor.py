"""Find and replace identifiers in text: registered forms, near-misspellings, detector hits."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import process
from rapidfuzz.distance import OSA

from qualcode.anonymise.detectors import detect
from qualcode.anonymise.lexicon import is_common_word
from qualcode.anonymise.terms import Entry, Term, Terms, build_terms, normalise, tokens

WORD = re.compile(r"[^\W_](?:[\w'’\-]*[^\W_])?")
DETECTOR_RANK = {"email": 4, "url": 3, "phone": 2, "postcode": 1}


@dataclass(frozen=True, order=True)
class Redaction:
    """A span to replace: its kind (name, organisation, email...) and the entry it came from."""

    start: int
    end: int
    kind: str
    entry: Entry | None = field(default=None, compare=False)

    @property
    def rank(self) -> tuple[int, int]:
        return (DETECTOR_RANK.get(self.kind, 0), self.end - self.start)


def max_distance(length: int) -> int:
    """How many edits a misspelling of a word this long may have and still be caught."""
    return 2 if length >= 8 else 1


def _form_pattern(form: str) -> str:
    words = [re.escape(w).replace("'", "['’]").replace("’", "['’]") for w in tokens(form)]
    return r"[\s\u00a0]+".join(words)


def _capitals_kept(matched: str, form: str) -> bool:
    written = tokens(matched)
    registered = tokens(form)
    return all(
        not r[:1].isupper() or w[:1].isupper() for w, r in zip(written, registered, strict=False)
    )


class Redactor:
    """Replaces identifiers with placeholders ([name]) or pseudonyms from a key ([Person 3])."""

    def __init__(
        self,
        entries: Iterable[Entry],
        *,
        pseudonyms: Mapping[tuple[str, str], str] | None = None,
    ) -> None:
        self.entries = list(entries)
        self.terms: Terms = build_terms(self.entries)
        self.pseudonyms = dict(pseudonyms or {})
        forms = sorted(self.terms.by_form.values(), key=lambda t: -len(t.form))
        alternation = "|".join(_form_pattern(t.form) for t in forms if tokens(t.form))
        self._pattern = (
            re.compile(rf"(?<!\w)(?:{alternation})(?!\w)", re.IGNORECASE) if alternation else None
        )
        self._fuzzy = list(self.terms.fuzzy)
        self._near: dict[str, Term | None] = {}

    def _registered(self, text: str) -> list[Redaction]:
        found: list[Redaction] = []
        if self._pattern is None:
            return found
        for match in self._pattern.finditer(text):
            term = self.terms.by_form.get(normalise(match.group()))
            if term is None or (
                term.needs_capitals and not _capitals_kept(match.group(), term.form)
            ):
                continue
            found.append(self._with_initials(text, match.start(), match.end(), term))
        return found

    def _misspelt(self, text: str, taken: list[Redaction]) -> list[Redaction]:
        found: list[Redaction] = []
        if not self._fuzzy:
            return found
        covered = {i for r in taken for i in range(r.start, r.end)}
        for match in WORD.finditer(text):
            if match.start() in covered:
                continue
            term = self._near_miss(match.group())
            if term is not None:
                found.append(self._with_initials(text, match.start(), match.end(), term))
        return found

    def _near_miss(self, word: str) -> Term | None:
        """The registered part a word misspells, if any (everyday words never count)."""
        lower = word.lower()
        if lower not in self._near:
            found = None
            if len(word) >= 4 and not is_common_word(word):
                limit = max_distance(len(word))
                best = process.extractOne(
                    lower, self._fuzzy, scorer=OSA.distance, score_cutoff=limit
                )
                found = self.terms.fuzzy[best[0]] if best is not None else None
            self._near[lower] = found
        term = self._near[lower]
        if term is not None and term.needs_capitals and not word[:1].isupper():
            return None
        return term

    def _with_initials(self, text: str, start: int, end: int, term: Term) -> Redaction:
        letters = self.terms.initials.get(normalise(term.form), set())
        if letters and not term.whole:
            before = re.search(r"(?<!\w)([A-Z])\.?[ \u00a0]+$", text[max(0, start - 4) : start])
            if before and before.group(1) in letters:
                start -= len(before.group())
            after = re.match(r"[ \u00a0]+([A-Z])\.", text[end : end + 4])
            if after and after.group(1) in letters:
                end += len(after.group())
        return Redaction(start, end, term.entry.placeholder, term.entry)

    def find_registered(self, text: str) -> list[Redaction]:
        """Spans of registered identifiers, as written or misspelt (no detectors)."""
        registered = self._registered(text)
        return merge(registered + self._misspelt(text, registered))

    def find(self, text: str) -> list[Redaction]:
        """Every span to replace, merged so none overlap, in text order."""
        spans = self.find_registered(text)
        spans += [Redaction(h.start, h.end, h.kind) for h in detect(text)]
        return merge(spans)

    def replacement(self, redaction: Redaction) -> str:
        if redaction.entry is not None:
            pseudonym = self.pseudonyms.get(redaction.entry.key)
            if pseudonym:
                return f"[{pseudonym}]"
        return f"[{redaction.kind}]"

    def apply(self, text: str, redactions: Iterable[Redaction], offset: int = 0) -> str:
        """The text with the given redactions (offsets relative to text + offset) replaced."""
        pieces: list[str] = []
        position = 0
        for redaction in sorted(redactions):
            start, end = redaction.start - offset, redaction.end - offset
            if end <= 0 or start >= len(text):
                continue
            pieces.append(text[position : max(start, 0)])
            pieces.append(self.replacement(redaction))
            position = min(end, len(text))
        pieces.append(text[position:])
        return "".join(pieces)

    def redact(self, text: str) -> str:
        """The text with every identifier replaced."""
        return self.apply(text, self.find(text))


def merge(spans: list[Redaction]) -> list[Redaction]:
    """Overlapping spans joined into one, named after the strongest (e-mail over name...)."""
    merged: list[Redaction] = []
    for span in sorted(spans):
        if merged and span.start < merged[-1].end:
            last = merged[-1]
            best = max(last, span, key=lambda r: r.rank)
            # "Mr Ellery" (detector) over "Ellery" (registry) keeps the entry, for pseudonyms.
            entry = best.entry or next(
                (r.entry for r in (last, span) if r.kind == best.kind and r.entry), None
            )
            merged[-1] = Redaction(last.start, max(last.end, span.end), best.kind, entry)
        else:
            merged.append(span)
    return merged
