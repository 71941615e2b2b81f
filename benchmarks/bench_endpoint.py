"""Load the SPARQL endpoint: N concurrent clients x M queries on loopback; errors and latency.

Run: ``python benchmarks/bench_endpoint.py --build build [--clients 50] [--queries 200]
[--in-memory]``. Starts ``mitoaki serve`` on a free loopback port, sends the competency questions
round-robin from each client, and prints errors, throughput and latency percentiles for
BENCHMARKS.md. ``run_load`` is
also used by ``bench_scale.py``.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from mitoaki.access.binding import bindings
from mitoaki.access.questions import questions


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def load_texts() -> list[str]:
    """The queries sent: parameter-free competency questions, a full count and an ASK."""
    # questions without parameters, or with their defaults written into the text
    texts = [q.text for q in questions().values() if not bindings(q, {})]
    return [*texts, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "ASK { ?s a ?c }"]


def failure_text(failures: dict[str, int]) -> str:
    """`` (12 x 413, 3 x 503)``: failed requests by kind, or nothing when none failed."""
    if not failures:
        return ""
    return " (" + ", ".join(f"{n} x {kind}" for kind, n in sorted(failures.items())) + ")"


@dataclass(frozen=True)
class LoadResult:
    """What a load run measured: requests, wall time, errors and sorted latencies (ms)."""

    clients: int
    queries: int
    seconds: float
    errors: int
    latencies: list[float]
    ready_seconds: float
    #: Failed requests by what they got: an HTTP status ("413", "503"...) or "no answer".
    failures: dict[str, int] = field(default_factory=dict)

    @property
    def requests(self) -> int:
        """Requests sent."""
        return len(self.latencies)

    @property
    def throughput(self) -> float:
        """Requests per second."""
        return self.requests / self.seconds if self.seconds else 0.0

    @property
    def median(self) -> float:
        """Median latency in ms."""
        return statistics.median(self.latencies)

    @property
    def p95(self) -> float:
        """95th percentile latency in ms (nearest rank below)."""
        return self.latencies[int(0.95 * (self.requests - 1))]

    def lines(self) -> list[str]:
        """The two summary lines of BENCHMARKS.md."""
        return [
            f"{self.clients} clients x {self.queries} queries = {self.requests} requests in "
            f"{self.seconds:.1f} s ({self.throughput:.0f} req/s), {self.errors} errors"
            + failure_text(self.failures),
            f"latency ms: median {self.median:.1f}, p95 {self.p95:.1f}, "
            f"max {self.latencies[-1]:.1f}",
        ]


def run_load(
    build: Path, clients: int, queries: int, timeout: float = 60.0, in_memory: bool = False
) -> LoadResult:
    """Start ``mitoaki serve`` on ``build``, send the load, stop the server, return the figures."""
    texts = load_texts()
    port = free_port()
    started = time.perf_counter()
    command = [sys.executable, "-m", "mitoaki", "serve", "--build", str(build), "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--in-memory"] if in_memory else command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(1500):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        ready = time.perf_counter() - started

        def client(index: int) -> tuple[Counter[str], list[float]]:
            failures: Counter[str] = Counter()
            latencies = []
            for i in range(queries):
                query = texts[(index + i) % len(texts)]
                url = f"{base}?{urllib.parse.urlencode({'query': query})}"
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=timeout) as response:
                        response.read()
                        if response.status != 200:
                            failures[str(response.status)] += 1
                except urllib.error.HTTPError as error:
                    failures[str(error.code)] += 1
                except OSError:
                    failures["no answer"] += 1
                latencies.append((time.perf_counter() - started) * 1000)
            return failures, latencies

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=clients) as pool:
            results = list(pool.map(client, range(clients)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies = sorted(x for _, lats in results for x in lats)
    failures = sum((f for f, _ in results), Counter[str]())
    errors = sum(failures.values())
    return LoadResult(clients, queries, elapsed, errors, latencies, ready, dict(failures))


def main() -> None:
    """Run the load and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--in-memory", action="store_true", help="serve --in-memory")
    args = parser.parse_args()
    result = run_load(args.build, args.clients, args.queries, in_memory=args.in_memory)
    print("\n".join(result.lines()))


if __name__ == "__main__":
    main()
