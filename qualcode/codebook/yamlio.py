"""Read and write the human-editable YAML codebook format (see docs/codebook-format.md)."""

from __future__ import annotations

import stat
from pathlib import Path

import yaml
from yaml.reader import ReaderError

from qualcode.codebook.other_formats import other_format
from qualcode.codebook.types import CodebookError, CodebookSpec, CodebookValidationError
from qualcode.codebook.yamlcheck import build_codebook
from qualcode.codebook.yamlemit import dump_codebook, room_to_recurse
from qualcode.files import PRIVATE, write_text

__all__ = ["dump_codebook", "load_codebook", "parse_codebook", "save_codebook"]

_BOM = "\ufeff"


def parse_codebook(text: str, source: str = "<codebook>") -> CodebookSpec:
    """The codebook in YAML text; CodebookValidationError says '{source}:{line}: problem'."""
    text = text.removeprefix(_BOM)
    try:
        with room_to_recurse():
            root = yaml.compose(text, Loader=yaml.SafeLoader)
            return build_codebook(root, source, text)
    except RecursionError:
        raise CodebookValidationError(
            [f"{source}: nested too deeply (a code tree of thousands of levels)"]
        ) from None
    except yaml.MarkedYAMLError as error:
        raise CodebookValidationError([_syntax_message(error, source)]) from None
    except ReaderError as error:
        line = text[: error.position].count("\n") + 1
        message = f"{source}:{line}: the character {chr(error.character)!r} is not allowed in YAML"
        raise CodebookValidationError([message]) from None


def load_codebook(path: Path) -> CodebookSpec:
    """The codebook in a UTF-8 YAML file; problems are CodebookError with file and line."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CodebookError(f"{path}: cannot read the codebook: {error.strerror}") from None
    explained = other_format(path.name, data[:4096])
    if explained is not None:
        raise CodebookError(explained)
    return parse_codebook(_decode(data, str(path)), source=str(path))


def save_codebook(spec: CodebookSpec, path: Path) -> None:
    """Write the codebook to a UTF-8 file, atomically, keeping an existing file's permissions."""
    path = Path(path)
    mode = stat.S_IMODE(path.stat().st_mode) if path.is_file() else PRIVATE
    write_text(path, dump_codebook(spec), mode)


def _decode(data: bytes, source: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CodebookValidationError(
            [f"{source}:1: the file is UTF-16 text; save it as UTF-8 instead"]
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start]
        raise CodebookValidationError(
            [
                f"{source}:{line}: the file is not UTF-8 text (byte 0x{byte:02x}); "
                "save it as UTF-8 instead"
            ]
        ) from None


def _syntax_message(error: yaml.MarkedYAMLError, source: str) -> str:
    """One line naming where YAML could not be read, with a hint for the usual slips."""
    problem = error.problem or "the text is not valid YAML"
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    line = mark.line + 1 if mark is not None else 1
    context_line = error.context_mark.line + 1 if error.context_mark is not None else line
    if "simple key" in context:
        return (
            f"{source}:{context_line}: YAML syntax error: this line needs the form 'field: value' "
            "(could not find the ':')"
        )
    if "quoted scalar" in context:
        return f"{source}:{context_line}: YAML syntax error: a quote opened here is never closed"
    message = f"{source}:{line}: YAML syntax error: {problem}"
    if context and context_line != line:
        message += f" ({context} from line {context_line})"
    if "'\\t'" in problem:
        message += "; indent with spaces, not tabs"
    elif "mapping values are not allowed" in problem:
        message += "; put text that contains ': ' in quotes"
    return message
