"""Open, create and upgrade project databases: SQLite files (WAL, 0600) or a SQLAlchemy URL."""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError

from qualcode.errors import QualcodeError
from qualcode.files import atomic_path, mask_password, project_files, shown

if TYPE_CHECKING:
    from alembic.config import Config
    from sqlalchemy.orm import Session

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
BUSY_TIMEOUT_MS = 15_000
CACHE_KIB = 32 * 1024  # each connection's page cache (see _on_sqlite_connect)
# SQLite's own threshold (in pages) for a commit to copy the write-ahead log into the database.
WAL_CHECKPOINT_PAGES = 1000
# The threshold for writes that leave the copying to a background checkpoint (Project.write):
# a writer copies the log itself only if that falls this far behind (64 MiB of 4 KiB pages).
WAL_BEHIND_PAGES = 16 * 1024


class ProjectError(QualcodeError):
    """The project cannot be opened or created (missing, not a project, too new...)."""


def is_url(target: str) -> bool:
    """True when the target names a database URL rather than a project file."""
    return "://" in target


# The `revision = "…"` and `down_revision = "…"` lines of a migration script.
_REVISION_LINE = re.compile(r'^(down_)?revision\b[^=\n]*=\s*(?:"([^"]*)"|None)', re.MULTILINE)


def _alembic_config(connection: Any) -> Config:
    from alembic.config import Config  # Alembic loads only to create or upgrade a schema

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def _upgrade(connection: Any) -> None:
    from alembic import command

    command.upgrade(_alembic_config(connection), "head")


@cache
def _migrations() -> dict[str, str | None]:
    """Each migration's revision and the revision it follows, read from the scripts' text.

    Opening a current project needs no more than this, so Alembic (a fifth of a second to
    import) loads only when a schema is created or upgraded.
    """
    graph: dict[str, str | None] = {}
    for script in sorted((MIGRATIONS / "versions").glob("[0-9]*.py")):
        found = {bool(m[1]): m[2] for m in _REVISION_LINE.finditer(script.read_text("utf-8"))}
        if found.get(False):
            graph[found[False]] = found.get(True)
    return graph


def head_revision() -> str:
    """The newest schema revision this version of qualcode knows."""
    graph = _migrations()
    heads = set(graph) - set(graph.values())
    assert len(heads) == 1, f"the migrations have {len(heads)} heads: {sorted(heads)}"
    return heads.pop()


def _known_revisions() -> set[str]:
    return set(_migrations())


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Autocommit at the driver level: SQLAlchemy's "begin" hook below issues BEGIN itself,
    # so transactions really start where SQLAlchemy thinks they do.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    # Room for 32 MiB of pages (taken only as pages are read or written; SQLite's default is
    # 2 MiB): a batch of imported files no longer spills pages to the log before it commits,
    # an eighth fewer bytes written for a folder.
    cursor.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    options = connection.get_execution_options()
    # A setting of the driver's connection, which the pool hands to later units of work: set
    # only when it changes, so that every other write copies the log as SQLite does.
    background = options.get("qualcode_background_checkpoint", False)
    pages = WAL_BEHIND_PAGES if background else WAL_CHECKPOINT_PAGES
    if connection.info.get("wal_autocheckpoint", WAL_CHECKPOINT_PAGES) != pages:
        connection.exec_driver_sql(f"PRAGMA wal_autocheckpoint = {pages}")
        connection.info["wal_autocheckpoint"] = pages
    immediate = options.get("qualcode_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _parse_url(target: str) -> URL:
    try:
        url = make_url(target)
    except Exception:  # SQLAlchemy raises ArgumentError for anything it cannot parse
        raise ProjectError(f"{display(target)}: not a database URL") from None
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise ProjectError(
            f"{display(target)}: unsupported database (use a project file, sqlite:///path or "
            "postgresql+psycopg://user@host/db)"
        )
    if url.get_backend_name() == "sqlite" and url.database in (None, "", ":memory:"):
        raise ProjectError(
            f"{display(target)}: an in-memory database vanishes when the command ends; "
            "give a project file (study.qc or sqlite:////path/to/study.qc)"
        )
    if url.drivername in {"postgresql", "postgres"}:
        url = url.set(drivername="postgresql+psycopg")  # the driver qualcode installs
    return url


def _reason(exc: BaseException) -> str:
    """The first line of a driver's error message."""
    original = getattr(exc, "orig", None) or exc
    lines = str(original).strip().splitlines()
    return lines[0] if lines else type(original).__name__


def _make_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _on_sqlite_connect)
        event.listen(engine, "begin", _on_sqlite_begin)
        return engine
    try:
        return create_engine(url, pool_recycle=1800)
    except ImportError as exc:  # the driver is an extra: qualcode[postgres]
        shown_url = shown(url.render_as_string(hide_password=True))
        raise ProjectError(
            f"{shown_url}: the PostgreSQL driver ({exc.name or 'psycopg'}) is not installed; "
            "install it with: pip install 'qualcode[postgres]'"
        ) from None


@dataclass
class Project:
    """An open project: its engine and a reader and a writer unit of work."""

    target: str
    engine: Engine
    path: Path | None

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A session for queries; nothing it does is committed."""
        from sqlalchemy.orm import sessionmaker  # the ORM loads only for commands using it

        with sessionmaker(self.engine, expire_on_commit=False)() as session:
            yield session

    @contextmanager
    def write(self, *, background_checkpoint: bool = False) -> Iterator[Session]:
        """One transaction: everything inside commits together, or nothing does.

        With `background_checkpoint` (SQLite) the commit leaves its pages in the write-ahead
        log, as durable there, for a checkpoint on another thread to copy into the database
        (store/checkpoints.py), unless the log has grown past WAL_BEHIND_PAGES.
        """
        from sqlalchemy.orm import sessionmaker

        engine = self._writer(background_checkpoint)
        with sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            yield session

    @contextmanager
    def write_rows(self, *, background_checkpoint: bool = False) -> Iterator[Connection]:
        """One transaction on a Core connection, as `write` (all or nothing, the same
        `background_checkpoint`), for writers of plain rows: `qualcode import` loads no ORM."""
        with self._writer(background_checkpoint).begin() as connection:
            yield connection

    def _writer(self, background_checkpoint: bool) -> Engine:
        return self.engine.execution_options(
            qualcode_write=True, qualcode_background_checkpoint=background_checkpoint
        )

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Project:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _sqlite_url(path: Path) -> URL:
    return URL.create("sqlite+pysqlite", database=str(path.resolve()))


def create_project(target: str) -> Project:
    """Create an empty project at a file path (refusing to overwrite) or an empty database URL."""
    path = sqlite_path(target)
    url = _parse_url(target) if is_url(target) else None
    if path is not None:
        if path.exists() and not (url is not None and path.is_file() and _is_empty(path)):
            raise ProjectError(f"{display(target)}: already exists; choose a new project file name")
        if not path.parent.is_dir():
            raise ProjectError(f"{display(target)}: folder {shown(path.parent)} does not exist")
        if not path.exists():
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except OSError as exc:
                raise ProjectError(
                    f"{display(target)}: cannot be created ({exc.strerror})"
                ) from None
            os.close(fd)
        url = url or _sqlite_url(path)
    assert url is not None
    engine = _make_engine(url)
    try:
        with engine.begin() as connection:
            if inspect(connection).has_table("alembic_version"):
                raise ProjectError(f"{display(target)}: already holds a qualcode project")
            _upgrade(connection)
    except OperationalError as exc:
        engine.dispose()
        if path is not None:
            remove_sqlite_files(path)
        raise ProjectError(f"{display(target)}: cannot be created ({_reason(exc)})") from None
    except BaseException:
        engine.dispose()
        if path is not None:
            remove_sqlite_files(path)
        raise
    return Project(target, engine, path)


def open_project(target: str, *, upgrade: bool = True) -> Project:
    """Open an existing project; upgrade an older schema after a backup, refuse a newer one.

    A SQLite file is checked read-only first: another application's database, or a project
    from a newer qualcode, is refused without a byte of it changing (not even its journal mode).
    """
    path = sqlite_path(target)
    url = _parse_url(target) if is_url(target) else None
    if path is not None:
        _check_project_file(path, target)
        _check_schema_read_only(path, target)
        url = url or _sqlite_url(path)
    assert url is not None
    engine = _make_engine(url)
    try:
        current = _current_revision(engine, target)
        head = head_revision()
        if current != head:
            if current not in _known_revisions():
                raise ProjectError(
                    f"{display(target)}: made by a newer version of qualcode "
                    f"(schema {current}); upgrade qualcode to open it"
                )
            if not upgrade:
                raise ProjectError(f"{display(target)}: schema {current} needs an upgrade")
            if path is not None:
                _backup_before_upgrade(engine, path, current)
            with engine.begin() as connection:
                _upgrade(connection)
    except BaseException:
        engine.dispose()
        raise
    return Project(target, engine, path)


def display(target: str) -> str:
    """The target as it may be shown: a URL without its password, undecodable bytes escaped."""
    if is_url(target):
        try:
            target = make_url(target).render_as_string(hide_password=True)
        except Exception:  # not parseable: mask whatever sits where a password would
            target = mask_password(target)
    return shown(target)


def sqlite_path(target: str) -> Path | None:
    """The file behind a project file name or a sqlite:/// URL (None for other databases)."""
    if not is_url(target):
        return Path(target)
    try:
        url = make_url(target)
    except Exception:  # not a URL SQLAlchemy can read: no file of ours
        return None
    if url.get_backend_name() != "sqlite" or url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def _check_project_file(path: Path, target: str) -> None:
    shown_target = display(target)
    if not path.exists():
        raise ProjectError(
            f"{shown_target}: no such project (create one with: qualcode init {shown_target})"
        )
    if path.is_dir():
        raise ProjectError(f"{shown_target}: is a folder, not a qualcode project file")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"{shown_target}: cannot be read ({exc.strerror})") from None
    if magic != SQLITE_MAGIC:
        raise ProjectError(f"{shown_target}: not a qualcode project file")


def _check_schema_read_only(path: Path, target: str) -> None:
    """Refuse a SQLite file that is not a qualcode project, or too new, opening it read-only."""
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
    except sqlite3.Error as exc:
        raise ProjectError(f"{display(target)}: cannot be opened ({exc})") from None
    try:
        tables = {name for (name,) in connection.execute("SELECT name FROM sqlite_master")}
        revision = None
        if "alembic_version" in tables:
            revision = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.Error as exc:
        raise ProjectError(f"{display(target)}: cannot be opened ({exc})") from None
    finally:
        connection.close()
    if revision is None:
        raise ProjectError(f"{display(target)}: not a qualcode project")
    if revision[0] not in _known_revisions():
        raise ProjectError(
            f"{display(target)}: made by a newer version of qualcode "
            f"(schema {revision[0]}); upgrade qualcode to open it"
        )


def _is_empty(path: Path) -> bool:
    return path.stat().st_size == 0


def _current_revision(engine: Engine, target: str) -> str:
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                raise ProjectError(f"{display(target)}: not a qualcode project")
            revision = connection.scalar(text("SELECT version_num FROM alembic_version"))
    except OperationalError as exc:
        raise ProjectError(f"{display(target)}: cannot be opened ({_reason(exc)})") from None
    if revision is None:
        raise ProjectError(f"{display(target)}: not a qualcode project (no schema version)")
    return str(revision)


def _backup_before_upgrade(engine: Engine, path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.backup-{revision}-{stamp}")
    backup_sqlite(engine, backup)
    return backup


def backup_sqlite(engine: Engine, destination: Path) -> None:
    """Copy a live SQLite project with the online backup API (consistent even mid-write).

    The copy is made beside `destination` and takes its name only when complete: a crash or
    a full disk leaves no half backup, and an existing file is never replaced.
    """
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with atomic_path(destination, replace=False) as temporary:
            target = sqlite3.connect(temporary)
            try:
                source.backup(target)
            except sqlite3.Error as exc:
                raise ProjectError(f"{shown(destination)}: cannot be written ({exc})") from None
            finally:
                target.close()
                for journal in project_files(temporary)[1:]:  # left behind by a failed write
                    journal.unlink(missing_ok=True)
    finally:
        raw.close()


def remove_sqlite_files(path: Path) -> None:
    """Delete a project file and its WAL sidecars (used when creation fails)."""
    for candidate in project_files(path):
        candidate.unlink(missing_ok=True)
