"""The residual check's findings near a place in a document, reading only the lines it needs."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from qualcode.anonymise.capitals import CAPITAL
from qualcode.anonymise.check import (
    Finding,
    add_repeats,
    collect,
    finding_key,
    residual_spans,
    span_value,
)
from qualcode.anonymise.detectors import HONORIFIC
from qualcode.anonymise.lexicon import is_common_word, without_clitic
from qualcode.anonymise.normal import Folded, fold
from qualcode.anonymise.people import CAPITALISED, JOIN
from qualcode.anonymise.redactor import Redaction, Redactor
from qualcode.anonymise.shortforms import short_forms

Span = tuple[int, int, str]
LINE_BREAK = re.compile("\n")
# "cut. The": a sentence's last word all lowercase letters (no title "Dr.", initial "J." or
# "St.", no address), a space, a capital: where nothing the check finds runs across. Searched
# for in the reversed text, where it starts with the capital (a look-behind first, for what
# stands before the word, would make the search slow).
SENTENCE_CUT_REVERSED = re.compile(r"[A-Z] [.!?][a-z]{2,}(?![\w'’\-.@/])")
NEXT_WORD = re.compile(rf"{JOIN.pattern}{CAPITAL}")
# Never a word of a name found (lexicon: not identifying), nor the first word of a title.
PRONOUN = "I"


def _caseless(text: str) -> str:
    """Lowercase with straight apostrophes, one sigma: a key's words are found in it as they
    are in its lowercase value (only the final sigma depends on what follows a letter)."""
    return text.replace("’", "'").lower().replace("ς", "σ")


def sentence_cuts(text: str) -> list[int]:
    """Where a sentence starts after a sentence ending in an everyday lowercase word."""
    last = len(text) - 1
    return [last - m.start() for m in SENTENCE_CUT_REVERSED.finditer(text[::-1])][::-1]


class NearbyResidual:
    """find_residual(text) as seen from some lines of the text, without checking all of them.

    A finding span lies within one line and depends only on that line and on which positions
    registered identifiers cover (a registered name may run across a line break). What the
    rest of the text adds is how a name was first written (its value and kind) and the
    repeats of names found elsewhere: both are read from the lines holding the same words, so
    the answer is the whole-text one. A "line" here is also cut where a sentence ends in an
    everyday lowercase word and the next starts with a capital (sentence_cuts): no finding
    span, detector hit or capitalised run goes across, so a long turn is read a sentence at a
    time.
    """

    def __init__(self, text: str, redactor: Redactor, dismissed: set[str] | frozenset[str]) -> None:
        self.text = text
        self.redactor = redactor
        self.dismissed = dismissed
        self._shortened = short_forms(redactor)
        self._folded = fold(text)
        breaks = [m.end() for m in LINE_BREAK.finditer(text)]
        cuts = sentence_cuts(text)
        self._starts = sorted([0, *breaks, *cuts])
        # A line ends before its line break; a sentence cut off at its next one's capital.
        self._ends = [n - 1 if text[n - 1] == "\n" else n for n in self._starts[1:]]
        self._ends.append(len(text))
        self._spans: dict[int, list[Span]] = {}
        self._covered: dict[int, set[int]] = {}
        caseless = _caseless(text)
        self._caseless = caseless if len(caseless) == len(text) else None

    def _bounds(self, line: int) -> tuple[int, int]:
        return self._starts[line], self._ends[line]

    def _line_of(self, position: int) -> int:
        return bisect_right(self._starts, position) - 1

    def _folded_at(self, position: int) -> int:
        origin = self._folded.origin
        return position if origin is None else bisect_left(origin, position)

    def _written(self, start: int, end: int) -> list[Redaction]:
        """The registered identifiers written across the line text[start:end], as
        redactor.find_written(text) has them (a name may run across a line break)."""
        begin, stop = self._folded_at(start), self._folded_at(end)
        found = self.redactor.find_written_from(
            self.text, self._folded, self._after_outside(begin), stop
        )
        return [r for r in found if r.start < end and r.end > start]

    def _after_outside(self, position: int) -> int:
        """Just after the last folded character before `position` that no registered form
        holds (or 0): a search for registered forms from there finds what one from the start
        of the text finds after it, as no match runs across that character."""
        width = 256
        while True:
            low = max(0, position - width)
            found = self.redactor.outside_forms.findall(self._folded.text, low, position)
            if found:  # no later character is one, so the last one's last writing is it
                return self._folded.text.rfind(found[-1], low, position) + 1
            if low == 0:
                return 0
            width *= 4

    def _line_spans(self, line: int) -> list[Span]:
        """The finding spans of one line, as the whole-text check finds them there."""
        if line not in self._spans:
            start, end = self._bounds(line)
            written = self._written(start, end)
            shifted = [Redaction(r.start - start, r.end - start, r.kind) for r in written]
            # Folding is character by character: a slice of the folded text is the line's.
            same = self._folded.origin is None
            folded = Folded(self._folded.text[start:end], None) if same else None
            misspelt = self.redactor.find_misspelt(self.text[start:end], shifted, folded)
            covered = {i for r in written for i in range(max(r.start, start), min(r.end, end))}
            covered.update(i + start for r in misspelt for i in range(r.start, r.end))
            self._spans[line] = residual_spans(self.text, covered, start, end, self._shortened)
            self._covered[line] = covered  # now with the detector hits too
        return self._spans[line]

    def _lines_holding(self, probe: str, *, caseless: bool = False) -> set[int]:
        """Lines whose text holds `probe` (as written, or in _caseless form)."""
        text = self._caseless if caseless else self.text
        if text is None:  # lowercasing changed lengths ("İ"): look line by line
            return {
                line
                for line in range(len(self._starts))
                if probe in _caseless(self.text[slice(*self._bounds(line))])
            }
        found: set[int] = set()
        at = text.find(probe)
        while at >= 0:
            line = self._line_of(at)
            found.add(line)
            following = line + 1 < len(self._starts)
            at = text.find(probe, self._starts[line + 1]) if following else -1
        return found

    def _probes(self, lines: set[int]) -> set[str]:
        """What the line where a name repeated in these lines was first found must hold: the
        name's first word or, if that is an everyday word (a name repeats only with a rarer
        word in it), that word up to the next capital ("The K" of "The Kingsmoor Trust")."""
        probes = set()
        for line in lines:
            start, end = self._bounds(line)
            self._line_spans(line)
            for match in CAPITALISED.finditer(self.text, start, end):
                if match.start() in self._covered[line]:
                    continue  # no name repeats where an identifier is (a speaker's name)
                first = without_clitic(match.group())
                if first == PRONOUN:
                    continue  # "I" starts no name, title or other identifier found
                if not is_common_word(first):
                    probes.add(first)
                    continue
                # A name of several words goes on as a run does: a space, particles, a capital.
                more = NEXT_WORD.match(self.text, match.start() + len(first), end)
                if more is not None and not self._before_pronoun(match.start(), more.end() - 1):
                    probes.add(self.text[match.start() : more.end()])
        return probes

    def _before_pronoun(self, start: int, next_word: int) -> bool:
        """True when the next word is "I" ("And I think"): no name goes on with it, and only
        a title could ("Dr I. Kaur"), so unless one starts here there is nothing to repeat."""
        word = CAPITALISED.match(self.text, next_word)
        pronoun = word is not None and without_clitic(word.group()) == PRONOUN
        return pronoun and HONORIFIC.match(self.text, start) is None

    def _written_in(self, lines: set[int], value: str) -> bool:
        return any(value in self.text[slice(*self._bounds(line))] for line in lines)

    def findings(self, start: int, end: int) -> list[Finding]:
        """The findings with offsets in the lines of text[start:end], with those offsets only,
        as find_residual(text) reports them."""
        window = set(range(self._line_of(start), self._line_of(max(start, end - 1)) + 1))
        keys = {
            finding_key(span_value(self.text, *span))
            for line in window
            for span in self._line_spans(line)
        }
        related = {line for probe in self._probes(window) for line in self._lines_holding(probe)}
        for line in related - window:
            for span in self._line_spans(line):
                value = span_value(self.text, *span)
                if self._written_in(window, value):  # it may repeat here
                    keys.add(finding_key(value))
        keys -= self.dismissed
        lines = set(window)
        for key in keys:  # every line where the key is written, to know its first writing
            lines |= self._lines_holding(max(_caseless(key).split(), key=len), caseless=True)
        spans = [span for line in sorted(lines) for span in self._line_spans(line)]
        found = [f for k, f in collect(self.text, spans, self.dismissed).items() if k in keys]
        for finding in found:
            finding.offsets = [o for o in finding.offsets if self._line_of(o) in window]
            finding.count = len(finding.offsets)
        covered = set().union(*(self._covered[line] for line in window))
        first, last = self._bounds(min(window))[0], self._bounds(max(window))[1]
        add_repeats(self.text, found, covered, first, last)
        return sorted((f for f in found if f.offsets), key=lambda f: f.offsets[0])
