"""Open, create and upgrade project databases: SQLite files (WAL, 0600) or a SQLAlchemy URL."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker

from qualcode.errors import QualcodeError

MIGRATIONS = Path(__file__).parent / "migrations"
SQLITE_MAGIC = b"SQLite format 3\x00"
SUPPORTED_BACKENDS = ("sqlite", "postgresql")
BUSY_TIMEOUT_MS = 15_000


class ProjectError(QualcodeError):
    """The project cannot be opened or created (missing, not a project, too new...)."""


def is_url(target: str) -> bool:
    """True when the target names a database URL rather than a project file."""
    return "://" in target


def _alembic_config(connection: Any) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["connection"] = connection
    return config


def head_revision() -> str:
    """The newest schema revision this version of qualcode knows."""
    script = ScriptDirectory.from_config(_alembic_config(None))
    head = script.get_current_head()
    assert head is not None
    return head


def _known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config(None))
    return {rev.revision for rev in script.walk_revisions()}


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Autocommit at the driver level: SQLAlchemy's "begin" hook below issues BEGIN itself,
    # so transactions really start where SQLAlchemy thinks they do.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode = WAL")
    cursor.execute("PRAGMA synchronous = FULL")
    cursor.execute("PRAGMA foreign_keys = ON")
    cursor.close()


def _on_sqlite_begin(connection: Any) -> None:
    immediate = connection.get_execution_options().get("qualcode_write", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def _parse_url(target: str) -> URL:
    try:
        url = make_url(target)
    except Exception:  # SQLAlchemy raises ArgumentError for anything it cannot parse
        raise ProjectError(f"{target}: not a database URL") from None
    if url.get_backend_name() not in SUPPORTED_BACKENDS:
        raise ProjectError(
            f"{_display(target)}: unsupported database (use a project file, sqlite:///path or "
            "postgresql+psycopg://user@host/db)"
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
    return create_engine(url, pool_recycle=1800)


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
        with sessionmaker(self.engine, expire_on_commit=False)() as session:
            yield session

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction: everything inside commits together, or nothing does."""
        engine = self.engine.execution_options(qualcode_write=True)
        with sessionmaker(engine, expire_on_commit=False)() as session, session.begin():
            yield session

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
    if is_url(target):
        url = _parse_url(target)
        path = None
    else:
        path = Path(target)
        if path.exists():
            raise ProjectError(f"{target}: already exists; choose a new project file name")
        if not path.parent.exists():
            raise ProjectError(f"{target}: folder {path.parent} does not exist")
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        os.close(fd)
        url = _sqlite_url(path)
    engine = _make_engine(url)
    try:
        with engine.begin() as connection:
            if inspect(connection).has_table("alembic_version"):
                raise ProjectError(f"{_display(target)}: already holds a qualcode project")
            command.upgrade(_alembic_config(connection), "head")
    except OperationalError as exc:
        engine.dispose()
        if path is not None:
            remove_sqlite_files(path)
        raise ProjectError(f"{_display(target)}: cannot be created ({_reason(exc)})") from None
    except BaseException:
        engine.dispose()
        if path is not None:
            remove_sqlite_files(path)
        raise
    return Project(target, engine, path)


def open_project(target: str, *, upgrade: bool = True) -> Project:
    """Open an existing project; upgrade an older schema after a backup, refuse a newer one."""
    if is_url(target):
        url = _parse_url(target)
        path = None
    else:
        path = Path(target)
        _check_project_file(path, target)
        url = _sqlite_url(path)
    engine = _make_engine(url)
    try:
        current = _current_revision(engine, target)
        head = head_revision()
        if current != head:
            if current not in _known_revisions():
                raise ProjectError(
                    f"{_display(target)}: made by a newer version of qualcode "
                    f"(schema {current}); upgrade qualcode to open it"
                )
            if not upgrade:
                raise ProjectError(f"{_display(target)}: schema {current} needs an upgrade")
            if path is not None:
                _backup_before_upgrade(engine, path, current)
            with engine.begin() as connection:
                command.upgrade(_alembic_config(connection), "head")
    except BaseException:
        engine.dispose()
        raise
    return Project(target, engine, path)


def _display(target: str) -> str:
    """The target as it may be shown: a URL without its password."""
    if is_url(target):
        try:
            return make_url(target).render_as_string(hide_password=True)
        except Exception:  # not parseable: show it as given, it holds no password we know of
            return target
    return target


def _check_project_file(path: Path, target: str) -> None:
    if not path.exists():
        raise ProjectError(f"{target}: no such project (create one with: qualcode init {target})")
    if path.is_dir():
        raise ProjectError(f"{target}: is a folder, not a qualcode project file")
    try:
        with path.open("rb") as handle:
            magic = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise ProjectError(f"{target}: cannot be read ({exc.strerror})") from None
    if magic != SQLITE_MAGIC:
        raise ProjectError(f"{target}: not a qualcode project file")


def _current_revision(engine: Engine, target: str) -> str:
    try:
        with engine.connect() as connection:
            if not inspect(connection).has_table("alembic_version"):
                raise ProjectError(f"{_display(target)}: not a qualcode project")
            revision = MigrationContext.configure(connection).get_current_revision()
    except OperationalError as exc:
        raise ProjectError(f"{_display(target)}: cannot be opened ({_reason(exc)})") from None
    if revision is None:
        raise ProjectError(f"{_display(target)}: not a qualcode project (no schema version)")
    return revision


def _backup_before_upgrade(engine: Engine, path: Path, revision: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    backup = path.with_name(f"{path.name}.backup-{revision}-{stamp}")
    backup_sqlite(engine, backup)
    return backup


def backup_sqlite(engine: Engine, destination: Path) -> None:
    """Copy a live SQLite project with the online backup API (consistent even mid-write)."""
    fd = os.open(destination, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    os.close(fd)
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        with sqlite3.connect(destination) as target:
            source.backup(target)
        target.close()
    finally:
        raw.close()


def remove_sqlite_files(path: Path) -> None:
    """Delete a project file and its WAL sidecars (used when creation fails)."""
    for candidate in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        if candidate.exists():
            candidate.unlink()
