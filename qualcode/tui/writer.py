"""One background thread that commits the workbench's changes in order and reports back."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, TypeVar

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from qualcode.errors import QualcodeError
from qualcode.store.db import Project

T = TypeVar("T")
Soon = Callable[[Callable[[], None]], Any]


class Writer:
    """Runs each change in its own write transaction on one thread, first come first served.

    The UI never waits on the database (another process may hold the write lock); `done`
    and `failed` are called back on the UI's event loop, in the order changes were made.
    """

    def __init__(self, project: Project, call_soon: Soon) -> None:
        self._project = project
        self._call_soon = call_soon
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="qualcode-writer")
        self._pending: set[Future[Any]] = set()
        self.committed_at = 0.0

    def submit(
        self,
        work: Callable[[Session], T],
        done: Callable[[T], None],
        failed: Callable[[str], None],
    ) -> Future[T]:
        """Queue one change; it is committed before `done` is called with its result."""

        def run() -> T:
            with self._project.write() as session:
                result = work(session)
            self.committed_at = time.perf_counter()
            return result

        future = self._executor.submit(run)
        self._pending.add(future)

        def settle(future: Future[T]) -> None:  # on the UI's event loop
            self._pending.discard(future)
            try:
                result = future.result()
            except QualcodeError as exc:
                failed(str(exc))
            except SQLAlchemyError as exc:
                failed(f"not saved: database error ({str(exc).splitlines()[0]})")
            else:
                done(result)

        def finish(future: Future[T]) -> None:  # on the writer thread
            self._call_soon(lambda: settle(future))

        future.add_done_callback(finish)
        return future

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    async def drain(self) -> None:
        """Wait until every queued change is committed and its callback has run."""
        while self._pending:
            pending = [asyncio.wrap_future(f) for f in list(self._pending)]
            await asyncio.gather(*pending, return_exceptions=True)
        await asyncio.sleep(0)

    def close(self) -> None:
        """Finish queued changes, then stop the thread."""
        self._executor.shutdown(wait=True)
