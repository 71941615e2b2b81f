"""Latency of every competency question on a release: mitoaki's path against raw pyoxigraph.

Run: ``python benchmarks/bench_queries.py --build build [--repeat 30]``. Prints a Markdown table
(median and p95 in milliseconds, and the ratio to the same SPARQL run directly on pyoxigraph) to
paste into BENCHMARKS.md. Not part of the tests: timings belong to a machine, not to a build.
"""

from __future__ import annotations

import argparse
import platform
import statistics
import time
from pathlib import Path

import pyoxigraph as ox

from mitoaki.query import ask, bindings, questions
from mitoaki.store import open_release


def percentile(values: list[float], fraction: float) -> float:
    """The ``fraction`` quantile of ``values`` (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    started = time.perf_counter()
    store = open_release(args.build)
    opened = (time.perf_counter() - started) * 1000
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, pyoxigraph {ox.__version__}"
    )
    print(f"store opened in {opened:.1f} ms\n")
    print("| question | rows | median ms | p95 ms | raw pyoxigraph median ms | ratio |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, question in questions().items():
        ours, raw, count = [], [], 0
        subs = bindings(question, {})
        for _ in range(args.repeat):
            t0 = time.perf_counter()
            count = len(ask(name, store))
            ours.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            result = store.query(question.text, substitutions=subs)
            for _ in result:  # type: ignore[union-attr]
                pass
            raw.append((time.perf_counter() - t0) * 1000)
        median, base = statistics.median(ours), statistics.median(raw)
        print(
            f"| {name} | {count} | {median:.2f} | {percentile(ours, 0.95):.2f} | "
            f"{base:.2f} | {median / base if base else 0:.2f} |"
        )


if __name__ == "__main__":
    main()
