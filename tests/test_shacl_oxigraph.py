"""The Oxigraph SHACL engine against pyshacl (the reference): same results, same report."""

from __future__ import annotations

import importlib.util
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, XSD

from mitoaki import shacl_oxigraph as engine
from mitoaki.build import BuildReport
from mitoaki.errors import MitoakiError
from mitoaki.namespaces import OA, SH, expand
from mitoaki.validate import Result, data_graph, load_shapes, results_of, validate


def _load_test_validate() -> ModuleType:
    """tests/test_validate.py, for its broken fixtures (tests is not a package)."""
    path = Path(__file__).with_name("test_validate.py")
    spec = importlib.util.spec_from_file_location("_mitoaki_test_validate", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


FIXTURES = _load_test_validate()
CASES = FIXTURES.CASES
Key = tuple[str, str, str, str, str]


def t(curie: str) -> URIRef:
    return URIRef(expand(curie))


def keys(results: Iterable[Result]) -> Counter[Key]:
    """The multiset of (severity, focus, path, message, shape) of results."""
    return Counter((r.severity, r.focus, r.path, r.message, r.shape) for r in results)


def report_rows(report: Graph) -> Counter[tuple[str, str, str]]:
    """(focus, constraint component, value) of every result of a report graph."""
    rows: Counter[tuple[str, str, str]] = Counter()
    for node in report.subjects(RDF.type, SH.ValidationResult):
        value = report.value(node, SH.value)
        rows[
            (
                str(report.value(node, SH.focusNode)),
                str(report.value(node, SH.sourceConstraintComponent)),
                str(value) if value is not None else "",
            )
        ] += 1
    return rows


def both(kb: Graph, full: Graph) -> tuple[list[Result], list[Result], Graph, Graph]:
    """pyshacl's results and report, then the Oxigraph engine's, on the same graphs."""
    expected, expected_report = validate(kb, full)
    actual, actual_report = engine.validate_kb(kb, full)
    return expected, actual, expected_report, actual_report


def assert_same(kb: Graph, full: Graph) -> list[Result]:
    expected, actual, expected_report, actual_report = both(kb, full)
    assert keys(actual) == keys(expected)
    assert [(r.source, r.label) for r in actual] == [(r.source, r.label) for r in expected]
    assert report_rows(actual_report) == report_rows(expected_report)
    conforms = not any(r.is_violation for r in actual)
    assert (None, SH.conforms, Literal(conforms)) in actual_report
    assert (None, SH.conforms, Literal(conforms)) in expected_report
    return actual


@pytest.fixture(scope="module")
def mini(mini_release: BuildReport) -> tuple[Graph, Graph]:
    kb = Graph().parse(mini_release.out / "mitoaki-kb.nt", format="nt")
    full = Graph().parse(mini_release.out / "mitoaki-full.nt", format="nt")
    return kb, full


@pytest.fixture(scope="module")
def real(release: BuildReport) -> tuple[Graph, Graph]:
    kb = Graph().parse(release.out / "mitoaki-kb.nt", format="nt")
    full = Graph().parse(release.out / "mitoaki-full.nt", format="nt")
    return kb, full


# ---------------------------------------------------------------------------------------------
# Differential: the real KB, every broken fixture, the real KB broken
# ---------------------------------------------------------------------------------------------


def test_real_kb_gives_pyshacls_results(real: tuple[Graph, Graph]) -> None:
    kb, full = real
    assert_same(kb, full)


def test_conforming_fixture_gives_no_result(mini: tuple[Graph, Graph]) -> None:
    results, report = engine.validate_kb(*mini)
    assert results == []
    assert (None, SH.conforms, Literal(True)) in report


@pytest.mark.parametrize(
    ("shape", "mutate", "path"),
    CASES,
    ids=[f"{s}-{p or 'sparql'}-{i}" for i, (s, _, p) in enumerate(CASES)],
)
def test_broken_fixture_gives_pyshacls_results(
    mini: tuple[Graph, Graph], shape: str, mutate: Callable[[Graph, Graph], None], path: str
) -> None:
    kb, full = Graph() + mini[0], Graph() + mini[1]
    mutate(kb, full)
    actual = assert_same(kb, full)
    assert (shape, path) in FIXTURES.fired(actual)


def _sorted_subjects(kb: Graph, predicate: URIRef, kind: str) -> list[URIRef]:
    found = {s for s in kb.subjects(predicate, None) if isinstance(s, URIRef)}
    return sorted(s for s in found if f"/kb/{kind}/" in str(s))


@pytest.fixture(scope="module")
def broken_real(real: tuple[Graph, Graph]) -> tuple[Graph, Graph, dict[str, tuple[str, str]]]:
    """The real KB broken in several ways, and the (focus, path) each break must be caught at."""
    kb, full = Graph() + real[0], real[1]
    studies = _sorted_subjects(kb, t("MITOAKI:0000040"), "study")
    years = _sorted_subjects(kb, t("MITOAKI:0000042"), "study")
    findings = _sorted_subjects(kb, t("RO:0002558"), "finding")
    valued = _sorted_subjects(kb, t("MITOAKI:0000043"), "finding")
    interventions = _sorted_subjects(kb, t("MITOAKI:0000002"), "intervention")
    models = _sorted_subjects(kb, t("RO:0002162"), "model")
    positions = sorted(s for s in kb.subjects(OA.end, None) if isinstance(s, URIRef))
    annotations = sorted(s for s in kb.subjects(DCTERMS.source, None) if isinstance(s, URIRef))
    assert len(studies) > 3 and findings and valued and models and positions and annotations
    breaks: dict[str, tuple[str, str]] = {}

    def broke(name: str, node: URIRef, path: str) -> None:
        breaks[name] = (str(node), path)

    # a required property removed from a study and from a finding
    kb.remove((studies[0], t("MITOAKI:0000040"), None))
    broke("study without reference number", studies[0], "MITOAKI:0000040")
    kb.remove((findings[-1], t("RO:0002558"), None))
    broke("finding without evidence", findings[-1], "RO:0002558")
    # a value of the wrong class
    kb.add((findings[0], t("MITOAKI:0000010"), interventions[0]))
    broke("finding observed in an intervention", findings[0], "MITOAKI:0000010")
    kb.set((studies[1], t("MITOAKI:0000005"), findings[1]))
    broke("study whose model is a finding", studies[1], "MITOAKI:0000005")
    # wrong datatypes: xsd:integer where xsd:positiveInteger is required (Oxigraph stores both as
    # xsd:integer), xsd:int for xsd:nonNegativeInteger, an ill-formed decimal, a plain string year,
    # a language-tagged string
    number = kb.value(studies[2], t("MITOAKI:0000040"))
    kb.set((studies[2], t("MITOAKI:0000040"), Literal(int(str(number)))))
    broke("reference number typed xsd:integer", studies[2], "MITOAKI:0000040")
    end = kb.value(positions[0], OA.end)
    kb.set((positions[0], OA.end, Literal(str(end), datatype=XSD.int)))
    broke("end offset typed xsd:int", positions[0], "oa:end")
    kb.set((valued[0], t("MITOAKI:0000043"), Literal("1.2.3", datatype=XSD.decimal)))
    broke("ill-formed decimal", valued[0], "MITOAKI:0000043")
    kb.set((years[0], t("MITOAKI:0000042"), Literal("2019")))
    broke("year as a plain string", years[0], "MITOAKI:0000042")
    source = kb.value(annotations[0], DCTERMS.source)
    kb.set((annotations[0], DCTERMS.source, Literal(str(source), lang="en")))
    broke("language-tagged source", annotations[0], "dcterms:source")
    # a taxon that is no NCBITaxon term (pattern and SPARQL constraint)
    kb.set((models[0], t("RO:0002162"), t("UBERON:0002113")))
    broke("model in a kidney", models[0], "RO:0002162")
    return kb, full, breaks


def test_broken_real_kb_gives_pyshacls_results(
    broken_real: tuple[Graph, Graph, dict[str, tuple[str, str]]],
) -> None:
    kb, full, breaks = broken_real
    actual = assert_same(kb, full)
    caught = {(r.focus, r.path) for r in actual if r.is_violation}
    missed = [name for name, where in breaks.items() if where not in caught]
    assert not missed


def test_every_input_form_gives_the_same_results(real: tuple[Graph, Graph]) -> None:
    """An rdflib graph, pyoxigraph quads or triples, and a store loaded from them all agree."""
    kb, full = real
    data = data_graph(kb, full)
    expected = keys(engine.validate(data)[0])
    # parsed, not read back from a store: a store has already re-typed the derived integers
    triples = list(ox.parse(data.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))
    assert len(triples) == len(data)
    assert keys(engine.validate(triples)[0]) == expected
    assert keys(engine.validate(engine.to_store(triples))[0]) == expected
    assert expected  # the real KB has its one warning


def test_derived_integer_types_survive_oxigraph(mini: tuple[Graph, Graph]) -> None:
    """Oxigraph stores xsd:positiveInteger as xsd:integer: the engine still tells them apart."""
    kb, full = Graph() + mini[0], mini[1]
    study = FIXTURES.STUDY
    kb.set((study, t("MITOAKI:0000040"), Literal(3)))  # xsd:integer, not xsd:positiveInteger
    expected, _ = validate(kb, full)
    assert (str(study), "MITOAKI:0000040") in {(r.focus, r.path) for r in expected}
    assert keys(engine.validate_kb(kb, full)[0]) == keys(expected)
    # a store loaded elsewhere has lost the datatype: the value is accepted, being in range
    store = ox.Store()
    store.load(data_graph(kb, full).serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES)
    assert engine.validate(store)[0] == []
    store.add(
        ox.Quad(
            ox.NamedNode(str(study)),
            ox.NamedNode(expand("MITOAKI:0000040")),
            ox.Literal("0", datatype=ox.NamedNode(str(XSD.positiveInteger))),
        )
    )
    assert {r.path for r in engine.validate(store)[0]} == {"MITOAKI:0000040"}


def test_lexical_forms_and_patterns_follow_the_specifications(mini: tuple[Graph, Graph]) -> None:
    """Where rdflib is lax (see the module documentation) the engine follows XSD and XPath."""
    kb, full = Graph() + mini[0], mini[1]
    kb.set((FIXTURES.STUDY, t("MITOAKI:0000042"), Literal("MMXX", datatype=XSD.positiveInteger)))
    kb.set((FIXTURES.MODEL, t("MITOAKI:0000048"), Literal("bilateral", datatype=XSD.string)))
    trial = FIXTURES.TRIAL
    kb.add((trial, RDF.type, t("OBI:0003699")))
    kb.add((trial, t("MITOAKI:0000016"), t("MITOAKI:0000716")))
    kb.add((trial, t("MITOAKI:0000046"), Literal("NCT12345678\n")))
    paths = {(r.focus, r.path) for r in engine.validate_kb(kb, full)[0]}
    assert (str(FIXTURES.STUDY), "MITOAKI:0000042") in paths
    assert (str(trial), "MITOAKI:0000046") in paths
    assert not any(focus == str(FIXTURES.MODEL) for focus, _ in paths)


def test_report_reads_back_into_the_same_results(mini: tuple[Graph, Graph]) -> None:
    kb, full = Graph() + mini[0], mini[1]
    kb.remove((FIXTURES.FINDING, t("MITOAKI:0000009"), None))
    kb.set((FIXTURES.MODEL, t("RO:0002162"), t("NCBITaxon:99999999")))
    results, report = engine.validate_kb(kb, full)
    assert len(results) >= 2
    assert results_of(report, data_graph(kb, full), engine.default_shapes().graph) == results
    assert (None, SH.conforms, Literal(False)) in report


# ---------------------------------------------------------------------------------------------
# Focus re-validation
# ---------------------------------------------------------------------------------------------


def study_records(store: ox.Store, study: str) -> list[str]:
    """A study, its models and interventions, and the findings it reports."""
    query = f"""
        SELECT DISTINCT ?record WHERE {{
          {{ BIND(<{study}> AS ?record) }}
          UNION {{ <{study}> <{expand("MITOAKI:0000005")}>|<{expand("MITOAKI:0000006")}> ?record }}
          UNION {{ ?record <{expand("MITOAKI:0000007")}> <{study}> }}
        }}"""
    return [row[0].value for row in store.query(query)]  # type: ignore[union-attr]


def test_focus_revalidation_gives_the_full_results_of_those_nodes(
    broken_real: tuple[Graph, Graph, dict[str, tuple[str, str]]],
) -> None:
    """One study's nodes, broken three ways, on top of the breaks elsewhere in the KB."""
    kb, full = Graph() + broken_real[0], broken_real[1]
    finding = min(
        f
        for f in kb.subjects(t("MITOAKI:0000009"), None)
        if isinstance(f, URIRef) and "/kb/finding/" in f and (f, t("MITOAKI:0000007"), None) in kb
    )
    study = kb.value(finding, t("MITOAKI:0000007"))
    assert isinstance(study, URIRef)
    kb.add((study, t("MITOAKI:0000005"), finding))  # a model that is a finding
    kb.remove((finding, t("MITOAKI:0000009"), None))  # a finding without direction
    kb.remove((URIRef(f"{finding}/quote"), OA.exact, None))  # a quote without its text
    store = engine.data_store(kb, full)
    everything, _ = engine.validate(store)
    nodes = engine.record_nodes(store, study_records(store, str(study)))
    assert {str(study), str(finding), f"{finding}/annotation", f"{finding}/quote"} <= nodes
    focused, report = engine.validate_focus(store, nodes)
    assert Counter(focused) == Counter(r for r in everything if r.focus in nodes)
    expected, _ = validate(kb, full)
    assert keys(focused) == keys(r for r in expected if r.focus in nodes)
    caught = {(r.focus, r.path) for r in focused}
    assert {(str(study), "MITOAKI:0000005"), (str(finding), "MITOAKI:0000009")} <= caught
    assert (str(finding), "") in caught  # no statement without evidence (a SPARQL constraint)
    assert (f"{finding}/quote", "oa:exact") in caught
    assert len(focused) < len(everything)
    assert (None, SH.conforms, Literal(False)) in report
    assert engine.validate_focus(store, [])[0] == []


def test_not_exists_becomes_minus_only_where_they_agree() -> None:
    """Oxigraph is quadratic on NOT EXISTS over a join; MINUS is used where it means the same."""
    only_this = "SELECT $this WHERE { FILTER NOT EXISTS { ?a <urn:p> $this ; <urn:q> ?b } }"
    assert "MINUS" in engine._minus(only_this) and "EXISTS" not in engine._minus(only_this)
    unchanged = [
        # shares ?value with the rest of the query
        "SELECT $this ?value WHERE { $this <urn:p> ?value FILTER NOT EXISTS { ?value a ?c } }",
        # does not mention $this: NOT EXISTS is all or nothing, MINUS would remove nothing
        "SELECT $this WHERE { FILTER NOT EXISTS { ?a <urn:p> ?b } }",
        # nested in an OPTIONAL group
        "SELECT $this WHERE { OPTIONAL { $this <urn:p> ?v FILTER NOT EXISTS { ?v <urn:q> $this } } "
        "}",
        # only inside a string
        'SELECT $this WHERE { $this <urn:p> "FILTER NOT EXISTS { $this }" }',
    ]
    for query in unchanged:
        assert engine._minus(query) == query


def test_record_nodes_stay_inside_the_record(real: tuple[Graph, Graph]) -> None:
    kb, full = real
    store = engine.data_store(kb, full)
    finding = _sorted_subjects(kb, t("RO:0002558"), "finding")[0]
    nodes = engine.record_nodes(store, [finding])
    assert nodes >= {f"{finding}/annotation", f"{finding}/target", f"{finding}/evidence"}
    assert all(n == str(finding) or n.startswith(f"{finding}/") for n in nodes)


# ---------------------------------------------------------------------------------------------
# Unsupported shapes fail loudly
# ---------------------------------------------------------------------------------------------


def _first_property_shape(shapes: Graph) -> BNode:
    node = next(shapes.objects(URIRef("https://w3id.org/mitoaki/shapes/StudyShape"), SH.property))
    assert isinstance(node, BNode)
    return node


def test_the_shipped_shapes_compile() -> None:
    compiled = engine.compile_shapes(load_shapes())
    assert len(compiled.checks) > 60
    components = {c.component for c in compiled.checks}
    assert SH.SPARQLConstraintComponent in components
    assert SH.LessThanConstraintComponent in components


@pytest.mark.parametrize(
    ("name", "predicate", "value"),
    [
        ("sh:hasValue", SH.hasValue, Literal("x")),
        ("sh:minInclusive", SH.minInclusive, Literal(1)),
        ("sh:node", SH.node, URIRef("https://w3id.org/mitoaki/shapes/ModelShape")),
        ("sh:deactivated", SH.deactivated, Literal(True)),
        ("sh:datatype <http://www.w3.org/2001/XMLSchema#date>", SH.datatype, XSD.date),
    ],
)
def test_an_unsupported_constraint_raises_a_clear_error(
    name: str, predicate: URIRef, value: URIRef | Literal
) -> None:
    shapes = load_shapes()
    prop = _first_property_shape(shapes)
    shapes.set((prop, predicate, value))
    with pytest.raises(MitoakiError, match="does not support") as error:
        engine.compile_shapes(shapes)
    assert name in str(error.value) and error.value.rule == "shapes"


def test_an_unsupported_path_or_target_raises_a_clear_error() -> None:
    shapes = load_shapes()
    prop = _first_property_shape(shapes)
    inverse = BNode()
    shapes.set((prop, SH.path, inverse))
    shapes.add((inverse, SH.inversePath, t("MITOAKI:0000020")))
    with pytest.raises(MitoakiError, match=r"does not support the path kind sh:inversePath"):
        engine.compile_shapes(shapes)
    shapes = load_shapes()
    shapes.add((URIRef("https://w3id.org/mitoaki/shapes/StudyShape"), SH.targetNode, t("GO:1")))
    with pytest.raises(MitoakiError, match=r"does not support sh:targetNode"):
        engine.compile_shapes(shapes)


def test_a_custom_node_shape_runs_like_pyshacl(mini: tuple[Graph, Graph]) -> None:
    """A shape written for this test: a sequence path, sh:in, sh:minCount 3, severity Info."""
    shapes = load_shapes()
    shape = URIRef("https://w3id.org/mitoaki/shapes/TestShape")
    prop, path, allowed = BNode(), BNode(), BNode()
    shapes.add((shape, RDF.type, SH.NodeShape))
    shapes.add((shape, SH.targetClass, OA.Annotation))
    shapes.add((shape, SH.property, prop))
    Collection(shapes, path, [OA.hasTarget, OA.hasSelector])
    Collection(shapes, allowed, [FIXTURES.iri("findings", "mini-atp", "quote")])
    shapes.add((prop, SH.path, path))
    shapes.add((prop, SH["in"], allowed))
    shapes.add((prop, SH.minCount, Literal(3)))
    shapes.add((prop, SH.severity, SH.Info))
    shapes.add((prop, SH.message, Literal("Test: selectors.")))
    kb, full = mini
    expected, _ = validate(kb, full, shapes)
    actual, _ = engine.validate_kb(kb, full, shapes)
    assert keys(actual) == keys(expected)
    assert {r.severity for r in actual} == {"Info"}


def test_the_builds_shared_store_gives_the_same_results_and_is_left_as_it_was(
    broken_real: tuple[Graph, Graph, dict[str, tuple[str, str]]],
) -> None:
    """validate_kb_store borrows the build's work store: same results as validate_kb."""
    kb, full, _ = broken_real
    triples = list(ox.parse(kb.serialize(format="nt"), format=ox.RdfFormat.N_TRIPLES))
    store = engine.to_store(triples)
    before = set(store)
    results, _ = engine.validate_kb_store(store, full)
    assert keys(results) == keys(engine.validate_kb(kb, full)[0])
    assert any(r.is_violation for r in results)
    assert set(store) == before  # the ontology's triples were removed again


def test_with_quads_keeps_what_the_store_already_held() -> None:
    from mitoaki.store import with_quads

    a, b = (
        ox.Quad(ox.NamedNode(f"urn:x:{n}"), ox.NamedNode("urn:x:p"), ox.Literal(n)) for n in "ab"
    )
    store = ox.Store()
    store.add(a)
    with with_quads(store, [a, b]) as borrowed:
        assert set(borrowed) == {a, b}
    assert set(store) == {a}
    with pytest.raises(RuntimeError), with_quads(store, [b]):
        raise RuntimeError("a failing check")
    assert set(store) == {a}  # removed on error as well
