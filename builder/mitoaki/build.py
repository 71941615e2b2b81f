"""The build pipeline: TBox -> records -> anchors -> KB graph -> reason -> quality -> release."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from mitoaki import (
    docs,
    exports,
    figures,
    frames,
    kgx,
    mappings,
    quality,
    reason,
    release,
    serialize,
    validate,
)
from mitoaki.anchors import Resolved, resolve_file, tbox_lexicon
from mitoaki.grounding import check_terms
from mitoaki.kb import labels_of, to_graph, to_kb_graph, to_kb_triples
from mitoaki.loader import LoadedFile, RecordError, check_integrity, load_records
from mitoaki.namespaces import KB, bind_prefixes
from mitoaki.ontology import load_tbox
from mitoaki.paths import data_dir
from mitoaki.store import STORE_DIR, load_store

Progress = Callable[[str], None]
KB_FORMATS = ("ttl", "jsonld", "nt", "owl")
SSSOM_FILE = "mitoaki.sssom.tsv"
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


def _drafts(
    options: BuildOptions, curated: list[LoadedFile], merged: Graph, progress: Progress
) -> Graph:
    """The knowledge-base graph of the draft records, kept apart from the curated one.

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
    if options.corpus_dir is not None:
        lexicon = tbox_lexicon(merged)
        for item in drafts:
            resolved.update(resolve_file(item, options.corpus_dir, lexicon))
    return to_kb_graph(drafts, labels_of(merged), resolved)


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
    report_results = report_results if report_results is not None else []
    progress("loading the ontology and its import modules")
    tbox = load_tbox(options.ontology_dir)
    merged = tbox.merged()
    progress("loading and checking the curated records")
    records_dir = options.records_dir or (options.ontology_dir or data_dir("ontology")) / "records"
    loaded = load_records(records_dir)
    check_terms(loaded, merged)
    resolved: dict[str, Resolved] = {}
    if options.corpus_dir is not None:
        progress("resolving evidence anchors in the corpus")
        lexicon = tbox_lexicon(merged)
        for item in loaded:
            resolved.update(resolve_file(item, options.corpus_dir, lexicon))
    progress("building the knowledge-base graph")
    kb_triples = to_kb_triples(loaded, labels_of(merged), resolved)
    kb = to_graph(kb_triples)
    drafts = _drafts(options, loaded, merged, progress) if options.drafts_dir else None
    progress("classifying the ontology with HermiT (consistency, satisfiability)")
    class_axioms, _ = split_inferences(reason.check(merged).inferred)
    progress("realising the knowledge base with HermiT (consistency, individual types)")
    # a second run: owlready2 loses class-level results once ontology terms are also used as
    # individuals (puns), so classes come from the ontology alone and types from this run
    realised = merged + kb + drafts if drafts is not None else merged + kb
    _, individual_types = split_inferences(reason.check(realised).inferred)
    if drafts is not None:  # the drafts' inferred types stay with the drafts
        draft_nodes = set(drafts.subjects())
        for triple in list(individual_types):
            if triple[0] in draft_nodes:
                individual_types.remove(triple)
                drafts.add(triple)
    base = release.to_base(tbox)
    mapping_rows = mappings.to_mappings(merged)
    full = release.to_full(tbox, class_axioms + mappings.to_skos(mapping_rows))
    kb_release = bind_prefixes(Graph())
    for triple in kb + individual_types:
        kb_release.add(triple)
    kb_release_triples = serialize.sort_triples(
        [*kb_triples, *(serialize.to_ox(t) for t in individual_types)]
    )
    progress("running the *-violation quality checks")
    quality.enforce(quality.to_store(full + kb_release))
    progress("validating the knowledge base against the SHACL shapes")
    results, shacl_report = validate.validate(kb_release, full)
    report_results.extend(results)
    validate.enforce(results)
    report = BuildReport(out=options.out)
    report.counts.update(
        {
            "base triples": len(base),
            "full triples": len(full),
            "inferred class axioms": len(class_axioms),
            "records": sum(len(item.records.all_records()) for item in loaded),
            "anchors resolved": len(resolved),
            "knowledge-base triples": len(kb_release),
            "inferred individual types": len(individual_types),
        }
    )
    report.counts["SHACL warnings"] = len(results)
    if drafts is not None:
        progress("validating the draft records against the SHACL shapes")
        draft_results, _ = validate.validate(drafts, full)
        report_results.extend(draft_results)
        validate.enforce(draft_results)
        report.counts["draft triples"] = len(drafts)
    products = (
        ("mitoaki-base", base, release.ONTOLOGY_FORMATS),
        ("mitoaki-full", full, release.ONTOLOGY_FORMATS),
    )
    with release.staged(options.out) as stage:
        for name, graph, extensions in products:
            progress(f"writing {name}")
            formats = tuple(serialize.RdfFormat(ext) for ext in extensions)
            for path in serialize.write_all(graph, stage / name, formats):
                report.files.append(path.name)
        progress("writing mitoaki-kb")
        formats = tuple(serialize.RdfFormat(ext) for ext in KB_FORMATS)
        for path in serialize.write_all_triples(kb_release_triples, stage / "mitoaki-kb", formats):
            report.files.append(path.name)
        serialize.write_turtle(shacl_report, stage / validate.REPORT_FILE)
        report.files.append(validate.REPORT_FILE)
        progress("writing nanopublications, dataset description and manifest")
        report.counts["nanopublications"] = exports.write_nanopublications(
            kb_release_triples, stage / "mitoaki-kb.trig"
        )
        exports.write_context(stage / "context.jsonld")
        mappings.write_sssom(mapping_rows, release.version_of(tbox), stage / SSSOM_FILE)
        report.files.append(SSSOM_FILE)
        report.files += kgx.write_kgx(kb_release, full, stage)
        report.files += frames.write_frames(kb_release, stage)
        report.counts["mappings"] = len(mapping_rows)
        description = exports.to_void(
            {"full": full, "kb": kb_release}, release.version_of(tbox), sorted(report.files)
        )
        serialize.write_turtle(description, stage / "void.ttl")
        report.files += ["mitoaki-kb.trig", "context.jsonld", "void.ttl"]
        if drafts is not None:
            report.files += exports.write_drafts(drafts, stage)
        report.files.append(exports.MANIFEST)
        progress("loading the query store")
        store = load_store(stage, stage / STORE_DIR)
        progress("drawing the figures")
        for path in figures.write_figures(store, stage):
            report.files.append(path.relative_to(stage).as_posix())
        progress("writing the HTML documentation")
        for path in docs.write_site(store, stage):
            report.files.append(path.relative_to(stage).as_posix())
        exports.write_manifest(stage)
        del store  # close the database before the folder is moved into place
    return report
