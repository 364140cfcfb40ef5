"""Read a project.qde tree into plain data: users, codes, text sources, notes and cases."""

from __future__ import annotations

from collections.abc import Callable

from qualcode.refi.codebook import read_codes
from qualcode.refi.model import (
    RefiCase,
    RefiCoding,
    RefiNote,
    RefiProject,
    RefiSelection,
    RefiSource,
)
from qualcode.refi.qdaxml import (
    Element,
    RefiError,
    child,
    child_text,
    children,
    norm_guid,
    parse_datetime,
)

# Loads a source's plain text from a path attribute: (text, why it was skipped, member name).
# Sources some tools keep only as a document inside the archive (NVivo for Mac: a .docx, with
# a near-empty .txt beside it); their text is read as `qualcode import` reads such files.
DOCUMENT_SUFFIXES = (".docx", ".odt", ".pdf", ".rtf")
TextLoader = Callable[[str], tuple[str | None, str | None, str]]
VALUE_TAGS = ("TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue",
              "DateTimeValue")  # fmt: skip
NOT_TEXT = {"PictureSource": "a picture", "AudioSource": "audio", "VideoSource": "video"}


def parse_project(tree: Element, name: str, load: TextLoader) -> RefiProject:
    """The parts of a project.qde qualcode keeps; bad references are errors naming the file."""
    project = RefiProject(
        name=" ".join((tree.get("name") or "").split()),
        description=child_text(tree, "Description"),
        origin=tree.get("origin") or "an unnamed tool",
    )
    for user in _all(tree, "Users", "User"):
        guid = norm_guid(user.get("guid"))
        if guid is not None:
            project.users[guid] = user.get("name") or user.get("id") or f"user {guid[:8]}"
    codebook = child(tree, "CodeBook")
    project.codes = read_codes(child(codebook, "Codes") if codebook is not None else None, name)
    variables = {
        guid: variable.get("name") or "variable"
        for variable in _all(tree, "Variables", "Variable")
        if (guid := norm_guid(variable.get("guid")))
    }
    codes = {code.guid for code in project.all_codes()}
    sources = child(tree, "Sources")
    for element in [] if sources is None else list(sources):
        try:
            source = _source(element, load, variables, project.remarks)
            if source is not None:
                _check_source(source, codes)
                project.sources.append(source)
        except RefiError as exc:
            raise RefiError(f"{name}: source '{_label(element)}': {exc}") from None
    for note in _all(tree, "Notes", "Note"):
        guid = norm_guid(note.get("guid"))
        if guid is not None:
            project.notes[guid] = _note(note, guid, load)
    project.cases = [_case(case, variables) for case in _all(tree, "Cases", "Case")]
    project.project_notes = _refs(tree, "NoteRef")
    return project


def _all(tree: Element, group: str, tag: str) -> list[Element]:
    container = child(tree, group)
    return [] if container is None else list(children(container, tag))


def _refs(element: Element, tag: str) -> list[str]:
    return [g for ref in children(element, tag) if (g := norm_guid(ref.get("targetGUID")))]


def _values(element: Element, variables: dict[str, str]) -> dict[str, str]:
    values: dict[str, str] = {}
    for value in children(element, "VariableValue"):
        ref = child(value, "VariableRef")
        guid = norm_guid(ref.get("targetGUID")) if ref is not None else None
        if guid is None or guid not in variables:
            continue
        text = next(
            (child_text(value, tag) for tag in VALUE_TAGS if child(value, tag) is not None), ""
        )
        if text.strip():
            values[variables[guid]] = " ".join(text.split())
    return values


def _source(
    element: Element, load: TextLoader, variables: dict[str, str], remarks: list[str]
) -> RefiSource | None:
    kind = element.tag
    label = _label(element)
    if kind in NOT_TEXT:
        remarks.append(f"source '{label}': {NOT_TEXT[kind]}, not text; skipped")
        return None
    text_element = element
    if kind == "PDFSource":
        text_element = child(element, "Representation")
        if text_element is None:
            remarks.append(f"source '{label}': a PDF without a plain-text copy; skipped")
            return None
        if any(True for _ in children(element, "PDFSelection")):
            remarks.append(f"source '{label}': codings drawn on PDF pages are not imported")
    elif kind != "TextSource":
        remarks.append(f"source '{label}': unknown kind <{kind}>; skipped")
        return None
    guid = norm_guid(element.get("guid"))
    if guid is None:
        remarks.append(f"source '{label}': no valid guid; skipped")
        return None
    text, skipped, member = _text(text_element, load)
    source = RefiSource(guid=guid, name=label, text=text, skipped=skipped)
    source.member = member
    source.selections = [_selection(sel) for sel in children(text_element, "PlainTextSelection")]
    whole = list(children(text_element, "Coding"))
    if whole and text is not None:  # codings of the whole source
        selection = RefiSelection(f"{guid}-whole", 0, len(text), None)
        selection.codings = [_coding(coding, None) for coding in whole]
        source.selections.append(selection)
    source.notes = _refs(element, "NoteRef") + (
        _refs(text_element, "NoteRef") if text_element is not element else []
    )
    source.variables = _values(element, variables)
    return source


def _label(element: Element) -> str:
    return " ".join((element.get("name") or element.get("guid") or "unnamed").split())


def _text(element: Element, load: TextLoader) -> tuple[str | None, str | None, str]:
    content = child(element, "PlainTextContent")
    if content is not None:
        return "".join(content.itertext()), None, ""
    path = element.get("plainTextPath")
    rich = element.get("richTextPath") or ""
    found: tuple[str | None, str | None, str] = (None, "no plain text", "")
    if path:
        found = load(path)
        if found[0] is not None and found[0].strip():
            return found
    if rich.lower().endswith(DOCUMENT_SUFFIXES):
        # NVivo for Mac writes a 1-byte .txt and keeps the words in the .docx.
        from_rich = load(rich)
        if from_rich[0] is not None:
            return from_rich
        return found if path else from_rich
    if not path and rich:
        return None, f"only a rich-text copy ({rich.rsplit('.', 1)[-1]})", ""
    return found


def _position(selection: Element, attribute: str) -> int:
    value = (selection.get(attribute) or "").strip()
    try:
        return int(value)
    except ValueError:
        guid = selection.get("guid") or "?"
        raise RefiError(f"selection {guid}: {attribute} {value!r} is not a whole number") from None


def _selection(element: Element) -> RefiSelection:
    user = norm_guid(element.get("creatingUser"))
    selection = RefiSelection(
        guid=element.get("guid") or "?",
        start=_position(element, "startPosition"),
        end=_position(element, "endPosition"),
        user=user,
    )
    selection.codings = [_coding(coding, user) for coding in children(element, "Coding")]
    selection.notes = _refs(element, "NoteRef")
    selection.description = child_text(element, "Description").strip()
    return selection


def _coding(element: Element, user: str | None) -> RefiCoding:
    ref = child(element, "CodeRef")
    code = norm_guid(ref.get("targetGUID")) if ref is not None else None
    guid = element.get("guid") or "?"
    if code is None:
        raise RefiError(f"coding {guid} has no valid <CodeRef targetGUID=...>")
    return RefiCoding(
        guid=guid,
        code=code,
        user=norm_guid(element.get("creatingUser")) or user,
        created=parse_datetime(element.get("creationDateTime")),
        notes=_refs(element, "NoteRef"),
    )


def _note(element: Element, guid: str, load: TextLoader) -> RefiNote:
    text, _, _ = _text(element, load)
    return RefiNote(
        guid=guid,
        text=(text or element.get("name") or "").strip(),
        user=norm_guid(element.get("creatingUser")),
        created=parse_datetime(element.get("creationDateTime")),
    )


def _case(element: Element, variables: dict[str, str]) -> RefiCase:
    return RefiCase(
        guid=norm_guid(element.get("guid")) or "",
        name=" ".join((element.get("name") or "").split()),
        variables=_values(element, variables),
        sources=_refs(element, "SourceRef"),
    )


def _check_source(source: RefiSource, codes: set[str]) -> None:
    """Every coding names a known code, and every selection lies inside the source's text."""
    for selection in source.selections:
        for coding in selection.codings:
            if coding.code not in codes:
                raise RefiError(
                    f"coding {coding.guid} refers to code {coding.code}, "
                    "which is not in the codebook"
                )
        if source.text is not None and not 0 <= selection.start <= selection.end <= len(
            source.text
        ):
            raise RefiError(
                f"selection {selection.guid} spans {selection.start}–{selection.end}, "
                f"outside the text ({len(source.text)} characters)"
            )
