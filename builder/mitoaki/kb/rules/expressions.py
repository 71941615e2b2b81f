"""Class expressions, the axiom tables the compiler fills, and the rules' working IRIs.

Every class expression gets an identifier: a named class its IRI, an anonymous expression a
``urn:mitoaki:materialise:class/<n>`` IRI (structurally equal expressions share one). The rules
also work with prototype, witness and value-copy individuals and with named graphs under
``urn:mitoaki:materialise:``, all removed again after a run.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from mitoaki.core.namespaces import compress

WORK = "urn:mitoaki:materialise:"
EXPRESSION = f"{WORK}class/"
PROTOTYPE = f"{WORK}prototype/"
WITNESS = f"{WORK}witness/"
VALUE = f"{WORK}value/"
VALUE_OF = ox.NamedNode(f"{WORK}value-of")
INFERRED = ox.NamedNode(f"{WORK}inferred")
TABLES = ox.NamedNode(f"{WORK}tables")
CHANGES = ox.NamedNode(f"{WORK}changes")
TYPES, EDGES = "types", "edges"
SUB_OF = ox.NamedNode(f"{WORK}sub-of")
THING, NOTHING = str(OWL.Thing), str(OWL.Nothing)
TRIVIAL = frozenset({THING, str(OWL.NamedIndividual)})
BUILTIN = (str(OWL), str(RDF), str(RDFS))


Data: TypeAlias = "ox.Store | Graph | Iterable[ox.Triple | ox.Quad]"


@dataclass(frozen=True)
class Some:
    """``owl:someValuesFrom``: at least one ``prop`` successor in ``filler``."""

    prop: str
    filler: str


@dataclass(frozen=True)
class Only:
    """``owl:allValuesFrom`` (superclass side only): every ``prop`` successor is a ``filler``."""

    prop: str
    filler: str


@dataclass(frozen=True)
class HasValue:
    """``owl:hasValue``: ``prop`` relates the individual to ``value`` (an N-Triples term)."""

    prop: str
    value: str


@dataclass(frozen=True)
class And:
    """``owl:intersectionOf`` of class identifiers."""

    parts: frozenset[str]


@dataclass(frozen=True)
class Or:
    """``owl:unionOf`` of class identifiers."""

    parts: frozenset[str]


@dataclass(frozen=True)
class OneOf:
    """``owl:oneOf``: an enumeration of named individuals (N-Triples terms)."""

    members: frozenset[str]


Expression: TypeAlias = Some | Only | HasValue | And | Or | OneOf


def nt(iri: str) -> str:
    """An IRI as an N-Triples / SPARQL term."""
    return f"<{iri}>"


def node_term(node: Node) -> str:
    """An rdflib IRI or literal as an N-Triples / SPARQL term."""
    if isinstance(node, URIRef):
        return nt(str(node))
    if isinstance(node, Literal):
        return node.n3()
    raise TypeError(f"not an IRI or a literal: {node!r}")


def is_datatype(node: Node, graph: Graph) -> bool:
    """Whether ``node`` names a datatype rather than a class."""
    if isinstance(node, URIRef):
        iri = str(node)
        return (
            iri.startswith(str(XSD))
            or iri in {str(RDFS.Literal), str(RDF.PlainLiteral), str(RDF.langString)}
            or iri in {str(RDF.XMLLiteral), str(OWL.real), str(OWL.rational)}
            or (node, RDF.type, RDFS.Datatype) in graph
        )
    return (node, RDF.type, RDFS.Datatype) in graph or (node, OWL.onDatatype, None) in graph


def name_of(identifier: str) -> str:
    """A readable name for a class identifier (anonymous expressions have none)."""
    return "an anonymous class expression" if identifier.startswith(WORK) else compress(identifier)


def show(node: Node) -> str:
    """A node as a CURIE, or a placeholder for an anonymous one."""
    return compress(str(node)) if isinstance(node, URIRef) else "[...]"


def show_term(term: object, *, short: bool = True) -> str:
    """An Oxigraph term for a message (an IRI as a CURIE when ``short``)."""
    if isinstance(term, ox.NamedNode):
        return compress(term.value) if short else term.value
    return str(term)


@dataclass
class Properties:
    """What the ontology says about its properties."""

    objects: set[str]
    data: set[str]
    annotations: set[str]
    supers: dict[str, set[str]]
    inverses: set[tuple[str, str]]
    symmetric: set[str]
    transitive: set[str]
    chains: list[tuple[tuple[str, ...], str]]
    functional: set[str]
    inverse_functional: set[str]
    irreflexive: set[str]
    asymmetric: set[str]
    disjoint: set[frozenset[str]]

    def closure(self) -> dict[str, frozenset[str]]:
        """Property -> every property it is a sub-property of (itself included)."""
        out: dict[str, frozenset[str]] = {}
        every = set(self.supers) | {q for qs in self.supers.values() for q in qs}
        for prop in every:
            seen, stack = {prop}, [prop]
            while stack:
                for parent in self.supers.get(stack.pop(), ()):
                    if parent not in seen:
                        seen.add(parent)
                        stack.append(parent)
            out[prop] = frozenset(seen)
        return out


@dataclass(frozen=True)
class Tables:
    """The axiom tables the rules are generated from."""

    expressions: Mapping[str, Expression]
    domains: Sequence[tuple[str, str]]
    ranges: Sequence[tuple[str, str]]
    properties: Properties
    disjoint: Sequence[tuple[str, str, str]]
    below: Mapping[str, frozenset[str]]
    different: Sequence[tuple[str, str]] = ()

    def subs(self, prop: str) -> list[str]:
        """``prop`` and every property below it."""
        return sorted(self.below.get(prop, frozenset()) | {prop})


def below_map(supers: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """Class -> itself and every class below it."""
    below: dict[str, set[str]] = defaultdict(set)
    for cls, ups in supers.items():
        below[cls].add(cls)
        for up in ups:
            below[up] |= {up, cls}
    return below


def reachable(edges: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
    """Node -> every node reachable from it (itself excluded unless on a cycle)."""
    out: dict[str, frozenset[str]] = {}
    for start in edges:
        seen: set[str] = set()
        stack = list(edges[start])
        while stack:
            node = stack.pop()
            if node not in seen:
                seen.add(node)
                stack.extend(edges.get(node, ()))
        out[start] = frozenset(seen - {start})
    return out
