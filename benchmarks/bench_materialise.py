"""Individual types at scale: the compiled SPARQL rules (mitoaki.kb.rules) against HermiT.

Run: ``python benchmarks/bench_materialise.py [--copies 1 10 50 100] [--hermit-max 10]``.
The real knowledge base (built as ``mitoaki build`` builds it, anchors resolved when the corpus is
present) is replicated ``n`` times with renamed IRIs (``kb:<path>`` -> ``kb:r<i>/<path>``), so
each copy is an independent set of individuals with the real shape. For each size it prints the
time to load the N-Triples into Oxigraph, the time of :func:`mitoaki.kb.rules.materialise`
(saturation, consistency checks, reading the types, cleaning the store) and, up to
``--hermit-max`` copies, the time HermiT takes through owlready2 as ``build.py`` runs it, and
whether both give the same triples (HermiT needs about 6 minutes at 10 copies on a 2-core
machine and grows faster than linearly). Not part of the tests: timings belong to a machine.
"""

from __future__ import annotations

import argparse
import platform
import time
from collections.abc import Callable
from typing import TypeVar

import pyoxigraph as ox
from rdflib import Graph

from mitoaki import build
from mitoaki.core.namespaces import KB
from mitoaki.core.paths import default_corpus
from mitoaki.kb import rules
from mitoaki.kb.triples import to_graph
from mitoaki.ontology import reason

T = TypeVar("T")


def timed(step: Callable[[], T]) -> tuple[T, float]:
    """The result of ``step()`` and the seconds it took."""
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def real_kb() -> tuple[Graph, Graph]:
    """The merged TBox and the knowledge base, as the build makes them."""
    known = build.read_knowledge(build.BuildOptions(corpus_dir=default_corpus()))
    return known.merged, to_graph(known.kb)


def replicate(ntriples: str, copies: int) -> bytes:
    """``copies`` renamed copies of the knowledge base's N-Triples."""
    base = str(KB)
    return "".join(ntriples.replace(base, f"{base}r{i}/") for i in range(copies)).encode()


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 50, 100])
    parser.add_argument("--hermit-max", type=int, default=10)
    args = parser.parse_args()
    merged, kb = real_kb()
    text = kb.serialize(format="nt", encoding="utf-8").decode()
    compiled, compile_s = timed(lambda: rules.compile_ontology(merged))
    print(
        f"machine: {platform.machine()}, {platform.python_implementation()} "
        f"{platform.python_version()}, pyoxigraph {ox.__version__}"
    )
    print(f"knowledge base: {len(kb)} triples; ontology: {len(merged)} triples")
    print(f"compile + classify the ontology: {compile_s:.2f} s (once per build)\n")
    print("| copies | KB triples | load s | rules s | types | HermiT s | same as HermiT |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    base_types: Graph | None = None
    for copies in args.copies:
        data = replicate(text, copies)
        store = ox.Store()
        started = time.perf_counter()
        store.bulk_load(input=data, format=ox.RdfFormat.N_TRIPLES)
        load_s = time.perf_counter() - started
        triples = len(store)
        started = time.perf_counter()
        ours = rules.materialise(store, compiled)
        rules_s = time.perf_counter() - started
        if copies == 1:
            base_types = ours
        elif base_types is not None:  # every copy must get the types of the original
            assert len(ours) == copies * len(base_types), (len(ours), len(base_types))
        hermit_s, same = "-", "-"
        if copies <= args.hermit_max:
            graph = Graph().parse(data=data, format="nt")

            def hermit(graph: Graph = graph) -> Graph:
                return build.split_inferences(reason.check(merged + graph).inferred)[1]

            theirs, seconds = timed(hermit)
            hermit_s, same = f"{seconds:.1f}", "yes" if set(theirs) == set(ours) else "NO"
        print(
            f"| {copies} | {triples} | {load_s:.2f} | {rules_s:.2f} | {len(ours)} | "
            f"{hermit_s} | {same} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
