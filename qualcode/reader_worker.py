"""The reader process's side: read the files of a job, send each (packed) in order."""

from __future__ import annotations

import dataclasses
import os
import pickle
import sys
import threading
from collections import deque
from contextlib import suppress
from pathlib import Path
from typing import IO

from qualcode.import_read import FileRead, ImportOutcome, read_in_turn
from qualcode.ingest.types import PassageDraft, ReadDocument

READER_NICENESS = 10  # see _yield_to_storing
END = "end"


def serve(job: IO[bytes], results: IO[bytes]) -> None:
    """The reader's side: read the files of the job and send each result, in order."""
    files, speakers, ahead = pickle.load(job)
    _yield_to_storing()
    # Sending waits for the storing process to take what the pipe holds; a thread does it,
    # so the reading goes on meanwhile, and gets the interpreter lock back soon after.
    sys.setswitchinterval(0.001)
    frames = _Outbox(ahead)
    sender = threading.Thread(target=_send_frames, args=(frames, results), daemon=True)
    sender.start()
    reads = read_in_turn(files, speakers)
    while True:
        try:
            item: object = next(reads, END)
        except Exception as exc:  # a bug in a reader: raised again in the storing process
            item = exc
        if not isinstance(item, FileRead):
            frames.put(_frame(item))
            break
        frames.put(_frame(packed(item)))
    frames.put(None)
    sender.join()


# A ReadDocument's fields but its passages, which go as tuples.
_FIELDS = tuple(
    field.name for field in dataclasses.fields(ReadDocument) if field.name != "passages"
)
_Passage = tuple[int, int, str | None, dict[str, str] | None]
Packed = tuple[
    Path, tuple[str, ...], ImportOutcome | None, tuple[object, ...] | None, list[_Passage]
]


def packed(item: FileRead) -> Packed:
    """A file read as tuples and lists: pickled in a fifth of the time its dataclasses take,
    and unpickled and made again in under half (a tenth of a second for 40,000 passages)."""
    read = item.read
    if read is None:
        return (item.path, item.mapped, item.failure, None, [])
    fields = tuple(getattr(read, name) for name in _FIELDS)
    passages = [(p.start, p.end, p.speaker, p.meta or None) for p in read.passages]
    return (item.path, item.mapped, item.failure, fields, passages)


def unpacked(packed: Packed) -> FileRead:
    """The file read, made again from `packed`'s tuples."""
    path, mapped, failure, fields, passages = packed
    if fields is None:
        return FileRead(path, None, mapped, failure)
    drafts = [
        PassageDraft(start, end, speaker, meta or {}) for start, end, speaker, meta in passages
    ]
    values = dict(zip(_FIELDS, fields, strict=True))
    read = ReadDocument(**values, passages=drafts)  # type: ignore[arg-type]
    return FileRead(path, read, mapped)


def _yield_to_storing() -> None:
    """Run at a lower priority than the storing process: with a core free the reader runs
    at full speed; with one core left (another program busy), reading gives way to storing,
    and runs while the storing waits for it, rather than taking turns with it for the core
    (median 1.3-1.4x the floor instead of 1.7x at load 1.6, alternating runs)."""
    if hasattr(os, "nice"):
        with suppress(OSError):
            os.nice(READER_NICENESS)


def _frame(item: object) -> bytes:
    try:
        return pickle.dumps(item, protocol=pickle.HIGHEST_PROTOCOL)
    except Exception:  # an exception that cannot be pickled: its type and message
        return pickle.dumps(RuntimeError(f"{type(item).__name__}: {item}"))


class _Outbox:
    """Frames waiting to be sent, first in first out; `put` waits while they hold more than
    `limit` bytes (one frame, however big, is always let in)."""

    def __init__(self, limit: int) -> None:
        self._frames: deque[bytes | None] = deque()
        self._bytes = 0
        self._limit = limit
        self._changed = threading.Condition()

    def put(self, frame: bytes | None) -> None:
        size = len(frame or b"")
        with self._changed:
            while self._frames and self._bytes + size > self._limit:
                self._changed.wait()
            self._frames.append(frame)
            self._bytes += size
            self._changed.notify_all()

    def get(self) -> bytes | None:
        with self._changed:
            while not self._frames:
                self._changed.wait()
            frame = self._frames.popleft()
            self._bytes -= len(frame or b"")
            self._changed.notify_all()
            return frame


def _send_frames(frames: _Outbox, results: IO[bytes]) -> None:
    try:
        while (frame := frames.get()) is not None:
            results.write(frame)
            results.flush()
    except OSError:  # the storing process is gone: nobody wants the rest
        os._exit(1)
