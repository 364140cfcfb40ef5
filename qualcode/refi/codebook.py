"""The code tree in QDA-XML: write a codebook's codes, read them back, and .qdc files."""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from qualcode import __version__
from qualcode.codebook.slug import unique_slug
from qualcode.codebook.types import CodebookSpec, CodeSpec
from qualcode.refi import describe
from qualcode.refi.model import RefiCode
from qualcode.refi.qdaxml import (
    CODEBOOK_NS,
    CODEBOOK_SCHEMA,
    Element,
    RefiError,
    child,
    child_text,
    children,
    colour_attr,
    norm_guid,
    parse_xml,
    read_colour,
    root,
    sub,
    text_child,
    to_bytes,
)

ORIGIN = f"qualcode {__version__}"
MAX_QDC_BYTES = 64 * 1024 * 1024


def write_codes(
    parent: Element,
    codes: list[CodeSpec],
    guid_of: Callable[[str], str],
    notes_of: Callable[[str], list[str]] = lambda key: [],
) -> None:
    """Append <Codes> for a code tree: every code codable, key and criteria in Description."""
    codes_element = sub(parent, "Codes")
    for code in codes:
        _write_code(codes_element, code, guid_of, notes_of)


def _write_code(
    parent: Element,
    code: CodeSpec,
    guid_of: Callable[[str], str],
    notes_of: Callable[[str], list[str]],
) -> None:
    attrs = {"guid": guid_of(code.key), "name": code.name, "isCodable": "true"}
    element = sub(parent, "Code", {**attrs, "color": colour_attr(code.colour)})
    lists = {"include": code.include, "exclude": code.exclude, "examples": code.examples}
    lists["cues"] = code.cues
    text_child(element, "Description", describe.compose(code.description, code.key, lists))
    for note in notes_of(code.key):
        sub(element, "NoteRef", {"targetGUID": note})
    for sub_code in code.children:
        _write_code(element, sub_code, guid_of, notes_of)


def read_codes(codes_element: Element | None, name: str) -> list[RefiCode]:
    """The code tree under a <Codes> element; duplicate or missing GUIDs are errors."""
    seen: set[str] = set()

    def read(element: Element) -> RefiCode:
        guid = norm_guid(element.get("guid"))
        label = element.get("name") or ""
        if guid is None:
            raise RefiError(f"{name}: code '{label}' has no valid guid")
        if guid in seen:
            raise RefiError(f"{name}: two codes share the guid {guid}")
        seen.add(guid)
        code = RefiCode(
            guid=guid,
            name=" ".join(label.split()),
            description=child_text(element, "Description"),
            colour=read_colour(element.get("color")),
            codable=(element.get("isCodable") or "true").strip().lower() in ("true", "1"),
            notes=[
                g for ref in children(element, "NoteRef") if (g := norm_guid(ref.get("targetGUID")))
            ],
        )
        code.children = [read(sub_code) for sub_code in children(element, "Code")]
        return code

    if codes_element is None:
        return []
    return [read(element) for element in children(codes_element, "Code")]


def codes_to_spec(
    codes: list[RefiCode], taken: Collection[str], *, name: str = "", description: str = ""
) -> tuple[CodebookSpec, dict[str, str]]:
    """A codebook spec for REFI codes, and each code's key by GUID.

    A code written by qualcode keeps its key (so it merges with the project's code of that
    key); any other code gets a key made from its name, unique in the project.
    """
    texts = {code.guid: describe.parse(code.description) for top in codes for code in top.walk()}
    claimed: set[str] = set()
    keys: dict[str, str] = {}
    for guid, text in texts.items():
        if text.key and text.key not in claimed:
            claimed.add(text.key)
            keys[guid] = text.key
    used = set(taken) | claimed

    def spec(code: RefiCode) -> CodeSpec:
        if code.guid not in keys:
            keys[code.guid] = unique_slug(code.name or "code", used)
            used.add(keys[code.guid])
        text = texts[code.guid]
        return CodeSpec(
            key=keys[code.guid],
            name=code.name or keys[code.guid],
            description=text.description,
            include=text.lists.get("include", []),
            exclude=text.lists.get("exclude", []),
            examples=text.lists.get("examples", []),
            cues=text.lists.get("cues", []),
            colour=code.colour,
            children=[spec(sub_code) for sub_code in code.children],
        )

    roots = [spec(code) for code in codes]
    return CodebookSpec(name=name, description=description, codes=roots), keys


def qdc_bytes(spec: CodebookSpec, guid_of: Callable[[str], str]) -> bytes:
    """A .qdc document (CodeBook in the codebook namespace) for a codebook spec."""
    if not spec.codes:
        raise RefiError("the codebook has no codes; a .qdc needs at least one")
    element = root("CodeBook", CODEBOOK_NS, CODEBOOK_SCHEMA, {"origin": ORIGIN})
    write_codes(element, spec.codes, guid_of)
    return to_bytes(element)


def read_qdc(path: Path) -> list[RefiCode]:
    """The codes of a .qdc file (or of the CodeBook inside a project.qde)."""
    try:
        size = path.stat().st_size
        if size > MAX_QDC_BYTES:
            raise RefiError(f"{path.name}: {size} bytes is too large for a codebook")
        data = path.read_bytes()
    except OSError as exc:
        raise RefiError(f"{path}: cannot be read ({exc.strerror})") from None
    tree = parse_xml(data, path.name)
    if tree.tag == "Project":
        tree = child(tree, "CodeBook")
    if tree is None or tree.tag != "CodeBook":
        raise RefiError(f"{path.name}: not a REFI-QDA codebook (no <CodeBook> element)")
    codes = read_codes(child(tree, "Codes"), path.name)
    if not codes:
        raise RefiError(f"{path.name}: the codebook has no codes")
    return codes
