"""The run of the rules on a store: the class table, rounds to a fixpoint, and the clean-up."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

import pyoxigraph as ox
from rdflib import Graph

from mitoaki.kb.rules.expressions import (
    CHANGES,
    EDGES,
    INFERRED,
    NOTHING,
    SUB_OF,
    TABLES,
    TYPES,
    Data,
)
from mitoaki.kb.rules.sparql import Rule


def load_table(store: ox.Store, supers: Mapping[str, Iterable[str]]) -> None:
    """Replace the (class, class-or-superclass) table the rules match types through."""
    store.update(f"DROP SILENT GRAPH <{TABLES.value}>")
    quads = [
        ox.Quad(ox.NamedNode(c), SUB_OF, ox.NamedNode(d), TABLES)
        for c, ds in supers.items()
        for d in {c, *ds}
    ]
    nothing = ox.NamedNode(NOTHING)
    store.extend([*quads, ox.Quad(nothing, SUB_OF, nothing, TABLES)])


def _changes(store: ox.Store) -> set[str]:
    """What the last rule added: ``TYPES``, ``EDGES``, or nothing."""
    solutions = store.query(f"SELECT ?k WHERE {{ GRAPH <{CHANGES.value}> {{ ?s ?p ?k }} }}")
    assert isinstance(solutions, ox.QuerySolutions)
    return {row[0].value for row in solutions if isinstance(row[0], ox.Literal)}


def saturate(store: ox.Store, rules: Sequence[Rule]) -> int:
    """Run ``rules`` until a round adds nothing; return the number of rounds.

    A rule is skipped when nothing of what it reads (types, other edges) has been added since
    it last ran.
    """
    version = {TYPES: 0, EDGES: 0}
    seen: dict[int, dict[str, int]] = {}
    rounds = 0
    while True:
        rounds += 1
        changed = False
        for index, rule in enumerate(rules):
            last = seen.get(index)
            if last is not None and all(last[kind] == version[kind] for kind in rule.reads):
                continue
            seen[index] = dict(version)
            store.update(rule.update)
            for kind in _changes(store):
                version[kind] += 1
                changed = True
        if not changed:
            store.update(f"DROP SILENT GRAPH <{CHANGES.value}>")
            return rounds


def ntriples(triples: Iterable[tuple[str, str, str]]) -> bytes:
    """N-Triples text of term triples."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode()


def to_store(data: Data) -> tuple[ox.Store, bool]:
    """The data as a store, and whether it is the caller's own (to be cleaned up after use)."""
    if isinstance(data, ox.Store):
        return data, True
    store = ox.Store()
    if isinstance(data, Graph):
        store.load(data.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    else:
        store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in data)
    return store, False


def prepare(
    store: ox.Store,
    supers: Mapping[str, Iterable[str]],
    assertions: Iterable[tuple[str, str, str]],
) -> None:
    """Add the class table and the ontology's own individuals (marked inferred: removed after)."""
    load_table(store, supers)
    parsed = ox.parse(ntriples(assertions), format=ox.RdfFormat.N_TRIPLES)
    new = [q for q in parsed if ox.Quad(q.subject, q.predicate, q.object) not in store]
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in new)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, INFERRED) for q in new)


def cleanup(store: ox.Store) -> None:
    """Remove every triple the rules added from a caller's store."""
    store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{INFERRED.value}> {{ ?s ?p ?o }} }}")
    for graph in (INFERRED, TABLES, CHANGES):
        store.update(f"DROP SILENT GRAPH <{graph.value}>")
