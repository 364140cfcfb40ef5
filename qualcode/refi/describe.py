"""A code's definition, key, criteria and cues in one QDA-XML Description, and back again.

QDA-XML gives a code only a name and a free-text Description, so qualcode writes the
definition first and then a block other tools show as readable text:

    qualcode key: competitive-tendering
    Include:
    - Accounts of bidding for contracts
    Exclude:
    - ...
    Examples:
    - ...
    Cues:
    - tender

Lists that are empty are left out; an item running over several lines continues on lines
indented by two spaces. Reading it back restores every field exactly; a Description without
such a block (from another tool) is the definition as it stands.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from qualcode.codebook.slug import is_slug

KEY_LABEL = "qualcode key: "
SECTIONS = (("include", "Include:"), ("exclude", "Exclude:"), ("examples", "Examples:"),
            ("cues", "Cues:"))  # fmt: skip
_BY_HEADING = {heading: name for name, heading in SECTIONS}


@dataclass
class CodeText:
    """What a Description holds: the definition and, from qualcode, key, criteria and cues."""

    description: str
    key: str | None = None
    lists: dict[str, list[str]] = field(default_factory=dict)


def compose(description: str, key: str, lists: dict[str, list[str]]) -> str:
    """The Description text for a code (see the module docstring)."""
    lines = [KEY_LABEL + key]
    for name, heading in SECTIONS:
        items = lists.get(name) or []
        if items:
            lines.append(heading)
            lines.extend("- " + item.replace("\n", "\n  ") for item in items)
    block = "\n".join(lines)
    return f"{description}\n\n{block}" if description else block


def parse(text: str) -> CodeText:
    """Split a Description into the definition and the qualcode block, if it has one."""
    lines = text.split("\n")
    for index in range(len(lines) - 1, -1, -1):
        if not lines[index].startswith(KEY_LABEL):
            continue
        if index == 1 or (index > 1 and lines[index - 1] != ""):
            continue
        key = lines[index][len(KEY_LABEL) :]
        lists = _parse_lists(lines[index + 1 :])
        if lists is None or not is_slug(key):
            continue
        description = "\n".join(lines[: index - 1]) if index else ""
        return CodeText(description, key, lists)
    return CodeText(text)


def _parse_lists(lines: list[str]) -> dict[str, list[str]] | None:
    """The lists of a block's remaining lines, or None if a line does not fit the layout."""
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines:
        if line in _BY_HEADING:
            name = _BY_HEADING[line]
            if name in lists:
                return None
            current = lists[name] = []
        elif current is not None and (line.startswith("- ") or line == "-"):
            current.append(line[2:])
        elif current and (line.startswith("  ") or line == ""):
            current[-1] += "\n" + line[2:]
        else:
            return None
    return lists
