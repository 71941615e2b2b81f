"""SHACL engines side by side on synthetic releases: the gate, the fallback, pyshacl and others.

Run: ``python benchmarks/bench_shacl.py --sizes 1000 10000 100000 [--work /tmp/bench-shacl]``.
For each size it writes that many synthetic studies (``synth.py``) and builds their release with
``mitoaki.build.build`` (no corpus) under ``--work`` unless it is there already; then each engine
validates the release's knowledge base in a fresh subprocess (so its peak memory is its own):

- ``gate``: :func:`mitoaki.check.validate.validate` on the ``shacl`` engine, from reading
  ``mitoaki-kb.nt`` and ``mitoaki-full.nt`` to the results with their record ``file:line``;
- ``shacl-rust``: the same on the fallback (its interned index); ``pyshacl``: the same on the
  reference;
- ``shacl (package alone)``: ``shacl.Shapes.validate_file`` on the data graph written as one
  N-Triples file, what the gate costs without the project's code around it.

Each run is stopped after ``--timeout`` seconds (shown as ``> N s``); an engine stopped at one
size is not run at larger sizes. Each engine's results are compared with the gate's (``same``).
The gate also re-validates one study (:func:`mitoaki.check.validate.validate_focus`, median of 5,
its
store loaded apart). Prints a Markdown table; results go to ``<out>/shacl-engines.json``.
Not part of the tests: timings belong to a machine.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
KB_FILE, FULL_FILE = "mitoaki-kb.nt", "mitoaki-full.nt"
ENGINES = ("gate", "shacl-rust", "pyshacl", "shacl (package alone)")


def peak_mb() -> float:
    """Peak resident memory of this process, in MiB.

    ``VmHWM`` of its own memory map: ``getrusage`` would count the parent's peak at the fork
    (Linux keeps ``ru_maxrss`` across ``exec``), and the parent may have just built a release.
    """
    status = Path("/proc/self/status")
    if status.is_file():
        for line in status.read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def cpu_s() -> float:
    """Processor seconds of this process so far, every thread's (user and system)."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def release(size: int, work: Path) -> Path:
    """The release of ``size`` synthetic studies, built once under ``work``."""
    out = work / f"release-{size}"
    if (out / KB_FILE).is_file():
        return out
    sys.path.insert(0, str(HERE))
    import synth

    from mitoaki.build import BuildOptions, build

    records = work / f"records-{size}"
    if not records.is_dir():
        synth.write_records(size, records)
    build(BuildOptions(out=out, records_dir=records))
    return out


def _data_file(folder: Path) -> Path:
    """The data graph (KB and the ontology's part) as one N-Triples file, for the raw engines."""
    import pyoxigraph as ox
    from rdflib import Graph

    from mitoaki.check.validate import tbox_triples

    path = folder / "data-graph.nt"
    if not path.is_file():
        tbox = tbox_triples(Graph().parse(folder / FULL_FILE, format="nt"))
        with path.open("wb") as out:
            out.write((folder / KB_FILE).read_bytes())
            ox.serialize(tbox, out, format=ox.RdfFormat.N_TRIPLES)
    return path


def worker(engine: str, folder: Path) -> dict[str, Any]:
    """Validate the release in ``folder`` with ``engine``; seconds, results, peak memory."""
    from mitoaki.check.validate import SHAPES_FILE
    from mitoaki.core.paths import data_dir

    shapes_path = data_dir("shapes") / SHAPES_FILE
    started, cpu = time.perf_counter(), cpu_s()
    if engine in ("gate", "shacl-rust", "pyshacl"):
        from rdflib import Graph

        from mitoaki.check.validate import validate

        full = Graph().parse(folder / FULL_FILE, format="nt")
        kb = folder / KB_FILE
        results, _ = validate(kb, full, engine="shacl" if engine == "gate" else engine)
        found = sorted(f"{r.severity} {r.focus} {r.path} {r.message}" for r in results)
    else:
        data = _data_file(folder)
        started, cpu = time.perf_counter(), cpu_s()
        import shacl

        report = shacl.Shapes.from_file(str(shapes_path)).validate_file(str(data))
        found = [r.component for r in report.results]
    return {
        "seconds": time.perf_counter() - started,
        "cpu_s": cpu_s() - cpu,
        "results": found,
        "peak_mb": peak_mb(),
    }


def focus_worker(folder: Path, studies: int = 5) -> dict[str, Any]:
    """One study re-validated by the gate (median of ``studies``), its store loaded apart."""
    import pyoxigraph as ox
    from rdflib import Graph

    from mitoaki.check.validate import record_nodes, tbox_triples, validate_focus
    from mitoaki.core.namespaces import expand
    from mitoaki.core.stores import to_store

    full = Graph().parse(folder / FULL_FILE, format="nt")
    started = time.perf_counter()
    store = to_store(ox.parse(path=str(folder / KB_FILE), format=ox.RdfFormat.N_TRIPLES), full)
    loaded = time.perf_counter() - started
    tbox = tbox_triples(full)
    cited = f"SELECT DISTINCT ?s WHERE {{ ?d <{expand('MITOAKI:0000020')}> ?s }}"
    found = sorted(row[0].value for row in store.query(cited))  # type: ignore[union-attr]
    model, intervention, reported = (
        expand(c) for c in ("MITOAKI:0000005", "MITOAKI:0000006", "MITOAKI:0000007")
    )
    times, sizes = [], []
    for study in found[:: max(1, len(found) // studies)][:studies]:
        query = (
            f"SELECT DISTINCT ?record WHERE {{ {{ BIND(<{study}> AS ?record) }} UNION "
            f"{{ <{study}> <{model}>|<{intervention}> ?record }} UNION "
            f"{{ ?record <{reported}> <{study}> }} }}"
        )
        started = time.perf_counter()
        records = [row[0].value for row in store.query(query)]  # type: ignore[union-attr]
        nodes = record_nodes(store, records)
        validate_focus(store, nodes, tbox)
        times.append(time.perf_counter() - started)
        sizes.append(len(nodes))
    return {
        "store_load_s": loaded,
        "one_study_s": statistics.median(times),
        "nodes": statistics.median(sizes),
    }


def run_worker(args: list[str], timeout: float) -> dict[str, Any] | None:
    """Run the script in worker mode in a subprocess; None when stopped after ``timeout``."""
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    except subprocess.CalledProcessError as error:
        return {"error": error.stderr.strip().splitlines()[-1] if error.stderr else "failed"}
    return json.loads(done.stdout.strip().splitlines()[-1])  # type: ignore[no-any-return]


def cell(result: dict[str, Any] | None, gate: dict[str, Any] | None, timeout: float) -> str:
    """One table cell: seconds (processor seconds), peak MiB, whether the results are the gate's."""
    if result is None:
        return f"> {timeout:.0f} s (stopped)"
    if "error" in result:
        return f"failed: {result['error'][:60]}"
    if gate is None or result is gate or "error" in gate:
        same = ""
    elif all(" " in r for r in result["results"]):
        same = ", same" if result["results"] == gate["results"] else ", DIFFERENT"
    else:
        same = ", same count" if len(result["results"]) == len(gate["results"]) else ", DIFFERENT"
    return (
        f"{result['seconds']:.2f} s ({result['cpu_s']:.2f} s cpu), "
        f"{result['peak_mb']:.0f} MiB{same}"
    )


def main() -> None:
    """Build what is missing, measure every engine at every size, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "bench-shacl")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--release", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        result = focus_worker(args.release) if args.worker == "focus" else None
        print(json.dumps(result or worker(args.worker, args.release)))
        return
    args.work.mkdir(parents=True, exist_ok=True)
    engines = ENGINES
    stopped: set[str] = set()
    rows: dict[int, dict[str, Any]] = {}
    for size in args.sizes:
        folder = release(size, args.work)
        row: dict[str, Any] = {"triples": sum(1 for _ in (folder / KB_FILE).open("rb"))}
        for engine in engines:
            if engine in stopped:
                row[engine] = "not run (stopped at a smaller size)"
                continue
            row[engine] = run_worker(["--worker", engine, "--release", str(folder)], args.timeout)
            if row[engine] is None:
                stopped.add(engine)
        row["focus"] = run_worker(["--worker", "focus", "--release", str(folder)], args.timeout)
        rows[size] = row
        print(f"size {size} done", file=sys.stderr, flush=True)
    commit = subprocess.run(
        ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=HERE
    ).stdout.strip()
    print(
        f"{datetime.date.today()}, commit {commit}, {platform.machine()}, {os.cpu_count()} cores, "
        f"CPython {platform.python_version()}; "
        + ", ".join(f"{p} {version(p)}" for p in ("shacl", "shacl-rust", "pyshacl", "pyoxigraph"))
    )
    print()
    print("| engine | " + " | ".join(f"{s:,} studies" for s in rows) + " |")
    print("| --- |" + " --- |" * len(rows))
    print("| KB triples | " + " | ".join(f"{r['triples']:,}" for r in rows.values()) + " |")
    for engine in engines:
        cells = []
        for r in rows.values():
            value = r[engine]
            gate = r["gate"] if isinstance(r["gate"], dict) else None
            cells.append(value if isinstance(value, str) else cell(value, gate, args.timeout))
        print(f"| {engine} | " + " | ".join(cells) + " |")
    focus = [r["focus"] for r in rows.values()]
    print(
        "| gate: one study re-validated | "
        + " | ".join(
            f"{f['one_study_s']:.3f} s ({f['nodes']:.0f} nodes; store {f['store_load_s']:.1f} s)"
            if f and "error" not in f
            else str(f)
            for f in focus
        )
        + " |"
    )
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "shacl-engines.json").write_text(json.dumps(rows, indent=1, default=str) + "\n")


if __name__ == "__main__":
    main()
