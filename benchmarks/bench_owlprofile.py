"""Time the build's OWL 2 DL profile check on a release: the KB's sample, then the OWL API.

    python benchmarks/bench_owlprofile.py BUILD_DIR [--whole]

Reads a release's ``mitoaki-{base,full,kb}.nt`` and runs what ``mitoaki build`` runs in its
quality stage (:func:`mitoaki.ontology.owlprofile.check`), printing wall and CPU seconds of the
sample (in
this process) and of the check (the child process with the JVM). The JVM's peak memory is not
read here (a forked child's RSS counts its parent's pages until it execs): measure it with
``/usr/bin/time -f %M python -m mitoaki.ontology.owlprofile`` (BENCHMARKS.md).
``--whole`` also checks mitoaki-full + mitoaki-kb whole, as the tests do on the real release:
what the sample saves.
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph

from mitoaki.ontology import owlprofile


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def main() -> int:
    """Run the check on the release named on the command line and print its costs."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--whole", action="store_true")
    args = parser.parse_args()
    out: Path = args.build
    base = Graph().parse(out / "mitoaki-base.nt", format="nt")
    full = Graph().parse(out / "mitoaki-full.nt", format="nt")
    kb = list(ox.parse(path=str(out / "mitoaki-kb.nt"), format=ox.RdfFormat.N_TRIPLES))
    wall, cpu = time.perf_counter(), time.process_time()
    sample = owlprofile.sample(kb)
    print(
        f"sample: {len(sample)} of {len(kb)} KB triples in {time.perf_counter() - wall:.2f} s "
        f"({time.process_time() - cpu:.2f} s CPU)"
    )
    wall, children = time.perf_counter(), _children_cpu()
    found = owlprofile.check(base, full, kb)
    print(
        f"check (base, full, full + sample): {len(found)} violations in "
        f"{time.perf_counter() - wall:.2f} s ({_children_cpu() - children:.2f} s CPU in the child)"
    )
    if args.whole:
        wall, children = time.perf_counter(), _children_cpu()
        whole = owlprofile.check_files(
            {owlprofile.FULL_KB: [out / "mitoaki-full.nt", out / "mitoaki-kb.nt"]},
            memory_mb=4000,
        )
        print(
            f"check (full + whole KB): {len(whole)} violations in "
            f"{time.perf_counter() - wall:.2f} s ({_children_cpu() - children:.2f} s CPU)"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
