"""Limits on zip archives (.docx, .odt, .qdpx): refuse bombs before any member is expanded."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path
from typing import BinaryIO

from qualcode.ingest.document import fail

MB = 1024 * 1024
# Interview files expand to a few MB, a book-length Word file to a few tens. Parsing Word or
# OpenDocument XML takes about 7 times its size in memory: 100 MB stays under 1 GB.
MAX_EXPANDED_BYTES = 100 * MB
# Word and OpenDocument XML compresses 5 to 30 times; deflate's ceiling is about 1,030.
MAX_RATIO = 100
# Small members (an empty settings.xml) can compress better without mattering; so can
# pictures, which readers keep as bytes (a blank BMP compresses 1,000 times) and the total cap
# still bounds.
RATIO_FREE_BYTES = 1 * MB
_PICTURES = (".bmp", ".tif", ".tiff", ".emf", ".wmf", ".png", ".jpg", ".jpeg", ".gif", ".wdp")
MAX_MEMBERS = 10_000
_CHUNK = 1 * MB
_LOCAL_HEADER = struct.Struct("<4s22xHH")
_BOMB = "(a zip bomb?)"


def check_archive(name: str, source: bytes | Path, *, limit: int = MAX_EXPANDED_BYTES) -> None:
    """Refuse a zip whose members expand past `limit`, compress suspiciously well, or expand
    to other sizes than their headers say (checked by expanding each in bounded chunks, so a
    reader that trusts the headers afterwards is safe). A file that is not a zip passes: its
    own reader reports it as corrupt."""
    raw: BinaryIO = io.BytesIO(source) if isinstance(source, bytes) else source.open("rb")
    with raw:
        try:
            with zipfile.ZipFile(raw) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, ValueError, EOFError):
            return
        check_members(name, members, limit=limit)
        for info in members:
            _inflate(name, raw, info, keep=False)


def check_members(
    name: str, members: list[zipfile.ZipInfo], *, limit: int | None = MAX_EXPANDED_BYTES
) -> None:
    """The header checks of check_archive; with `limit` None the caller caps what it reads
    itself (an archive whose audio and video members are never expanded)."""
    if len(members) > MAX_MEMBERS:
        raise fail(name, f"refused: holds more than {MAX_MEMBERS:,} files {_BOMB}")
    if limit is not None and sum(info.file_size for info in members) > limit:
        raise fail(name, f"refused: expands to more than {limit // MB} MB {_BOMB}")
    for info in members:
        ratio = info.file_size / max(info.compress_size, 1)
        picture = info.filename.lower().endswith(_PICTURES)
        if info.file_size > RATIO_FREE_BYTES and ratio > MAX_RATIO and not picture:
            raise fail(name, f"refused: {info.filename} expands {ratio:,.0f} times {_BOMB}")


def read_member(
    name: str, raw: BinaryIO, info: zipfile.ZipInfo, *, budget: int, cap: int = MAX_EXPANDED_BYTES
) -> bytes:
    """A member's bytes, expanded in bounded chunks, never more than its header's size whatever
    the compressed data holds; refused when that size is over what is left of the `cap` on
    everything read from the archive (`budget`)."""
    if info.file_size > budget:
        raise fail(name, f"refused: expands to more than {cap // MB} MB {_BOMB}")
    return _inflate(name, raw, info, keep=True)


def _inflate(name: str, raw: BinaryIO, info: zipfile.ZipInfo, *, keep: bool) -> bytes:
    """Expand one member from the raw archive, stopping as soon as it passes its stated size;
    check its size and CRC. Returns its bytes when `keep`, else b""."""
    member = info.filename
    if info.flag_bits & 0x1:
        raise fail(name, f"{member} is encrypted; qualcode cannot read it")
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise fail(name, f"{member} uses a compression method qualcode does not read")
    if info.header_offset < 0:
        raise fail(name, f"{member} cannot be read (damaged archive)")
    raw.seek(info.header_offset)
    header = raw.read(_LOCAL_HEADER.size)
    if len(header) < _LOCAL_HEADER.size or header[:4] != b"PK\x03\x04":
        raise fail(name, f"{member} cannot be read (damaged archive)")
    _, name_length, extra_length = _LOCAL_HEADER.unpack(header)
    raw.seek(info.header_offset + _LOCAL_HEADER.size + name_length + extra_length)
    out = bytearray()
    size, crc = 0, 0
    inflater = zlib.decompressobj(-zlib.MAX_WBITS) if info.compress_type else None
    left = info.compress_size
    while left > 0 or (inflater is not None and inflater.unconsumed_tail):
        if inflater is not None and inflater.unconsumed_tail:
            data = _decompress(name, member, inflater, inflater.unconsumed_tail)
        else:
            chunk = raw.read(min(_CHUNK, left))
            if not chunk:
                raise fail(name, f"{member} cannot be read (the archive is cut short)")
            left -= len(chunk)
            data = chunk if inflater is None else _decompress(name, member, inflater, chunk)
        size += len(data)
        if size > info.file_size:
            raise fail(name, f"refused: {member} expands past the size its header gives {_BOMB}")
        crc = zlib.crc32(data, crc)
        if keep:
            out += data
    if size != info.file_size or crc != info.CRC:
        raise fail(name, f"{member} cannot be read (damaged archive)")
    return bytes(out)


def _decompress(name: str, member: str, inflater: zlib._Decompress, chunk: bytes) -> bytes:
    try:
        return inflater.decompress(chunk, _CHUNK)
    except zlib.error:
        raise fail(name, f"{member} cannot be read (damaged archive)") from None
