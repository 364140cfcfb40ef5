"""Plain data read from a REFI-QDA project before anything is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class RefiCode:
    """A code of the QDA-XML codebook, with its sub-codes."""

    guid: str
    name: str
    description: str = ""
    colour: str = ""
    codable: bool = True
    notes: list[str] = field(default_factory=list)
    children: list[RefiCode] = field(default_factory=list)

    def walk(self) -> list[RefiCode]:
        """This code and everything below it, depth-first."""
        return [self, *(code for child in self.children for code in child.walk())]


@dataclass
class RefiCoding:
    """One code applied to a selection, by a user (GUIDs as read, lower case)."""

    guid: str
    code: str
    user: str | None
    created: datetime | None
    notes: list[str] = field(default_factory=list)


@dataclass
class RefiSelection:
    """A plain-text selection: positions in the source's plain text, its codings and notes."""

    guid: str
    start: int
    end: int
    user: str | None
    codings: list[RefiCoding] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # QualCoder, MAXQDA and others write a coding's memo as the selection's Description.
    description: str = ""


@dataclass
class RefiSource:
    """A source: its plain text when the file has one, else why it was skipped."""

    guid: str
    name: str
    text: str | None
    skipped: str | None = None
    member: str = ""
    selections: list[RefiSelection] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    variables: dict[str, str] = field(default_factory=dict)


@dataclass
class RefiNote:
    """A note (memo): its text and who wrote it when."""

    guid: str
    text: str
    user: str | None
    created: datetime | None


@dataclass
class RefiCase:
    """A case: a participant's public label, attribute values and sources."""

    guid: str
    name: str
    variables: dict[str, str] = field(default_factory=dict)
    sources: list[str] = field(default_factory=list)


@dataclass
class RefiProject:
    """Everything qualcode takes from a project.qde, with GUIDs in lower case."""

    name: str
    description: str
    origin: str
    users: dict[str, str] = field(default_factory=dict)
    codes: list[RefiCode] = field(default_factory=list)
    sources: list[RefiSource] = field(default_factory=list)
    notes: dict[str, RefiNote] = field(default_factory=dict)
    cases: list[RefiCase] = field(default_factory=list)
    project_notes: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    def all_codes(self) -> list[RefiCode]:
        """Every code, parents before children."""
        return [code for top in self.codes for code in top.walk()]
