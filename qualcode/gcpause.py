"""Cyclic garbage collection held off while a batch of short-lived objects is made."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def paused_gc() -> Iterator[None]:
    """Hold off cyclic garbage collection inside the block, then leave it as it was.

    A batch of scoring makes many short-lived objects, which refcounting frees; each few
    hundred of them set off a collection, and every tenth or so of those walks all live
    objects (a loaded pipeline has hundreds of thousands): a quarter of scoring's CPU time.
    Any cycles made in the block are found by the first collection after it.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def existing_objects_frozen() -> Iterator[None]:
    """Leave the objects that exist now out of the collector's passes inside the block (a
    forked worker then shares their pages untouched), and put them back after. When the
    caller froze them already (the CLI does once a command is loaded), they stay frozen."""
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()
