"""Plain data of a quote set: options, quotes, groups; what every writer renders."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from qualcode.anonymise.pseudonyms import PseudonymKey
from qualcode.export.labels import DEFAULT_LABEL
from qualcode.numbering import passage_number
from qualcode.wording import plural

FORMATS = ("md", "docx", "csv", "xlsx", "json", "html")


@dataclass
class QuoteOptions:
    """What to export: which codes, participants and coders, and how to present quotes."""

    codes: list[str] = field(default_factory=list)
    where: dict[str, list[str]] = field(default_factory=dict)
    coder: str | None = None
    consensus: bool = False
    context: int = 0
    label_template: str = DEFAULT_LABEL
    group_by: str = "code"
    key: PseudonymKey | None = None
    unreviewed: str = "redact"
    include_interviewer: bool = False
    memos: bool = False

    def describe(
        self, redact: Callable[[str], str], redact_key: Callable[[str], str]
    ) -> dict[str, Any]:
        """The options as plain data for export headers, free text passed through redact."""
        return {
            "codes": [redact_key(code) for code in self.codes],
            "where": {k: [redact(v) for v in vs] for k, vs in self.where.items()},
            "coders": "consensus" if self.consensus else (self.coder or "all"),
            "context_sentences": self.context,
            "label_template": redact(self.label_template),
            "group_by": self.group_by,
            "replacements": "pseudonyms" if self.key else "placeholders",
            "unreviewed": self.unreviewed,
            "interviewer_turns": "included" if self.include_interviewer else "left out",
            "memos": "included" if self.memos else "left out",
        }


@dataclass(frozen=True)
class QuoteMemo:
    """A memo on a quote's passage or on one of its codings, already anonymised."""

    kind: str  # "passage" or "coding"
    coder: str
    text: str
    passage: int | None = None  # the passage number people see (from 1)
    code: str | None = None  # a coding memo's code key

    def heading(self) -> str:
        """Whose memo and on what: "Memo by ana on passage 4", "… on the coding with grants"."""
        if self.kind == "coding":
            return f"Memo by {self.coder} on the coding with {self.code}"
        where = f"passage {self.passage}" if self.passage is not None else "the passage"
        return f"Memo by {self.coder} on {where}"

    def as_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "coder": self.coder,
            "text": self.text,
            "passage": self.passage,
            "code": self.code,
        }


@dataclass(frozen=True)
class Quote:
    """One quote, already anonymised: its words, context, label and where it came from."""

    document_id: int
    participant: str
    start: int
    end: int
    text: str
    before: str
    after: str
    label: str
    codes: tuple[str, ...]
    code_paths: tuple[str, ...]
    coders: tuple[str, ...]
    attributes: dict[str, str]
    passage: int | None = None  # stored index of the passage the quote starts in
    # With --memos, the memos on its passages and codings (None: not asked for).
    memos: tuple[QuoteMemo, ...] | None = None

    @property
    def passage_number(self) -> int | None:
        """The passage number people see (from 1), or None when outside every passage."""
        return None if self.passage is None else passage_number(self.passage)

    def codes_note(self) -> str:
        """The codes a quote carries, for groups that are not codes: "(codes: a, b)"."""
        return f"(codes: {', '.join(self.codes)})"

    @property
    def identity(self) -> tuple[int, int, int]:
        return (self.document_id, self.start, self.end)

    def as_json(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "context_before": self.before,
            "context_after": self.after,
            "label": self.label,
            "participant": self.participant,
            "document": self.document_id,
            "passage": self.passage_number,
            "start": self.start,
            "end": self.end,
            "codes": list(self.codes),
            "code_paths": list(self.code_paths),
            "coders": list(self.coders),
            "attributes": self.attributes,
            **({} if self.memos is None else {"memos": [m.as_json() for m in self.memos]}),
        }


@dataclass
class QuoteGroup:
    """A theme, sub-code, participant or attribute value with its quotes and sub-groups."""

    key: str
    title: str
    description: str
    level: int
    path: tuple[str, ...] = ()
    quotes: list[Quote] = field(default_factory=list)
    children: list[QuoteGroup] = field(default_factory=list)
    show_codes: bool = False

    def all_quotes(self) -> list[Quote]:
        """This group's quotes and its sub-groups', each passage once."""
        seen: dict[tuple[int, int, int], Quote] = {q.identity: q for q in self.quotes}
        for child in self.children:
            for quote in child.all_quotes():
                seen.setdefault(quote.identity, quote)
        return list(seen.values())

    @property
    def quote_count(self) -> int:
        return len(self.all_quotes())

    @property
    def participant_count(self) -> int:
        return len({q.participant for q in self.all_quotes()})

    def walk(self) -> list[QuoteGroup]:
        """This group and every group below it, in reading order."""
        return [self, *(g for child in self.children for g in child.walk())]

    def counts_text(self) -> str:
        quotes, people = self.quote_count, self.participant_count
        return f"{plural(quotes, 'quote')} from {plural(people, 'participant')}"

    def as_json(self) -> dict[str, Any]:
        return {
            "key": self.key,
            "title": self.title,
            "description": self.description,
            "level": self.level,
            "path": list(self.path),
            "counts": {"quotes": self.quote_count, "participants": self.participant_count},
            "quotes": [q.as_json() for q in self.quotes],
            "groups": [g.as_json() for g in self.children],
        }


@dataclass
class QuoteSet:
    """Everything one export holds, plus what the CLI should warn about."""

    title: str
    options: QuoteOptions
    groups: list[QuoteGroup]
    generated_at: str
    described: dict[str, Any] = field(default_factory=dict)
    unreviewed: int = 0
    unreviewed_kept: bool = False
    interviewer_left_out: int = 0
    missing_pseudonyms: int = 0
    hidden_attributes: list[str] = field(default_factory=list)

    def walk(self) -> list[QuoteGroup]:
        return [g for group in self.groups for g in group.walk()]

    def all_quotes(self) -> list[Quote]:
        seen: dict[tuple[int, int, int], Quote] = {}
        for group in self.groups:
            for quote in group.all_quotes():
                seen.setdefault(quote.identity, quote)
        return list(seen.values())

    def attribute_names(self) -> list[str]:
        return sorted({name for q in self.all_quotes() for name in q.attributes})

    def summary(self) -> str:
        quotes = self.all_quotes()
        people = len({q.participant for q in quotes})
        return f"{plural(len(quotes), 'quote')} from {plural(people, 'participant')}"
