"""The endpoint's query processes: one past its deadline is killed and replaced.

Queries run in worker processes (:class:`QueryWorkers`), each with its own read-only handle on
the store, because a query cannot be interrupted inside Oxigraph: a thread past its timeout ran
on to the end (a 30 s sort kept a core busy after its client had its 503, and the requests
behind it timed out in turn). A worker past the timeout is killed and another started in its
place.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

from mitoaki.access.protocol import Answer, Dataset, respond
from mitoaki.access.store import open_release
from mitoaki.core.errors import MitoakiError, ResourceError


def _work(build_dir: str, in_memory: bool, max_result_bytes: int, conn: Connection) -> None:
    """A worker process: open the store, say so, then answer queries until the pipe closes."""
    try:
        store = open_release(Path(build_dir), in_memory=in_memory)
    except MitoakiError as error:
        conn.send(str(error))
        return
    conn.send("")
    while True:
        try:
            text, accept, dataset = conn.recv()
        except (EOFError, OSError):  # the server has gone
            return
        conn.send(respond(store, text, accept, max_result_bytes, dataset))


class QueryWorkers:
    """Worker processes answering queries; one past its deadline is killed and replaced.

    Each worker opens the release itself (read-only, or loaded into memory with ``in_memory``:
    that memory once per worker). A request waits for an idle worker until its deadline, so a
    busy endpoint answers 503 instead of queueing without end.
    """

    def __init__(
        self, build_dir: Path, count: int, *, in_memory: bool, max_result_bytes: int
    ) -> None:
        self._args = (str(build_dir), in_memory, max_result_bytes)
        self._context = multiprocessing.get_context("spawn")  # no copy of a server's threads
        self._idle: queue.Queue[tuple[BaseProcess, Connection]] = queue.Queue()
        self._started: list[BaseProcess] = []
        self._lock = threading.Lock()  # over _started and _closed: requests replace workers
        self._closed = False
        starting = [self._spawn() for _ in range(max(1, count))]
        for process, conn in starting:
            self._ready(process, conn)

    def _spawn(self) -> tuple[BaseProcess, Connection]:
        ours, theirs = self._context.Pipe()
        process = self._context.Process(target=_work, args=(*self._args, theirs), daemon=True)
        with self._lock:
            if self._closed:
                raise ResourceError("the query workers are closed", rule="serve-worker")
            process.start()
            self._started.append(process)
        theirs.close()
        return process, ours

    def _ready(self, process: BaseProcess, conn: Connection) -> None:
        """Wait for a new worker to open the store; an error if it could not."""
        try:
            problem = conn.recv()
        except EOFError:
            problem = f"the query worker exited with code {process.exitcode}"
        if problem:
            self.close()
            raise ResourceError(problem, rule="serve-worker")
        self._idle.put((process, conn))

    def _replace(self) -> None:
        # closed meanwhile, or the store gone under a running server: nothing to serve it with
        with contextlib.suppress(ResourceError):
            self._ready(*self._spawn())

    def pids(self) -> list[int]:
        """The process ids of the workers running now."""
        with self._lock:
            return [p.pid for p in self._started if p.is_alive() and p.pid is not None]

    def ask(
        self, text: str, accept: str, deadline: float, dataset: Dataset = ((), ())
    ) -> Answer | None:
        """The answer of an idle worker, or None when the deadline (``time.monotonic``) passed."""
        try:
            process, conn = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            return None
        try:
            conn.send((text, accept, dataset))
            answer: Answer | None = None
            if conn.poll(max(0.0, deadline - time.monotonic())):
                answer = conn.recv()
        except (EOFError, OSError):  # the worker died (out of memory, killed): replace it
            self._stop(process)
            return 500, "text/plain", b"the query worker stopped"
        if answer is None:  # past the deadline: the query is stopped with its process
            self._stop(process)
            return None
        self._idle.put((process, conn))
        return answer

    def _stop(self, process: BaseProcess) -> None:
        process.kill()
        process.join()
        with self._lock:
            self._started.remove(process)
        threading.Thread(target=self._replace, daemon=True).start()

    def close(self) -> None:
        """Stop every worker (and start no more)."""
        with self._lock:
            self._closed = True
            stopping, self._started = self._started, []
        for process in stopping:
            process.kill()
            process.join()
