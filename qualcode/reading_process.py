"""Read a big import's files in a second process, ahead of the process storing them."""

from __future__ import annotations

import os
import pickle
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Protocol

from qualcode.errors import QualcodeError
from qualcode.import_read import FileRead, read_in_turn
from qualcode.reader_worker import unpacked

# Reading and parsing is Python: on a thread it takes turns with the storing (also Python)
# for the one interpreter lock, and the storing then waits for the lock after each statement.
# In a process of its own it runs on another core; below about 2 MB of files, starting that
# process (0.08 s) costs more than it saves.
PROCESS_BYTES = 2_000_000
# Bytes of files read and waiting to be sent, at most (besides what the pipe holds): how far
# the reader runs ahead of the storing. Enough for the reader to use the storing process's
# start-up (0.5 s) and each batch's commit: the storing takes a batch at a time.
AHEAD_BYTES = 32_000_000
PIPE_BYTES = 1 << 20  # Linux lets a pipe hold this much, so the reader blocks less often
# The reader's first lines: Ctrl-C is the parent's to handle (it then stops the reader), and
# the reader finds qualcode and its libraries where the parent did, wherever it is run from.
_BOOT = (
    "import signal; signal.signal(signal.SIGINT, signal.SIG_IGN)\n"
    "import pickle, sys\n"
    "sys.path[:] = pickle.load(sys.stdin.buffer)\n"
    "from qualcode.reader_worker import serve\n"
    "serve(sys.stdin.buffer, sys.stdout.buffer)\n"
)


class Reading(Protocol):
    """Each file read, in the order given; `close` stops whatever reads them."""

    def __iter__(self) -> Iterator[FileRead]: ...

    def __next__(self) -> FileRead: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class EarlyReading:
    """The interview files named to `qualcode import`, being read since before the project was
    opened (the command module starts it, the command's work takes it if the files match)."""

    files: list[Path]
    speakers: dict[str, str]
    reading: Reading

    def holds(self, files: list[Path], speakers: dict[str, str]) -> bool:
        """Whether these are the files to import, read with these speaker labels."""
        return files == self.files and speakers == self.speakers


class ReaderStopped(QualcodeError):
    """The process reading the files ended before it had read them all."""


def read_ahead(files: list[Path], speakers: dict[str, str] | None) -> Reading:
    """The files read in a second process when there are enough of them, else here."""
    if len(files) >= 2 and _total_bytes(files) >= PROCESS_BYTES and can_start_process():
        return ReadingProcess(files, speakers)
    return read_in_turn(files, speakers)


def can_start_process() -> bool:
    """Whether a second process can read while this one stores: not with one core (it would
    only add its start-up), nor where no Python can be started (embedded, frozen)."""
    if not sys.executable or getattr(sys, "frozen", False):
        return False
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return (cores or 1) >= 2


def _total_bytes(files: list[Path]) -> int:
    total = 0
    for path in files:
        try:
            total += path.stat().st_size
        except (OSError, ValueError):  # reported as the file's failure when it is read
            continue
        if total >= PROCESS_BYTES:
            break
    return total


class ReadingProcess:
    """The files read by a second Python process, received in order as they are asked for.

    A file's QualcodeError or OSError comes back as its failed outcome, as it does when read
    here; any other exception is raised again here. A reader that ends early (killed, out of
    memory) raises ReaderStopped once the files it did send are used up.
    """

    def __init__(
        self, files: list[Path], speakers: dict[str, str] | None, ahead: int = AHEAD_BYTES
    ):
        self._total = len(files)
        self._received = 0
        self._done = False
        self._process = subprocess.Popen(
            # File names decode as they do here, PYTHONUTF8 or not (-I ignores it).
            [sys.executable, "-I", "-X", f"utf8={sys.flags.utf8_mode}", "-c", _BOOT],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,  # the reader reports through its results, never here
        )
        assert self._process.stdin is not None and self._process.stdout is not None
        self._results: IO[bytes] = self._process.stdout
        _widen(self._results)
        # Sent from a thread: a long list of files would fill the pipe and wait for the reader
        # to start, which is the time this process needs to open the project.
        job = (_search_path(), (files, speakers, ahead))
        self._sender = threading.Thread(
            target=_send_job, args=(self._process.stdin, job), name="qualcode-read-job"
        )
        self._sender.daemon = True
        self._sender.start()

    @property
    def pid(self) -> int:
        """The reader's process id."""
        return self._process.pid

    def __iter__(self) -> Iterator[FileRead]:
        return self

    def __next__(self) -> FileRead:
        if self._done:
            raise StopIteration
        try:
            item = pickle.load(self._results)
        except (EOFError, pickle.UnpicklingError, OSError):
            self._stop()
            raise self._stopped() from None
        if isinstance(item, tuple):
            self._received += 1
            return unpacked(item)
        self._stop()
        if isinstance(item, BaseException):
            raise item
        raise StopIteration

    def close(self) -> None:
        """Stop the reader (if still reading) and wait for it to end."""
        self._stop()

    def _stop(self) -> None:
        self._done = True
        if self._process.poll() is None and self._received < self._total:
            self._process.kill()
        self._results.close()
        self._process.wait()
        self._sender.join()

    def _stopped(self) -> ReaderStopped:
        code = self._process.returncode
        how = f"exit status {code}"
        if code is not None and code < 0:
            how = f"stopped by {_signal_name(-code)}"
        return ReaderStopped(
            f"the process reading the files ended unexpectedly ({how}) after sending "
            f"{self._received} of {self._total} files; the files reported as imported are "
            "stored whole, the others are not: import again to add them (files already "
            "stored are skipped as duplicates)"
        )


def _signal_name(number: int) -> str:
    try:
        return signal.Signals(number).name
    except ValueError:
        return f"signal {number}"


def _search_path() -> list[str]:
    """Where the reader finds modules: first the qualcode this process runs (an editable
    install's may be found by a finder, not on the path), then this process's path."""
    import qualcode

    return [str(Path(qualcode.__file__).parent.parent), *sys.path]


def _widen(pipe: IO[bytes]) -> None:
    try:
        import fcntl

        fcntl.fcntl(pipe.fileno(), fcntl.F_SETPIPE_SZ, PIPE_BYTES)
    except (ImportError, AttributeError, OSError):  # not Linux, or over the system's limit
        pass


def _send_job(pipe: IO[bytes], job: tuple[list[str], object]) -> None:
    search_path, work = job
    try:
        with pipe:
            pickle.dump(search_path, pipe)
            pickle.dump(work, pipe, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError:  # the reader ended; the results say so
        pass
