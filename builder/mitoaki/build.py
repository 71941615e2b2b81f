"""The build pipeline, in the order it runs: read, classify, check, write the release.

:func:`build` reads the ontology and the records and makes the knowledge-base triples
(:func:`read_knowledge`), classifies the ontology with HermiT and makes its products, infers the
individuals' types and checks the knowledge base (rules, ``*-violation`` queries, the OWL 2 DL
profile, SHACL: :func:`check_knowledge`), then writes the release into a staging folder that
replaces the previous one only when every file is written (:func:`write_release`).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from concurrent.futures import Executor, Future, ProcessPoolExecutor, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph
from rdflib.namespace import OWL, RDF

from mitoaki.access.store import STORE_DIR, load_store
from mitoaki.check import engines, shards, validate
from mitoaki.core import parallel, serialize
from mitoaki.core.errors import RecordError
from mitoaki.core.namespaces import KB
from mitoaki.core.paths import data_dir
from mitoaki.kb import rules
from mitoaki.kb.triples import kb_triples, labels_of, to_kb_triples
from mitoaki.ontology import mappings, owlprofile, quality, reason
from mitoaki.ontology.tbox import TBox, load_tbox
from mitoaki.records.anchors import Resolved, resolve_file, tbox_lexicon
from mitoaki.records.grounding import check_terms
from mitoaki.records.loader import LoadedFile, check_integrity, load_records
from mitoaki.release import docs, figures, manifest, part_exports, products, void
from mitoaki.release.drafts import write_drafts

Progress = Callable[[str], None]
KB_FORMATS = ("ttl", "jsonld", "nt", "owl")
SSSOM_FILE = "mitoaki.sssom.tsv"
#: The N-Triples files of the release the OWL 2 DL profile check reads (the KB's by its sample).
PROFILED = ("mitoaki-base", "mitoaki-full", "mitoaki-kb")
TRIVIAL_TYPES = {OWL.Thing, OWL.NamedIndividual}


def _quiet(_: str) -> None:
    """Discard progress messages."""


@dataclass(frozen=True)
class BuildOptions:
    """What ``mitoaki build`` reads and where it writes."""

    out: Path = Path("build")
    ontology_dir: Path | None = None
    records_dir: Path | None = None
    corpus_dir: Path | None = None
    #: Machine-proposed records (``mitoaki extract --format yaml``), released in a named graph.
    drafts_dir: Path | None = None


@dataclass
class BuildReport:
    """What a build did: files written (relative to the release folder) and counts."""

    out: Path
    files: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)


def build(
    options: BuildOptions,
    *,
    progress: Progress = _quiet,
    report_results: list[validate.Result] | None = None,
) -> BuildReport:
    """Run the whole pipeline; the previous release stays in place unless every stage succeeds.

    SHACL results are appended to ``report_results`` (when given) before the gate, so a caller
    can show them even when the build fails on a violation.
    """
    with parallel.cyclic_gc_paused():
        return _build(options, progress, report_results if report_results is not None else [])


def _build(
    options: BuildOptions, progress: Progress, report_results: list[validate.Result]
) -> BuildReport:
    with ThreadPoolExecutor(max_workers=1) as hermit:  # Java on the other core meanwhile
        known = read_knowledge(options, progress, meanwhile=hermit)
        progress("classifying the ontology with HermiT (consistency, satisfiability)")
        assert known.reasoned is not None
        class_axioms, _ = split_inferences(known.reasoned.result().inferred)
    base = products.to_base(known.tbox)
    mapping_rows = mappings.to_mappings(known.merged)
    full = products.to_full(known.tbox, class_axioms + mappings.to_skos(mapping_rows))
    checked = check_knowledge(known, base, full, progress)
    report_results.extend(checked.results)
    validate.enforce(checked.results)
    report = BuildReport(out=options.out)
    report.counts.update(
        {
            "base triples": len(base),
            "full triples": len(full),
            "inferred class axioms": len(class_axioms),
            "records": sum(len(item.records.all_records()) for item in known.loaded),
            "anchors resolved": len(known.resolved),
            "knowledge-base triples": len(checked.kb),
            "inferred individual types": checked.individual_types,
            "SHACL warnings": len(checked.results),
        }
    )
    known.loaded.clear()  # counted and in the KB: the parsed records (0.9 GB at 100k) can go
    if checked.drafts is not None:
        progress("validating the draft records against the SHACL shapes")
        draft_results, _ = validate.validate(checked.drafts, full)
        report_results.extend(draft_results)
        validate.enforce(draft_results)
        report.counts["draft triples"] = len(checked.drafts)
    made = Products(base, full, checked.kb, checked.shacl_report, mapping_rows, checked.drafts)
    write_release(options, known, made, report, progress)
    return report


@dataclass
class Knowledge:
    """What the pipeline read: the ontology, the records and their knowledge-base triples."""

    tbox: TBox
    merged: Graph
    loaded: list[LoadedFile]
    resolved: dict[str, Resolved]
    kb: list[ox.Triple]
    drafts: list[ox.Triple] | None
    #: The KB's triples in parts that share no individual (:mod:`mitoaki.check.shards`).
    parts: list[list[ox.Triple]] = field(default_factory=list)
    #: The part of every record (its IRI): the exports are made in the same parts.
    owners: dict[str, int] = field(default_factory=dict)
    #: HermiT's classification of the ontology, when :func:`read_knowledge` started it.
    reasoned: Future[reason.Reasoned] | None = None


def read_knowledge(
    options: BuildOptions, progress: Progress = _quiet, *, meanwhile: Executor | None = None
) -> Knowledge:
    """Load the ontology and the records, check them, and build the knowledge-base triples.

    With ``meanwhile``, HermiT classifies the ontology on it (:func:`mitoaki.ontology.reason.check`,
    mostly Java) while this thread makes the triples: started once the records are read, since
    their parser forks worker processes, which must not happen while another thread runs.
    """
    progress("loading the ontology and its import modules")
    tbox = load_tbox(options.ontology_dir)
    merged = tbox.merged()
    progress("loading and checking the curated records")
    records_dir = options.records_dir or (options.ontology_dir or data_dir("ontology")) / "records"
    loaded = load_records(records_dir)
    reasoned = meanwhile.submit(reason.check, merged) if meanwhile is not None else None
    check_terms(loaded, merged)
    resolved: dict[str, Resolved] = {}
    if options.corpus_dir is not None:
        progress("resolving evidence anchors in the corpus")
        lexicon = tbox_lexicon(merged)
        for item in loaded:
            resolved.update(resolve_file(item, options.corpus_dir, lexicon))
    progress("building the knowledge-base graph")
    labels = labels_of(merged)
    plan = shards.plan(loaded)
    parts = [
        serialize.sort_triples(kb_triples([loaded[i] for i in part], labels, resolved))
        for part in plan
    ]
    kb = serialize.merge_parts(parts)
    drafts = _drafts(options, loaded, merged, progress) if options.drafts_dir else None
    owners = shards.owners(loaded, plan)
    return Knowledge(tbox, merged, loaded, resolved, kb, drafts, parts, owners, reasoned)


def _drafts(
    options: BuildOptions, curated: list[LoadedFile], merged: Graph, progress: Progress
) -> list[ox.Triple]:
    """The knowledge-base triples of the draft records, kept apart from the curated ones.

    Drafts are checked like curated records (schema, keys unique across both, terms, anchors)
    and must each say they are machine-proposed.
    """
    assert options.drafts_dir is not None
    progress("loading and checking the draft records")
    drafts = load_records(options.drafts_dir)
    check_integrity(curated + drafts)
    check_terms(drafts, merged)
    for item in drafts:
        for _, record in item.records.all_records():
            if not record.proposed_by:
                raise RecordError(
                    "a draft record must say who proposed it (proposed_by)",
                    path=item.where(record.key),
                    item=record.key,
                    rule="draft",
                )
    resolved: dict[str, Resolved] = {}
    lexicon = tbox_lexicon(merged)
    for item in drafts:  # in the text each names as its source, else in the corpus
        resolved.update(resolve_file(item, options.corpus_dir, lexicon))
    return to_kb_triples(drafts, labels_of(merged), resolved)


def split_inferences(inferred: Graph) -> tuple[Graph, Graph]:
    """Separate class-level inferences (for the ontology) from individual types (for the KB).

    Only types of the knowledge base's own individuals are kept: owlready2 also reports types
    for ontology terms used as puns (a measured process, a species), which are not individuals
    of this graph, and trivial types (``owl:Thing``).
    """
    tbox, abox = Graph(), Graph()
    for s, p, o in inferred:
        if p != RDF.type:
            tbox.add((s, p, o))
        elif not str(s).startswith(str(KB)):
            continue
        elif o not in TRIVIAL_TYPES:
            abox.add((s, p, o))
    return tbox, abox


@dataclass(frozen=True)
class CheckedKnowledge:
    """The knowledge base as released (with its inferred types) and what checking it found."""

    kb: list[ox.Triple]
    individual_types: int
    drafts: list[ox.Triple] | None
    #: the SHACL results (the gate is for the caller: :func:`mitoaki.check.validate.enforce`)
    results: list[validate.Result]
    shacl_report: Graph


def check_knowledge(
    known: Knowledge, base: Graph, full: Graph, progress: Progress = _quiet
) -> CheckedKnowledge:
    """Infer the individuals' types and check the KB: rules, quality, OWL 2 DL profile, SHACL.

    ``known``'s KB triples and parts are emptied as they are merged into the released KB.
    """
    parts = len(known.parts)
    progress(
        "materialising inferred types and validating (rules, *-violation queries, SHACL) "
        f"in {parts} part{'s' if parts != 1 else ''} of the knowledge base"
    )
    # HermiT on the ontology alone (seconds); the instance data by rules compiled from the same
    # axioms, which a differential test holds equal to HermiT's realisation of the curated KB
    compiled = rules.compile_ontology(known.merged)
    context = shards.Context.of(compiled, full, None)
    checked = shards.check(known.parts, context)
    known.parts.clear()
    individual_types = shards.typed(checked.types)
    drafts = None
    if known.drafts is not None:  # reasoned with the curated records, their types their own
        pairs = rules.infer_types([*known.kb, *known.drafts], compiled)
        draft_nodes = {t.subject.value for t in known.drafts}  # type: ignore[union-attr]
        drafts = serialize.sort_triples([*known.drafts, *shards.typed(pairs, draft_nodes)])
    # known.kb is sorted already and the inferred types are new triples: merge, do not re-sort
    kb_release = serialize.merge_sorted(known.kb, individual_types)
    known.kb.clear()  # kb_release holds them now; one list less to keep through the writing
    quality.enforce_violations(checked.quality_rows())
    results = checked.shacl_results()
    shacl_report = engines.report_graph(checked.shacl_rows(), context.shapes.graph)
    parallel.release_memory()
    return CheckedKnowledge(kb_release, len(individual_types), drafts, results, shacl_report)


@dataclass(frozen=True)
class Products:
    """What the release is written from: the ontology products, the KB and the reports."""

    base: Graph
    full: Graph
    kb: list[ox.Triple]
    shacl_report: Graph
    mappings: list[mappings.Mapping]
    drafts: list[ox.Triple] | None


def write_release(
    options: BuildOptions,
    known: Knowledge,
    made: Products,
    report: BuildReport,
    progress: Progress = _quiet,
) -> None:
    """Write every release file into a staging folder, swapped in only when all are written.

    The knowledge-base triples are released once their files are written (``made.kb`` is
    emptied): at scale they are the largest object of the build, and the rest of the release is
    made from those files and the query store.
    """
    version = products.version_of(known.tbox)
    with products.staged(options.out) as stage:
        _write_graphs(made, version, stage, report, progress)
        digests, merged = _write_parts(known.owners, made.full, stage, report, progress)
        progress("writing the dataset description and the manifest")
        report.files.append("void.ttl")
        distributions = void.distributions_of(report.files)
        notes = () if options.corpus_dir is not None else (void.ANCHORS_UNRESOLVED,)
        description = void.void_description(merged.void, version, distributions, notes=notes)
        serialize.write_turtle(description, stage / "void.ttl")
        report.files.append(manifest.MANIFEST)
        manifest.write_manifest(stage, known=digests, notes=notes)


def _write_graphs(
    made: Products, version: str, stage: Path, report: BuildReport, progress: Progress
) -> None:
    """Write the ontology products, the KB, the SHACL report, the mappings and the drafts."""
    for name, graph in (("mitoaki-base", made.base), ("mitoaki-full", made.full)):
        progress(f"writing {name}")
        formats = tuple(serialize.RdfFormat(ext) for ext in products.ONTOLOGY_FORMATS)
        for path in serialize.write_all(graph, stage / name, formats):
            report.files.append(path.name)
    progress("writing mitoaki-kb")
    stem, nt = stage / "mitoaki-kb", serialize.RdfFormat.NTRIPLES
    serialize.write_all_triples(made.kb, stem, (nt,))
    # the OWL API checks the written files on the other core while the rest are written
    with owlprofile.start_files(*(stage / f"{name}.nt" for name in PROFILED)) as profile:
        progress("writing mitoaki-kb's other formats (the OWL 2 DL profile checked meanwhile)")
        others = tuple(serialize.RdfFormat(ext) for ext in KB_FORMATS if ext != nt.value)
        serialize.write_all_triples(made.kb, stem, others)
        report.files += [f"{stem.name}.{ext}" for ext in KB_FORMATS]
        made.kb.clear()  # written: the rest of the release reads the files and the store
        parallel.release_memory()
        serialize.write_turtle(made.shacl_report, stage / validate.REPORT_FILE)
        report.files.append(validate.REPORT_FILE)
        progress("writing SSSOM mappings and the JSON-LD context")
        products.write_context(stage / "context.jsonld")
        mappings.write_sssom(made.mappings, version, stage / SSSOM_FILE)
        report.files += [SSSOM_FILE, "context.jsonld"]
        report.counts["mappings"] = len(made.mappings)
        if made.drafts is not None:
            report.files += write_drafts(made.drafts, stage)
        progress(
            "waiting for the OWL 2 DL profile check (OWL API) of mitoaki-base, -full, -full + -kb"
        )
        owlprofile.enforce(profile.violations())


def _write_parts(
    owners: dict[str, int], full: Graph, stage: Path, report: BuildReport, progress: Progress
) -> tuple[dict[str, str], part_exports.Merged]:
    """The products made from the KB file part by part, and the query store, figures and pages.

    Nanopublications, KGX, framed studies and pages are made in workers while this process loads
    the query store and draws the figures; returns the digests of the files the workers wrote
    and what merging their parts wrote. The store is closed on return.
    """
    indexes = sorted(set(owners.values()))
    workers = parallel.workers(len(indexes))
    groups = [indexes[k::workers] for k in range(workers)]
    with (  # the workers end (the pool) before their scratch folder goes
        tempfile.TemporaryDirectory(prefix=".parts-", dir=stage) as scratch,
        ProcessPoolExecutor(max_workers=len(groups), mp_context=parallel.context()) as pool,
    ):
        futures = [
            pool.submit(part_exports.export_parts, stage, owners, group, Path(scratch))
            for group in groups
        ]
        progress(
            "loading the query store (nanopublications, KGX, framed studies and pages of "
            f"{len(indexes)} part{'s' if len(indexes) != 1 else ''} in workers)"
        )
        store = load_store(stage, stage / STORE_DIR)
        progress("drawing the figures")
        for path in figures.write_figures(store, stage):
            report.files.append(path.relative_to(stage).as_posix())
        progress("waiting for the parts' nanopublications, KGX, framed studies and pages")
        together = part_exports.PartExports()
        for future in futures:
            together.add(future.result())
        progress("writing the nanopublications, the KGX files and the front pages")
        written = part_exports.write_merged(together, full, stage, Path(scratch))
        report.files += written.files
        report.counts["nanopublications"] = written.nanopublications
        for path in docs.write_front(store, stage, together.studies):
            report.files.append(path.relative_to(stage).as_posix())
    return together.digests, written
