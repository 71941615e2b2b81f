"""The classification: prototypes, witnesses and value copies saturated with the rules.

Each class (and anonymous expression) gets a prototype individual, each existential one shared
witness typed by its filler, and each ``owl:hasValue`` a copy of its value; the types they end
up with give every class its superclasses.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import RDF

from mitoaki.kb.rules.expressions import (
    NOTHING,
    PROTOTYPE,
    TABLES,
    THING,
    VALUE,
    VALUE_OF,
    WITNESS,
    WORK,
    HasValue,
    OneOf,
    Or,
    Some,
    Tables,
    nt,
    reachable,
)
from mitoaki.kb.rules.fixpoint import load_table, ntriples, saturate
from mitoaki.kb.rules.text import rules_for


@dataclass(frozen=True)
class Classification:
    """What the prototypes, witnesses and value copies of the classification ended up with.

    ``supers``: class -> its superclasses. ``facts``: class -> (individual, class) pairs that
    hold as soon as the class has an instance (what the copies of ``owl:hasValue`` values
    reachable from its prototype are). ``copies``: ``owl:hasValue`` expression -> the classes
    of its value's copy. ``witnesses``: existential -> the classes of its witness.
    """

    supers: dict[str, frozenset[str]]
    facts: dict[str, frozenset[tuple[str, str]]]
    copies: dict[str, frozenset[str]]
    witnesses: dict[str, frozenset[str]]


def classify(
    tables: Tables,
    classes: Sequence[str],
    told: Mapping[str, set[str]],
    assertions: Sequence[tuple[str, str, str]],
) -> Classification:
    """Every class's superclasses, from prototype individuals saturated with the rules."""
    edges = {c: set(ds) for c, ds in told.items()}
    prototype = {c: f"{PROTOTYPE}{i}" for i, c in enumerate(classes)}
    store = ox.Store()
    store.extend(_seeds(tables, prototype, assertions))
    groups: dict[str, list[str]] = {}
    for identifier, expression in tables.expressions.items():
        if isinstance(expression, Or):
            groups[identifier] = [prototype[p] for p in expression.parts if p in prototype]
        elif isinstance(expression, OneOf):
            groups[identifier] = [m[1:-1] for m in expression.members]
    while True:
        closure = reachable(edges)
        load_table(store, {c: closure.get(c, frozenset()) for c in classes})
        store.extend(_copy_table(tables))
        saturate(store, rules_for(tables, closure, classify=True))
        types = {
            x: cs.union(*(closure.get(c, frozenset()) for c in cs))
            for x, cs in _types(store).items()
        }
        changed = False
        for identifier, members in groups.items():  # a union is below what all members share
            shared = _shared(types, members)
            new = shared - edges.get(identifier, set()) - {identifier, THING}
            if new:
                edges.setdefault(identifier, set()).update(new)
                changed = True
        if not changed:
            break
    return Classification(
        supers={c: frozenset(types.get(prototype[c], set()) - {c}) for c in classes},
        facts=_facts(store, types, tables, prototype),
        copies={
            i: frozenset(types.get(VALUE + i, set()))
            for i, e in tables.expressions.items()
            if isinstance(e, HasValue)
        },
        witnesses={
            x.removeprefix(WITNESS): frozenset(cs)
            for x, cs in types.items()
            if x.startswith(WITNESS)
        },
    )


def _shared(types: Mapping[str, set[str]], members: Sequence[str]) -> set[str]:
    """The classes every satisfiable member is in (``owl:Nothing`` when none is satisfiable)."""
    if not members:
        return set()
    live = [types.get(m, set()) for m in members if NOTHING not in types.get(m, set())]
    return set.intersection(*live) if live else {NOTHING}


def _seeds(
    tables: Tables, prototype: Mapping[str, str], assertions: Sequence[tuple[str, str, str]]
) -> list[ox.Quad]:
    """The classification's starting individuals: prototypes, witnesses, copies of values.

    A copy of an ``owl:hasValue`` value gets the value's own class and property assertions:
    what the ontology says about the value, and what the edges to it add, stays with the
    copy, so that a class's prototype sees its value's types without telling them to others.
    """
    rdf_type = ox.NamedNode(str(RDF.type))
    quads = [ox.Quad(ox.NamedNode(p), rdf_type, ox.NamedNode(c)) for c, p in prototype.items()]
    copies: dict[str, list[str]] = defaultdict(list)
    for identifier, expression in tables.expressions.items():
        if isinstance(expression, Some) and expression.filler != THING:
            witness = ox.NamedNode(WITNESS + identifier)
            quads.append(ox.Quad(witness, rdf_type, ox.NamedNode(expression.filler)))
        elif isinstance(expression, HasValue):
            copies[expression.value].append(nt(VALUE + identifier))
    told = [(c, p, o) for s, p, o in assertions for c in copies.get(s, ())]
    return [*quads, *ox.parse(ntriples([*assertions, *told]), format=ox.RdfFormat.N_TRIPLES)]


def _copy_table(tables: Tables) -> list[ox.Quad]:
    """``(node, VALUE_OF, value)`` for each copy of an ``owl:hasValue`` value and the value."""
    quads = []
    for identifier, expression in tables.expressions.items():
        if isinstance(expression, HasValue) and expression.value.startswith("<"):
            value = ox.NamedNode(expression.value[1:-1])
            for node in (ox.NamedNode(VALUE + identifier), value):
                quads.append(ox.Quad(node, VALUE_OF, value, TABLES))
    return quads


def _facts(
    store: ox.Store,
    types: Mapping[str, set[str]],
    tables: Tables,
    prototype: Mapping[str, str],
) -> dict[str, frozenset[tuple[str, str]]]:
    """Class -> the classes of the values its instances reach through ``owl:hasValue``."""
    value_of = {
        VALUE + i: e.value
        for i, e in tables.expressions.items()
        if isinstance(e, HasValue) and e.value.startswith("<")
    }
    if not value_of:
        return {}
    successors: dict[str, set[str]] = defaultdict(set)
    rdf_type = ox.NamedNode(str(RDF.type))
    for quad in store.quads_for_pattern(None, None, None, ox.DefaultGraph()):
        subject, obj = quad.subject, quad.object
        if not isinstance(subject, ox.NamedNode) or not isinstance(obj, ox.NamedNode):
            continue
        if quad.predicate != rdf_type and obj.value.startswith(WORK):
            successors[subject.value].add(obj.value)
    reach = reachable(successors)
    out: dict[str, frozenset[tuple[str, str]]] = {}
    for cls, node in prototype.items():
        found = frozenset(
            (value_of[n], c)
            for n in reach.get(node, frozenset())
            if n in value_of
            for c in types.get(n, set())
        )
        if found:
            out[cls] = found
    return out


def _types(store: ox.Store) -> dict[str, set[str]]:
    """Individual -> its classes, for every ``rdf:type`` with IRI subject and object."""
    out: dict[str, set[str]] = defaultdict(set)
    rdf_type = ox.NamedNode(str(RDF.type))
    for quad in store.quads_for_pattern(None, rdf_type, None, ox.DefaultGraph()):
        if isinstance(quad.subject, ox.NamedNode) and isinstance(quad.object, ox.NamedNode):
            out[quad.subject.value].add(quad.object.value)
    return out
