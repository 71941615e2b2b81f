"""The W3C SHACL test suite (core and sparql) through every engine ``mitoaki validate`` offers.

Each ``sht:Validate`` entry of ``../shared/w3c-shacl`` runs as ``mitoaki validate --data D
--shapes S --engine E`` (typer's runner, in this process: 360 runs in seconds). It passes when

* the entry expects a report: the exit code is 0 or 1 as its ``sh:conforms`` says, and the printed
  report has the same set of (focus node, path, source shape, constraint component, severity);
* the entry expects ``sht:Failure``: the command exits 2 (it cannot validate those shapes).

Blank nodes are local to each parse: a blank focus node compares as "a blank node"; a blank source
shape by its description (the report carries the shape's triples), a path by its structure.
Every entry an engine gets wrong is listed in :data:`KNOWN` with the upstream reason; the listed
entries run too and must still fail (``xfail(strict=True)``), so the list cannot go stale.
"""

from __future__ import annotations

import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest
from rdflib import BNode, Graph, Literal
from rdflib.collection import Collection
from rdflib.extras.shacl import parse_shacl_path
from rdflib.namespace import RDF, Namespace
from rdflib.term import Node
from typer.testing import CliRunner

from mitoaki.check.engines import ENGINES
from mitoaki.cli import app
from mitoaki.core.namespaces import SH
from mitoaki.core.paths import shared_dir

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
SHT = Namespace("http://www.w3.org/ns/shacl-test#")
SUITE = (shared_dir() or Path("/nonexistent")) / "w3c-shacl"
Key = tuple[str, str, str, str, str]

#: (engine, entry) -> why the engine gets it wrong. The gate (shacl) and the fallback (shacl-rust)
#: pass every entry: the SPARQL queries SHACL's pre-binding forbids, which they accepted
#: (unsupported-sparql-002, -004, -006), are refused before they run (mitoaki.check.prebinding).
KNOWN: dict[tuple[str, str], str] = {
    ("pyshacl", "core/property/uniqueLang-002"): (
        "wrong: rdflib, pyshacl's RDF library, rewrites the literal '1'^^xsd:boolean as 'true' "
        "when it parses the shapes, so a constraint the specification says to ignore is applied"
    ),
    ("pyshacl", "sparql/node/prefixes-001"): (
        "refused: pyshacl does not follow owl:imports from an sh:prefixes node (the query's "
        "prefix ex: is unknown unless the shapes file's own Turtle @prefix binds it)"
    ),
    ("pyshacl", "sparql/pre-binding/shapesGraph-001"): (
        "refused: pyshacl does not pre-bind $shapesGraph (NotImplementedError)"
    ),
}


def entries(manifest: Path) -> Iterator[tuple[str, Graph, Node]]:
    """(id, manifest graph, entry) of every sht:Validate entry, following mf:include."""
    with warnings.catch_warnings():  # the suite's ill-typed literals are meant (see below)
        warnings.filterwarnings("ignore", "Parsing weird boolean", UserWarning)
        graph = Graph().parse(manifest, format="turtle")
    for node in graph.subjects(RDF.type, MF.Manifest):
        for included in sorted(graph.objects(node, MF.include), key=str):
            yield from entries(Path(str(included).removeprefix("file://")))
        for head in graph.objects(node, MF.entries):
            for entry in Collection(graph, head):
                if (entry, RDF.type, SHT.Validate) in graph:
                    name = str(entry).split("/w3c-shacl/", 1)[-1]
                    yield name, graph, entry


def _entries() -> list[tuple[str, Graph, Node]]:
    return list(entries(SUITE / "manifest.ttl")) if SUITE.is_dir() else []


ENTRIES = _entries()


def describe(graph: Graph, node: Node, seen: frozenset[Node] = frozenset()) -> str:
    """A blank node by what hangs off it (blank nodes inside described the same way)."""
    if not isinstance(node, BNode):
        return node.n3()
    if node in seen:
        return "[...]"
    inner = sorted(
        f"{p.n3()} {describe(graph, o, seen | {node})}" for p, o in graph.predicate_objects(node)
    )
    return "[" + " ; ".join(inner) + "]"


def result_keys(graph: Graph, report: Node) -> set[Key]:
    """(focus, path, source shape, component, severity) of every result of a report."""
    keys = set()
    for result in graph.objects(report, SH.result):
        focus = graph.value(result, SH.focusNode)
        path = graph.value(result, SH.resultPath)
        keys.add(
            (
                "_:" if isinstance(focus, BNode) else str(focus),
                parse_shacl_path(graph, path).n3() if path is not None else "",  # type: ignore[arg-type, union-attr]
                describe(graph, graph.value(result, SH.sourceShape)),  # type: ignore[arg-type]
                str(graph.value(result, SH.sourceConstraintComponent)),
                str(graph.value(result, SH.resultSeverity)),
            )
        )
    return keys


def expected(manifest: Graph, entry: Node) -> tuple[bool, set[Key]] | None:
    """(conforms, result keys) the entry expects, or None when it expects sht:Failure."""
    result = manifest.value(entry, MF.result)
    if result == SHT.Failure:
        return None
    conforms = manifest.value(result, SH.conforms)  # type: ignore[arg-type]
    assert isinstance(conforms, Literal)
    return bool(conforms.toPython()), result_keys(manifest, result)  # type: ignore[arg-type]


def params() -> list[object]:
    out = []
    for engine in ENGINES:
        for name, graph, entry in ENTRIES:
            reason = KNOWN.get((engine, name))
            marks = [pytest.mark.xfail(strict=True, reason=reason)] if reason else []
            out.append(pytest.param(engine, name, graph, entry, marks=marks, id=f"{engine}-{name}"))
    return out


def test_the_suite_is_there() -> None:
    """Without ../shared (a user's machine) the suite is skipped; under CI that is a failure."""
    if not ENTRIES:
        message = f"the W3C SHACL test suite is not at {SUITE}"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    assert len(ENTRIES) == 120


RUNNER = CliRunner()


# the suite's ill-typed literals ("none"^^xsd:boolean) are meant; rdflib warns reading them
@pytest.mark.filterwarnings("ignore:Parsing weird boolean:UserWarning")
@pytest.mark.parametrize(("engine", "name", "manifest", "entry"), params())
def test_w3c_entry(engine: str, name: str, manifest: Graph, entry: Node) -> None:
    action = manifest.value(entry, MF.action)
    data, shapes = (
        Path(str(manifest.value(action, p)).removeprefix("file://"))  # type: ignore[arg-type]
        for p in (SHT.dataGraph, SHT.shapesGraph)
    )
    run = RUNNER.invoke(
        app, ["validate", "--data", str(data), "--shapes", str(shapes), "--engine", engine]
    )
    want = expected(manifest, entry)
    if want is None:
        assert run.exit_code == 2, (
            f"accepted shapes the specification says must fail:\n{run.stdout}"
        )
        return
    assert run.exit_code in (0, 1), f"exit {run.exit_code}: {run.stderr or run.output}"
    report = Graph().parse(data=run.stdout, format="turtle")
    root = report.value(predicate=RDF.type, object=SH.ValidationReport)
    conforms, keys = want
    assert (root, SH.conforms, Literal(conforms)) in report
    assert run.exit_code == (0 if conforms else 1)
    assert result_keys(report, root) == keys  # type: ignore[arg-type]


def test_a_refusal_is_one_line_naming_the_feature(tmp_path: Path) -> None:
    """sht:Failure entries: exit 2 and one line saying what cannot be validated."""
    shapes = SUITE / "sparql" / "pre-binding" / "unsupported-sparql-001.ttl"
    if not shapes.is_file():
        pytest.skip("no W3C suite")
    run = RUNNER.invoke(app, ["validate", "--data", str(shapes), "--shapes", str(shapes)])
    assert run.exit_code == 2
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1 and "MINUS" in lines[0], lines
