"""Write a CodebookSpec as readable YAML: block style, documented field order, prose folded."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import yaml

from qualcode.codebook.types import CodebookError, CodebookSpec, CodeSpec

WIDTH = 80
_FOLD_AT = 72
_FLOW_CUES_AT = 60
_STR = "tag:yaml.org,2002:str"
# YAML 1.1 reads these as line breaks, and reads them back as '\n' from block or quoted-and-
# folded text; only double quotes (which escape them) keep them exactly.
_ODD_BREAKS = frozenset("\r\x85\u2028\u2029")


class _Prose(str):
    """Text that reads best folded ('>') when long, or literal ('|') when it has line breaks."""


class _Flow(list[str]):
    """A short list written on one line: [a, b, c]."""


class _Dumper(yaml.SafeDumper):
    """SafeDumper that indents lists under their field, as people write them by hand."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _style(text: str, *, prose: bool) -> str | None:
    if _ODD_BREAKS.intersection(text):
        return '"'
    if "\n" in text:
        return "|"
    if prose and len(text) > _FOLD_AT and "  " not in text and text == text.strip():
        return ">"
    return None


def _represent_text(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, str(text), style=_style(text, prose=False))


def _represent_prose(dumper: yaml.SafeDumper, text: _Prose) -> yaml.ScalarNode:
    return dumper.represent_scalar(_STR, str(text), style=_style(text, prose=True))


def _represent_flow(dumper: yaml.SafeDumper, items: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(items), flow_style=True)


_Dumper.add_representer(str, _represent_text)
_Dumper.add_representer(_Prose, _represent_prose)
_Dumper.add_representer(_Flow, _represent_flow)


def _cues(cues: list[str]) -> list[str]:
    one_line = all(len(cue) <= 30 and cue.isprintable() for cue in cues)
    if one_line and len(", ".join(cues)) <= _FLOW_CUES_AT:
        return _Flow(cues)
    return list(cues)


def _code(code: CodeSpec) -> dict[str, Any]:
    out: dict[str, Any] = {"key": code.key, "name": code.name}
    if code.description:
        out["description"] = _Prose(code.description)
    for field, items in (
        ("include", code.include),
        ("exclude", code.exclude),
        ("examples", code.examples),
    ):
        if items:
            out[field] = [_Prose(item) for item in items]
    if code.cues:
        out["cues"] = _cues(code.cues)
    if code.colour:
        out["colour"] = code.colour
    if code.children:
        out["codes"] = [_code(child) for child in code.children]
    return out


@contextmanager
def room_to_recurse(frames: int = 12_000) -> Iterator[None]:
    """Let PyYAML walk deep code trees: it recurses about ten frames per level of nesting."""
    before = sys.getrecursionlimit()
    sys.setrecursionlimit(max(before, frames))
    try:
        yield
    finally:
        sys.setrecursionlimit(before)


def dump_codebook(spec: CodebookSpec) -> str:
    """The codebook as YAML text in the documented format; parse_codebook reads it back equal."""
    document: dict[str, Any] = {"codebook": spec.name}
    if spec.description:
        document["description"] = _Prose(spec.description)
    try:
        with room_to_recurse():
            document["codes"] = [_code(code) for code in spec.codes]
            text: str = yaml.dump(
                document,
                Dumper=_Dumper,
                sort_keys=False,
                allow_unicode=True,
                default_flow_style=False,
                width=WIDTH,
                indent=2,
            )
    except RecursionError:
        raise CodebookError("the code tree is nested too deeply to write as YAML") from None
    return text
