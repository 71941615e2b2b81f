"""SHACL validation of the knowledge base on the gate's engine, with a human and a machine report.

The data graph is the knowledge base with the ontology's class hierarchy, types, labels and header
(:func:`data_triples`); the engine is :data:`mitoaki.check.engines.GATE` unless another is named
(:mod:`mitoaki.check.engines`). The build's gate fails on violations and passes warnings
(:func:`enforce`); the written report's ``sh:conforms`` follows the specification.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from mitoaki.check import engines
from mitoaki.check.engines import GATE, Row, Shapes, report_graph
from mitoaki.core.errors import MitoakiError, ResourceError, ValidationFailedError
from mitoaki.core.namespaces import KB, OA, SH, compress
from mitoaki.core.paths import data_dir
from mitoaki.kb.iris import record_of

SHAPES_FILE = "mitoaki-shapes.ttl"
REPORT_FILE = "validation-report.ttl"
#: Ontology triples the shapes need from the TBox: the class hierarchy, types and labels.
TBOX_PREDICATES = (RDFS.subClassOf, RDF.type, RDFS.label)
_NT = ox.RdfFormat.N_TRIPLES


@dataclass(frozen=True)
class Result:
    """One SHACL validation result, with where it comes from in the records."""

    severity: str
    focus: str
    label: str
    path: str
    message: str
    shape: str
    source: str

    @property
    def is_violation(self) -> bool:
        """Whether this result fails the build (warnings and infos do not)."""
        return self.severity == "Violation"


def load_shapes(path: Path | None = None) -> Graph:
    """The shapes graph shipped with the package (or another file)."""
    path = path or data_dir("shapes") / SHAPES_FILE
    if not path.is_file():
        raise ResourceError("shapes file not found", path=path, rule="shapes")
    return Graph().parse(path, format="turtle")


@cache
def default_shapes() -> Shapes:
    """The project's shapes, read once per process (engines compile them once, on first use)."""
    return Shapes.from_triples(read_rdf(data_dir("shapes") / SHAPES_FILE))


def _shapes(shapes: Graph | Shapes | None) -> Shapes:
    if shapes is None:
        return default_shapes()
    return shapes if isinstance(shapes, Shapes) else Shapes.from_graph(shapes)


def to_triples(graph: Graph) -> list[ox.Triple]:
    """An rdflib graph's triples as pyoxigraph triples (literals keep their datatypes)."""
    return list(ox.parse(graph.serialize(format="nt", encoding="utf-8"), format=_NT))


def tbox_triples(ontology: Graph) -> list[ox.Triple]:
    """What the data graph takes of the ontology: hierarchy, types, labels and the header."""
    part = Graph()
    for predicate in TBOX_PREDICATES:
        for triple in ontology.triples((None, predicate, None)):
            part.add(triple)
    for header in ontology.subjects(RDF.type, OWL.Ontology):
        for triple in ontology.triples((header, None, None)):
            part.add(triple)
    return to_triples(part)


def data_triples(kb: Graph | Iterable[ox.Triple], ontology: Graph) -> list[ox.Triple]:
    """The graph the shapes run on: the knowledge base and :func:`tbox_triples`."""
    own = to_triples(kb) if isinstance(kb, Graph) else list(kb)
    return own + tbox_triples(ontology)


def run(
    data: Iterable[ox.Triple] | Path,
    shapes: Graph | Shapes | None = None,
    *,
    engine: str = GATE,
) -> list[Row]:
    """The results of validating a data graph (triples, or an N-Triples file) with an engine.

    Triples are handed over as N-Triples text: pass them as parsed or built, not read back from
    an Oxigraph store, which stores ``xsd:positiveInteger`` and the other types derived from
    ``xsd:integer`` as ``xsd:integer`` (oxigraph issue 526). A file is read by the engine itself.
    """
    prepared = _shapes(shapes)
    if isinstance(data, Path):
        return engines.engine(engine)(data, prepared)
    text = ox.serialize(data, format=_NT).decode("utf-8")  # type: ignore[union-attr]
    return engines.engine(engine)(text, prepared)


def describe(store: ox.Store, nodes: Iterable[str]) -> dict[str, tuple[str, str]]:
    """(label, ``file.yaml:line`` of the record) of each node of a store, by one query."""
    rows = []
    for node in sorted(set(nodes)):
        record = record_of(URIRef(node)) or node if node.startswith(str(KB)) else "urn:x-none"
        rows.append(f"(<{node}> <{record}>)")
    if not rows:
        return {}
    query = (
        "SELECT ?focus (SAMPLE(?l) AS ?label) (SAMPLE(?s) AS ?source) WHERE { "
        f"VALUES (?focus ?record) {{ {' '.join(rows)} }} "
        f"OPTIONAL {{ ?focus <{RDFS.label}> ?l }} "
        f"OPTIONAL {{ ?annotation <{OA.hasBody}> ?record ; <{DCTERMS.source}> ?s }} "
        "} GROUP BY ?focus"
    )
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    return {
        focus.value: (label.value if label else "", source.value if source else "")
        for focus, label, source in solutions
    }


def _node_shape(shapes: Graph, shape: object) -> object:
    """The named node shape a property shape belongs to (the shape itself when it is named)."""
    if isinstance(shape, URIRef):
        return shape
    return next(iter(shapes.subjects(SH.property, shape)), shape)  # type: ignore[arg-type]


def results_of(
    rows: Iterable[Row], shapes: Graph, about: dict[str, tuple[str, str]]
) -> list[Result]:
    """Rows as sorted results: the node shape, the first message, the record's ``file:line``."""
    out = []
    for row in rows:
        label, source = about.get(str(row.focus), ("", ""))
        out.append(
            Result(
                severity=str(row.severity).rsplit("#", 1)[-1],
                focus=str(row.focus),
                label=label,
                path=compress(str(row.path))
                if isinstance(row.path, URIRef)
                else ("(path)" if row.path is not None else ""),
                message=str(row.messages[0]) if row.messages else "",
                shape=compress(str(_node_shape(shapes, row.shape))),
                source=source if isinstance(row.focus, URIRef) else "",
            )
        )
    return sort_results(out)


def sort_results(results: Iterable[Result]) -> list[Result]:
    """Results in report order: violations first, then by record source, focus, path, message."""
    return sorted(
        results, key=lambda r: (r.severity != "Violation", r.source, r.focus, r.path, r.message)
    )


def validate(
    kb: Graph | Iterable[ox.Triple] | Path,
    ontology: Graph,
    shapes: Graph | Shapes | None = None,
    *,
    engine: str = GATE,
) -> tuple[list[Result], Graph]:
    """Validate ``kb`` (with the ontology) against the shapes; return results and report graph.

    ``kb`` is an rdflib graph, pyoxigraph triples, or an N-Triples file, which the engine reads
    with the ontology's part without the triples passing through Python (a release's
    ``mitoaki-kb.nt``: at 10k studies, 1.1M triples).
    """
    prepared = _shapes(shapes)
    if isinstance(kb, Path):
        with tempfile.TemporaryDirectory(prefix="mitoaki-shacl-") as scratch:
            data = Path(scratch) / "data.nt"
            with data.open("wb") as out, kb.open("rb") as source:
                shutil.copyfileobj(source, out)
                ox.serialize(tbox_triples(ontology), out, format=_NT)
            rows = run(data, prepared, engine=engine)
            triples = read_rdf(data) if rows else []  # only to describe the results
    else:
        triples = data_triples(kb, ontology)
        rows = run(triples, prepared, engine=engine)
    about = {}
    if rows:  # a store to look the focus nodes' labels and records up in
        store = ox.Store()
        store.bulk_extend(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
        about = describe(store, {str(r.focus) for r in rows})
    return results_of(rows, prepared.graph, about), report_graph(rows, prepared.graph)


def validate_focus(
    store: ox.Store,
    nodes: Iterable[str],
    tbox: Sequence[ox.Triple],
    shapes: Graph | Shapes | None = None,
    *,
    engine: str = GATE,
) -> tuple[list[Result], Graph]:
    """Re-validate only ``nodes`` (for example one study's: :func:`record_nodes`) of a store.

    The engine validates a subgraph: the triples of each node, those pointing at it, the types
    of the nodes they name, and ``tbox`` (:func:`tbox_triples`); results about other nodes are
    dropped. That is every triple the project's shapes read about a record's own nodes, so the
    results equal the whole store's results about ``nodes`` (tested). The store's literals must
    keep their datatypes (:func:`mitoaki.core.stores.to_store` records those Oxigraph re-types).
    """
    from mitoaki.core.stores import original_triples

    wanted = {str(n) for n in nodes}
    if not wanted:
        return [], report_graph([], _shapes(shapes).graph)
    rdf_type = ox.NamedNode(str(RDF.type))
    quads: set[ox.Quad] = set()
    for node in map(ox.NamedNode, sorted(wanted)):
        quads.update(store.quads_for_pattern(node, None, None, ox.DefaultGraph()))
        quads.update(store.quads_for_pattern(None, None, node, ox.DefaultGraph()))
    values = {q.object for q in quads if isinstance(q.object, ox.NamedNode)}
    for value in values - set(map(ox.NamedNode, wanted)):
        quads.update(store.quads_for_pattern(value, rdf_type, None, ox.DefaultGraph()))
    triples = [*original_triples(store, quads), *tbox]
    prepared = _shapes(shapes)
    rows = [r for r in run(triples, prepared, engine=engine) if str(r.focus) in wanted]
    about = describe(store, {str(r.focus) for r in rows})
    return results_of(rows, prepared.graph, about), report_graph(rows, prepared.graph)


def record_nodes(store: ox.Store, records: Iterable[str]) -> set[str]:
    """The records and the KB nodes hanging off them (``<record>/annotation``, its target, ...).

    A node hangs off a record when its IRI extends the record's (``<record>/...``) and a chain of
    such nodes links it to the record, in either direction. A node whose last link was removed
    is not found this way: pass it to :func:`validate_focus` yourself.
    """
    found = set(records)
    frontier = {(r, r) for r in found}
    while frontier:
        rows = " ".join(f"(<{r}> <{n}>)" for r, n in sorted(frontier))
        query = (
            f"SELECT DISTINCT ?record ?next WHERE {{ VALUES (?record ?node) {{ {rows} }} "
            "{ ?node ?p ?next } UNION { ?next ?p ?node } "
            'FILTER(isIRI(?next) && STRSTARTS(STR(?next), CONCAT(STR(?record), "/"))) }'
        )
        solutions = store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        frontier = set()
        for record, node in solutions:
            if node.value not in found:
                found.add(node.value)
                frontier.add((record.value, node.value))
    return found


def read_rdf(path: Path) -> list[ox.Triple]:
    """The triples of an RDF file in any format Oxigraph reads (by its extension)."""
    fmt = ox.RdfFormat.from_extension(path.suffix.lstrip(".").lower())
    if fmt is None:
        raise MitoakiError(f"unknown RDF format '{path.suffix}'", path=path, rule="rdf")
    try:
        quads = ox.parse(path=str(path), format=fmt, base_iri=path.resolve().as_uri())
        return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
    except (OSError, SyntaxError, ValueError) as error:
        raise MitoakiError(f"cannot read: {error}", path=path, rule="rdf") from None


def validate_files(data: Path, shapes: Path, *, engine: str = GATE) -> Graph:
    """The W3C validation report of an RDF data file against a shapes file (any RDF format).

    Oxigraph reads both files first, so that a file that does not parse is an error naming it.
    """
    prepared = Shapes.from_triples(read_rdf(shapes))
    return report_graph(run(read_rdf(data), prepared, engine=engine), prepared.graph)


def summary(results: list[Result]) -> str:
    """One line: how many violations and warnings."""
    violations = sum(r.is_violation for r in results)
    return f"{violations} violations, {len(results) - violations} warnings"


def enforce(results: list[Result]) -> None:
    """Raise :class:`ValidationFailedError` when any result is a violation."""
    violations = [r for r in results if r.is_violation]
    if violations:
        first = violations[0]
        raise ValidationFailedError(
            f"{summary(results)}; first: {compress(first.focus)} {first.path}: {first.message}",
            path=first.source or None,
            rule=first.shape or "shacl",
        )


def render(results: list[Result], console: Console) -> None:
    """Print the human report: a table of results (or one line when there is none)."""
    if not results:
        console.print("SHACL: the knowledge base conforms (0 violations, 0 warnings)")
        return
    table = Table(title=f"SHACL validation: {summary(results)}", show_lines=False)
    for column in ("severity", "focus node", "label", "path", "message", "record"):
        table.add_column(column, overflow="fold")
    for r in results:
        style = "red" if r.is_violation else "yellow"
        table.add_row(
            f"[{style}]{r.severity}[/]",
            escape(compress(r.focus)),
            escape(r.label),
            escape(r.path),
            escape(r.message),
            escape(r.source),
        )
    console.print(table)
