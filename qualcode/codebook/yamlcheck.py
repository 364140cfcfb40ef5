"""Check a composed YAML node tree and build a CodebookSpec, collecting line-numbered problems."""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from qualcode.codebook.fields import CODE_FIELDS, TOP_FIELDS, unknown_field_hint
from qualcode.codebook.slug import is_slug, unique_slug
from qualcode.codebook.types import CodebookSpec, CodebookValidationError, CodeSpec

MAX_ERRORS = 10

_TAG = "tag:yaml.org,2002:"
_NULL = _TAG + "null"
# Plain scalars YAML would read as numbers, booleans or dates are taken as the text written:
# `name: 2024` is the name "2024" and `cues: [yes, no]` are the words "yes" and "no".
_TEXT_TAGS = frozenset(_TAG + kind for kind in ("str", "int", "float", "bool", "timestamp"))
_COLOUR = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_LIST_FIELDS = ("include", "exclude", "examples", "cues")


def line_of(node: Node) -> int:
    """The 1-based line on which a node starts."""
    return int(node.start_mark.line) + 1


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "empty" if _is_null(node) else f"text {str(node.value)!r}"


def _is_null(node: Node) -> bool:
    return isinstance(node, ScalarNode) and node.tag == _NULL


class _Checker:
    """Walks the node tree once, building specs and recording every problem it meets."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.lines = text.splitlines()
        self.errors: list[tuple[int, str]] = []
        self.key_lines: dict[str, int] = {}
        self.code_nodes: set[int] = set()

    def problem(self, line: int, message: str) -> None:
        self.errors.append((line, f"{self.source}:{line}: {message}"))

    def codebook(self, root: Node | None) -> CodebookSpec:
        if root is None:
            self.problem(1, "the file is empty; it needs 'codebook:' (a name) and 'codes:'")
            return CodebookSpec(name="")
        if not isinstance(root, MappingNode):
            self.problem(
                line_of(root),
                f"the top level must be a mapping with 'codebook:' and 'codes:', not {_kind(root)}",
            )
            return CodebookSpec(name="")
        fields = self.fields(root, TOP_FIELDS, "at the top level", top=True)
        for required, meaning in (
            ("codebook", "the codebook's name"),
            ("codes", "the list of themes"),
        ):
            if required not in fields:
                self.problem(line_of(root), f"missing '{required}:' ({meaning})")
        name = self.text(fields.get("codebook"), "'codebook:' (the codebook's name)")
        if "codebook" in fields and name is not None and not name.strip():
            self.problem(line_of(fields["codebook"]), "'codebook:' (the codebook's name) is empty")
        description = self.text(fields.get("description"), "'description:' at the top level")
        codes = self.codes(fields.get("codes"), None)
        return CodebookSpec(name=name or "", description=description or "", codes=codes)

    def fields(
        self, mapping: MappingNode, allowed: tuple[str, ...], where: str, *, top: bool = False
    ) -> dict[str, Node]:
        """The mapping's known fields by name; unknown, repeated or odd field names are problems."""
        found: dict[str, Node] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in mapping.value:
            line = line_of(key_node)
            if not isinstance(key_node, ScalarNode) or _is_null(key_node):
                self.problem(line, f"a field name {where} must be a plain word")
                continue
            name = str(key_node.value)
            if name in first_line:
                self.problem(
                    line, f"field '{name}' appears twice {where} (first on line {first_line[name]})"
                )
                continue
            first_line[name] = line
            if name in allowed:
                found[name] = value_node
            else:
                hint = unknown_field_hint(name, top=top)
                self.problem(line, f"unknown field '{name}' {where}; {hint}")
        return found

    def text(self, node: Node | None, what: str) -> str | None:
        """A scalar's text ('' when empty); None (and a problem) for lists, mappings, odd tags."""
        if node is None or _is_null(node):
            return ""
        if not isinstance(node, ScalarNode):
            self.problem(line_of(node), f"{what} must be text, not {_kind(node)}")
            return None
        if node.tag not in _TEXT_TAGS:
            self.problem(line_of(node), f"{what} has an unsupported YAML tag '{node.tag}'")
            return None
        return str(node.value)

    def texts(self, node: Node | None, what: str) -> list[str]:
        """A list of non-empty texts; a single text is a one-item list, an empty value none."""
        if node is None or _is_null(node):
            return []
        if isinstance(node, ScalarNode):
            single = self.text(node, what)
            return [single] if single and single.strip() else []
        if not isinstance(node, SequenceNode):
            self.problem(line_of(node), f"{what} must be a list of text, not {_kind(node)}")
            return []
        items: list[str] = []
        for number, item in enumerate(node.value, start=1):
            label = f"item {number} of {what}"
            if isinstance(item, MappingNode) and len(item.value) == 1:
                self.problem(
                    line_of(item),
                    f"{label} must be text, not a mapping; put text containing ': ' in quotes",
                )
                continue
            value = self.text(item, label)
            if value is not None and not value.strip():
                self.problem(line_of(item), f"{label} is empty")
            elif value is not None:
                items.append(value)
        return items

    def codes(self, node: Node | None, owner: str | None) -> list[CodeSpec]:
        """The codes listed under 'codes:' of the codebook (owner None) or of a code."""
        if node is None or _is_null(node):
            return []
        if not isinstance(node, SequenceNode):
            what = "'codes:'" if owner is None else f"'codes:' of {owner}"
            self.problem(
                line_of(node),
                f"{what} must be a list of codes, each starting with '- key:', not {_kind(node)}",
            )
            return []
        codes: list[CodeSpec] = []
        for number, item in enumerate(node.value, start=1):
            label = f"code {number}" if owner is None else f"sub-code {number} of {owner}"
            code = self.code(item, label)
            if code is not None:
                codes.append(code)
        return codes

    def code(self, node: Node, label: str) -> CodeSpec | None:
        if not isinstance(node, MappingNode):
            self.problem(
                line_of(node),
                f"{label} must be a mapping with 'key:' and 'name:', not {_kind(node)}",
            )
            return None
        if id(node) in self.code_nodes:
            self.problem(line_of(node), f"{label} repeats another code through a YAML alias")
            return None
        self.code_nodes.add(id(node))
        fields = self.fields(node, CODE_FIELDS, f"in {self.code_label(node, label)}")
        key = self.key(node, fields, label)
        label = f"code '{key}'" if key else label
        name = self.text(fields.get("name"), f"'name:' of {label}")
        if "name" not in fields:
            self.problem(line_of(node), f"{label} is missing 'name:'")
        elif name is not None and not name.strip():
            self.problem(line_of(fields["name"]), f"'name:' of {label} is empty")
        lists = {
            field: self.texts(fields.get(field), f"'{field}:' of {label}") for field in _LIST_FIELDS
        }
        return CodeSpec(
            key=key,
            name=name or "",
            description=self.text(fields.get("description"), f"'description:' of {label}") or "",
            include=lists["include"],
            exclude=lists["exclude"],
            examples=lists["examples"],
            cues=lists["cues"],
            colour=self.colour(fields.get("colour"), label),
            children=self.codes(fields.get("codes"), label),
        )

    def code_label(self, node: MappingNode, fallback: str) -> str:
        """'code <key>' when the mapping has a textual key, for messages about its fields."""
        for key_node, value_node in node.value:
            named = isinstance(value_node, ScalarNode) and not _is_null(value_node)
            if key_node.value == "key" and named and value_node.value:
                return f"code '{value_node.value}'"
        return fallback

    def key(self, node: MappingNode, fields: dict[str, Node], label: str) -> str:
        """The code's key if it is a valid, so far unused slug; otherwise '' and a problem."""
        name_node = fields.get("name")
        hint = ""
        if isinstance(name_node, ScalarNode) and not _is_null(name_node):
            hint = f"; try 'key: {unique_slug(str(name_node.value), self.key_lines)}'"
        key_node = fields.get("key")
        if key_node is None:
            self.problem(line_of(node), f"{label} is missing 'key:'{hint}")
            return ""
        key = self.text(key_node, f"'key:' of {label}")
        if key is None:
            return ""
        line = line_of(key_node)
        if not key.strip():
            self.problem(line, f"'key:' of {label} is empty{hint}")
            return ""
        if not is_slug(key):
            suggestion = unique_slug(key, self.key_lines)
            self.problem(
                line,
                f"key '{key}' is not a slug (lowercase letters of any language and digits, "
                f"joined by single hyphens); try '{suggestion}'",
            )
            return key
        if key in self.key_lines:
            self.problem(
                line,
                f"duplicate key '{key}' (first used on line {self.key_lines[key]}); "
                "keys must be unique in the whole codebook",
            )
            return key
        self.key_lines[key] = line
        return key

    def colour(self, node: Node | None, label: str) -> str:
        if node is not None and _is_null(node) and not node.value:
            written = self.lines[line_of(node) - 1] if line_of(node) <= len(self.lines) else ""
            commented = re.search(r"colour\s*:\s*(#[0-9a-fA-F]{3,6})(?![0-9A-Za-z])", written)
            if commented:
                self.problem(
                    line_of(node),
                    f"'colour:' of {label} is empty because an unquoted '#' starts a YAML "
                    f'comment; write colour: "{commented.group(1)}"',
                )
            return ""
        colour = self.text(node, f"'colour:' of {label}")
        if colour and not _COLOUR.match(colour):
            assert node is not None
            self.problem(
                line_of(node),
                f'colour \'{colour}\' of {label} is not a hex colour like "#1f77b4" or "#17b"',
            )
        return colour or ""


def build_codebook(root: Node | None, source: str, text: str) -> CodebookSpec:
    """The codebook a document describes; CodebookValidationError lists up to ten problems."""
    checker = _Checker(source, text)
    spec = checker.codebook(root)
    if checker.errors:
        in_file_order = [message for _, message in sorted(checker.errors, key=lambda e: e[0])]
        raise CodebookValidationError(in_file_order[:MAX_ERRORS])
    return spec
