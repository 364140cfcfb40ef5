"""The training set: which passages are positive or negative for which codes, from the store.

Rules (one example per passage; interviewer turns left out):
- A coding makes a passage POSITIVE for its code when it covers at least half of the passage,
  or at least half of the coding lies inside the passage (a sentence coded inside a long turn).
  A coding that only grazes a passage leaves that code UNKNOWN there, not negative.
- Labels are the leaf codes (codes without sub-codes). A coding on a theme leaves the theme's
  sub-codes unknown for that passage; themes are never labels.
- A passage is KNOWN (coders looked at it) when it has a coding, a review mark, or a coder has
  coded a later passage of the same document (coders work through a transcript in order).
  A known passage is NEGATIVE for every label it is not positive or unknown for.
- A rejected suggestion makes the passage negative for that code, known or not; a coding by any
  coder wins over a rejection. Codings by the "suggester" coder are never learned from.
- The codebook's definition, inclusion criteria and example quotes are extra positives for
  their code (other labels unknown), so the model starts from the researcher's own words.
"""

from __future__ import annotations

import hashlib
import json
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from qualcode.nlp.corpus import codebook_entries, passage_texts
from qualcode.nlp.cues import leaf_codes
from qualcode.nlp.types import CodeEntry, PassageText
from qualcode.store.models import Code, Coder, Coding, Review, SuggestionDecision

SUGGESTER = "suggester"
COVER_FRACTION = 0.5


@dataclass(frozen=True)
class LabelledPassage:
    """A passage with the codes it is known to have and known not to have."""

    passage: PassageText
    positives: frozenset[str]
    negatives: frozenset[str]
    known: bool = True


@dataclass(frozen=True)
class TrainingSet:
    """Everything a model is trained on, and a fingerprint of it."""

    labels: list[str]
    passages: list[LabelledPassage]
    examples: list[tuple[str, str]]
    coding_ids: list[int]

    def items(self, documents: set[int] | None = None) -> list[tuple[str, dict[str, float]]]:
        """(text, cats) pairs for training, optionally only from some documents."""
        labels = set(self.labels)
        out = [
            (p.passage.body, _cats(p.positives & labels, p.negatives & labels))
            for p in self.passages
            if documents is None or p.passage.document_id in documents
        ]
        out += [(text, {code: 1.0}) for text, code in self.examples if code in labels]
        return [(text, cats) for text, cats in out if cats]

    def memory(self) -> list[tuple[str, frozenset[str]]]:
        """(text, codes) for the model's neighbour memory: passages coders coded or saw and
        left uncoded (empty codes), and the codebook's example texts."""
        labels = set(self.labels)
        out = [
            (p.passage.body, p.positives & labels) for p in self.passages if p.known or p.positives
        ]
        out += [(text, frozenset([code])) for text, code in self.examples if code in labels]
        return out

    @property
    def fingerprint(self) -> str:
        """sha256 of the labels and every (text, cats) pair: same hash, same training data."""
        payload = json.dumps([self.labels, self.items()], sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()

    def positives_per_label(self) -> dict[str, int]:
        counts = dict.fromkeys(self.labels, 0)
        for passage in self.passages:
            for code in passage.positives:
                if code in counts:
                    counts[code] += 1
        return counts


def _cats(positives: frozenset[str], negatives: frozenset[str]) -> dict[str, float]:
    cats = dict.fromkeys(sorted(negatives), 0.0)
    cats.update(dict.fromkeys(sorted(positives), 1.0))
    return cats


def definition_texts(code: CodeEntry) -> list[str]:
    """The codebook's words for a code, used as extra positive examples: definition, criteria,
    example quotes."""
    texts = [f"{code.name}. {code.description}".strip(), *code.include, *code.examples]
    return [text for text in texts if text.strip(" .")]


def covers(start: int, end: int, passage_start: int, passage_end: int) -> bool:
    """True when a coding at start:end counts as coding the passage (see the module rules)."""
    overlap = min(end, passage_end) - max(start, passage_start)
    if overlap <= 0:
        return False
    return overlap >= COVER_FRACTION * (
        passage_end - passage_start
    ) or overlap >= COVER_FRACTION * (end - start)


def _below(codes: Sequence[CodeEntry]) -> dict[str, set[str]]:
    """Each code's leaf codes: itself for a leaf, every descendant leaf for a theme."""
    parent = {code.key: code.parent for code in codes}
    out: dict[str, set[str]] = defaultdict(set)
    for code in codes:
        if code.is_leaf:
            key: str | None = code.key
            while key is not None:
                out[key].add(code.key)
                key = parent.get(key)
    return out


def training_set(session: Session, codes: Sequence[CodeEntry] | None = None) -> TrainingSet:
    """Build the training set from codings, reviews, rejections and codebook examples."""
    codes = list(codes) if codes is not None else codebook_entries(session)
    leaves = leaf_codes(codes)
    below = _below(codes)
    passages = passage_texts(session)
    by_doc: dict[int, list[PassageText]] = defaultdict(list)
    for passage in passages:
        by_doc[passage.document_id].append(passage)
    starts = {doc: [p.start for p in items] for doc, items in by_doc.items()}

    positive: dict[int, set[str]] = defaultdict(set)
    unknown: dict[int, set[str]] = defaultdict(set)
    coded_through: dict[int, int] = {}
    coding_ids: list[int] = []
    rows = session.execute(
        select(Coding.id, Coding.document_id, Code.key, Coding.start, Coding.end)
        .join(Code, Coding.code_id == Code.id)
        .join(Coder, Coding.coder_id == Coder.id)
        .where(Coder.name != SUGGESTER)
        .order_by(Coding.id)
    )
    for coding_id, doc, key, start, end in rows:
        coding_ids.append(coding_id)
        items = by_doc.get(doc, [])
        first = max(0, bisect_left(starts.get(doc, []), start) - 1)
        for passage in items[first:]:
            if passage.start >= end:
                break
            if passage.end <= start:
                continue
            if covers(start, end, passage.start, passage.end) and key in leaves:
                positive[passage.passage_id].add(key)
                coded_through[doc] = max(coded_through.get(doc, -1), passage.index)
            else:
                unknown[passage.passage_id].update(below.get(key, set()))
                if covers(start, end, passage.start, passage.end):
                    coded_through[doc] = max(coded_through.get(doc, -1), passage.index)

    reviewed = set(session.scalars(select(Review.passage_id)))
    rejected: dict[int, set[str]] = defaultdict(set)
    for passage_id, key in session.execute(
        select(SuggestionDecision.passage_id, Code.key)
        .join(Code, SuggestionDecision.code_id == Code.id)
        .where(SuggestionDecision.decision == "reject")
    ):
        rejected[passage_id].add(key)

    labelled: list[LabelledPassage] = []
    all_leaves = frozenset(leaves)
    for passage in passages:
        pid = passage.passage_id
        pos = frozenset(positive.get(pid, set()))
        known = (
            bool(pos)
            or pid in reviewed
            or passage.index <= coded_through.get(passage.document_id, -1)
        )
        neg = all_leaves - pos - unknown.get(pid, set()) if known else frozenset()
        neg = (neg | (rejected.get(pid, set()) & all_leaves)) - pos
        if pos or neg:
            labelled.append(LabelledPassage(passage, pos, frozenset(neg), known))

    examples = [
        (text, code.key) for code in codes if code.is_leaf for text in definition_texts(code)
    ]
    counts: dict[str, int] = defaultdict(int)
    for item in labelled:
        for key in item.positives:
            counts[key] += 1
    labels = [key for key in leaves if counts.get(key, 0) > 0]
    return TrainingSet(labels, labelled, examples, coding_ids)
