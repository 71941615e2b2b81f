"""The gate's engine (and the fallback) against pyshacl, the reference, on the project's data.

Differential: the real KB, every broken fixture, the real KB broken in several ways, every literal
of the real KB retyped, and a synthetic KB with a defect of every constraint kind the shapes use.
pyshacl runs once per graph (module fixtures): about 3 s on the real KB.
"""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from types import ModuleType

import pyoxigraph as ox
import pytest
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, RDF, XSD

from mitoaki.build import BuildReport
from mitoaki.check import engines
from mitoaki.check.engines import report_graph, rows_of
from mitoaki.check.validate import (
    Result,
    data_triples,
    default_shapes,
    load_shapes,
    record_nodes,
    run,
    tbox_triples,
    validate,
    validate_focus,
)
from mitoaki.core.errors import UnsupportedShapesError
from mitoaki.core.namespaces import OA, SH, expand
from mitoaki.core.stores import original_triples, to_store
from mitoaki.kb.triples import kb_triples, labels_of
from mitoaki.ontology.tbox import load_tbox
from mitoaki.records.loader import load_records


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
FAST = ("shacl", "shacl-rust")  # the gate and the fallback, each held to pyshacl
Key = tuple[str, str, str, str, str]


def t(curie: str) -> URIRef:
    return URIRef(expand(curie))


def keys(results: Iterable[Result]) -> Counter[Key]:
    """The multiset of (severity, focus, path, message, shape) of results."""
    return Counter((r.severity, r.focus, r.path, r.message, r.shape) for r in results)


def report_rows(report: Graph) -> Counter[tuple[str, str, str]]:
    """(focus, constraint component, value) of every result of a report graph."""
    return Counter(
        (str(r.focus), str(r.component), str(r.value) if r.value is not None else "")
        for r in rows_of(report)
    )


def assert_same(kb: Graph, full: Graph, fast: Iterable[str] = FAST) -> list[Result]:
    """Every fast engine gives pyshacl's results, sources, labels and report rows."""
    expected, expected_report = validate(kb, full, engine="pyshacl")
    for engine in fast:
        actual, actual_report = validate(kb, full, engine=engine)
        assert keys(actual) == keys(expected), engine
        assert [(r.source, r.label) for r in actual] == [(r.source, r.label) for r in expected]
        assert report_rows(actual_report) == report_rows(expected_report), engine
        conforms = Literal(not expected)
        assert (None, SH.conforms, conforms) in actual_report
        assert (None, SH.conforms, conforms) in expected_report
    return expected


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


# -- the real KB, the broken fixtures, the real KB broken --------------------------------------


def test_real_kb_gives_pyshacls_results(real: tuple[Graph, Graph]) -> None:
    results = assert_same(*real)
    assert [r.severity for r in results] == ["Warning"]  # the trial without its NCT number


def test_conforming_fixture_gives_no_result(mini: tuple[Graph, Graph]) -> None:
    results, report = validate(*mini)
    assert results == []
    assert (None, SH.conforms, Literal(True)) in report


@pytest.mark.parametrize(
    ("shape", "mutate", "path"),
    CASES,
    ids=[f"{s}-{p or 'node'}-{i}" for i, (s, _, p) in enumerate(CASES)],
)
def test_broken_fixture_gives_pyshacls_results(
    mini: tuple[Graph, Graph], shape: str, mutate: Callable[[Graph, Graph], None], path: str
) -> None:
    kb, full = Graph() + mini[0], Graph() + mini[1]
    mutate(kb, full)
    assert (shape, path) in FIXTURES.fired(assert_same(kb, full))


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

    kb.remove((studies[0], t("MITOAKI:0000040"), None))
    broke("study without reference number", studies[0], "MITOAKI:0000040")
    kb.remove((findings[-1], t("RO:0002558"), None))
    broke("finding without evidence", findings[-1], "RO:0002558")
    kb.add((findings[0], t("MITOAKI:0000010"), interventions[0]))
    broke("finding observed in an intervention", findings[0], "MITOAKI:0000010")
    kb.set((studies[1], t("MITOAKI:0000005"), findings[1]))
    broke("study whose model is a finding", studies[1], "MITOAKI:0000005")
    # xsd:integer where xsd:positiveInteger is required (Oxigraph stores both as xsd:integer),
    # xsd:int for xsd:nonNegativeInteger, an ill-formed decimal, a plain string year, a
    # language-tagged string
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
    kb.set((models[0], t("RO:0002162"), t("UBERON:0002113")))
    broke("model in a kidney", models[0], "RO:0002162")
    return kb, full, breaks


def test_broken_real_kb_gives_pyshacls_results(
    broken_real: tuple[Graph, Graph, dict[str, tuple[str, str]]],
) -> None:
    kb, full, breaks = broken_real
    caught = {(r.focus, r.path) for r in assert_same(kb, full) if r.is_violation}
    assert not [name for name, where in breaks.items() if where not in caught]


def _retyped(value: Literal) -> Literal:
    """The same lexical form under another datatype."""
    if value.datatype is None and not value.language:
        return Literal(str(value), datatype=XSD.token)
    return Literal(str(value))


def test_every_literal_of_the_real_kb_retyped_is_caught(real: tuple[Graph, Graph]) -> None:
    """One literal of each literal-valued predicate retyped: each is the value of a violation."""
    kb, full = Graph() + real[0], real[1]
    retyped: dict[str, Literal] = {}
    for predicate in sorted({p for _, p, o in kb if isinstance(o, Literal)}):
        subject, value = min(
            (s, o) for s, o in kb.subject_objects(predicate) if isinstance(o, Literal)
        )
        retyped[str(predicate)] = _retyped(value)
        kb.set((subject, predicate, retyped[str(predicate)]))  # type: ignore[arg-type]
    assert {str(OA.exact), expand("MITOAKI:0000044")} <= set(retyped)
    # the retyped text length cannot be compared with the offsets: shacl-rust is silent there
    assert_same(kb, full, fast=["shacl"])
    _, report = validate(kb, full)
    values = {r.value for r in rows_of(report) if r.is_violation}
    assert not {p for p, v in retyped.items() if v not in values}


@pytest.mark.xfail(
    strict=True,
    reason="shacl-rust 0.2.12 compares a string holding a number ('50') with a number under "
    "sh:lessThanOrEquals as if both were numbers; SHACL 4.5.4 makes a pair it cannot compare a "
    "result (pyshacl and shacl do)",
)
def test_the_fallback_on_values_it_cannot_compare() -> None:
    number = f'"5"^^<{XSD.integer}>'
    data = f'<urn:a> <urn:end> {number} .\n<urn:a> <urn:length> "50" .\n'
    shapes = Graph().parse(
        data="""@prefix sh: <http://www.w3.org/ns/shacl#> .
        <urn:S> a sh:NodeShape ; sh:targetNode <urn:a> ;
            sh:property [ sh:path <urn:end> ; sh:lessThanOrEquals <urn:length> ] .""",
        format="turtle",
    )
    prepared = engines.Shapes.from_graph(shapes)
    assert len(engines.run_pyshacl(data, prepared)) == len(engines.run_shacl(data, prepared)) == 1
    assert len(engines.run_shacl_rust(data, prepared)) == 1


# -- a synthetic KB with a defect of every constraint kind --------------------------------------


def _synth() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "synth", Path(__file__).parents[1] / "benchmarks" / "synth.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("synth", module)  # its dataclasses look their module up
    spec.loader.exec_module(sys.modules["synth"])
    return sys.modules["synth"]


def components_used(shapes: Graph) -> set[URIRef]:
    """The constraint components of the shapes' top-level constraints (what a result names)."""
    by_parameter = {
        SH.minCount: SH.MinCountConstraintComponent,
        SH.maxCount: SH.MaxCountConstraintComponent,
        SH["class"]: SH.ClassConstraintComponent,
        SH.datatype: SH.DatatypeConstraintComponent,
        SH.nodeKind: SH.NodeKindConstraintComponent,
        SH["in"]: SH.InConstraintComponent,
        SH.pattern: SH.PatternConstraintComponent,
        SH.minLength: SH.MinLengthConstraintComponent,
        SH.lessThan: SH.LessThanConstraintComponent,
        SH.lessThanOrEquals: SH.LessThanOrEqualsConstraintComponent,
        SH.qualifiedMinCount: SH.QualifiedMinCountConstraintComponent,
        SH.qualifiedMaxCount: SH.QualifiedMaxCountConstraintComponent,
        SH.node: SH.NodeConstraintComponent,
        SH["or"]: SH.OrConstraintComponent,
    }
    used = set()
    for shape in shapes.subjects(RDF.type, SH.NodeShape):
        for constraint in [shape, *shapes.objects(shape, SH.property)]:
            for parameter, component in by_parameter.items():
                if (constraint, parameter, None) in shapes:
                    used.add(component)
    return used


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Graph, Graph, set[URIRef]]:
    """20 synthetic studies with one injected defect per constraint kind (each on its own node)."""
    folder = tmp_path_factory.mktemp("synthetic")
    _synth().write_records(20, folder, per_file=10)
    merged = load_tbox(None).merged()
    triples = kb_triples(load_records(folder), labels_of(merged))
    kb = Graph().parse(data=ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES), format="nt")
    full = Graph().parse(data=merged.serialize(format="nt"), format="nt")
    studies = _sorted_subjects(kb, t("MITOAKI:0000040"), "study")
    findings = _sorted_subjects(kb, t("MITOAKI:0000009"), "finding")
    models = _sorted_subjects(kb, t("RO:0002162"), "model")
    interventions = _sorted_subjects(kb, t("MITOAKI:0000002"), "intervention")
    documents = sorted(s for s in kb.subjects(t("MITOAKI:0000020"), None))
    statement = _sorted_subjects(kb, t("MITOAKI:0000012"), "statement")[0]
    quotes = sorted(s for s in kb.subjects(OA.exact, None))
    kb.remove((studies[0], t("MITOAKI:0000040"), None))  # minCount
    kb.add((models[0], t("RO:0002162"), t("NCBITaxon:10116")))  # maxCount
    kb.add((models[1], t("RO:0002162"), t("UBERON:0002113")))  # pattern, node (hasValue)
    kb.set((findings[0], t("MITOAKI:0000010"), interventions[0]))  # class
    kb.add((findings[1], t("MITOAKI:0000044"), Literal("%", datatype=XSD.token)))  # datatype
    kb.set((statement, t("MITOAKI:0000012"), Literal("Drp1")))  # nodeKind
    kb.set((findings[2], t("MITOAKI:0000009"), t("MITOAKI:0000341")))  # in
    kb.set((quotes[0], OA.exact, Literal("x")))  # minLength
    kb.remove((findings[3], t("MITOAKI:0000009"), None))  # minCount, SPARQL target
    kb.remove((None, OA.hasBody, findings[4]))  # qualifiedMinCount
    kb.add((interventions[1], RDF.type, t("MITOAKI:0000411")))  # qualifiedMaxCount
    kb.add((interventions[1], RDF.type, t("MITOAKI:0000412")))
    kb.set((findings[5], t("MITOAKI:0000008"), t("NCBITaxon:10090")))  # node (qualified, in)
    kb.add((findings[6], t("MITOAKI:0000043"), Literal("1.5", datatype=XSD.decimal)))  # or
    target, position = URIRef(f"{findings[7]}/target"), URIRef(f"{findings[7]}/position")
    kb.add((target, OA.hasSelector, position))  # lessThan, lessThanOrEquals
    kb.add((target, OA.hasSource, documents[0]))
    kb.add((position, RDF.type, OA.TextPositionSelector))
    kb.add((position, OA.start, Literal(50, datatype=XSD.nonNegativeInteger)))
    kb.add((position, OA.end, Literal(40, datatype=XSD.nonNegativeInteger)))
    kb.add((documents[0], t("MITOAKI:0000057"), Literal(30, datatype=XSD.nonNegativeInteger)))
    return kb, full, components_used(load_shapes())


def test_a_defect_of_every_constraint_kind_gives_pyshacls_results(
    synthetic: tuple[Graph, Graph, set[URIRef]],
) -> None:
    kb, full, used = synthetic
    results = assert_same(kb, full)
    assert len(used) == 14
    _, report = validate(kb, full)
    assert {r.component for r in rows_of(report)} >= used
    assert "https://w3id.org/mitoaki/shapes/StudyFindingShape" in {r.shape for r in results}


# -- input forms, datatypes, lexical forms, the report ------------------------------------------


def test_a_graph_its_triples_and_its_file_give_the_same_results(
    broken_real: tuple[Graph, Graph, dict[str, tuple[str, str]]], tmp_path: Path
) -> None:
    kb, full, _ = broken_real
    text = kb.serialize(format="nt")
    (tmp_path / "kb.nt").write_text(text, encoding="utf-8")
    expected = validate(kb, full)[0]
    triples = list(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    assert validate(triples, full)[0] == expected
    assert validate(tmp_path / "kb.nt", full)[0] == expected  # sources and labels included
    assert any(r.source for r in expected)


def test_derived_integer_types_survive_a_store(mini: tuple[Graph, Graph]) -> None:
    """Oxigraph stores xsd:positiveInteger as xsd:integer: to_store records the original type."""
    kb, full = Graph() + mini[0], mini[1]
    kb.set((FIXTURES.STUDY, t("MITOAKI:0000040"), Literal(3)))  # xsd:integer, not positive
    results, _ = validate(kb, full)
    assert (str(FIXTURES.STUDY), "MITOAKI:0000040") in {(r.focus, r.path) for r in results}
    store = to_store(mini[0])
    back = original_triples(store, store.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert validate(back, full)[0] == []  # the reference numbers are positive integers again


def test_lexical_forms_and_patterns_follow_the_specifications(mini: tuple[Graph, Graph]) -> None:
    """Where rdflib (and so pyshacl) is lax, the gate follows XSD, RDF 1.1 and XPath."""
    kb, full = Graph() + mini[0], mini[1]
    kb.set((FIXTURES.STUDY, t("MITOAKI:0000042"), Literal("MMXX", datatype=XSD.positiveInteger)))
    kb.set((FIXTURES.MODEL, t("MITOAKI:0000048"), Literal("bilateral", datatype=XSD.string)))
    trial = FIXTURES.TRIAL
    kb.add((trial, RDF.type, t("OBI:0003699")))
    kb.add((trial, t("MITOAKI:0000016"), t("MITOAKI:0000716")))
    kb.add((trial, t("MITOAKI:0000046"), Literal("NCT12345678\n")))
    paths = {(r.focus, r.path) for r in validate(kb, full)[0]}
    assert (str(FIXTURES.STUDY), "MITOAKI:0000042") in paths
    assert (str(trial), "MITOAKI:0000046") in paths
    assert not any(focus == str(FIXTURES.MODEL) for focus, _ in paths)


def test_the_report_reads_back_into_the_same_rows(mini: tuple[Graph, Graph]) -> None:
    kb, full = Graph() + mini[0], mini[1]
    kb.remove((FIXTURES.FINDING, t("MITOAKI:0000009"), None))
    kb.set((FIXTURES.MODEL, t("RO:0002162"), t("NCBITaxon:99999999")))
    rows = run(data_triples(kb, full))
    assert len(rows) >= 2 and all(isinstance(r.shape, URIRef | BNode) for r in rows)
    report = report_graph(rows, default_shapes().graph)
    assert set(rows_of(report)) == set(rows)
    assert (None, SH.conforms, Literal(False)) in report


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
    expected, _ = validate(kb, full, shapes, engine="pyshacl")
    for engine in FAST:
        actual, _ = validate(kb, full, shapes, engine=engine)
        assert keys(actual) == keys(expected)
    assert {r.severity for r in expected} == {"Info"}
    assert {r.shape for r in expected} == {str(shape)}  # the property shape's named node shape


def test_shapes_an_engine_cannot_run_are_refused_by_name(mini: tuple[Graph, Graph]) -> None:
    shapes = load_shapes()
    constraint = BNode()
    shapes.add((URIRef("https://w3id.org/mitoaki/shapes/StudyShape"), SH.sparql, constraint))
    shapes.add((constraint, SH.select, Literal("SELECT $this WHERE { MINUS { $this a ?c } }")))
    for engine in FAST:
        with pytest.raises(UnsupportedShapesError, match="MINUS") as raised:
            validate(*mini, shapes, engine=engine)
        assert raised.value.rule == "shapes"
    with pytest.raises(Exception, match="unknown SHACL engine 'oxigraph'"):
        engines.engine("oxigraph")


# -- one study re-validated ---------------------------------------------------------------------


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
    tbox = tbox_triples(full)
    store = to_store(kb, Graph() + full)
    everything, _ = validate(kb, full)
    nodes = record_nodes(store, study_records(store, str(study)))
    assert {str(study), str(finding), f"{finding}/annotation", f"{finding}/quote"} <= nodes
    focused, report = validate_focus(store, nodes, tbox)
    assert Counter(focused) == Counter(r for r in everything if r.focus in nodes)
    caught = {(r.focus, r.path) for r in focused}
    assert {(str(study), "MITOAKI:0000005"), (str(finding), "MITOAKI:0000009")} <= caught
    assert (str(finding), "(path)") in caught  # no statement without evidence
    assert (f"{finding}/quote", "oa:exact") in caught
    assert len(focused) < len(everything)
    assert (None, SH.conforms, Literal(False)) in report
    assert validate_focus(store, [], tbox)[0] == []


def test_record_nodes_stay_inside_the_record(real: tuple[Graph, Graph]) -> None:
    store = to_store(*real)
    finding = _sorted_subjects(real[0], t("RO:0002558"), "finding")[0]
    nodes = record_nodes(store, [str(finding)])
    assert nodes >= {f"{finding}/annotation", f"{finding}/target", f"{finding}/evidence"}
    assert all(n == str(finding) or n.startswith(f"{finding}/") for n in nodes)


# -- the command --------------------------------------------------------------------------------

SHAPES_TTL = """@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix ex: <http://example.org/> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:S a sh:NodeShape ; sh:targetClass ex:Person ;
    sh:property [ sh:path ex:age ; sh:maxCount 1 ; sh:datatype xsd:integer ] .
"""


def test_the_standalone_command_end_to_end(tmp_path: Path) -> None:
    """The installed `mitoaki validate --data --shapes`: exit 0, 1 or 2, the report on stdout."""
    import subprocess
    import sys

    shapes = tmp_path / "shapes.ttl"
    shapes.write_text(SHAPES_TTL, encoding="utf-8")
    good, bad = tmp_path / "good.ttl", tmp_path / "bad.nt"
    good.write_text("<http://example.org/a> a <http://example.org/Person> .\n", encoding="utf-8")
    bad.write_text(
        f"<http://example.org/a> <{RDF.type}> <http://example.org/Person> .\n"
        '<http://example.org/a> <http://example.org/age> "old" .\n',
        encoding="utf-8",
    )
    broken = tmp_path / "broken.ttl"
    broken.write_text(
        SHAPES_TTL
        + 'ex:S sh:sparql [ sh:select "SELECT $this WHERE { MINUS { $this a ?c } }" ] .\n',
        encoding="utf-8",
    )
    command = [sys.executable, "-m", "mitoaki", "validate"]

    def run(data: Path, shapes: Path) -> subprocess.CompletedProcess[str]:
        args = [*command, "--data", str(data), "--shapes", str(shapes)]
        return subprocess.run(args, capture_output=True, text=True, check=False)

    conforming, failing = run(good, shapes), run(bad, shapes)
    assert conforming.returncode == 0, conforming.stderr
    assert (None, SH.conforms, Literal(True)) in Graph().parse(data=conforming.stdout)
    assert failing.returncode == 1
    report = Graph().parse(data=failing.stdout, format="turtle")
    assert {r.component for r in rows_of(report)} == {SH.DatatypeConstraintComponent}
    refused = run(good, broken)
    assert refused.returncode == 2 and refused.stdout == ""
    assert len(refused.stderr.strip().splitlines()) == 1 and "MINUS" in refused.stderr
    unreadable = run(tmp_path / "missing.ttl", shapes)
    assert unreadable.returncode == 2 and "missing.ttl" in unreadable.stderr


def test_validate_a_release_on_every_engine(mini_release: BuildReport) -> None:
    from typer.testing import CliRunner

    from mitoaki.cli import app

    runner = CliRunner()
    for engine in ("shacl", "shacl-rust", "pyshacl"):
        done = runner.invoke(
            app, ["validate", "--build", str(mini_release.out), "--engine", engine]
        )
        assert done.exit_code == 0, done.output
        assert "conforms" in done.output
    wrong = runner.invoke(app, ["validate", "--build", str(mini_release.out), "--engine", "ox"])
    assert wrong.exit_code == 1 and "unknown SHACL engine 'ox'" in wrong.output
