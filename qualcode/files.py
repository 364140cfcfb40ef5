"""Safe file writes: whole or not at all, private by default, never over a project's own files."""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from qualcode.errors import QualcodeError

PRIVATE = 0o600  # anything holding project content: readable by its owner only
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")
_PASSWORD = re.compile(r"(://[^/@:\s]*:)\S*@")  # to the last @: a password may hold one


def shown(value: str | os.PathLike[str]) -> str:
    """A path or argument as printable text: bytes that are not UTF-8 become \\xNN escapes."""
    text = os.fspath(value)
    if isinstance(text, bytes):
        return text.decode("utf-8", "backslashreplace")
    try:
        raw = text.encode("utf-8", "surrogateescape")  # the bytes the OS gave us back
    except UnicodeEncodeError:
        raw = text.encode("utf-8", "backslashreplace")
    return raw.decode("utf-8", "backslashreplace")


def is_text(value: str) -> bool:
    """False for a string carrying undecodable bytes (surrogate escapes from the OS)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def mask_password(text: str) -> str:
    """A URL-like string with any password replaced by ***, even when it does not parse."""
    return _PASSWORD.sub(r"\1***@", text)


def project_files(project: Path) -> list[Path]:
    """A SQLite project file and the journal files SQLite keeps beside it."""
    return [project] + [project.with_name(project.name + side) for side in SQLITE_SIDE_FILES]


def same_file(a: Path, b: Path) -> bool:
    """True when two spellings name one file: links, `./`, `..`, case on case-blind disks."""
    try:
        return os.path.samefile(a, b)  # both exist: same device and inode
    except OSError:
        pass
    real_a, real_b = os.path.realpath(a), os.path.realpath(b)
    if os.path.normcase(real_a) == os.path.normcase(real_b):
        return True
    try:
        same_folder = os.path.samefile(os.path.dirname(real_a), os.path.dirname(real_b))
    except OSError:
        return False
    # One of them does not exist yet: on a case-insensitive disk a name differing only in
    # case would become the other file, so it is refused everywhere.
    return (
        same_folder and os.path.basename(real_a).casefold() == os.path.basename(real_b).casefold()
    )


def refuse_project_files(out: Path, projects: Iterable[Path | None]) -> None:
    """Refuse to write `out` when it is (or would become) a project file or its journal."""
    for project in projects:
        if project is None:
            continue
        for candidate in project_files(project):
            if same_file(out, candidate):
                raise QualcodeError(
                    f"{shown(out)}: refusing to overwrite the project file "
                    f"{shown(candidate.name)}; choose another file name"
                )


@contextmanager
def atomic_path(path: Path, mode: int = PRIVATE, *, replace: bool = True) -> Iterator[Path]:
    """A temporary file beside `path` for the block to fill; moved into place only on success.

    The file is created with `mode` before anything is written, flushed to disk, then renamed
    over `path` (or, with replace=False, given `path` only if nothing is there). On any error,
    disk full included, the temporary file is removed and `path` is left as it was; OSError
    becomes a one-line QualcodeError.
    """
    path = Path(os.path.abspath(path))
    temporary = fresh_name(path)
    try:
        fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        os.fchmod(fd, mode)  # the umask may have narrowed it; never wider than asked
        os.close(fd)
        yield temporary
        sync_file(temporary)
        publish(temporary, path, replace=replace)
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    finally:
        temporary.unlink(missing_ok=True)


def write_format(
    path: Path, fmt: str, writers: Mapping[str, Callable[[Path], str | bytes | None]]
) -> None:
    """Write `path` whole or not at all (see atomic_path) with the writer for `fmt`: text or
    bytes it returns are written for it; None means it wrote the file it was given."""
    with atomic_path(path) as temporary:
        made = writers[fmt](temporary)
        if isinstance(made, str):
            temporary.write_text(made, encoding="utf-8")
        elif made is not None:
            temporary.write_bytes(made)


def write_bytes(path: Path, data: bytes, mode: int = PRIVATE) -> None:
    """Write a whole file atomically (see atomic_path)."""
    with atomic_path(path, mode) as temporary:
        temporary.write_bytes(data)


def write_text(path: Path, text: str, mode: int = PRIVATE) -> None:
    """Write a whole UTF-8 text file atomically, with the line ends given."""
    write_bytes(path, text.encode("utf-8"), mode)


def fresh_name(path: Path) -> Path:
    """An unused hidden name in the same folder (so the final rename stays on one disk)."""
    folder = path.parent
    if not folder.is_dir():
        raise QualcodeError(f"{shown(path)}: folder {shown(folder)} does not exist")
    import secrets  # with hashlib and random: only for commands that write a file

    return folder / f".qualcode-{secrets.token_hex(6)}.part"


def sync_file(path: Path) -> None:
    """Flush a written file's content to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def publish(temporary: Path, path: Path, *, replace: bool) -> None:
    """Rename a finished file into place, and make the rename itself durable."""
    if replace:
        os.replace(temporary, path)
    else:
        try:
            os.link(temporary, path)  # fails if path appeared meanwhile: never overwrites
        except FileExistsError:
            raise QualcodeError(f"{shown(path)}: already exists; choose a new name") from None
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
                raise
            if path.exists():  # a disk without hard links (e.g. FAT): check, then rename
                raise QualcodeError(f"{shown(path)}: already exists; choose a new name") from None
            os.replace(temporary, path)
        temporary.unlink(missing_ok=True)
    try:
        fd = os.open(path.parent, os.O_RDONLY)
    except OSError:
        return  # some systems cannot open a folder; the rename is still atomic
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _cannot_write(path: Path, exc: OSError) -> QualcodeError:
    reason = exc.strerror or str(exc) or type(exc).__name__
    if exc.errno == errno.EFBIG:
        reason = "file too large for the disk or the limit set on this process"
    return QualcodeError(f"{shown(path)}: cannot be written ({reason})")
