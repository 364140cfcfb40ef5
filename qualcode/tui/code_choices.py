"""Lists of codes to choose from: a parent for a new or moved code, a code to merge into."""

from __future__ import annotations

from collections.abc import Sequence

from rich.text import Text

from qualcode.store.workbench import CodeRow

TOP_LEVEL = "Top level (a theme of its own)"


def code_choice(code: CodeRow) -> Text:
    """A code as one line of a pick list: colour chip, indented name, key."""
    label = Text()
    label.append("■ ", style=code.colour or "grey50")
    label.append("  " * code.depth + code.name)
    label.append(f"  {code.key}", style="dim")
    return label


def theme_of(codes: Sequence[CodeRow], code_id: int | None) -> CodeRow | None:
    """The top-level code above (or equal to) this one."""
    by_id = {code.id: code for code in codes}
    code = by_id.get(code_id) if code_id is not None else None
    while code is not None and code.parent_id is not None and code.parent_id in by_id:
        code = by_id[code.parent_id]
    return code


def inside(codes: Sequence[CodeRow], code_id: int) -> set[int]:
    """This code and every code under it (they cannot become its parent)."""
    found = {code_id}
    for code in codes:  # tree order: parents come before their children
        if code.parent_id in found:
            found.add(code.id)
    return found


def parent_choices(
    codes: Sequence[CodeRow], *, leave_out: set[int] | None = None
) -> tuple[list[Text | str], list[CodeRow | None]]:
    """'Top level' and then every code that may be a parent, as labels and their codes."""
    allowed = [code for code in codes if code.id not in (leave_out or set())]
    labels: list[Text | str] = [TOP_LEVEL, *(code_choice(code) for code in allowed)]
    return labels, [None, *allowed]
