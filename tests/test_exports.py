"""Nanopublications, dataset description, JSON-LD context and the release manifest."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, RDF, VOID, XSD
from tests.conftest import release_triples
from typer.testing import CliRunner

from mitoaki.build import BuildReport
from mitoaki.cli import app
from mitoaki.release.manifest import verify
from mitoaki.release.nanopub import NP, to_nanopublications

ASSERTION = "http://www.nanopub.org/nschema#hasAssertion"


def test_union_of_assertion_graphs_is_the_knowledge_base(release: BuildReport) -> None:
    dataset = ox.Dataset(
        ox.parse(path=str(release.out / "mitoaki-kb.trig"), format=ox.RdfFormat.TRIG)
    )
    assertions = {q.object for q in dataset if q.predicate.value == ASSERTION}
    union = {(q.subject, q.predicate, q.object) for q in dataset if q.graph_name in assertions}
    kb = {
        (t.subject, t.predicate, t.object)
        for t in ox.parse(path=str(release.out / "mitoaki-kb.nt"), format=ox.RdfFormat.N_TRIPLES)
    }
    assert union == kb
    assert len(assertions) == release.counts["nanopublications"] == release.counts["records"]


def test_nanopublication_iri_follows_content(mini_release: BuildReport) -> None:
    kb = Graph().parse(mini_release.out / "mitoaki-kb.nt", format="nt")

    def iris(graph: Graph) -> set[str]:
        return {
            q.subject.value
            for q in to_nanopublications(graph)
            if q.object.value == str(NP.Nanopublication)
        }

    before = iris(kb)
    assert iris(Graph() + kb) == before  # same content, same IRIs
    finding = URIRef("https://w3id.org/mitoaki/kb/finding/mini-atp")
    kb.set((finding, URIRef("https://w3id.org/mitoaki/MITOAKI_0000044"), Literal("mM")))
    after = iris(kb)
    assert len(before - after) == 1 and len(after - before) == 1  # only that record's IRI moved


def test_void_and_dcat_description(release: BuildReport) -> None:
    void = Graph().parse(release.out / "void.ttl")
    dataset = URIRef("https://w3id.org/mitoaki/dataset")
    triples = release_triples(release.out)
    assert void.value(dataset, VOID.triples) == Literal(triples, datatype=XSD.integer)
    finding = URIRef("https://w3id.org/mitoaki/MITOAKI_0000700")
    partition = next(
        p
        for p in void.objects(dataset, VOID.classPartition)
        if void.value(p, VOID["class"]) == finding
    )
    findings = len(
        set(Graph().parse(release.out / "mitoaki-kb.nt", format="nt").subjects(RDF.type, finding))
    )
    assert int(void.value(partition, VOID.entities)) == findings  # type: ignore[arg-type]
    dcat = Namespace("http://www.w3.org/ns/dcat#")
    titles = {str(void.value(d, DCTERMS.title)) for d in void.objects(dataset, dcat.distribution)}
    assert {"mitoaki-kb.ttl", "mitoaki-kb.trig", "mitoaki.sssom.tsv"} <= titles
    assert "figures/evidence-map.svg" in titles
    # pages and framed studies are files of the release, not distributions of their own
    assert not any(t.startswith(("site/", "studies/")) for t in titles)
    assert str(void.value(dataset, dcat.landingPage)).endswith("/site/index.html")
    dumps = {str(void.value(d, DCTERMS.title)) for d in void.objects(dataset, VOID.dataDump)}
    assert "mitoaki-kb.nt" in dumps and "mitoaki.sssom.tsv" not in dumps


def test_jsonld_files_use_the_published_context(release: BuildReport) -> None:
    context = json.loads((release.out / "context.jsonld").read_text(encoding="utf-8"))
    document = json.loads((release.out / "mitoaki-kb.jsonld").read_text(encoding="utf-8"))
    assert document["@context"] == context["@context"]


def test_every_release_file_parses(release: BuildReport) -> None:
    formats = {
        ".ttl": ox.RdfFormat.TURTLE,
        ".nt": ox.RdfFormat.N_TRIPLES,
        ".owl": ox.RdfFormat.RDF_XML,
        ".jsonld": ox.RdfFormat.JSON_LD,
        ".trig": ox.RdfFormat.TRIG,
    }
    rdflib_formats = {
        ".ttl": "turtle",
        ".nt": "nt",
        ".owl": "xml",
        ".jsonld": "json-ld",
        ".trig": "trig",
    }
    for path in sorted(release.out.iterdir()):
        if path.suffix in formats and path.name != "context.jsonld":
            count = len(list(ox.parse(path=str(path), format=formats[path.suffix])))
            from rdflib import Dataset

            dataset = Dataset()
            dataset.parse(path, format=rdflib_formats[path.suffix])
            assert count and count == len(list(dataset.quads())), path.name


def test_manifest_verifies_and_catches_tampering(release: BuildReport, tmp_path: Path) -> None:
    assert verify(release.out) == []
    copy = tmp_path / "copy"
    shutil.copytree(release.out, copy, ignore=shutil.ignore_patterns("store"))
    (copy / "void.ttl").write_text("tampered", encoding="utf-8")
    (copy / "mitoaki-kb.nt").unlink()
    (copy / "extra.txt").write_text("?", encoding="utf-8")
    assert verify(copy) == [
        "extra.txt: not in the manifest",
        "mitoaki-kb.nt: missing",
        "void.ttl: content differs from the manifest",
    ]
    result = CliRunner().invoke(app, ["verify", str(copy)])
    assert result.exit_code == 1 and "3 files differ" in result.output


def test_sssom_mappings_validate_with_the_sssom_package(release: BuildReport) -> None:
    from sssom.parsers import parse_sssom_table
    from sssom.validators import validate

    table = parse_sssom_table(str(release.out / "mitoaki.sssom.tsv"))
    reports = validate(table, fail_on_error=True)
    assert all(not report.results for report in reports.values())
    rows = {(r.subject_id, r.predicate_id, r.object_id) for r in table.df.itertuples()}
    assert ("MITOAKI:0000100", "skos:broadMatch", "GO:0007005") in rows  # biogenesis
    assert ("MITOAKI:0000210", "skos:closeMatch", "MONDO:0005203") in rows  # renal I/R
    assert ("MITOAKI:0000109", "skos:broadMatch", "GO:1903409") in rows  # genus of definition
    assert len(rows) == release.counts["mappings"]


def test_mappings_are_skos_triples_in_the_full_release(release: BuildReport) -> None:
    from rdflib.namespace import SKOS

    full = Graph().parse(release.out / "mitoaki-full.nt", format="nt")
    biogenesis = URIRef("https://w3id.org/mitoaki/MITOAKI_0000100")
    assert (
        biogenesis,
        SKOS.broadMatch,
        URIRef("http://purl.obolibrary.org/obo/GO_0007005"),
    ) in full


def test_kgx_nodes_and_edges(release: BuildReport) -> None:
    import csv

    def read(name: str) -> list[dict[str, str]]:
        with (release.out / name).open(encoding="utf-8") as handle:
            return list(csv.DictReader(handle, delimiter="\t"))

    nodes = {n["id"]: n for n in read("mitoaki_kgx_nodes.tsv")}
    edges = read("mitoaki_kgx_edges.tsv")
    assert nodes["CHEBI:15422"]["category"] == "biolink:ChemicalEntity"
    assert nodes["HGNC:2973"]["category"] == "biolink:Gene"
    assert nodes["GO:0000266"]["category"] == "biolink:BiologicalProcessOrActivity"
    assert nodes["MONDO:0002492"]["category"] == "biolink:Disease"
    finding = next(e for e in edges if e["id"] == "kb:finding/geng-2017-atp")
    assert (finding["subject"], finding["predicate"], finding["object"]) == (
        "CL:0002540",
        "biolink:affects",
        "CHEBI:15422",
    )
    assert finding["object_direction_qualifier"] == "increased"
    assert finding["publications"] == "kb:study/geng-2017"  # the study it reports
    statement = next(e for e in edges if e["id"] == "kb:statement/aki-increases-fission")
    assert statement["publications"] == "kb:document/msc-mito-aki-review"  # cites no study record
    fission = {
        (e["subject"], e["object_direction_qualifier"])
        for e in edges
        if e["object"] == "GO:0000266" and e["predicate"] == "biolink:regulates"
    }
    assert ("MONDO:0002492", "upregulated") in fission  # AKI drives fission up
    assert all(e["subject"] in nodes and e["object"] in nodes for e in edges)


def test_framed_study_documents(release: BuildReport) -> None:
    folder = release.out / "studies"
    files = sorted(folder.glob("*.jsonld"))
    assert len(files) == 19  # every study the documents cite, its design stated or not
    assert {"ref36-superoxide.jsonld", "ref81-cell-tracking.jsonld"} <= {p.name for p in files}
    kb = Graph().parse(release.out / "mitoaki-kb.nt", format="nt")
    reported_by = URIRef("https://w3id.org/mitoaki/MITOAKI_0000007")
    for path in files:
        document = json.loads(path.read_text(encoding="utf-8"))
        study = URIRef(f"https://w3id.org/mitoaki/kb/study/{path.stem}")
        assert document["@id"] == f"kb:study/{path.stem}"
        framed = Graph().parse(path, format="json-ld")
        assert set(framed) <= set(kb), path.name  # nothing invented by the framing
        findings = set(kb.subjects(reported_by, study))
        assert {
            URIRef(str(f).replace("kb:", "https://w3id.org/mitoaki/kb/"))
            for f in (x["@id"] for x in document.get("findings", []))
        } == findings


def test_figures_are_drawn_from_the_graph(release: BuildReport) -> None:
    import xml.etree.ElementTree as ET

    folder = release.out / "figures"
    for stem in ("evidence-map", "mechanism-network"):
        assert (folder / f"{stem}.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
        ET.parse(folder / f"{stem}.svg")  # well-formed SVG
    evidence = (folder / "evidence-map.svg").read_text(encoding="utf-8")
    for study in ("Geng et al. 2017 [64]", "Perico et al. 2017 [70]", "Gu et al. 2016 [68]"):
        assert study in evidence
    network = (folder / "mechanism-network.svg").read_text(encoding="utf-8")
    for node in (
        "MSC-derived extracellular vesicle",
        "mitochondrial fission",
        "miR-30/DRP1 pathway",
    ):
        assert node in network


def test_export_command_uses_the_writer_registry(release: BuildReport) -> None:
    kb = set(Graph().parse(release.out / "mitoaki-kb.nt", format="nt"))
    assert not any(isinstance(term, BNode) for triple in kb for term in triple)  # sets compare
    for fmt, rdflib_format in (("ttl", "turtle"), ("jsonld", "json-ld"), ("owl", "xml")):
        result = CliRunner().invoke(app, ["export", fmt, "--build", str(release.out)])
        assert result.exit_code == 0
        assert set(Graph().parse(data=result.stdout_bytes, format=rdflib_format)) == kb, fmt
    bad = CliRunner().invoke(
        app, ["export", "ttl", "--product", "other", "--build", str(release.out)]
    )
    assert bad.exit_code == 1 and "unknown product" in bad.output
