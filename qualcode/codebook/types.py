"""Plain data for a codebook as read from or written to a file: a tree of code specs."""

from __future__ import annotations

from dataclasses import dataclass, field

from qualcode.errors import QualcodeError


class CodebookError(QualcodeError):
    """A codebook file is invalid; the message gives the file, line and a hint where possible."""


class CodebookValidationError(CodebookError):
    """A codebook file has one or more problems: the message is the first, `errors` holds all."""

    def __init__(self, errors: list[str]) -> None:
        if not errors:
            raise ValueError("a CodebookValidationError needs at least one error")
        super().__init__(errors[0])
        self.errors = list(errors)

    def __reduce__(self) -> tuple[type[CodebookValidationError], tuple[list[str]]]:
        return (type(self), (self.errors,))


@dataclass
class CodeSpec:
    """One code: a unique slug key, a name, the rules for applying it, cues, and sub-codes."""

    key: str
    name: str
    description: str = ""
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    colour: str = ""
    children: list[CodeSpec] = field(default_factory=list)


@dataclass
class CodebookSpec:
    """A whole codebook: name, description and the top-level codes (themes)."""

    name: str
    description: str = ""
    codes: list[CodeSpec] = field(default_factory=list)

    def walk(self) -> list[tuple[CodeSpec, CodeSpec | None]]:
        """Every code with its parent (None for a theme), depth-first in file order."""
        out: list[tuple[CodeSpec, CodeSpec | None]] = []

        def visit(code: CodeSpec, parent: CodeSpec | None) -> None:
            out.append((code, parent))
            for child in code.children:
                visit(child, code)

        for code in self.codes:
            visit(code, None)
        return out
