"""Find and replace identifiers in text: registered forms, near-misspellings, detector hits."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from qualcode.anonymise.detectors import detect
from qualcode.anonymise.lexicon import CLITIC
from qualcode.anonymise.misspellings import Misspellings
from qualcode.anonymise.normal import (
    APOSTROPHES,
    HYPHENS,
    SAINTS,
    Folded,
    fold,
    form_key,
    forms_pattern,
    match_key,
    plain,
    squashed,
)
from qualcode.anonymise.terms import (
    APOSTROPHE,
    GENERIC_PARTS,
    Entry,
    Term,
    Terms,
    build_terms,
    initial,
)

LETTERS = re.compile(r"[^\W\d_]+")
PIECE = re.compile(r"[^\W_]+")
# Scripts written without spaces between words (Thai, Lao, Myanmar, Khmer, kana, Han): a
# name among their letters ("我和王伟谈过") has no word boundary, so only a letter or digit
# of a spaced script next to a match makes it part of a longer word.
_UNSPACED = "\u0e00-\u0eff\u1000-\u109f\u1780-\u17ff\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf"
SPACED_LETTER = rf"[^\W\d_{_UNSPACED}\u4e00-\u9fff\uf900-\ufaff]"
# A digit or "_" next to a name still ends it ("Ngozi1987", "sara_lee"), but a value ending in
# a digit does not end inside a number ("Flat 3" is not in "Flat 34").
EDGE = rf"(?<!{SPACED_LETTER})(?!(?<=\d)\d)"
END = rf"(?!{SPACED_LETTER})(?!(?<=\d)\d)"
PIECE_BEFORE = re.compile(r"(?<![^\W_])[^\W_]+$")
INITIAL_BEFORE = re.compile(r"(?<!\w)([^\W\d_])(?:\.[ \u00a0]*|[ \u00a0]+)$")
INITIAL_AFTER = re.compile(r"[ \u00a0]+([^\W\d_])\.")
# An unspaced en dash joins names too ("Brady–O'Neill"); an em dash more often opens a clause.
JOINERS = APOSTROPHES + HYPHENS + "–"
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


def _capital_words(value: str) -> list[str]:
    joined = APOSTROPHE.sub("", plain(value))  # "O'Neill" and "ONeill" are one word
    return [w for w in LETTERS.findall(joined) if w.lower() != "and"]


def _capitals_kept(written: str, form: str) -> bool:
    """True when each capitalised word of the form is written capitalised ("The", "St" need not)."""
    return all(
        not r[:1].isupper() or w[:1].isupper() or r.lower() in GENERIC_PARTS
        for w, r in zip(_capital_words(written), _capital_words(form), strict=False)
    )


def compound(text: str, start: int, end: int) -> tuple[int, int]:
    """A span widened over the capitalised pieces joined to it: "Brady-O'Neill", "O'Neill"."""
    while start >= 2 and text[start - 1] in JOINERS:
        piece = PIECE_BEFORE.search(text, max(0, start - 60), start - 1)
        if piece is None or not piece.group()[:1].isupper():
            break
        start = piece.start()
    while end + 1 < len(text) and text[end] in JOINERS:
        piece = PIECE.match(text, end + 1)
        if piece is None or not piece.group()[:1].isupper():
            break
        if text[end] in APOSTROPHES and CLITIC.fullmatch(text[end : piece.end()]):
            break
        end = piece.end()
    return start, end


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
        # Longest first, so a whole value wins over its parts where both start.
        keys = sorted(self.terms.by_form, key=len, reverse=True)
        alternation = forms_pattern([self.terms.by_form[k].form for k in keys if k])
        self._pattern = re.compile(rf"{EDGE}(?:{alternation}){END}") if alternation else None
        # A folded character no registered form can hold: no match runs across one, so a
        # search that starts after one finds what a search from the text's start finds there.
        inside = {c for t in self.terms.by_form.values() for c in fold(t.form).text} | set(
            " '&" + "".join(SAINTS) + "and"
        )
        self.outside_forms = re.compile(f"[^{''.join(re.escape(c) for c in sorted(inside))}]")
        self._squashed = {squashed(k): t for k, t in reversed(self.terms.by_form.items())}
        self.misspellings = Misspellings(self.terms.fuzzy)

    def _registered(
        self, text: str, folded: Folded, begin: int = 0, stop: int | None = None
    ) -> list[Redaction]:
        """Registered spans whose match starts in folded.text[begin:stop]."""
        found: list[Redaction] = []
        if self._pattern is None:
            return found
        position, last = begin, len(folded.text)
        if stop is not None and (outside := self.outside_forms.search(folded.text, stop)):
            # No match holds that character: the search need not read past it (but sees it).
            last = outside.end()
        while match := self._pattern.search(folded.text, position, last):
            if stop is not None and match.start() >= stop:
                break
            key = match_key(match.group())
            term = self.terms.by_form.get(key) or self._squashed.get(squashed(key))
            start, end = folded.span(match.start(), match.end())
            if term is None or (
                term.needs_capitals and not _capitals_kept(text[start:end], term.form)
            ):
                # A shorter form may still start inside: "will Hope" holds "Hope".
                position = match.start() + 1
                continue
            found.append(self._widened(text, start, end, term))
            position = match.end()
        return found

    def _misspelt(self, text: str, folded: Folded, taken: list[Redaction]) -> list[Redaction]:
        """Misspelt registered parts outside the spans `taken`, capitalised where they must be."""
        found: list[Redaction] = []
        covered: set[int] | None = None
        for at, stop, term in self.misspellings.find(folded.text):
            if covered is None:
                covered = {i for r in taken for i in range(r.start, r.end)}
            start, end = folded.span(at, stop)
            if start in covered or (term.needs_capitals and not text[start].isupper()):
                continue
            found.append(self._widened(text, start, end, term))
        return found

    def _widened(self, text: str, start: int, end: int, term: Term) -> Redaction:
        """The span with the compound it sits in and any initial of the same name."""
        start, end = compound(text, start, end)
        letters = self.terms.initials.get(form_key(term.form), set())
        if letters and not term.whole:
            before = INITIAL_BEFORE.search(text[max(0, start - 4) : start])
            if before and before.group(1).isupper() and initial(before.group(1)) in letters:
                start -= len(before.group())
            after = INITIAL_AFTER.match(text[end : end + 4])
            if after and after.group(1).isupper() and initial(after.group(1)) in letters:
                end += len(after.group())
        return Redaction(start, end, term.entry.placeholder, term.entry)

    def find_registered(self, text: str) -> list[Redaction]:
        """Spans of registered identifiers, as written or misspelt (no detectors)."""
        folded = fold(text)
        registered = self._registered(text, folded)
        return merge(registered + self._misspelt(text, folded, registered))

    def find_written(self, text: str) -> list[Redaction]:
        """Spans of registered identifiers as written (in any of their spellings)."""
        return self._registered(text, fold(text))

    def find_written_from(
        self, text: str, folded: Folded, begin: int, stop: int
    ) -> list[Redaction]:
        """find_written(text)'s spans whose match starts in folded.text[begin:stop], when
        `begin` is 0 or follows a character matching `outside_forms`."""
        return self._registered(text, folded, begin, stop)

    def find_misspelt(
        self, text: str, written: list[Redaction], folded: Folded | None = None
    ) -> list[Redaction]:
        """Spans of words misspelling a registered identifier, outside those `written`
        (`folded`: fold(text), when already known)."""
        return self._misspelt(text, folded or fold(text), written)

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
