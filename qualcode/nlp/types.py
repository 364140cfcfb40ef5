"""Plain data shared by the suggester: codebook entries, passages, cue hits, suggestions."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qualcode.numbering import passage_number

ORIGINS = ("cue", "model", "both")


@dataclass(frozen=True)
class CodeEntry:
    """A code as the suggester sees it: key, parent, cues, definition and example quotes."""

    key: str
    name: str
    parent: str | None
    cues: tuple[str, ...] = ()
    examples: tuple[str, ...] = ()
    is_leaf: bool = True
    description: str = ""
    include: tuple[str, ...] = ()


@dataclass(frozen=True)
class PassageText:
    """A passage to score: where it is and the words spoken (speaker label stripped)."""

    passage_id: int
    document_id: int
    document_title: str
    index: int
    start: int
    end: int
    speaker: str | None
    body: str
    body_start: int

    def as_json(self) -> dict[str, Any]:
        number = passage_number(self.index)
        return {"id": self.passage_id, "number": number, "speaker": self.speaker}


@dataclass(frozen=True)
class CueHit:
    """One cue phrase matched on lemmas: the cue, the words it matched, document offsets."""

    cue: str
    text: str
    start: int
    end: int

    def describe(self) -> str:
        shown = self.cue if self.text.lower() == self.cue.lower() else f"{self.cue}: {self.text}"
        return f'"{shown}" at {self.start}–{self.end}'


HitMaker = Callable[[], tuple[tuple[CueHit, ...], tuple[CueHit, ...]]]


class CueEvidence:
    """Cue hits for one code in one passage and the score they add up to.

    The hits (own cues, and supporting theme cues) may be given, or made on first use: most
    scored codes are never shown, so their hits are never needed.
    """

    __slots__ = ("_hits", "_make", "_supporting", "score")

    def __init__(
        self,
        score: float,
        hits: tuple[CueHit, ...] = (),
        supporting: tuple[CueHit, ...] = (),
        make: HitMaker | None = None,
    ) -> None:
        self.score = score
        self._hits, self._supporting, self._make = hits, supporting, make

    def _ensure(self) -> None:
        if self._make is not None:
            self._hits, self._supporting = self._make()
            self._make = None

    @property
    def hits(self) -> tuple[CueHit, ...]:
        self._ensure()
        return self._hits

    @property
    def supporting(self) -> tuple[CueHit, ...]:
        self._ensure()
        return self._supporting

    def __repr__(self) -> str:
        return f"CueEvidence(score={self.score!r}, hits={self.hits!r})"


@dataclass(frozen=True)
class Suggestion:
    """One suggested code for a passage: the combined score, where it came from, and why."""

    code: str
    score: float
    origin: str
    reason: str
    cue_score: float = 0.0
    model_score: float | None = None
    hits: tuple[CueHit, ...] = field(default=())

    def as_json(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "score": round(self.score, 4),
            "origin": self.origin,
            "reason": self.reason,
            "cue_score": round(self.cue_score, 4),
            "model_score": None if self.model_score is None else round(self.model_score, 4),
            "cues": [
                {"cue": h.cue, "text": h.text, "start": h.start, "end": h.end} for h in self.hits
            ],
        }
