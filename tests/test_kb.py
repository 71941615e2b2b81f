"""Records -> graph: a finding and its provenance survive the round trip through the release."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from tests.conftest import MINI_CORPUS

from mitoaki.build import BuildReport
from mitoaki.kb import iri
from mitoaki.namespaces import OA, PROV, expand
from mitoaki.textnorm import normalise_phrase

M = "https://w3id.org/mitoaki/MITOAKI_"


def t(curie: str) -> URIRef:
    return URIRef(expand(curie))


@pytest.fixture(scope="module")
def kb(mini_release: BuildReport) -> Graph:
    return Graph().parse(mini_release.out / "mitoaki-kb.ttl")


def test_finding_is_an_n_ary_node(kb: Graph) -> None:
    finding = iri("findings", "mini-atp")
    assert (finding, RDF.type, t("MITOAKI:0000700")) in kb
    assert kb.value(finding, t("MITOAKI:0000008")) == t("CHEBI:15422")
    assert kb.value(finding, t("MITOAKI:0000009")) == t("MITOAKI:0000709")  # increased
    assert kb.value(finding, t("MITOAKI:0000007")) == iri("studies", "mini-study")
    assert kb.value(finding, t("MITOAKI:0000010")) == iri("models", "mini-model")
    assert kb.value(finding, t("MITOAKI:0000011")) == iri("interventions", "mini-msc")
    value = kb.value(finding, t("MITOAKI:0000043"))
    assert isinstance(value, Literal) and value.datatype == XSD.decimal
    assert value.toPython() == Decimal("1.5")
    assert kb.value(finding, t("MITOAKI:0000044")) == Literal("fold")
    assert kb.value(finding, t("MITOAKI:0000015")) == t("MITOAKI:0000342")  # accelerating


def test_provenance_points_at_the_anchor_in_the_raw_file(kb: Graph) -> None:
    finding = iri("findings", "mini-fission")
    assert kb.value(finding, PROV.wasDerivedFrom) == iri("document", "mini-note")
    evidence = kb.value(finding, t("RO:0002558"))
    assert (evidence, RDF.type, t("ECO:0000304")) in kb  # traceable author statement, manual
    annotation = iri("findings", "mini-fission", "annotation")
    assert kb.value(annotation, OA.hasBody) == finding
    target = kb.value(annotation, OA.hasTarget)
    assert kb.value(target, OA.hasSource) == iri("document", "mini-note")
    selectors = set(kb.objects(target, OA.hasSelector))
    position = next(s for s in selectors if (s, RDF.type, OA.TextPositionSelector) in kb)
    quote = next(s for s in selectors if (s, RDF.type, OA.TextQuoteSelector) in kb)
    start = int(kb.value(position, OA.start))  # type: ignore[arg-type]
    end = int(kb.value(position, OA.end))  # type: ignore[arg-type]
    raw = (MINI_CORPUS / "mini.txt").read_text(encoding="utf-8")
    # the offsets point into the original file, across its hyphenation and lost ligature
    assert raw[start:end] == "lowered mitochondrial fs-\nsion of tubular cells"
    assert str(kb.value(quote, OA.exact)) == "lowered mitochondrial fission of tubular cells"
    sentence = str(kb.value(target, t("MITOAKI:0000055")))
    assert sentence.startswith("In a cisplatin-induced mouse model")
    assert normalise_phrase("mitochondrial fission of tubular cells") in sentence


def test_individuals_are_classified_by_the_reasoner(kb: Graph) -> None:
    model = iri("models", "mini-model")
    # asserted: in vivo model, inducer cisplatin exposure, in taxon Mus musculus
    assert (model, RDF.type, t("MITOAKI:0000221")) in kb  # cisplatin-induced mouse AKI model
    assert kb.value(model, t("RO:0002162")) == t("NCBITaxon:10090")


def test_intervention_parts(kb: Graph) -> None:
    node = iri("interventions", "mini-msc")
    assert (node, RDF.type, t("MITOAKI:0000401")) in kb  # MSC therapy
    assert (node, RDF.type, t("MITOAKI:0000412")) in kb  # post-injury intervention
    agent = kb.value(node, t("MITOAKI:0000002"))
    assert (agent, RDF.type, t("CL:0002540")) in kb
    tissue = kb.value(agent, t("RO:0001000"))
    assert (tissue, RDF.type, t("UBERON:0002371")) in kb
    route = kb.value(node, t("MITOAKI:0000003"))
    assert (route, RDF.type, t("OBI:0000994")) in kb


def test_statement_and_route_finding(kb: Graph) -> None:
    statement = iri("statements", "mini-drp1")
    assert kb.value(statement, t("MITOAKI:0000012")) == t("MITOAKI:0000112")
    assert kb.value(statement, t("MITOAKI:0000052")) == t("RO:0002213")
    assert kb.value(statement, t("MITOAKI:0000013")) == t("GO:0000266")
    route = iri("route_findings", "mini-lung")
    assert kb.value(route, t("MITOAKI:0000023")) == t("UBERON:0002048")
    assert kb.value(route, t("MITOAKI:0000018")) == t("MITOAKI:0000615")


def test_kb_iris_are_minted_from_keys_only(kb: Graph) -> None:
    subjects = {str(s) for s in kb.subjects() if str(s).startswith("https://w3id.org/mitoaki/kb/")}
    assert "https://w3id.org/mitoaki/kb/finding/mini-atp" in subjects
    assert all("_:" not in s for s in subjects)
    assert not any(isinstance(node, type(None)) for node in kb.subjects())


def test_kb_formats_agree(mini_release: BuildReport, kb: Graph) -> None:
    from rdflib.compare import isomorphic

    for name, fmt in (
        ("mitoaki-kb.jsonld", "json-ld"),
        ("mitoaki-kb.nt", "nt"),
        ("mitoaki-kb.owl", "xml"),
    ):
        assert isomorphic(kb, Graph().parse(mini_release.out / name, format=fmt)), name
    count = len(
        list(ox.parse(path=str(mini_release.out / "mitoaki-kb.nt"), format=ox.RdfFormat.N_TRIPLES))
    )
    assert count == len(kb)
