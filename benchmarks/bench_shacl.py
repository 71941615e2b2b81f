"""SHACL validation time: pyshacl (mitoaki.validate) against the Oxigraph engine (shacl_oxigraph).

Run: ``python benchmarks/bench_shacl.py --build build [--copies 10,100] [--synthetic DIR]``.
Measures, on the release in ``--build`` and on larger graphs, the whole-KB validation by pyshacl
and by :mod:`mitoaki.shacl_oxigraph` (loading the store timed apart), and re-validating one study
(the study, its models, interventions and findings, and their annotations) with
``validate_focus``. Larger graphs are the release's KB copied ``--copies`` times (every record key
suffixed ``-c<i>``, the ontology once), and every release folder (``mitoaki-kb.nt`` and
``mitoaki-full.nt``) found in ``--synthetic`` (default ``/tmp/synthetic``) when it exists.
pyshacl runs only up to ``--pyshacl-max`` KB triples; where it runs, the two engines' results are
compared. Prints a Markdown table. Not part of the tests: timings belong to a machine.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import pyoxigraph as ox
import pyshacl
from rdflib import Graph

from mitoaki import shacl_oxigraph as engine
from mitoaki import validate
from mitoaki.namespaces import KB, expand

T = TypeVar("T")
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple
KB_FILE, FULL_FILE = "mitoaki-kb.nt", "mitoaki-full.nt"


@dataclass
class Dataset:
    """A knowledge base (as parsed quads) and the ontology it is validated with."""

    name: str
    kb: list[ox.Quad]
    ontology: list[ox.Quad]


def timed(action: Callable[[], T]) -> tuple[T, float]:
    """The result of ``action()`` and the seconds it took."""
    started = time.perf_counter()
    result = action()
    return result, time.perf_counter() - started


def parse(path: Path) -> list[ox.Quad]:
    """An N-Triples file as pyoxigraph quads (literals exactly as written)."""
    return list(ox.parse(path=str(path), format=ox.RdfFormat.N_TRIPLES))


def copied(kb: list[ox.Quad], copies: int) -> list[ox.Quad]:
    """``copies`` copies of the KB, each record key suffixed: ``kb:<kind>/<key>-c<i>/...``."""
    prefix = str(KB)

    def rename(term: Term, i: int) -> Term:
        if isinstance(term, ox.NamedNode) and term.value.startswith(prefix):
            parts = term.value[len(prefix) :].split("/")
            if len(parts) > 1:
                parts[1] += f"-c{i}"
            return ox.NamedNode(prefix + "/".join(parts))
        return term

    return [
        ox.Quad(rename(q.subject, i), q.predicate, rename(q.object, i))  # type: ignore[arg-type]
        for i in range(copies)
        for q in kb
    ]


def to_rdflib(quads: list[ox.Quad]) -> Graph:
    """Quads as an rdflib graph (for pyshacl)."""
    data = ox.serialize(
        [ox.Triple(q.subject, q.predicate, q.object) for q in quads], format=ox.RdfFormat.N_TRIPLES
    )
    return Graph().parse(data=data, format="nt")


def study_nodes(store: ox.Store, study: str) -> set[str]:
    """A study, its models, interventions and findings, and the nodes hanging off them."""
    model, intervention, reported = (
        expand(c) for c in ("MITOAKI:0000005", "MITOAKI:0000006", "MITOAKI:0000007")
    )
    query = (
        f"SELECT DISTINCT ?record WHERE {{ {{ BIND(<{study}> AS ?record) }} UNION "
        f"{{ <{study}> <{model}>|<{intervention}> ?record }} UNION "
        f"{{ ?record <{reported}> <{study}> }} }}"
    )
    records = [row[0].value for row in store.query(query)]  # type: ignore[union-attr]
    return engine.record_nodes(store, records)


def studies(store: ox.Store, count: int) -> list[str]:
    """``count`` studies spread over the sorted list of cited studies."""
    query = f"SELECT DISTINCT ?s WHERE {{ ?d <{expand('MITOAKI:0000020')}> ?s }}"
    found = sorted(row[0].value for row in store.query(query))  # type: ignore[union-attr]
    step = max(1, len(found) // count)
    return found[::step][:count]


Key = tuple[str, str, str, str, str]


def keys(results: list[validate.Result]) -> Counter[Key]:
    """The multiset of (severity, focus, path, message, shape)."""
    return Counter((r.severity, r.focus, r.path, r.message, r.shape) for r in results)


def measure(data: Dataset, pyshacl_max: int, focus_studies: int) -> str:
    """One Markdown row: sizes, timings and whether the engines agree."""
    store, load_s = timed(lambda: engine.data_store(data.kb, data.ontology))
    shapes = engine.default_shapes()
    (ours, _), ours_s = timed(lambda: engine.validate(store, shapes))
    focus_times, sizes = [], []
    for study in studies(store, focus_studies):
        started = time.perf_counter()
        nodes = study_nodes(store, study)
        engine.validate_focus(store, nodes, shapes)
        focus_times.append(time.perf_counter() - started)
        sizes.append(len(nodes))
    focus = f"{statistics.median(focus_times):.3f} ({statistics.median(sizes):.0f} nodes)"
    reference, same = "skipped", "-"
    if len(data.kb) <= pyshacl_max:
        kb, full = to_rdflib(data.kb), to_rdflib(data.ontology)
        (theirs, _), theirs_s = timed(lambda: validate.validate(kb, full))
        reference = f"{theirs_s:.2f}"
        same = "yes" if keys(theirs) == keys(ours) else "NO"
        speedup = f"{theirs_s / ours_s:.0f}x"
    else:
        speedup = "-"
    return (
        f"| {data.name} | {len(data.kb):,} | {len(ours)} | {reference} | {load_s:.2f} | "
        f"{ours_s:.2f} | {speedup} | {focus} | {same} |"
    )


def datasets(build: Path, copies: list[int], synthetic: Path) -> list[Dataset]:
    """The release, its copies, and the synthetic releases found."""
    kb, ontology = parse(build / KB_FILE), parse(build / FULL_FILE)
    found = [Dataset(f"release ({build})", kb, ontology)]
    found += [Dataset(f"release x{n}", copied(kb, n), ontology) for n in copies]
    if synthetic.is_dir():
        for folder in sorted({p.parent for p in synthetic.rglob(KB_FILE)}):
            if (folder / FULL_FILE).is_file():
                found.append(
                    Dataset(
                        f"synthetic {folder}", parse(folder / KB_FILE), parse(folder / FULL_FILE)
                    )
                )
    return found


def main() -> None:
    """Measure and print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--build", type=Path, default=Path("build"))
    parser.add_argument("--copies", default="10,100", help="comma-separated; '' for none")
    parser.add_argument("--synthetic", type=Path, default=Path("/tmp/synthetic"))
    parser.add_argument("--pyshacl-max", type=int, default=120_000)
    parser.add_argument("--focus-studies", type=int, default=5)
    args = parser.parse_args()
    copies = [int(n) for n in args.copies.split(",") if n.strip()]
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, {platform.python_implementation()}"
        f" {platform.python_version()}, pyoxigraph {ox.__version__}, pyshacl {pyshacl.__version__}"
    )
    print()
    print(
        "| data | KB triples | results | pyshacl s | store load s | Oxigraph engine s | speed-up "
        "| one study s | same results |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- | --- |")
    for data in datasets(args.build, copies, args.synthetic):
        print(measure(data, args.pyshacl_max, args.focus_studies), flush=True)


if __name__ == "__main__":
    main()
