"""Participants' words, anonymised before anything counts them: lemma frequencies and keyword
in context (interviewer turns left out, as exports leave them out)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from sqlalchemy.orm import Session

from qualcode.analysis.carrying import Filters, carried
from qualcode.anonymise.redactor import Redaction, merge
from qualcode.errors import QualcodeError
from qualcode.export.build import participant_name
from qualcode.export.policy import ExportRedactor
from qualcode.export.selection import matching_documents, selected_codes
from qualcode.export.spans import body_start
from qualcode.export.speakers import label_spans, speaker_names, with_labels
from qualcode.ingest.interviewer import is_interviewer_turn
from qualcode.numbering import passage_number
from qualcode.store.codes import all_codes

SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class Piece:
    """The participant's words of one passage, anonymised: identifiers are placeholders
    ("[name]") at the `hidden` spans, which hold no words to count or find."""

    document_id: int
    passage: int  # stored index; people see passage_number(passage)
    participant: str
    text: str
    hidden: tuple[tuple[int, int], ...]

    def visible(self, start: int, end: int) -> bool:
        """True when text[start:end] is the participant's words, not a placeholder."""
        return not any(s < end and start < e for s, e in self.hidden)


@cache
def _english() -> Any:
    """A blank English pipeline with the lookup lemmatizer (spacy-lookups-data; no download)."""
    import spacy  # only for the words and kwic commands

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    return nlp


def _tokenizer() -> Any:
    return _english().tokenizer


def stop_words() -> frozenset[str]:
    """spaCy's English stop words."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@cache
def lemma(word: str) -> str:
    """A word's lemma, lower case ("Sessions" -> "session", "cancelled" -> "cancel"); a form
    that is itself a headword stays as written ("bit", "funding", "meeting", "left")."""
    lower = word.lower().replace("’", "'")
    found = str(_lemmas().get(lower, lower)).lower()
    # The table knows no context: "bit" may be the past of "bite" or a small amount. A form
    # other forms are lemmatised to ("bits" -> "bit") is a word in its own right: keep it.
    return lower if found != lower and lower in _headwords() else found


@cache
def _lemmas() -> Any:
    """English lemmas by word form, from spaCy's lookups."""
    return _english().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")


@cache
def _headwords() -> frozenset[str]:
    """Every lemma the lookup table gives for some form."""
    return frozenset(str(value).lower() for value in _lemmas().values())


def _redacted(
    redactor: ExportRedactor, text: str, found: list[Redaction]
) -> tuple[str, tuple[tuple[int, int], ...]]:
    """The text with each redaction replaced by its placeholder, and where the placeholders are."""
    pieces: list[str] = []
    hidden: list[tuple[int, int]] = []
    position, length = 0, 0
    for redaction in sorted(merge(found)):
        start, end = max(redaction.start, position), min(redaction.end, len(text))
        if start >= end:
            continue
        pieces.append(text[position:start])
        length += start - position
        placeholder = redactor.redactor.replacement(redaction)
        pieces.append(placeholder)
        hidden.append((length, length + len(placeholder)))
        length += len(placeholder)
        position = end
    pieces.append(text[position:])
    return "".join(pieces), tuple(hidden)


def participant_pieces(
    session: Session, filters: Filters, code: str | None, policy: ExportRedactor
) -> Iterator[Piece]:
    """Every passage of the selected documents that a participant spoke (carrying the code, or
    with --coder any code, when given), with identifiers, speaker names and (unless kept)
    unreviewed likely names replaced before anything reads the words."""
    restrict = None
    if code is not None or filters.coder is not None or filters.consensus:
        codes = selected_codes(session, [code]) if code is not None else all_codes(session)
        restrict = carried(session, filters, codes).passages(c.id for c in codes)
    for document in matching_documents(session, filters.where):
        text, names = document.text, None
        unreviewed = None
        for passage in document.passages:
            if restrict is not None and (document.id, passage.index) not in restrict:
                continue
            if is_interviewer_turn(passage.speaker, passage.text, passage.meta):
                continue
            start = body_start(text, passage.start, passage.speaker)
            if start >= passage.end:
                continue
            if unreviewed is None:  # found over the whole document, as exports find them
                unreviewed = policy.unreviewed(text)
                names = speaker_names(document)
            assert names is not None
            found = policy.combine(text, unreviewed, start, passage.end)
            found = with_labels(found, label_spans(text[start : passage.end], names))
            words, hidden = _redacted(policy, text[start : passage.end], found)
            yield Piece(
                document.id,
                passage.index,
                policy.redact(participant_name(document)),
                words,
                hidden,
            )


@dataclass(frozen=True)
class WordCount:
    """A lemma, how often it occurs, and in how many passages and participants' words."""

    word: str
    count: int
    passages: int
    participants: int

    def as_json(self) -> dict[str, Any]:
        return {
            "word": self.word,
            "count": self.count,
            "passages": self.passages,
            "participants": self.participants,
        }


@dataclass(frozen=True)
class WordList:
    """The most frequent lemmas over the passages read."""

    words: list[WordCount]
    passages: int
    tokens: int
    unreviewed: int
    unreviewed_kept: bool

    def as_json(self) -> dict[str, Any]:
        return {
            "passages": self.passages,
            "tokens": self.tokens,
            "words": [w.as_json() for w in self.words],
        }


def _words(piece: Piece) -> Iterator[tuple[int, int, str]]:
    """(start, end, word) of each word in a piece outside its placeholders."""
    for token in _tokenizer()(piece.text):
        if token.is_alpha and piece.visible(token.idx, token.idx + len(token.text)):
            yield token.idx, token.idx + len(token.text), token.text


def word_frequencies(
    session: Session, filters: Filters, *, code: str | None = None, top: int = 30,
    keep_unreviewed: bool = False,
) -> WordList:  # fmt: skip
    """The `top` most frequent lemmas (no stop words, no one-letter words) in participants'
    anonymised words, most frequent first, ties alphabetically."""
    policy = ExportRedactor.for_project(session, keep_unreviewed=keep_unreviewed)
    stops = stop_words()
    counts: Counter[str] = Counter()
    passages: dict[str, set[tuple[int, int]]] = {}
    people: dict[str, set[str]] = {}
    read = tokens = 0
    for piece in participant_pieces(session, filters, code, policy):
        read += 1
        for _, _, word in _words(piece):
            tokens += 1
            base = lemma(word)
            if len(base) < 2 or word.lower() in stops or base in stops:
                continue
            counts[base] += 1
            passages.setdefault(base, set()).add((piece.document_id, piece.passage))
            people.setdefault(base, set()).add(piece.participant)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:top]
    return WordList(
        [WordCount(w, n, len(passages[w]), len(people[w])) for w, n in ranked],
        read,
        tokens,
        len(policy.flagged),
        keep_unreviewed,
    )


@dataclass(frozen=True)
class Concordance:
    """One occurrence of the word, with the anonymised text either side."""

    document_id: int
    passage: int  # stored index
    participant: str
    left: str
    word: str
    right: str

    def as_json(self) -> dict[str, Any]:
        return {
            "document": self.document_id,
            "passage": passage_number(self.passage),
            "participant": self.participant,
            "left": self.left,
            "word": self.word,
            "right": self.right,
        }


def _window(piece: Piece, start: int, end: int, width: int) -> tuple[int, int]:
    """Where the context around text[start:end] begins and ends: about `width` characters
    either side, cut at spaces, never inside a placeholder."""
    text = piece.text
    low, high = max(0, start - width), min(len(text), end + width)
    if low > 0 and not text[low - 1].isspace():
        space = text.find(" ", low, start)
        low = space + 1 if space >= 0 else low
    if high < len(text) and not text[high].isspace():
        space = text.rfind(" ", end, high)
        high = space if space >= 0 else high
    for s, e in piece.hidden:
        if s < low < e:
            low = s
        if s < high < e:
            high = e
    return low, high


def keyword_in_context(
    session: Session, filters: Filters, word: str, *, code: str | None = None, width: int = 40,
    keep_unreviewed: bool = False,
) -> tuple[list[Concordance], int]:  # fmt: skip
    """Every occurrence of the word or another form of it ("cancel" finds "cancelled") in
    participants' anonymised words, with `width` characters either side; and the count of
    unreviewed finds redacted."""
    wanted = word.strip()
    if not wanted or not all(part.isalpha() for part in wanted.replace("'", "").split("-")):
        raise QualcodeError(f"give one word to find, not {wanted!r}")
    pieces = [t.text for t in _tokenizer()(wanted)]
    if len(pieces) != 1:  # "don't" is read as "do" + "n't": no single word would ever match
        raise QualcodeError(
            f"{wanted!r} is read as {len(pieces)} words ({', '.join(pieces)}); give one of them"
        )
    target = lemma(wanted)
    policy = ExportRedactor.for_project(session, keep_unreviewed=keep_unreviewed)
    found: list[Concordance] = []
    for piece in participant_pieces(session, filters, code, policy):
        for start, end, token in _words(piece):
            if token.lower() != wanted.lower() and lemma(token) != target:
                continue
            left_start, right_end = _window(piece, start, end, width)
            left = SPACES.sub(" ", piece.text[left_start:start]).lstrip()
            right = SPACES.sub(" ", piece.text[end:right_end]).rstrip()
            found.append(
                Concordance(
                    piece.document_id,
                    piece.passage,
                    piece.participant,
                    ("…" if left_start > 0 else "") + left,
                    token,
                    right + ("…" if right_end < len(piece.text) else ""),
                )
            )
    return found, len(policy.flagged)
