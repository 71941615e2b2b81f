"""The KGX, framed-study and VoID exports on a large knowledge base held in a pyoxigraph store.

Run: ``python benchmarks/bench_exports.py [--studies 10000] [--work /tmp/s10k] [--verify 200]
[--old-rev 1c465dc --old-sample 100]``.

Without a full build (no reasoner, no SHACL): ``--studies`` synthetic studies are written with
``benchmarks/synth.py`` to ``WORK/records`` and their knowledge base (``mitoaki.kb.triples``, no
inferred
types) to ``WORK/kb.nt``, each only when missing. The N-Triples are loaded into a store twice: as
is (``Store.bulk_load``) and with the datatype records of :func:`mitoaki.access.store.to_store`
(the framed documents read them). ``--full`` names a release's ``mitoaki-full.ttl``; by default
the merged ontology stands in for it (the same terms, a few hundred triples fewer).

Printed for each step: wall-clock and CPU seconds (CPU is the figure to trust on a busy machine).
``--verify K`` frames K studies (spread over the set) with pyld too (:func:`mitoaki.release.frames.
frame_study`, on an rdflib graph of the study's neighbourhood) and checks the bytes are the same;
``--old-rev REV`` times the rdflib implementations of commit REV (read with ``git show``), the
framed documents on ``--old-sample`` studies, extrapolated. Not part of the tests: timings belong
to a machine.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pyoxigraph as ox
from rdflib import Graph, URIRef

from mitoaki.core.stores import to_store
from mitoaki.kb.triples import labels_of, to_kb_graph
from mitoaki.ontology.tbox import load_tbox
from mitoaki.records.loader import load_records
from mitoaki.release import frames, kgx, void
from mitoaki.release.framer import Framer

T = TypeVar("T")
ROOT = Path(__file__).resolve().parent.parent


def timed(label: str, step: Callable[[], T]) -> T:
    """Run ``step``, print its wall-clock and CPU seconds, return its result."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = step()
    print(
        f"{label:<44} {time.perf_counter() - wall:8.2f} s wall {time.process_time() - cpu:8.2f}"
        " s CPU",
        flush=True,
    )
    return result


def prepare(studies: int, work: Path) -> Path:
    """``WORK/kb.nt`` of ``studies`` synthetic studies, made when missing."""
    records, nt = work / "records", work / "kb.nt"
    if not records.is_dir():
        synth = ROOT / "benchmarks" / "synth.py"
        timed(
            "synthetic records",
            lambda: subprocess.run(
                [sys.executable, str(synth), str(studies), str(records)], check=True
            ),
        )
    if not nt.is_file():
        labels = labels_of(load_tbox().merged())
        graph = timed("knowledge base (rdflib)", lambda: to_kb_graph(load_records(records), labels))
        partial = nt.with_suffix(".nt.part")
        timed("kb.nt", lambda: graph.serialize(partial, format="nt", encoding="utf-8"))
        partial.replace(nt)
    return nt


def old_module(rev: str, name: str) -> types.ModuleType:
    """``mitoaki.<name>`` as it was at commit ``rev``."""
    source = subprocess.run(
        ["git", "show", f"{rev}:builder/mitoaki/{name}.py"],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    module = types.ModuleType(f"old_{name}")
    module.__dict__["__name__"] = f"old_{name}"
    exec(compile(source, f"{rev}:{name}.py", "exec"), module.__dict__)
    return module


def neighbourhood_graph(nt: Path, subjects: set[str]) -> Graph:
    """The triples of ``kb.nt`` about ``subjects``, as they are written (an rdflib graph)."""
    starts = tuple(f"<{s}> " for s in subjects)
    with nt.open(encoding="utf-8") as handle:
        lines = [line for line in handle if line.startswith(starts)]
    return Graph().parse(data="".join(lines), format="nt")


def verify(nt: Path, store: ox.Store, count: int) -> dict[str, Any]:
    """Frame ``count`` studies with pyld too; the studies whose bytes differ, pyld's seconds."""
    framer = Framer(store)
    studies = framer.studies()
    sample = studies[:: max(1, len(studies) // count)][:count]
    subjects = {s: set(framer.neighbourhood(s)) for s in sample}
    graph = timed(
        "  rdflib graph of the sampled neighbourhoods",
        lambda: neighbourhood_graph(nt, set().union(*subjects.values())),
    )
    documents = dict(frames.render(iter((s, framer.frame(s)) for s in sample)))
    differ, seconds = [], 0.0
    for study in sample:
        started = time.process_time()
        reference = frames.frame_study(graph, URIRef(study))
        seconds += time.process_time() - started
        text = json.dumps(reference, indent=2, ensure_ascii=False) + "\n"
        if text.encode("utf-8") != documents[study]:
            differ.append(study)
    return {"studies": len(sample), "differ": differ, "pyld_cpu_s_per_study": seconds / len(sample)}


def main() -> None:
    """Prepare the data, time each export, print the results."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--studies", type=int, default=10000)
    parser.add_argument("--work", type=Path, help="records and kb.nt (default: /tmp/s<N>)")
    parser.add_argument("--full", type=Path, help="a release's mitoaki-full.ttl")
    parser.add_argument("--verify", type=int, default=0, help="studies to check against pyld")
    parser.add_argument("--old-rev", help="time the rdflib implementations of this commit")
    parser.add_argument("--old-sample", type=int, default=100, help="studies framed the old way")
    args = parser.parse_args()
    work = args.work or Path(
        f"/tmp/s{args.studies // 1000}k" if args.studies >= 1000 else f"/tmp/s{args.studies}"
    )
    nt = prepare(args.studies, work)
    full = Graph().parse(args.full) if args.full else load_tbox().merged()
    print(
        f"{args.studies} studies, kb.nt {nt.stat().st_size / 1e6:.0f} MB, full {len(full)} triples"
    )
    plain = ox.Store()
    timed(
        "load: Store.bulk_load",
        lambda: plain.bulk_load(path=str(nt), format=ox.RdfFormat.N_TRIPLES),
    )
    recorded = timed(
        "load: store.to_store (datatype records)",
        lambda: to_store(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES)),
    )
    print(f"{len(plain)} triples")
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        timed("kgx.write_kgx_store", lambda: kgx.write_kgx_store(recorded, full, out))
        written = timed(
            "frames.write_frames_store", lambda: frames.write_frames_store(recorded, out)
        )
        print(f"  {len(written)} documents")
        timed("void.to_void_store", lambda: void.to_void_store(full, recorded, "v", written[:3]))
        if args.verify:
            print("verify:", verify(nt, recorded, args.verify))
        if args.old_rev:
            old(args, nt, full, out)


def old(args: argparse.Namespace, nt: Path, full: Graph, out: Path) -> None:
    """Time the rdflib implementations of ``--old-rev`` on an rdflib graph of the same triples."""
    old_kgx, old_frames = old_module(args.old_rev, "kgx"), old_module(args.old_rev, "frames")
    old_exports = old_module(args.old_rev, "exports")
    kb = timed("old: rdflib parse kb.nt", lambda: Graph().parse(nt, format="nt"))
    timed("old: kgx.write_kgx", lambda: old_kgx.write_kgx(kb, full, out))
    studies = old_frames.studies_of(kb)
    sample = studies[:: max(1, len(studies) // args.old_sample)][: args.old_sample]
    started = time.process_time()
    timed(
        f"old: frames, {len(sample)} studies",
        lambda: [old_frames.frame_study(kb, s) for s in sample],
    )
    per_study = (time.process_time() - started) / len(sample)
    print(
        f"  old frames: {per_study * 1000:.0f} ms CPU a study, "
        f"~{per_study * len(studies):.0f} s for {len(studies)}"
    )
    timed("old: exports.to_void", lambda: old_exports.to_void({"full": full, "kb": kb}, "v", ["x"]))


if __name__ == "__main__":
    main()
