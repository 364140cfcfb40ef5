"""Copy a SQLite project's write-ahead log into the database on a second thread while importing."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from qualcode.store.db import Project


@contextmanager
def background_checkpoints(project: Project) -> Iterator[Callable[[], None]]:
    """A callable asking for a checkpoint, for after each commit of a
    `project.write(background_checkpoint=True)`; the last one asked for is done on leaving.

    A commit's fsync makes it durable in the log. Copying the log into the database file, and
    that file's fsync, is what a commit past 1,000 pages of log otherwise does itself, in the
    committing thread: for a folder of files, a third to a half of the time spent committing.
    Here it runs on another connection while the next batch is read and written (SQLite
    releases the GIL). A passive checkpoint waits for no one and may leave pages a reader still
    needs; SQLite copies them later, as it always does. For other databases, nothing to do.
    """
    if not project.is_sqlite or project.path is None:
        yield lambda: None
        return
    wanted = threading.Event()
    stopping = threading.Event()
    worker = threading.Thread(
        target=_checkpoint_when_asked,
        args=(project.path, wanted, stopping),
        name="qualcode-checkpoint",
        daemon=True,
    )
    worker.start()
    try:
        yield wanted.set
    finally:
        stopping.set()
        wanted.set()
        worker.join()


def _checkpoint_when_asked(path: Path, wanted: threading.Event, stopping: threading.Event) -> None:
    try:
        connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    except sqlite3.Error:  # the writers copy the log themselves once it is WAL_BEHIND_PAGES
        return
    try:
        while True:
            wanted.wait()
            wanted.clear()
            # Read before the checkpoint: a commit asking for one during it is copied next.
            last = stopping.is_set()
            # On an error the writers' own checkpoints, and the last connection's close, copy.
            with suppress(sqlite3.Error):
                connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
            if last:
                return
    finally:
        connection.close()
