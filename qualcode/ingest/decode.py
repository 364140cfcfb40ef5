"""Decode text files (BOMs, UTF-8, detected legacy encodings) and normalise their text."""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from qualcode.ingest.document import fail

# Checked longest first: the UTF-32 LE BOM starts with the UTF-16 LE BOM.
_BOMS: tuple[tuple[bytes, str, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le", "UTF-32"),
    (codecs.BOM_UTF32_BE, "utf-32-be", "UTF-32"),
    (codecs.BOM_UTF8, "utf-8", "UTF-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le", "UTF-16"),
    (codecs.BOM_UTF16_BE, "utf-16-be", "UTF-16"),
)
# Windows-1252 is what Word and Notepad write on British and western European machines. On
# short English texts the detector often ranks a sibling code page (cp1250: "£" read as "Ł")
# a hair above it; when it rates cp1252 no more chaotic and nearly as coherent, take cp1252.
# (Text really in another code page makes cp1252 chaotic, so it drops out of the results.)
_PREFERRED_LEGACY = "cp1252"
_COHERENCE_TOLERANCE = 0.1
_OTHER_LINE_BREAKS = ("\r", "\u2028", "\u2029", "\x0b", "\x0c", "\x85")
# No-break spaces read as spaces (one for one: offsets keep), so that labels typed with one
# (Word's French "Interviewer\xa0:", "Sara\xa0Lee", ICU's "9:02\u202fAM") read like others.
_NO_BREAK_SPACES = ("\xa0", "\u202f", "\u2007")
# Control characters other than tab and line feed (line breaks are replaced first), and BOMs.
_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f\ufeff]")
# Control characters that ordinary text files do not contain (tab, line ends and form feed do).
_BINARY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x19\x1b-\x1f\x7f]")
_MAX_CONTROL_SHARE = 0.01
# The same sets as characters: a text is checked with str.find per character (memchr), about
# six times faster than a regex scan, and the regex runs only on the rare text holding one.
_CONTROL_CHARS = tuple(c for c in map(chr, [*range(0xA0), 0xFEFF]) if _CONTROLS.match(c))
_BINARY_CHARS = tuple(c for c in map(chr, range(0x80)) if _BINARY_CONTROLS.match(c))
# Western text in Windows-1252 has a few accented letters, quotes and £ signs per line.
_MAX_LEGACY_HIGH_SHARE = 0.3
# Warnings about the text being decoded (see collect_warnings); None when nobody listens.
_WARNINGS: ContextVar[list[str] | None] = ContextVar("decode_warnings", default=None)


@contextmanager
def collect_warnings() -> Iterator[list[str]]:
    """Gather the warnings of every decode_text call inside the block, e.g. mixed encodings."""
    warnings: list[str] = []
    token = _WARNINGS.set(warnings)
    try:
        yield warnings
    finally:
        _WARNINGS.reset(token)


def _warn(message: str) -> None:
    collected = _WARNINGS.get()
    if collected is not None:
        collected.append(message)


def decode_text(name: str, data: bytes) -> str:
    """Decode the bytes of a text file; raise ReadError for empty, binary or undecodable data."""
    if not data:
        raise fail(name, "the file is empty")
    for bom, encoding, label in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(encoding)
            except UnicodeError:
                raise fail(name, f"not valid {label} text despite its byte-order mark") from None
            return _check_not_binary(name, text)
    if b"\x00" in data:
        raise fail(name, "looks like a binary file, not text")
    try:
        return _check_not_binary(name, data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    mixed = _mixed_lines(name, data)
    if mixed is not None:
        return _check_not_binary(name, mixed)
    return _check_not_binary(name, _detect(name, data))


def _mixed_lines(name: str, data: bytes) -> str | None:
    """Text that is UTF-8 except for some lines in Windows-1252 (a file edited with two
    programs, or pasted into): each line as UTF-8 when it is valid, else as Windows-1252.
    None when no line holds UTF-8 beyond ASCII, or when the other lines are mostly non-ASCII
    bytes (Chinese, Greek, Russian... in a legacy code page, where a short line can pass for
    UTF-8 by chance): the whole file is then in one legacy encoding, for detection."""
    decoded: list[str] = []
    legacy, legacy_bytes, legacy_high = 0, 0, 0
    utf8 = False
    for line in data.split(b"\n"):
        try:
            text = line.decode("utf-8")
            utf8 = utf8 or not line.isascii()
        except UnicodeDecodeError:
            legacy += 1
            legacy_bytes += len(line)
            legacy_high += sum(byte >= 0x80 for byte in line)
            text = line.decode("cp1252", errors="replace")
        decoded.append(text)
    if not utf8 or legacy_high > legacy_bytes * _MAX_LEGACY_HIGH_SHARE:
        return None
    noun = "line" if legacy == 1 else "lines"
    _warn(f"{name}: mixed encodings: {legacy} {noun} read as Windows-1252")
    return "\n".join(decoded)


def _detect(name: str, data: bytes) -> str:
    """Decode non-UTF-8 bytes with the encoding charset-normalizer finds most plausible."""
    from charset_normalizer import from_bytes  # only legacy files need it: import time spared

    try:
        results = from_bytes(data)
        best = results.best()
        if best is None:
            raise fail(name, "looks like a binary file, not text")
        chosen = best
        for match in results:
            if (
                match.encoding == _PREFERRED_LEGACY
                and match.chaos <= best.chaos
                and match.coherence >= best.coherence - _COHERENCE_TOLERANCE
            ):
                chosen = match
        return str(chosen)
    except (LookupError, UnicodeError, ValueError):
        raise fail(name, "looks like a binary file, not text") from None


def _holds_any(text: str, characters: tuple[str, ...]) -> bool:
    return any(character in text for character in characters)


def _check_not_binary(name: str, text: str) -> str:
    """Reject decoded text that is mostly control characters (a binary file by another name)."""
    controls = len(_BINARY_CONTROLS.findall(text)) if _holds_any(text, _BINARY_CHARS) else 0
    if "\x00" in text or controls > max(1, len(text) * _MAX_CONTROL_SHARE):
        raise fail(name, "looks like a binary file, not text")
    return text


def normalise_text(text: str) -> str:
    """NFC, "\\n" line ends, no control characters or trailing spaces, at most one blank line."""
    if "\r" in text:  # a one-character test: replace's search for "\r\n" is 40 times slower
        text = text.replace("\r\n", "\n")
    for line_break in _OTHER_LINE_BREAKS:
        if line_break in text:  # str methods: much faster than a regex on long texts
            text = text.replace(line_break, "\n")
    for space in _NO_BREAK_SPACES:
        if space in text:
            text = text.replace(space, " ")
    if _holds_any(text, _CONTROL_CHARS):
        text = _CONTROLS.sub("", text)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def normalise_inline(text: str) -> str:
    """Normalise a short value (a caption line, a metadata value) to one NFC line."""
    return " ".join(normalise_text(text).split())
