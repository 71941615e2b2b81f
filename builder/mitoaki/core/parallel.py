"""Worker processes for the independent parts of a build (two cores halve their wall time)."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import multiprocessing
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from multiprocessing.context import BaseContext


def context() -> BaseContext:
    """How to start a worker: fork where safe, else spawn.

    Fork is cheap and needs no ``if __name__ == "__main__"`` guard in the caller's script, but is
    unsafe in a process running other threads (a progress display holds locks): spawn there.
    """
    safe = os.name == "posix" and threading.active_count() == 1
    return multiprocessing.get_context("fork" if safe else "spawn")


def workers(tasks: int) -> int:
    """How many worker processes ``tasks`` independent tasks can use on this machine."""
    return max(1, min(os.cpu_count() or 1, tasks))


def release_memory() -> None:
    """Hand freed heap memory back to the operating system (glibc keeps it otherwise).

    The build frees its largest objects (the work store, the knowledge-base triples) before it
    starts a worker and loads the query store; without this the freed pages still count in the
    process's resident memory. A no-op where the C library has no ``malloc_trim``.
    """
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


@contextmanager
def cyclic_gc_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector for a block, then collect once.

    A build allocates millions of long-lived objects that form no cycles (records, triples);
    each full pass of the collector walks all of them, which cost a third of the time of building
    the knowledge base at 10k studies and grew faster than the data. Objects are still freed as
    soon as they are unreferenced; only cyclic garbage waits for the end of the block.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.collect()
