"""The release: files, header metadata, determinism and round trips through rdflib and Oxigraph."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS
from tests.conftest import release_options

from mitoaki.build import BuildOptions, BuildReport, build
from mitoaki.core.namespaces import BASE, expand
from mitoaki.core.paths import data_dir

PRODUCTS = ("mitoaki-base", "mitoaki-full")
FORMATS = {
    "ttl": ("turtle", ox.RdfFormat.TURTLE),
    "owl": ("xml", ox.RdfFormat.RDF_XML),
    "jsonld": ("json-ld", ox.RdfFormat.JSON_LD),
}


def test_release_files(release: BuildReport) -> None:
    expected = {f"{p}.{ext}" for p in PRODUCTS for ext in FORMATS}
    assert expected <= {p.name for p in release.out.iterdir()}
    assert not list(release.out.parent.glob(".build.staging-*")), "staging folder left behind"


@pytest.mark.parametrize("product", PRODUCTS)
def test_every_format_reads_back_identically(release: BuildReport, product: str) -> None:
    graphs = {}
    for ext, (rdflib_format, ox_format) in FORMATS.items():
        path = release.out / f"{product}.{ext}"
        graphs[ext] = Graph().parse(path, format=rdflib_format)
        assert len(list(ox.parse(path=str(path), format=ox_format))) == len(graphs[ext])
    assert isomorphic(graphs["ttl"], graphs["owl"])
    assert isomorphic(graphs["ttl"], graphs["jsonld"])


def test_full_release_header_and_content(release: BuildReport) -> None:
    full = Graph().parse(release.out / "mitoaki-full.ttl")
    iri = URIRef(f"{BASE}mitoaki-full.owl")
    assert (iri, RDF.type, OWL.Ontology) in full
    assert full.value(iri, OWL.versionIRI) == URIRef(f"{BASE}releases/0.1.0/mitoaki-full.owl")
    assert full.value(iri, DCTERMS.license) == URIRef(
        "https://creativecommons.org/licenses/by/4.0/"
    )
    assert full.value(iri, DCTERMS.title) is not None
    assert not list(full.objects(iri, OWL.imports)), "the full product merges its imports"
    # imported term with its source label, and an inferred axiom asserted
    fission = URIRef(expand("GO:0000266"))
    assert full.value(fission, RDFS.label) == Literal("mitochondrial fission")
    assert (
        URIRef(expand("MITOAKI:0000221")),
        RDFS.subClassOf,
        URIRef(expand("MITOAKI:0000203")),
    ) in full


def test_base_release_holds_only_own_axioms(release: BuildReport) -> None:
    base = Graph().parse(release.out / "mitoaki-base.ttl")
    iri = URIRef(f"{BASE}mitoaki-base.owl")
    assert (iri, RDF.type, OWL.Ontology) in base
    # as in ODK: a base product carries no owl:imports and none of the imported terms' axioms
    assert not list(base.objects(iri, OWL.imports))
    assert base.value(URIRef(expand("GO:0000266")), RDFS.label) is None
    assert base.value(URIRef(expand("MITOAKI:0000221")), RDFS.label) is not None


def test_rebuild_is_byte_identical(release: BuildReport, tmp_path: Path) -> None:
    again = build(release_options(tmp_path / "again"))
    for name in sorted(release.files):
        assert (again.out / name).read_bytes() == (release.out / name).read_bytes(), name


def test_failed_build_keeps_previous_release(release: BuildReport, tmp_path: Path) -> None:
    out = tmp_path / "kept"
    shutil.copytree(release.out, out)  # a previous release, with its store
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    assert (out / "store").is_dir()
    broken = tmp_path / "ontology"
    shutil.copytree(data_dir("ontology"), broken)
    (broken / "mitoaki.ttl").write_text("this is not turtle", encoding="utf-8")
    with pytest.raises(Exception, match="not valid Turtle"):
        build(BuildOptions(out=out, ontology_dir=broken))
    assert {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()} == before
    assert (out / "store").is_dir()
