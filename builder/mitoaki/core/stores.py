"""In-memory pyoxigraph stores that keep the datatypes Oxigraph re-types (oxigraph issue 526).

The gate, the framed JSON-LD and the part exports load RDF here; :func:`original_triples` reads
back each literal with the datatype it was written with.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from mitoaki.core.errors import MitoakiError

#: RDF a store is made from: an rdflib graph, or pyoxigraph quads or triples.
Data: TypeAlias = Graph | Iterable[ox.Quad | ox.Triple]
#: Named graphs ``<PREFIX><datatype IRI>`` hold the triples whose literal Oxigraph re-typed.
DATATYPE_GRAPH_PREFIX = "urn:x-mitoaki:shacl:datatype:"
#: Lexical forms of each type derived from xsd:integer (and one more) that Oxigraph may re-type.
_PROBES = {
    **dict.fromkeys(
        (
            XSD.integer,
            XSD.nonNegativeInteger,
            XSD.positiveInteger,
            XSD.long,
            XSD.int,
            XSD.short,
            XSD.byte,
            XSD.unsignedLong,
            XSD.unsignedInt,
            XSD.unsignedShort,
            XSD.unsignedByte,
        ),
        "1",
    ),
    XSD.nonPositiveInteger: "-1",
    XSD.negativeInteger: "-1",
    XSD.dateTimeStamp: "2000-01-01T00:00:00Z",
}


@cache
def rewritten_datatypes() -> dict[str, str]:
    """Datatypes the installed Oxigraph stores under another datatype, found by probing it.

    >>> rewritten_datatypes()["http://www.w3.org/2001/XMLSchema#positiveInteger"]
    'http://www.w3.org/2001/XMLSchema#integer'
    """
    probe = ox.Store()
    subject, predicate = ox.NamedNode("urn:x-probe:s"), ox.NamedNode("urn:x-probe:p")
    for datatype, lexical in _PROBES.items():
        literal = ox.Literal(lexical, datatype=ox.NamedNode(str(datatype)))
        probe.add(ox.Quad(subject, predicate, literal, ox.NamedNode(str(datatype))))
    rewritten = {}
    for quad in probe:
        stored = quad.object.datatype.value
        if isinstance(quad.graph_name, ox.NamedNode) and stored != quad.graph_name.value:
            rewritten[quad.graph_name.value] = stored
    return rewritten


def _ox_term(
    term: Node, bnodes: dict[Node, ox.BlankNode]
) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An rdflib term as a pyoxigraph term (blank nodes keep their id when Oxigraph allows it)."""
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    if isinstance(term, BNode):
        if term not in bnodes:
            try:
                bnodes[term] = ox.BlankNode(str(term))
            except ValueError:
                bnodes[term] = ox.BlankNode()
        return bnodes[term]
    raise MitoakiError(f"not an RDF term: {term!r}", rule="rdf")


def _from_rdflib(graph: Graph) -> Iterator[ox.Triple]:
    """The triples of an rdflib graph as pyoxigraph triples."""
    bnodes: dict[Node, ox.BlankNode] = {}
    for s, p, o in graph:
        subject, predicate, value = (_ox_term(t, bnodes) for t in (s, p, o))
        if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
            raise MitoakiError(f"not an RDF triple: {s} {p} {o}", rule="rdf")
        yield ox.Triple(subject, predicate, value)


def _quads(data: Data) -> Iterator[ox.Quad]:
    """The triples of ``data`` in the default graph, with their rewritten-datatype records."""
    graphs = {
        ox.NamedNode(datatype): ox.NamedNode(DATATYPE_GRAPH_PREFIX + datatype)
        for datatype in rewritten_datatypes()
    }
    default = ox.DefaultGraph()
    for quad in _from_rdflib(data) if isinstance(data, Graph) else data:
        if isinstance(quad, ox.Quad) and quad.graph_name == default:
            yield quad
        else:
            yield ox.Quad(quad.subject, quad.predicate, quad.object)
        value = quad.object
        if isinstance(value, ox.Literal) and value.datatype in graphs:
            yield ox.Quad(quad.subject, quad.predicate, value, graphs[value.datatype])


def to_store(*sources: Data) -> ox.Store:
    """Load RDF sources into the default graph of a new in-memory store.

    Oxigraph stores literals of the types derived from ``xsd:integer`` as ``xsd:integer``
    (oxigraph issue 526); the original datatype of every literal it re-types is recorded in a
    named graph ``<DATATYPE_GRAPH_PREFIX><datatype>`` the default graph never sees
    (:func:`original_triples` reads it back). Pass quads as parsed (``pyoxigraph.parse``), not
    read back from another store, whose literals were re-typed already.
    """
    store = ox.Store()
    for source in sources:
        store.bulk_extend(_quads(source))
    return store


def ntriples_store(data: bytes) -> ox.Store:
    """:func:`to_store` of N-Triples ``data``, parsed and loaded by Oxigraph.

    Only the lines of a datatype Oxigraph re-types are parsed here, for their records; the
    rest never become Python objects.
    """
    store = ox.Store()
    store.bulk_load(data, format=ox.RdfFormat.N_TRIPLES)
    marks = [f"^^<{datatype}>".encode() for datatype in rewritten_datatypes()]
    retyped = b"".join(line for mark in marks for line in _lines_with(data, mark))
    if retyped:
        parsed = ox.parse(retyped, format=ox.RdfFormat.N_TRIPLES)
        store.bulk_extend(q for q in _quads(parsed) if q.graph_name != ox.DefaultGraph())
    return store


def _lines_with(data: bytes, mark: bytes) -> Iterator[bytes]:
    """The lines of ``data`` that hold ``mark``, each once."""
    end = 0
    while (found := data.find(mark, end)) >= 0:
        start = data.rfind(b"\n", 0, found) + 1
        end = data.find(b"\n", found) + 1 or len(data)
        yield data[start:end].rstrip(b"\n") + b"\n"


def original_triples(store: ox.Store, quads: Iterable[ox.Quad]) -> list[ox.Triple]:
    """Quads of a :func:`to_store` store's default graph as triples with their original types."""
    rewritten = rewritten_datatypes()
    stored_as = {ox.NamedNode(t) for t in rewritten.values()}
    graphs = [ox.NamedNode(DATATYPE_GRAPH_PREFIX + d) for d in rewritten]
    out = []
    for q in quads:
        value = q.object
        if isinstance(value, ox.Literal) and value.datatype in stored_as:
            for graph in graphs:
                if ox.Quad(q.subject, q.predicate, value, graph) in store:
                    original = graph.value[len(DATATYPE_GRAPH_PREFIX) :]
                    value = ox.Literal(value.value, datatype=ox.NamedNode(original))
                    break
        out.append(ox.Triple(q.subject, q.predicate, value))
    return out
