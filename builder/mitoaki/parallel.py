"""Worker processes for the independent parts of a build (two cores halve their wall time)."""

from __future__ import annotations

import multiprocessing
import os
import threading
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
