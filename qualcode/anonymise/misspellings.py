"""Words that misspell a registered name part ("Siobahn" for "Siobhan"), found as whole words."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from rapidfuzz import process
from rapidfuzz.distance import OSA

from qualcode.anonymise.lexicon import is_common_word, without_clitic
from qualcode.anonymise.terms import Term

FOLDED_WORD = re.compile(r"[^\W_](?:[\w']*[^\W_])?")
SHORT_TEXT = 4000


def max_distance(length: int) -> int:
    """How many edits a misspelling of a word this long may have and still be caught."""
    return 2 if length >= 8 else 1


class Misspellings:
    """The registered parts to catch misspelt, and each word already judged against them."""

    def __init__(self, fuzzy: dict[str, Term]) -> None:
        self.fuzzy = fuzzy
        self._keys = list(fuzzy)
        self._near: dict[str, Term | None] = {}
        self._misses: dict[str, Term] = {}

    def near_miss(self, word: str) -> Term | None:
        """The registered part a folded word misspells, if any (everyday words never count)."""
        if word not in self._near:
            key = without_clitic(word).replace("'", "")
            found = None
            if len(key) >= 4 and not is_common_word(key):
                limit = max_distance(len(key))
                best = process.extractOne(key, self._keys, scorer=OSA.distance, score_cutoff=limit)
                found = self.fuzzy[best[0]] if best is not None else None
            self._near[word] = found
            if found is not None:
                self._misses[word] = found
        return self._near[word]

    def find(self, folded: str) -> list[tuple[int, int, Term]]:
        """Where words misspelling a registered part stand in folded text, in text order:
        (start, end of the word without a clitic such as "'s", the part)."""
        if not self._keys:
            return []
        # Most words misspell nothing: look each distinct word up once, then find the few.
        words = set(FOLDED_WORD.findall(folded))
        for word in words.difference(self._near):  # set operations: no call per known word
            self.near_miss(word)
        near = {w: self._misses[w] for w in words.intersection(self._misses)}
        found = []
        for at, stop in _written(folded, near):  # the few near words, not every word
            word = without_clitic(folded[at:stop])
            found.append((at, at + len(word), near[folded[at:stop]]))
        return found


def _written(folded: str, words: Iterable[str]) -> list[tuple[int, int]]:
    """Where each of `words` stands as a whole FOLDED_WORD token, in text order."""
    if not words:
        return []
    if len(folded) <= SHORT_TEXT:  # a line or a quote: a few finds, no regex to compile
        return sorted(
            (at, at + len(word))
            for word in words
            for at in _occurrences(folded, word)
            if _token_starts(folded, at) and _token_ends(folded, at + len(word))
        )
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    # Not after a letter or digit, and no letter or digit later in the same token.
    pattern = re.compile(rf"(?<![^\W_])(?:{alternation})(?![\w']*[^\W_])")
    return [m.span() for m in pattern.finditer(folded) if _token_starts(folded, m.start())]


def _occurrences(text: str, word: str) -> Iterator[int]:
    at = text.find(word)
    while at >= 0:
        yield at
        at = text.find(word, at + 1)


def _token_starts(folded: str, at: int) -> bool:
    """True when a FOLDED_WORD token starts at `at`: "x'_word" is one token, "'_word" not."""
    start = at
    while start and folded[start - 1] in "_'":
        start -= 1
    return not start or not folded[start - 1].isalnum()


def _token_ends(folded: str, end: int) -> bool:
    """True when no letter or digit follows in the same token (after any "_" or "'")."""
    while end < len(folded) and folded[end] in "_'":
        end += 1
    return end == len(folded) or not folded[end].isalnum()
