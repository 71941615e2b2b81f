"""Records -> graph: a finding and its provenance survive the round trip through the release."""

from __future__ import annotations

from decimal import Decimal

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, XSD
from tests.conftest import MINI_CORPUS, MINI_RECORDS

from mitoaki.build import BuildReport
from mitoaki.core.namespaces import OA, PROV, expand
from mitoaki.core.textnorm import normalise_phrase
from mitoaki.kb.iris import iri
from mitoaki.kb.triples import to_kb_graph
from mitoaki.records.loader import load_records

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


@pytest.fixture(scope="module")
def marked(tmp_path_factory: pytest.TempPathFactory) -> Graph:
    """The mini records with a curator-inferred route, a comparator value, a stated frequency and
    a study and an intervention whose design and means are not stated."""
    text = (MINI_RECORDS / "mini.yaml").read_text(encoding="utf-8")
    for old, new in (
        (
            "    timing: post_injury\n",
            "    timing: post_injury\n    inferred_by_curator: [route]\n",
        ),
        (
            "    comparator: untreated cisplatin mice\n",
            "    comparator: untreated mice\n    comparator_value: 1.0\n",
        ),
        ("    context: [MONDO:0002492]\n", "    context: [MONDO:0002492]\n    frequency: common\n"),
        ("    designs: [in_vivo]\n", "    designs: [not_stated]\n"),
        ("    kind: msc_cells\n", "    kind: not_stated\n"),
    ):
        assert old in text
        text = text.replace(old, new)
    folder = tmp_path_factory.mktemp("marked")
    (folder / "mini.yaml").write_text(text, encoding="utf-8")
    return to_kb_graph(load_records(folder), {})


def test_a_curator_inferred_field_has_its_own_evidence(marked: Graph) -> None:
    node = iri("interventions", "mini-msc")
    [inference] = list(marked.objects(node, t("MITOAKI:0000059")))
    assert inference == iri("interventions", "mini-msc", "inferred-route")
    assert set(marked.objects(inference, RDF.type)) == {t("ECO:0000305")}
    assert marked.value(inference, t("MITOAKI:0000060")) == Literal("route")
    # the record's own evidence stays the document's statement
    evidence = marked.value(node, t("RO:0002558"))
    assert set(marked.objects(evidence, RDF.type)) == {t("ECO:0000304")}
    assert not list(marked.objects(iri("findings", "mini-atp"), t("MITOAKI:0000059")))


def test_comparator_value_and_frequency(marked: Graph) -> None:
    value = marked.value(iri("findings", "mini-atp"), t("MITOAKI:0000058"))
    assert value == Literal("1.0", datatype=XSD.decimal)
    frequency = marked.value(iri("statements", "mini-drp1"), t("MITOAKI:0000061"))
    assert frequency == Literal("common")


def test_a_design_or_means_not_stated_is_the_general_class(marked: Graph) -> None:
    assert set(marked.objects(iri("studies", "mini-study"), RDF.type)) == {t("OBI:0000066")}
    assert set(marked.objects(iri("interventions", "mini-msc"), RDF.type)) == {
        t("MITOAKI:0000400"),  # therapeutic intervention
        t("MITOAKI:0000412"),  # post-injury
    }
