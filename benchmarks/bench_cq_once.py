"""Time every competency question once on a release's store, each in its own process, capped.

    python benchmarks/bench_cq_once.py BUILD_DIR [--timeout 60]

For large releases where ``bench_scale.py``'s repeated runs take too long: one run per question
in a subprocess (a query that runs away is killed at the cap), rows and seconds printed as a
Markdown table.
"""

from __future__ import annotations

import argparse
import subprocess
import sys

RUN = """
import sys, time
import pyoxigraph as ox
from mitoaki.access.query import ask
store = ox.Store.read_only(sys.argv[1])
started = time.perf_counter()
rows = ask(sys.argv[2], store)
print(len(rows), round(time.perf_counter() - started, 3))
"""


def main() -> None:
    """Print a table: question, rows, seconds (or the cap)."""
    from mitoaki.access.questions import questions

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", help="release folder (its store/ is opened read-only)")
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    print("| question | rows | seconds |\n| --- | --- | --- |")
    for name in sorted(questions()):
        command = [sys.executable, "-c", RUN, f"{args.build}/store", name]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=args.timeout)
            rows, seconds = [*done.stdout.split(), "", "error"][:2]
            print(f"| {name} | {rows} | {seconds} |", flush=True)
        except subprocess.TimeoutExpired:
            print(f"| {name} | | > {args.timeout:.0f} |", flush=True)


if __name__ == "__main__":
    main()
