"""The entry points: the inferred types of the knowledge base's individuals."""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF

from mitoaki.core.namespaces import KB
from mitoaki.kb.rules.compiled import Compiled, compile_ontology
from mitoaki.kb.rules.consistency import check_consistency, refuse_equality
from mitoaki.kb.rules.expressions import INFERRED, NOTHING, TRIVIAL, WORK, Data, nt
from mitoaki.kb.rules.fixpoint import cleanup, prepare, saturate, to_store


def materialise(data: Data, ontology: Graph | Compiled, *, prefix: str = str(KB)) -> Graph:
    """The inferred types of the individuals under ``prefix``, as HermiT + owlready2 report them.

    ``data`` is the knowledge base: a :class:`pyoxigraph.Store` (its default graph; used in place
    and left as it was), an rdflib graph or triples. Returns the triples
    ``(individual, rdf:type, class)`` of the most specific entailed named classes that the data
    does not assert, without ``owl:Thing`` / ``owl:NamedIndividual``: the same graph as
    ``split_inferences(reason.check(tbox + kb).inferred)[1]``.

    Raises :class:`ReasonerError` when the data is inconsistent with the ontology (rule
    ``consistency``) or the ontology cannot be compiled (rule ``reasoner``).
    """
    out = Graph()
    for individual, cls in sorted(infer_types(data, ontology, prefix=prefix)):
        out.add((URIRef(individual), RDF.type, URIRef(cls)))
    return out


def infer_types(
    data: Data,
    ontology: Graph | Compiled,
    *,
    prefix: str = str(KB),
    outside: dict[str, set[str]] | None = None,
) -> set[tuple[str, str]]:
    """``(individual IRI, class IRI)`` pairs of :func:`materialise`, without building a graph.

    ``outside``, when given, receives the types the rules inferred for IRIs not under
    ``prefix`` (ontology terms the data uses as values), each with its superclasses.
    """
    compiled = ontology if isinstance(ontology, Compiled) else compile_ontology(ontology)
    store, borrowed = to_store(data)
    try:
        refuse_equality(store)
        prepare(store, compiled.supers, compiled.assertions)
        saturate(store, compiled.rules)
        check_consistency(store, compiled, saturated=True)
        if outside is not None:
            _outside_types(store, compiled, prefix, outside)
        return _new_direct_types(store, compiled, prefix)
    finally:
        if borrowed:
            cleanup(store)


def _outside_types(
    store: ox.Store, compiled: Compiled, prefix: str, out: dict[str, set[str]]
) -> None:
    """The inferred types of the named nodes outside ``prefix``, closed under superclasses."""
    rdf_type = ox.NamedNode(str(RDF.type))
    for quad in store.quads_for_pattern(None, rdf_type, None, INFERRED):
        subject, cls = quad.subject, quad.object
        if not isinstance(subject, ox.NamedNode) or not isinstance(cls, ox.NamedNode):
            continue
        if subject.value.startswith((prefix, WORK)) or cls.value.startswith(WORK):
            continue
        types = out.setdefault(subject.value, set())
        types.add(cls.value)
        types.update(c for c in compiled.supers.get(cls.value, ()) if not c.startswith(WORK))


def _new_direct_types(store: ox.Store, compiled: Compiled, prefix: str) -> set[tuple[str, str]]:
    """Most specific named types of each individual under ``prefix``, minus the asserted ones.

    Only individuals with an inferred type, or with an asserted class that has a named
    equivalent, can have a most specific type the data does not assert: only those are read.
    """
    rdf_type = ox.NamedNode(str(RDF.type))
    inferred: dict[str, set[str]] = defaultdict(set)
    for quad in store.quads_for_pattern(None, rdf_type, None, INFERRED):
        subject, cls = quad.subject, quad.object
        if isinstance(subject, ox.NamedNode) and isinstance(cls, ox.NamedNode):
            inferred[subject.value].add(cls.value)
    candidates = f"{{ GRAPH <{INFERRED.value}> {{ ?x a [] }} }}"
    if compiled.equivalents:
        listed = " ".join(nt(c) for c in sorted(compiled.equivalents))
        candidates += f" UNION {{ VALUES ?e {{ {listed} }} ?x a ?e }}"
    query = (
        f"SELECT ?x ?c WHERE {{ {{ SELECT DISTINCT ?x WHERE {{ {candidates} "
        f"FILTER(isIRI(?x) && STRSTARTS(STR(?x), {Literal(prefix).n3()})) }} }} "
        "?x a ?c . FILTER(isIRI(?c)) }"
    )
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    found: dict[str, set[str]] = defaultdict(set)
    for row in solutions:
        subject, cls = row[0], row[1]
        if isinstance(subject, ox.NamedNode) and isinstance(cls, ox.NamedNode):
            found[subject.value].add(cls.value)
    memo: dict[frozenset[str], frozenset[str]] = {}
    out: set[tuple[str, str]] = set()
    for x, classes in found.items():
        key = frozenset(classes)
        if key not in memo:
            memo[key] = _most_specific(compiled, key)
        asserted = key - inferred.get(x, set())
        out |= {(x, c) for c in memo[key] - asserted}
    return out


def _most_specific(compiled: Compiled, classes: frozenset[str]) -> frozenset[str]:
    """The minimal named classes among ``classes`` closed under their superclasses."""
    up: set[str] = set()
    for cls in classes:
        if not cls.startswith(WORK):
            up.add(cls)
        up |= {d for d in compiled.supers.get(cls, ()) if not d.startswith(WORK)}
    below: set[str] = set()
    for cls in up:
        below |= compiled.strict_supers(cls)
    return frozenset(up - below - TRIVIAL - {NOTHING})
