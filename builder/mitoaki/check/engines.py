"""SHACL engines behind one call: N-Triples data and a shapes graph in, validation results out.

The gate is :data:`GATE`, the ``shacl`` package (a Rust engine, pinned: young, one maintainer);
``shacl-rust`` (with its interned index) is the fallback; ``pyshacl``, the design card's package,
is the reference the others are tested against. Each engine reads the data as N-Triples (text or
a file) and returns :class:`Row` records of the W3C validation report; :func:`report_graph`
writes them as an ``sh:ValidationReport``. All three pass the W3C SHACL test suite but for the
entries listed in ``tests/test_w3c_shacl.py`` with their reason; the Rust engines only with the
SPARQL that SHACL's pre-binding forbids refused first (:mod:`mitoaki.check.prebinding`).

The Rust engines parse the shapes themselves, so the blank nodes of a shapes graph would come
back under labels of their own. :class:`Shapes` therefore hands them the shapes with every
blank-node *shape* named (``urn:x-mitoaki:shape:N``) and maps the names back in the results:
``Row.shape`` is always a node of :attr:`Shapes.graph`, whichever engine ran.

An engine that cannot validate the shapes (a feature it does not implement, a SPARQL query the
specification says must fail) raises :class:`UnsupportedShapesError` with its own one-line reason.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path as FilePath
from typing import Any, TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.extras.shacl import build_shacl_path, parse_shacl_path
from rdflib.namespace import RDF, XSD
from rdflib.paths import Path
from rdflib.term import Node

from mitoaki.core.errors import MitoakiError, UnsupportedShapesError
from mitoaki.core.namespaces import SH, bind_prefixes

#: The engine of the build's gate and of ``mitoaki validate``.
GATE = "shacl"
#: A result path: a predicate or a property path.
ResultPath: TypeAlias = URIRef | Path
_NAMED = "urn:x-mitoaki:shape:"
_NT = ox.RdfFormat.N_TRIPLES
_XSD_STRING = str(XSD.string)
#: Predicates whose objects are shapes, and those whose objects are lists of shapes.
_SHAPE_VALUED = (SH.property, SH.node, SH.qualifiedValueShape, SH["not"])
_SHAPE_LISTS = (SH["and"], SH["or"], SH.xone)


@dataclass(frozen=True)
class Row:
    """One result of a validation report (``sh:ValidationResult``)."""

    focus: Node
    path: ResultPath | None
    value: Node | None
    #: The shape that raised it: a node of :attr:`Shapes.graph` (its blank node, if it is one).
    shape: Node
    component: URIRef
    severity: URIRef
    messages: tuple[Literal, ...] = ()

    @property
    def is_violation(self) -> bool:
        """Whether the result has severity ``sh:Violation`` (the gate's policy fails on those)."""
        return self.severity == SH.Violation


class Shapes:
    """A shapes graph, with the N-Triples the Rust engines read and their compiled forms.

    Made from the triples as parsed (:meth:`from_triples`: literals as written) or from an rdflib
    graph (:meth:`from_graph`: rdflib writes some literals anew, ``"1"^^xsd:boolean`` as
    ``"true"``). Compiled shapes are kept per engine: compiling is a good share of validating a
    small graph.
    """

    def __init__(self, triples: Sequence[ox.Triple], graph: Graph | None = None) -> None:
        self.triples = triples
        self.graph = graph if graph is not None else _to_rdflib(triples)
        self.compiled: dict[str, Any] = {}

    @classmethod
    def from_triples(cls, triples: Iterable[ox.Triple]) -> Shapes:
        """Shapes from pyoxigraph triples."""
        return cls(list(triples))

    @classmethod
    def from_graph(cls, graph: Graph) -> Shapes:
        """Shapes from an rdflib graph (blank nodes keep their labels)."""
        data = graph.serialize(format="nt", encoding="utf-8")
        return cls([q.triple for q in ox.parse(data, format=_NT)], graph)

    @cached_property
    def named(self) -> dict[str, BNode]:
        """``urn:x-mitoaki:shape:N`` -> the blank-node shape it names."""
        shapes: set[Node] = {o for p in _SHAPE_VALUED for o in self.graph.objects(None, p)}
        for predicate in _SHAPE_LISTS:
            for head in self.graph.objects(None, predicate):
                shapes.update(Collection(self.graph, head))
        shapes.update(self.graph.subjects(SH.path, None))
        shapes.update(self.graph.subjects(RDF.type, SH.NodeShape))
        shapes.update(self.graph.subjects(RDF.type, SH.PropertyShape))
        blank = sorted((s for s in shapes if isinstance(s, BNode)), key=str)
        return {f"{_NAMED}{i}": node for i, node in enumerate(blank)}

    @cached_property
    def text(self) -> str:
        """The shapes as N-Triples, blank-node shapes named."""
        names = {ox.BlankNode(str(node)): ox.NamedNode(name) for name, node in self.named.items()}
        triples = (
            ox.Triple(names.get(t.subject, t.subject), t.predicate, names.get(t.object, t.object))  # type: ignore[arg-type]
            for t in self.triples
        )
        return ox.serialize(triples, format=_NT).decode("utf-8")  # type: ignore[union-attr]

    def node(self, name: str) -> Node:
        """The shapes graph's node for a shape an engine reported (N-Triples syntax)."""
        iri = name[1:-1] if name.startswith("<") else name
        if iri in self.named:
            return self.named[iri]
        return URIRef(iri) if name.startswith("<") else BNode(name.removeprefix("_:"))


def _check_prebinding(shapes: Shapes, engine: str) -> None:
    """Refuse the shapes when a SPARQL query breaks SHACL's pre-binding rules."""
    from mitoaki.check.prebinding import prebinding_error

    if "prebinding" not in shapes.compiled:
        shapes.compiled["prebinding"] = prebinding_error(shapes.graph)
    if shapes.compiled["prebinding"] is not None:
        raise UnsupportedShapesError(f"{engine}: {shapes.compiled['prebinding']}", rule="shapes")


#: The data graph an engine reads: N-Triples text, or the path of an N-Triples file.
Data: TypeAlias = str | FilePath
#: An engine: the data graph and the shapes in, the report's results out.
Engine: TypeAlias = Callable[[Data, Shapes], list[Row]]


def _terms(texts: Sequence[str]) -> list[Node]:
    """RDF terms written in N-Triples syntax, parsed by Oxigraph in one document."""
    subject, predicate = "<urn:x-mitoaki:s>", "<urn:x-mitoaki:p>"
    document = "".join(f"{subject} {predicate} {text} .\n" for text in texts)
    return [rdflib_term(t.object) for t in ox.parse(document, format=ox.RdfFormat.N_TRIPLES)]


def _to_rdflib(triples: Iterable[ox.Triple]) -> Graph:
    """Pyoxigraph triples as an rdflib graph (blank nodes keep their labels)."""
    graph = Graph()
    for t in triples:
        graph.add((rdflib_term(t.subject), rdflib_term(t.predicate), rdflib_term(t.object)))
    return graph


def rdflib_term(term: object) -> Node:
    """A pyoxigraph term as an rdflib term."""
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype.value == _XSD_STRING:  # the same literal in RDF 1.1; not to rdflib
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise MitoakiError(f"not an RDF term: {term!r}", rule="shacl")


def sparql_path(text: str) -> ResultPath:
    """A property path in SPARQL syntax as rdflib's path, by rdflib's SPARQL grammar.

    >>> sparql_path("^<http://e/p> / <http://e/q>*").n3()
    '^<http://e/p>/<http://e/q>*'
    """
    from rdflib.plugins.sparql import algebra, parser

    parsed = parser.Path.parse_string(text, parse_all=True)[0]
    return algebra.traverse(parsed, visitPost=algebra.translatePath)  # type: ignore[no-any-return]


def _row(
    shapes: Shapes,
    terms: Iterable[Node | None],
    path: str | None,
    shape: str,
    component: str,
    severity: str,
    messages: Iterable[str],
) -> Row:
    focus, value = terms
    assert focus is not None
    return Row(
        focus=focus,
        path=sparql_path(path) if path else None,
        value=value,
        shape=shapes.node(shape),
        component=URIRef(component.strip("<>")),
        severity=URIRef(severity.strip("<>")),
        messages=tuple(Literal(m) for m in messages),
    )


def _parse_terms(pairs: Sequence[tuple[str, str | None]]) -> list[tuple[Node, Node | None]]:
    """(focus, value) pairs in N-Triples syntax as rdflib terms, parsed at once."""
    flat = _terms([t for pair in pairs for t in pair if t is not None])
    out: list[tuple[Node, Node | None]] = []
    position = 0
    for _, value in pairs:
        focus, position = flat[position], position + 1
        if value is not None:
            out.append((focus, flat[position]))
            position += 1
        else:
            out.append((focus, None))
    return out


def run_shacl(data: Data, shapes: Shapes) -> list[Row]:
    """The ``shacl`` package (the gate)."""
    import shacl

    _check_prebinding(shapes, "shacl")
    try:
        compiled = shapes.compiled.get("shacl")
        if compiled is None:
            compiled = shapes.compiled["shacl"] = shacl.Shapes.from_text(
                shapes.text, format="ntriples"
            )
        if isinstance(data, FilePath):
            report = compiled.validate_file(str(data))
        else:
            report = compiled.validate_text(data, format="ntriples")
    except ValueError as error:
        raise UnsupportedShapesError(f"shacl: {error}", rule="shapes") from None
    results = report.results
    terms = _parse_terms([(r.focus_node, r.value) for r in results])
    return [
        _row(
            shapes, pair, r.path, r.source_shape or "", r.component_iri, r.severity_iri, r.messages
        )
        for r, pair in zip(results, terms, strict=True)
    ]


def run_shacl_rust(data: Data, shapes: Shapes) -> list[Row]:
    """``shacl-rust`` with its interned index (the fallback)."""
    import shacl_rust

    _check_prebinding(shapes, "shacl-rust")
    try:
        formats: dict[str, Any] = {"data_format": "nt", "shapes_format": "nt"}
        if isinstance(data, FilePath):  # streamed from the file
            shapes_file = io.BytesIO(shapes.text.encode("utf-8"))
            report = shacl_rust.validate_file(
                str(data), shapes_file, **formats, experimental_index=True
            )
        else:
            report = shacl_rust.validate(data, shapes.text, **formats, experimental_index=True)
    except (ValueError, RuntimeError) as error:
        raise UnsupportedShapesError(f"shacl-rust: {error}", rule="shapes") from None
    results: list[dict[str, Any]] = report["results"]
    terms = _parse_terms([(r["focusNode"], r.get("value")) for r in results])
    rows = []
    for r, pair in zip(results, terms, strict=True):
        shape = shapes.node(r.get("sourceShape", ""))
        declared = {str(m) for m in shapes.graph.objects(shape, SH.message)}
        # its own description of the constraint comes first; the shape's sh:message after it
        messages = [m for m in r["messages"] if m in declared] or r["messages"]
        rows.append(
            _row(
                shapes,
                pair,
                r.get("resultPath"),
                r.get("sourceShape", ""),
                r["sourceConstraintComponent"],
                r["severity"],
                messages,
            )
        )
    return rows


def run_pyshacl(data: Data, shapes: Shapes) -> list[Row]:
    """pyshacl, the reference (slow: it walks the graph in Python)."""
    import pyshacl
    from pyshacl.errors import ReportableRuntimeError

    graph = Graph()
    if isinstance(data, FilePath):
        graph.parse(data, format="nt")
    else:
        graph.parse(data=data, format="nt")
    try:
        _, report, _ = pyshacl.validate(
            graph, shacl_graph=shapes.graph, inference="none", advanced=True, allow_warnings=False
        )
    except ReportableRuntimeError as error:
        report = error.message
    except Exception as error:  # pyshacl fails on some shapes with errors of every kind
        report = f"{type(error).__name__}: {error}"
    if not isinstance(report, Graph):  # a sh:ValidationFailure, or the message of an error
        reason = " ".join(str(getattr(report, "message", report)).split())
        raise UnsupportedShapesError(f"pyshacl: {reason}", rule="shapes")
    return rows_of(report)


def rows_of(report: Graph) -> list[Row]:
    """The results of a validation report graph."""
    rows = []
    root = report.value(predicate=RDF.type, object=SH.ValidationReport)
    for node in report.objects(root, SH.result):  # not the nested results of sh:detail
        focus = report.value(node, SH.focusNode)
        path = report.value(node, SH.resultPath)
        assert focus is not None
        rows.append(
            Row(
                focus=focus,
                path=parse_shacl_path(report, path) if path is not None else None,
                value=report.value(node, SH.value),
                shape=report.value(node, SH.sourceShape),  # type: ignore[arg-type]
                component=report.value(node, SH.sourceConstraintComponent),  # type: ignore[arg-type]
                severity=report.value(node, SH.resultSeverity),  # type: ignore[arg-type]
                messages=tuple(
                    sorted(
                        m for m in report.objects(node, SH.resultMessage) if isinstance(m, Literal)
                    )
                ),
            )
        )
    return rows


#: The engines ``mitoaki validate --engine`` offers, by name.
ENGINES: dict[str, Engine] = {
    "shacl": run_shacl,
    "shacl-rust": run_shacl_rust,
    "pyshacl": run_pyshacl,
}


def engine(name: str) -> Engine:
    """The engine called ``name``, or a clear error listing those there are."""
    try:
        return ENGINES[name]
    except KeyError:
        raise MitoakiError(
            f"unknown SHACL engine '{name}' ({', '.join(ENGINES)})", rule="engine"
        ) from None


def _copy(source: Graph, node: Node | None, report: Graph) -> None:
    """Copy a blank node of the shapes graph, and what hangs off it, into the report."""
    pending, done = [node], set()
    while pending:
        current = pending.pop()
        if not isinstance(current, BNode) or current in done:
            continue
        done.add(current)
        for p, o in source.predicate_objects(current):
            report.add((current, p, o))
            pending.append(o)


def report_graph(rows: Iterable[Row], shapes: Graph) -> Graph:
    """The W3C validation report (``sh:ValidationReport``) of ``rows``.

    ``sh:conforms`` follows the specification: true only when there is no result at all, of any
    severity (the build's gate, which passes warnings, is :func:`mitoaki.check.validate.enforce`).
    """
    report = bind_prefixes(Graph())
    root = BNode()
    report.add((root, RDF.type, SH.ValidationReport))
    rows = list(rows)
    report.add((root, SH.conforms, Literal(not rows)))
    for row in rows:
        node = BNode()
        report.add((root, SH.result, node))
        report.add((node, RDF.type, SH.ValidationResult))
        report.add((node, SH.focusNode, row.focus))
        report.add((node, SH.resultSeverity, row.severity))
        report.add((node, SH.sourceShape, row.shape))
        report.add((node, SH.sourceConstraintComponent, row.component))
        for message in row.messages:
            report.add((node, SH.resultMessage, message))
        if row.path is not None:
            path, _ = build_shacl_path(row.path, report)
            report.add((node, SH.resultPath, path))
        if row.value is not None:
            report.add((node, SH.value, row.value))
        _copy(shapes, row.shape, report)
    return report
