"""SHACL shapes: meta-validation, a conforming and a failing fixture per shape, the real gate.

The fixtures run on the gate's engine (``shacl``); tests/test_shacl_engines.py holds it to pyshacl.
"""

from __future__ import annotations

from collections.abc import Callable

import pyshacl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from mitoaki.build import BuildReport
from mitoaki.check.validate import REPORT_FILE, Result, load_shapes, validate
from mitoaki.core.namespaces import OA, PROV, SH, compress, expand
from mitoaki.kb.iris import iri

SHAPES = "https://w3id.org/mitoaki/shapes/"


def t(curie: str) -> URIRef:
    return URIRef(expand(curie))


@pytest.fixture(scope="module")
def graphs(mini_release: BuildReport) -> tuple[Graph, Graph]:
    kb = Graph().parse(mini_release.out / "mitoaki-kb.nt", format="nt")
    full = Graph().parse(mini_release.out / "mitoaki-full.nt", format="nt")
    return kb, full


def test_shapes_pass_shacl_shacl_meta_validation() -> None:
    conforms, _, text = pyshacl.validate(
        Graph(), shacl_graph=load_shapes(), meta_shacl=True, advanced=True
    )
    assert conforms, text


def test_a_broken_shapes_file_fails_meta_validation() -> None:
    shapes = load_shapes()
    shape = next(shapes.subjects(RDF.type, SH.PropertyShape), None) or next(
        shapes.objects(URIRef(SHAPES + "FindingShape"), SH.property)
    )
    shapes.add((shape, SH.minCount, Literal("many")))
    with pytest.raises(Exception, match=r"(?i)shacl"):
        pyshacl.validate(Graph(), shacl_graph=shapes, meta_shacl=True, advanced=True)


def test_every_constraint_has_a_message_and_severity() -> None:
    """The property shapes of every node shape, and a node shape with node-level constraints."""
    shapes = load_shapes()
    node_shapes = list(shapes.subjects(RDF.type, SH.NodeShape))
    constraints = [p for s in node_shapes for p in shapes.objects(s, SH.property)]
    constraints += [s for s in node_shapes if (s, SH["or"], None) in shapes]
    assert len(constraints) > 60
    for node in constraints:
        assert shapes.value(node, SH.message) is not None, node
        assert shapes.value(node, SH.severity) in (SH.Violation, SH.Warning, SH.Info), node


def test_the_shapes_are_core_shacl_but_one_sparql_target() -> None:
    """No SPARQL constraint: every engine runs them; the one SPARQL left is a target."""
    shapes = load_shapes()
    assert not list(shapes.objects(None, SH.sparql))
    assert len(list(shapes.subjects(RDF.type, SH.SPARQLTarget))) == 1


def test_conforming_fixture(graphs: tuple[Graph, Graph]) -> None:
    kb, full = graphs
    results, _ = validate(kb, full)
    assert results == []


Mutation = Callable[[Graph, Graph], None]
FINDING, STUDY = iri("findings", "mini-atp"), iri("studies", "mini-study")
MODEL, INTERVENTION = iri("models", "mini-model"), iri("interventions", "mini-msc")
STATEMENT, ROUTE = iri("statements", "mini-drp1"), iri("route_findings", "mini-lung")
DOCUMENT = iri("document", "mini-note")


def remove(node: URIRef, predicate: URIRef) -> Mutation:
    return lambda kb, _: kb.remove((node, predicate, None))


def replace(node: URIRef, predicate: URIRef, value: URIRef | Literal) -> Mutation:
    def mutate(kb: Graph, _: Graph) -> None:
        kb.set((node, predicate, value))

    return mutate


def add(*triples: tuple[URIRef, URIRef, URIRef | Literal]) -> Mutation:
    def mutate(kb: Graph, _: Graph) -> None:
        for triple in triples:
            kb.add(triple)

    return mutate


def no_license(_: Graph, full: Graph) -> None:
    full.remove((None, DCTERMS.license, None))


TRIAL = URIRef("https://w3id.org/mitoaki/kb/trial/broken")
CONCERN = URIRef("https://w3id.org/mitoaki/kb/concern/broken")
INFERENCE = URIRef("https://w3id.org/mitoaki/kb/finding/mini-atp/inferred/species")
CASES: list[tuple[str, Mutation, str]] = [
    # (shape that must fire, how to break the fixture, result path: "" for a node-level
    # constraint, "(path)" for a path that is not a predicate)
    ("CuratedRecordShape", remove(FINDING, PROV.wasDerivedFrom), "prov:wasDerivedFrom"),
    ("CuratedRecordShape", remove(FINDING, t("RO:0002558")), "RO:0002558"),
    (  # a curator inference names its field as a string
        "CuratorInferenceShape",
        add(
            (FINDING, t("MITOAKI:0000059"), INFERENCE),
            (INFERENCE, RDF.type, t("ECO:0000305")),
            (INFERENCE, t("MITOAKI:0000060"), Literal(3)),
        ),
        "MITOAKI:0000060",
    ),
    (  # a curator inference must be typed curator inference, not another evidence
        "CuratedRecordShape",
        add((FINDING, t("MITOAKI:0000059"), iri("findings", "mini-atp", "evidence"))),
        "MITOAKI:0000059",
    ),
    (
        "CuratedRecordShape",
        lambda kb, _: kb.remove((iri("findings", "mini-atp", "annotation"), OA.hasBody, None)),
        "(path)",
    ),
    (
        "CuratedRecordShape",
        lambda kb, _: kb.remove((iri("findings", "mini-atp", "quote"), OA.exact, None)),
        "(path)",
    ),
    ("DocumentShape", remove(DOCUMENT, DCTERMS.title), "dcterms:title"),
    ("StudyShape", replace(STUDY, t("MITOAKI:0000040"), Literal("three")), "MITOAKI:0000040"),
    ("StudyShape", replace(STUDY, t("MITOAKI:0000042"), Literal("2020")), "MITOAKI:0000042"),
    ("ModelShape", replace(MODEL, t("RO:0002162"), t("CL:0000134")), "RO:0002162"),
    ("ModelShape", replace(MODEL, t("RO:0002162"), t("NCBITaxon:99999999")), "RO:0002162"),
    ("ModelShape", add((MODEL, t("MITOAKI:0000048"), Literal("both"))), "MITOAKI:0000048"),
    ("InterventionShape", remove(INTERVENTION, t("MITOAKI:0000002")), "MITOAKI:0000002"),
    ("InterventionShape", add((INTERVENTION, RDF.type, t("MITOAKI:0000411"))), "rdf:type"),
    (
        "FindingShape",
        replace(FINDING, t("MITOAKI:0000009"), t("MITOAKI:0000341")),
        "MITOAKI:0000009",
    ),
    (
        "FindingShape",
        replace(FINDING, t("MITOAKI:0000008"), t("NCBITaxon:10090")),
        "MITOAKI:0000008",
    ),
    ("FindingShape", remove(FINDING, t("MITOAKI:0000044")), ""),
    ("FindingShape", replace(FINDING, t("MITOAKI:0000043"), Literal("1.5")), "MITOAKI:0000043"),
    ("FindingShape", add((FINDING, t("MITOAKI:0000058"), Literal("18"))), "MITOAKI:0000058"),
    ("StudyFindingShape", remove(FINDING, t("MITOAKI:0000007")), "MITOAKI:0000007"),
    ("StudyFindingShape", remove(FINDING, t("MITOAKI:0000009")), "MITOAKI:0000009"),
    ("StatementShape", remove(STATEMENT, t("MITOAKI:0000012")), "MITOAKI:0000012"),
    (
        "StatementShape",
        replace(STATEMENT, t("MITOAKI:0000052"), t("GO:0000266")),
        "MITOAKI:0000052",
    ),
    ("StatementShape", add((STATEMENT, t("MITOAKI:0000061"), Literal("often"))), "MITOAKI:0000061"),
    (
        "RouteFindingShape",
        replace(ROUTE, t("MITOAKI:0000019"), t("UBERON:0002048")),
        "MITOAKI:0000019",
    ),
    ("RouteFindingShape", remove(ROUTE, t("MITOAKI:0000019")), "MITOAKI:0000019"),
    (
        "TrialShape",
        add((TRIAL, RDF.type, t("OBI:0003699")), (TRIAL, t("MITOAKI:0000046"), Literal("NCT123"))),
        "MITOAKI:0000046",
    ),
    ("TrialShape", add((TRIAL, RDF.type, t("OBI:0003699"))), "MITOAKI:0000016"),
    ("ConcernShape", add((CONCERN, RDF.type, t("MITOAKI:0000707"))), "rdfs:label"),
    (
        "EvidenceAnnotationShape",
        remove(iri("findings", "mini-atp", "annotation"), OA.hasTarget),
        "oa:hasTarget",
    ),
    (
        "EvidenceAnnotationShape",
        replace(iri("findings", "mini-atp", "annotation"), DCTERMS.source, Literal("nowhere")),
        "dcterms:source",
    ),
    (
        "QuoteSelectorShape",
        replace(iri("findings", "mini-atp", "quote"), OA.exact, Literal(" ".join(["word"] * 13))),
        "oa:exact",
    ),
    (
        "PositionSelectorShape",
        replace(
            iri("findings", "mini-atp", "position"),
            OA.start,
            Literal(10_000, datatype=XSD.nonNegativeInteger),
        ),
        "oa:start",
    ),
    (
        "AnchorOffsetsShape",
        replace(DOCUMENT, t("MITOAKI:0000057"), Literal(10, datatype=XSD.nonNegativeInteger)),
        "(path)",
    ),
    ("OntologyHeaderShape", no_license, "dcterms:license"),
]


def fired(results: list[Result]) -> set[tuple[str, str]]:
    return {(r.shape.removeprefix(SHAPES), r.path) for r in results if r.is_violation}


@pytest.mark.parametrize(
    ("shape", "mutate", "path"),
    CASES,
    ids=[f"{s}-{p or 'node'}-{i}" for i, (s, _, p) in enumerate(CASES)],
)
def test_failing_fixture(
    graphs: tuple[Graph, Graph], shape: str, mutate: Mutation, path: str
) -> None:
    kb, full = (Graph() + graphs[0], Graph() + graphs[1])
    mutate(kb, full)
    results, _ = validate(kb, full)
    assert (shape, path) in fired(results), fired(results)


def test_every_node_shape_has_a_failing_case() -> None:
    shapes = load_shapes()
    names = {str(s).removeprefix(SHAPES) for s in shapes.subjects(RDF.type, SH.NodeShape)}
    assert names == {case[0] for case in CASES}


def focus_nodes(shapes: Graph, shape: URIRef, kb: Graph, full: Graph) -> set[URIRef]:
    """The nodes a shape targets in ``kb``: by class (with subclasses), objects of, or SPARQL."""
    data = kb + full
    nodes: set[URIRef] = set()
    for target in shapes.objects(shape, SH.targetClass):
        for cls in full.transitive_subjects(RDFS.subClassOf, target):
            nodes.update(n for n in kb.subjects(RDF.type, cls) if isinstance(n, URIRef))
    for predicate in shapes.objects(shape, SH.targetObjectsOf):
        nodes.update(o for o in kb.objects(None, predicate) if isinstance(o, URIRef))
    for target in shapes.objects(shape, SH.target):
        query = shapes.value(target, SH.select)
        prefixes = "PREFIX MITOAKI: <https://w3id.org/mitoaki/MITOAKI_>\n"
        nodes.update(row[0] for row in data.query(prefixes + str(query)))  # type: ignore[index]
    return nodes


def test_breaking_any_required_property_is_caught(release: BuildReport) -> None:
    """Remove each required property (sh:minCount >= 1, Violation) of a real individual: caught."""
    kb = Graph().parse(release.out / "mitoaki-kb.nt", format="nt")
    full = Graph().parse(release.out / "mitoaki-full.nt", format="nt")
    shapes = load_shapes()
    broken: set[tuple[URIRef, URIRef]] = set()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        nodes = sorted(focus_nodes(shapes, shape, kb, full))
        for prop in shapes.objects(shape, SH.property):
            path, minimum = shapes.value(prop, SH.path), shapes.value(prop, SH.minCount)
            if not isinstance(path, URIRef) or minimum is None or int(minimum) < 1:
                continue
            if shapes.value(prop, SH.severity) != SH.Violation:
                continue  # warnings report, they do not fail
            having = [n for n in nodes if (n, path, None) in kb]
            if having:
                broken.add((having[len(having) // 2], path))
    assert len(broken) >= 18
    for node, path in broken:
        kb.remove((node, path, None))
    results, _ = validate(kb, full)
    caught = {(r.focus, r.path) for r in results if r.is_violation}
    missed = [(n, p) for n, p in broken if (str(n), compress(str(p))) not in caught]
    assert not missed


def test_real_release_passes_its_warning_and_ships_a_report_true_to_the_spec(
    release: BuildReport,
) -> None:
    """The gate passes warnings (project policy); sh:conforms is false with any result (spec)."""
    report = Graph().parse(release.out / REPORT_FILE)
    warnings = release.counts["SHACL warnings"]
    assert warnings == len(list(report.objects(None, SH.result))) <= 1
    assert (None, SH.conforms, Literal(warnings == 0)) in report
    assert set(report.objects(None, SH.resultSeverity)) <= {SH.Warning}


def test_report_names_the_source_record(graphs: tuple[Graph, Graph]) -> None:
    kb, full = (Graph() + graphs[0], Graph() + graphs[1])
    kb.remove((FINDING, t("MITOAKI:0000009"), None))
    results, _ = validate(kb, full)
    result = next(r for r in results if r.focus == str(FINDING))
    assert result.source.startswith("mini.yaml:") and result.label == "ATP increased"
    assert RDFS.label  # the label comes from the data graph
