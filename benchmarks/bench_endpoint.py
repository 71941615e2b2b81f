"""Load the SPARQL endpoint: N concurrent clients x M queries on loopback; errors and latency.

Run: ``python benchmarks/bench_endpoint.py --build build [--clients 50] [--queries 200]``. Starts
``mitoaki serve`` on a free loopback port, sends the competency questions round-robin from each
client, and prints errors, throughput and latency percentiles for BENCHMARKS.md.
"""

from __future__ import annotations

import argparse
import socket
import statistics
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from mitoaki.query import bindings, questions


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def main() -> None:
    """Run the load and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    # questions without parameters, or with their defaults written into the text
    texts = [q.text for q in questions().values() if not bindings(q, {})]
    texts += ["SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "ASK { ?s a ?c }"]
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mitoaki", "serve", "--build", str(args.build), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/sparql"
    try:
        for _ in range(150):
            try:
                urllib.request.urlopen(base, timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)

        def client(index: int) -> tuple[int, list[float]]:
            errors, latencies = 0, []
            for i in range(args.queries):
                query = texts[(index + i) % len(texts)]
                url = f"{base}?{urllib.parse.urlencode({'query': query})}"
                started = time.perf_counter()
                try:
                    with urllib.request.urlopen(url, timeout=60) as response:
                        response.read()
                        errors += response.status != 200
                except OSError:
                    errors += 1
                latencies.append((time.perf_counter() - started) * 1000)
            return errors, latencies

        started = time.perf_counter()
        with ThreadPoolExecutor(max_workers=args.clients) as pool:
            results = list(pool.map(client, range(args.clients)))
        elapsed = time.perf_counter() - started
    finally:
        server.terminate()
        server.wait(timeout=10)
    latencies = sorted(x for _, lats in results for x in lats)
    errors = sum(e for e, _ in results)
    total = len(latencies)
    print(
        f"{args.clients} clients x {args.queries} queries = {total} requests in "
        f"{elapsed:.1f} s ({total / elapsed:.0f} req/s), {errors} errors"
    )
    print(
        f"latency ms: median {statistics.median(latencies):.1f}, "
        f"p95 {latencies[int(0.95 * (total - 1))]:.1f}, max {latencies[-1]:.1f}"
    )


if __name__ == "__main__":
    main()
