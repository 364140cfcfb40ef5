"""Open a .qdpx file: find project.qde and the sources' plain text inside the zip, read both."""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath
from typing import BinaryIO
from urllib.parse import unquote

from qualcode.errors import QualcodeError
from qualcode.ingest.archive import MAX_EXPANDED_BYTES, check_members, read_member
from qualcode.ingest.decode import decode_text
from qualcode.refi.model import RefiProject
from qualcode.refi.parse import DOCUMENT_SUFFIXES, parse_project
from qualcode.refi.qdaxml import RefiError, parse_xml

SCHEMES = ("internal://", "relative://", "absolute://", "file://")


class _Archive:
    """The zip's files by lower-cased path, so "Sources/" and "sources/" both work."""

    def __init__(self, members: list[zipfile.ZipInfo], raw: BinaryIO, name: str) -> None:
        self.raw = raw
        self.name = name
        self.files = {
            info.filename.replace("\\", "/").lower(): info for info in members if not info.is_dir()
        }
        # Only project.qde and the plain texts are read (not audio or video), so they share
        # the cap between them.
        self.budget = MAX_EXPANDED_BYTES

    def read(self, info: zipfile.ZipInfo) -> bytes:
        data = read_member(self.name, self.raw, info, budget=self.budget)
        self.budget -= len(data)
        return data

    def project_qde(self) -> zipfile.ZipInfo:
        found = sorted(
            (path for path in self.files if PurePosixPath(path).name == "project.qde"),
            key=lambda path: path.count("/"),
        )
        if not found:
            raise RefiError(f"{self.name}: no project.qde inside (not a REFI-QDA project export)")
        return self.files[found[0]]

    def load_text(self, path: str) -> tuple[str | None, str | None, str]:
        """A source's text from its plainTextPath or richTextPath: (text, why skipped, member)."""
        cleaned = path.strip().replace("\\", "/")
        scheme = next((s for s in SCHEMES if cleaned.lower().startswith(s)), "")
        relative = cleaned[len(scheme) :].lstrip("/")
        candidates = [f"sources/{relative}", relative, f"sources/{PurePosixPath(relative).name}"]
        for candidate in candidates + [unquote(c) for c in candidates]:
            info = self.files.get(candidate.lower())
            if info is not None:
                data = self.read(info)
                try:
                    return _decoded(info.filename, data), None, info.filename
                except QualcodeError as exc:
                    return None, str(exc).split(": ", 1)[-1], info.filename
        what = "document" if relative.lower().endswith(DOCUMENT_SUFFIXES) else "plain text"
        if scheme and scheme != "internal://":
            return None, f"its {what} is outside the .qdpx ({path})", ""
        return None, f"its {what} {path} is missing from the .qdpx", ""


def _decoded(member: str, data: bytes) -> str:
    """A member's text: plain text decoded, a word-processor or PDF document read."""
    name = PurePosixPath(member).name
    suffix = PurePosixPath(member).suffix.lower()
    if suffix == ".docx":
        # Positions in such a source count one line break between paragraphs, as the tool's
        # plain text would; reading it as an interview would put a blank line between them.
        from qualcode.ingest.office import docx_paragraphs  # only such archives pay for it

        return "\n".join(docx_paragraphs(name, data))
    if suffix in DOCUMENT_SUFFIXES:
        from qualcode.ingest import read_document

        return read_document(Path(name), data=data).text
    return decode_text(member, data)


def read_qdpx(path: Path) -> RefiProject:
    """Read a .qdpx file; anything unreadable is a RefiError naming the file."""
    try:
        raw = path.open("rb")
    except FileNotFoundError:
        raise RefiError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise RefiError(f"{path}: is a folder, not a .qdpx file") from None
    except OSError as exc:
        raise RefiError(f"{path}: cannot be read ({exc.strerror})") from None
    with raw:
        try:
            with zipfile.ZipFile(raw) as archive:
                members = archive.infolist()
        except (zipfile.BadZipFile, ValueError, EOFError, OSError):
            raise RefiError(f"{path.name}: not a .qdpx file (a .qdpx is a zip archive)") from None
        check_members(path.name, members, limit=None)
        files = _Archive(members, raw, path.name)
        tree = parse_xml(files.read(files.project_qde()), f"{path.name}: project.qde")
        if tree.tag != "Project":
            raise RefiError(f"{path.name}: project.qde holds <{tree.tag}>, not a <Project>")
        return parse_project(tree, path.name, files.load_text)
