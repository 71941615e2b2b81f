"""The knowledge base checked in parts gives what one store of the whole gives
(mitoaki.check.shards).

Differential: inferred types, quality-check rows and SHACL results of the parts against the same
steps on all the triples at once, on the real records, on synthetic records with a reference
across files, with a term never declared, and on small ontologies where parts cannot do alone
(a value typed by two parts into disjoint classes, a rule reading a value's type that another
part gave, a transitive property).
"""

from __future__ import annotations

import pickle
import re
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph

from mitoaki.build import BuildReport
from mitoaki.check import shards
from mitoaki.check.engines import Row
from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import KB
from mitoaki.core.paths import data_dir
from mitoaki.kb import rules
from mitoaki.kb.triples import kb_triples, labels_of
from mitoaki.ontology.tbox import load_tbox
from mitoaki.records.loader import LoadedFile, load_records

RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@pytest.fixture(scope="module")
def context(release: BuildReport) -> shards.Context:
    """The build's context: the compiled ontology, the released ontology, the shapes."""
    merged = load_tbox(None).merged()
    full = Graph().parse(release.out / "mitoaki-full.ttl")
    return shards.Context.of(rules.compile_ontology(merged), full, None)


@pytest.fixture(scope="module")
def labels() -> dict[str, str]:
    return labels_of(load_tbox(None).merged())


def parts_of(
    loaded: list[LoadedFile], groups: list[list[int]], labels: dict[str, str]
) -> list[list[ox.Triple]]:
    return [kb_triples([loaded[i] for i in group], labels) for group in groups]


def same(a: shards.Checked, b: shards.Checked) -> None:
    assert a.types == b.types
    assert a.quality_rows() == b.quality_rows()
    assert a.shacl_results() == b.shacl_results()
    assert a.rows == b.rows


def test_the_real_records_in_parts_give_what_the_whole_gives(
    context: shards.Context, labels: dict[str, str]
) -> None:
    loaded = load_records(data_dir("ontology") / "records")
    plan = shards.plan(loaded, size=1)
    assert len(plan) == len(loaded) == 2  # no reference across the two reviews' files
    whole = shards.check([kb_triples(loaded, labels)], context)
    parted = shards.check(parts_of(loaded, plan, labels), context)
    assert parted.parts == 2 and whole.parts == 1
    assert len(whole.types) > 40  # the release's inferred individual types
    same(parted, whole)


def test_files_linked_by_a_reference_share_a_part(crossed: list[LoadedFile]) -> None:
    assert shards.plan(crossed, size=1) == [[0, 1], [2], [3], [4], [5]]
    records = [len(item.records.all_records()) for item in crossed]
    # packed to at least `size` records a part, linked files kept together
    assert shards.plan(crossed, size=records[0] + records[1] + 1) == [[0, 1, 2], [3, 4, 5]]
    assert shards.plan(crossed) == [[0, 1, 2, 3, 4, 5]]  # small: one part


def test_parts_closed_under_references_match_the_whole_and_per_file_parts_do_not(
    crossed: list[LoadedFile], context: shards.Context, labels: dict[str, str]
) -> None:
    whole = shards.check([kb_triples(crossed, labels)], context)
    parted = shards.check(parts_of(crossed, shards.plan(crossed, size=1), labels), context)
    same(parted, whole)
    per_file = shards.check(parts_of(crossed, [[i] for i in range(len(crossed))], labels), context)
    # the finding's study is in another part: SHACL finds no study there
    extra = set(per_file.shacl_results()) - set(whole.shacl_results())
    assert {(r.shape.rsplit("/", 1)[-1], r.source.split(":")[0]) for r in extra} == {
        ("StudyFindingShape", "synth-0002.yaml")
    }


class _Cycle:
    """An object in a reference cycle, holding Oxigraph query results made on this thread."""

    def __init__(self, results: object) -> None:
        self.results = results
        self.me = self


def test_query_results_in_a_cycle_are_not_dropped_on_a_parts_thread(
    crossed: list[LoadedFile], context: shards.Context, labels: dict[str, str]
) -> None:
    """One part is checked on a thread; garbage of this thread is not freed there.

    Oxigraph's results may only be dropped on the thread that made them: freed by the part
    thread's collector, they raise an error pytest reports (an unraisable exception).
    """
    part = kb_triples(crossed, labels)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(f"{KB}x"), RDF_TYPE, ox.NamedNode(f"{KB}y")))
    for _ in range(3):
        _Cycle(store.query("SELECT ?s WHERE { ?s ?p ?o }"))
    whole = shards.check([part], context)
    assert whole.types


def test_a_term_never_declared_is_found_in_whichever_part_uses_it(
    crossed: list[LoadedFile], context: shards.Context, labels: dict[str, str]
) -> None:
    undeclared = ox.Triple(
        ox.NamedNode(f"{KB}finding/synth-x"),
        ox.NamedNode("https://w3id.org/mitoaki/MITOAKI_0000008"),
        ox.NamedNode("http://purl.obolibrary.org/obo/GO_9999999"),
    )
    parts = parts_of(crossed, shards.plan(crossed, size=1), labels)
    parts[-1].append(undeclared)
    whole = shards.check([[t for part in parts for t in part]], context)
    parted = shards.check(parts, context)
    same(parted, whole)
    assert [v.entity for v in parted.quality_rows()] == [
        "http://purl.obolibrary.org/obo/GO_9999999"
    ]


# -- small ontologies where parts cannot decide alone --------------------------------------------

EX = "http://example.org/"
TINY = f"""
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix ex: <{EX}> .
<{EX}onto> a owl:Ontology .
ex:A a owl:Class . ex:B a owl:Class . ex:D a owl:Class .
ex:A owl:disjointWith ex:B .
ex:p a owl:ObjectProperty ; rdfs:range ex:A .
ex:q a owl:ObjectProperty ; rdfs:range ex:B .
ex:r a owl:ObjectProperty .
ex:D owl:equivalentClass [ a owl:Restriction ; owl:onProperty ex:r ; owl:someValuesFrom ex:A ] .
"""


def tiny_context(extra: str = "") -> shards.Context:
    graph = Graph().parse(data=TINY + extra, format="turtle")
    return shards.Context.of(rules.compile_ontology(graph), graph, None)


def edge(subject: str, prop: str, value: str) -> ox.Triple:
    return ox.Triple(
        ox.NamedNode(f"{KB}{subject}"), ox.NamedNode(EX + prop), ox.NamedNode(EX + value)
    )


def test_a_value_two_parts_type_into_disjoint_classes_is_an_inconsistency() -> None:
    context = tiny_context()
    parts = [[edge("x", "p", "t")], [edge("y", "q", "t")]]
    for part in parts:  # each part alone is consistent
        shards.check([part], context)
    with pytest.raises(ReasonerError) as whole:
        shards.check([[t for part in parts for t in part]], context)
    with pytest.raises(ReasonerError) as parted:
        shards.check(parts, context)
    assert whole.value.rule == parted.value.rule == "consistency"
    assert "example.org/t" in str(parted.value) or "ex:t" in str(parted.value)


def test_a_type_one_part_gives_a_value_that_another_part_reads_is_not_lost() -> None:
    context = tiny_context()
    # part 1 makes t an A (range of p); part 2 relates y to t by r: y is a D in the whole
    parts = [[edge("x", "p", "t")], [edge("y", "r", "t")]]
    whole = shards.check([[t for part in parts for t in part]], context)
    assert (f"{KB}y", f"{EX}D") in whole.types
    alone = shards.check([parts[1]], context)
    assert (f"{KB}y", f"{EX}D") not in alone.types  # the part alone cannot know
    same(shards.check(parts, context), whole)


def test_parts_are_not_used_when_a_rule_joins_other_individuals() -> None:
    # (ex:s, not ex:r: a transitive property under an implied existential is refused)
    context = tiny_context(f"<{EX}s> a <http://www.w3.org/2002/07/owl#TransitiveProperty> .")
    assert not context.compiled.local()
    assert tiny_context().compiled.local()
    parts = [
        [edge("x", "s", "y")],
        [ox.Triple(ox.NamedNode(f"{KB}y"), ox.NamedNode(f"{EX}s"), ox.NamedNode(f"{KB}z"))],
    ]
    assert shards.check(parts, context).parts == 1


def test_the_knowledge_base_says_nothing_about_the_ontology_s_terms(
    crossed: list[LoadedFile], labels: dict[str, str]
) -> None:
    """What the parts and the ontology-only quality checks rest on: subjects are KB nodes."""
    real = load_records(data_dir("ontology") / "records")
    for triple in kb_triples(real + crossed, labels):
        assert isinstance(triple.subject, ox.NamedNode)
        assert triple.subject.value.startswith(str(KB)), triple


def test_quality_checks_of_the_ontology_alone_run_once() -> None:
    from mitoaki.ontology.quality import checks

    ontology = {path.stem for path in checks(scope="ontology")}
    data = {path.stem for path in checks(scope="data")}
    assert data == {"external-term-violation"}
    assert "orphan-class-violation" in ontology and not ontology & data
    assert ontology | data == {path.stem for path in checks()}


def test_a_part_that_is_inconsistent_stops_the_check() -> None:
    context = tiny_context()
    bad = [edge("x", "p", "t"), edge("x", "q", "t")]  # t an A and a B in one part
    parts = [[edge(f"y{i}", "r", "u")] for i in range(4)] + [bad]
    with pytest.raises(ReasonerError) as raised:
        shards.check(parts, context)
    assert raised.value.rule == "consistency"


FORKED = """
import pickle, sys, threading
from pathlib import Path
from rdflib import Graph
from mitoaki.check import shards
from mitoaki.check.engines import Row
from mitoaki.core import parallel
from mitoaki.core.paths import data_dir
from mitoaki.kb import rules
from mitoaki.kb.triples import kb_triples, labels_of
from mitoaki.ontology.tbox import load_tbox
from mitoaki.records.loader import load_records

assert threading.active_count() == 1 and parallel.context().get_start_method() == "fork"
merged = load_tbox(None).merged()
context = shards.Context.of(rules.compile_ontology(merged), Graph().parse(sys.argv[1]), None)
loaded, labels = load_records(data_dir("ontology") / "records"), labels_of(merged)
parts = [kb_triples([loaded[i] for i in group], labels) for group in shards.plan(loaded, size=1)]
checked = shards.check(parts, context)
summary = (
    checked.parts, checked.types, checked.quality_rows(), checked.shacl_results(), checked.rows
)
Path(sys.argv[2]).write_bytes(pickle.dumps(summary))
"""


def test_parts_checked_on_forked_workers_give_what_threads_give(
    context: shards.Context, labels: dict[str, str], release: BuildReport, tmp_path: Path
) -> None:
    """A process that may fork checks its parts on forked workers: the same as on threads."""
    out = tmp_path / "forked.pickle"
    full = release.out / "mitoaki-full.ttl"
    done = subprocess.run(
        [sys.executable, "-c", FORKED, str(full), str(out)], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    parts, types, quality_rows, results, rows = pickle.loads(out.read_bytes())
    loaded = load_records(data_dir("ontology") / "records")
    threaded = shards.check(parts_of(loaded, shards.plan(loaded, size=1), labels), context)
    assert parts == threaded.parts == 2
    assert types == threaded.types and len(types) > 40
    assert quality_rows == threaded.quality_rows()
    assert results == threaded.shacl_results()
    # a shape that is a blank node has the label its process's parse of the shapes gave it
    assert _unlabelled(rows) == _unlabelled(threaded.rows) and rows


def _unlabelled(rows: set[Row]) -> list[str]:
    """The rows as text with every blank node's label left out."""
    return sorted(re.sub(r"_:[A-Za-z0-9]+|BNode\('[^']*'\)", "_:b", repr(row)) for row in rows)
