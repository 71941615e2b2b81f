"""The rule text: the SPARQL updates of one round, generated from the axiom tables.

Each construct of the tables becomes one or a few rules (:mod:`~mitoaki.kb.rules.sparql` has the
building blocks); classification gets the rules for witnesses, value copies and ``owl:Nothing``
and leaves out those unsound with shared witnesses, the data gets those for property
assertions and equalities.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import TypeVar

from rdflib.namespace import OWL, RDF

from mitoaki.kb.rules.expressions import (
    EDGES,
    NOTHING,
    TABLES,
    THING,
    TYPES,
    VALUE,
    VALUE_OF,
    WITNESS,
    WORK,
    And,
    HasValue,
    Only,
    Properties,
    Some,
    Tables,
    below_map,
    nt,
)
from mitoaki.kb.rules.sparql import (
    Rule,
    distinct_select,
    expand_rows,
    is_in,
    linking_rule,
    typing_rule,
    values_block,
)

#: In classification a prototype (hypothetical) says nothing about a named individual.
HYPOTHETICAL = f'STRSTARTS(STR(?x), "{WORK}")'
REAL_Y = f'!STRSTARTS(STR(?y), "{WORK}")'
E = TypeVar("E", Some, Only, HasValue, And)


def _value_node(identifier: str, expression: HasValue, *, classify: bool) -> str:
    """The object of the edges an ``owl:hasValue`` adds: in classification, the value's copy."""
    if classify and expression.value.startswith("<"):
        return nt(VALUE + identifier)
    return expression.value


def rules_for(
    tables: Tables,
    supers: Mapping[str, frozenset[str]],
    *,
    classify: bool,
    facts: Mapping[str, frozenset[tuple[str, str]]] | None = None,
) -> list[Rule]:
    """The SPARQL updates of one round, in an order that lets one round do most of the work.

    ``supers`` is the class hierarchy the rules start their joins from (the one in the graph
    ``TABLES``). With ``classify`` the rules also create witnesses for existentials and copies of
    the values of ``owl:hasValue``, turn disjointness into ``owl:Nothing`` and leave out what
    would be unsound with shared witnesses (see :mod:`~mitoaki.kb.rules.refusals`). ``facts``
    (data only): class -> (individual, class) pairs that hold once the class has an instance.
    """
    below = below_map(supers)
    rules = _restriction_edges(tables, below, classify=classify)
    rules += _edge_rules(tables, classify=classify)
    rules += _domains_and_ranges(tables, classify=classify)
    rules += _recognising(tables, below, classify=classify)
    rules += _universals(tables, below, classify=classify)
    rules += _intersections(tables, supers, below)
    if facts:
        rows = expand_rows(
            [(t, y, nt(c)) for t, pairs in facts.items() for y, c in pairs], 0, below
        )
        body = distinct_select("?y ?c", f"{values_block(['t', 'y', 'c'], rows)} ?x a ?t .")
        rules.append(typing_rule("y", "?c", body, TYPES))
    if classify:
        rules += _disjoint_property_rules(tables)
        rules += _unsatisfiable(tables, below)
    return rules


def _of_kind(tables: Tables, kind: type[E]) -> dict[str, E]:
    """The anonymous expressions of one kind, by identifier."""
    return {i: e for i, e in tables.expressions.items() if isinstance(e, kind)}


def _restriction_edges(
    tables: Tables, below: Mapping[str, Iterable[str]], *, classify: bool
) -> list[Rule]:
    """The edges an ``owl:hasValue`` implies, and in classification an existential's witness."""
    rules: list[Rule] = []
    has = _of_kind(tables, HasValue)
    if has:
        rows = expand_rows(
            [(i, nt(e.prop), _value_node(i, e, classify=classify)) for i, e in has.items()],
            0,
            below,
        )
        body = f"{values_block(['t', 'p', 'v'], rows)} ?x a ?t ."
        rules.append(linking_rule("?x ?p ?v", body, TYPES))
    some = _of_kind(tables, Some)
    if classify and some:
        rows = expand_rows([(i, nt(e.prop), nt(WITNESS + i)) for i, e in some.items()], 0, below)
        body = f"{values_block(['t', 'p', 'w'], rows)} ?x a ?t ."
        rules.append(linking_rule("?x ?p ?w", body, TYPES))
    return rules


def _domains_and_ranges(tables: Tables, *, classify: bool) -> list[Rule]:
    """Domains type an edge's subject, ranges its object (not a literal)."""
    rules: list[Rule] = []
    domain_rows = [(nt(p), nt(d)) for q, d in tables.domains for p in tables.subs(q)]
    if domain_rows:
        body = distinct_select("?x ?d", f"{values_block(['p', 'd'], domain_rows)} ?x ?p [] .")
        rules.append(typing_rule("x", "?d", body, EDGES))
    range_rows = [(nt(p), nt(r)) for q, r in tables.ranges for p in tables.subs(q)]
    if range_rows:
        guard = f" && !({HYPOTHETICAL} && {REAL_Y})" if classify else ""
        body = f"{values_block(['p', 'r'], range_rows)} ?x ?p ?y . FILTER(!isLiteral(?y){guard})"
        rules.append(typing_rule("y", "?r", distinct_select("?y ?r", body), EDGES))
    return rules


def _recognising(
    tables: Tables, below: Mapping[str, Iterable[str]], *, classify: bool
) -> list[Rule]:
    """Membership in ``owl:hasValue`` and ``owl:someValuesFrom`` restrictions from the edges."""
    rules: list[Rule] = []
    has, some = _of_kind(tables, HasValue), _of_kind(tables, Some)
    if has:
        recognised = _value_rows(tables, has, classify=classify)
        body = f"{values_block(['p', 'v', 'h'], recognised)} ?x ?p ?v ."
        rules.append(typing_rule("x", "?h", body, EDGES))
    some_rows = expand_rows(
        [
            (e.filler, nt(p), nt(i))
            for i, e in some.items()
            if e.filler != THING
            for p in tables.subs(e.prop)
        ],
        0,
        below,
    )
    if some_rows:
        body = f"{values_block(['t', 'p', 's'], some_rows)} ?y a ?t . ?x ?p ?y ."
        rules.append(typing_rule("x", "?s", body, TYPES, EDGES))
    thing_rows = [
        (nt(p), nt(i)) for i, e in some.items() if e.filler == THING for p in tables.subs(e.prop)
    ]
    if thing_rows:
        body = f"{values_block(['p', 's'], thing_rows)} ?x ?p ?y . FILTER(!isLiteral(?y))"
        rules.append(typing_rule("x", "?s", body, EDGES))
    return rules


def _universals(
    tables: Tables, below: Mapping[str, Iterable[str]], *, classify: bool
) -> list[Rule]:
    """``owl:allValuesFrom``: every successor of an instance is in the filler."""
    only = _of_kind(tables, Only)
    if not only:
        return []
    rows = expand_rows(
        [(i, nt(p), nt(e.filler)) for i, e in only.items() for p in tables.subs(e.prop)],
        0,
        below,
    )
    # a shared witness stands for many successors: only one of them is in the filler
    guard = f" && !{HYPOTHETICAL} && {REAL_Y}" if classify else ""
    body = (
        f"{values_block(['t', 'p', 'f'], rows)} ?x a ?t . ?x ?p ?y . FILTER(!isLiteral(?y){guard})"
    )
    return [typing_rule("y", "?f", body, TYPES, EDGES)]


def _intersections(
    tables: Tables, supers: Mapping[str, frozenset[str]], below: Mapping[str, Iterable[str]]
) -> list[Rule]:
    """``owl:intersectionOf``: an individual in every conjunct is in the intersection."""
    rules: list[Rule] = []
    by_arity: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for i, e in _of_kind(tables, And).items():
        # start from the likely rarest conjunct: a restriction, else the most specific class
        depth = {c: len(supers.get(c, ())) for c in e.parts}
        parts = sorted(e.parts, key=lambda c: (not c.startswith(WORK), -depth[c], c))
        by_arity[len(parts)].append((parts[0], nt(i), *(nt(c) for c in parts[1:])))
    for arity, conjunctions in sorted(by_arity.items()):
        names = ["t", "e", *(f"c{k}" for k in range(1, arity))]
        rest = " ".join(is_in("x", f"?c{k}", f"t{k}") for k in range(1, arity))
        body = f"{values_block(names, expand_rows(conjunctions, 0, below))} ?x a ?t . {rest}"
        rules.append(typing_rule("x", "?e", body, TYPES))
    return rules


def _unsatisfiable(tables: Tables, below: Mapping[str, Iterable[str]]) -> list[Rule]:
    """Classification: disjointness, and an edge to an unsatisfiable node, give ``owl:Nothing``."""
    rules: list[Rule] = []
    nothing = nt(NOTHING)
    pairs = expand_rows([(a, nt(b)) for a, b, _ in tables.disjoint], 0, below)
    if pairs:
        body = f"{values_block(['t', 'b'], pairs)} ?x a ?t . {is_in('x', '?b', 'u')}"
        rules.append(typing_rule("x", nothing, body, TYPES))
    unsatisfiable = expand_rows([(NOTHING,)], 0, below)
    body = f"{values_block(['t'], unsatisfiable)} ?y a ?t . ?x ?p ?y . FILTER(?p != <{RDF.type}>)"
    rules.append(typing_rule("x", nothing, body, TYPES, EDGES))
    return rules


def _value_rows(
    tables: Tables, has: Mapping[str, HasValue], *, classify: bool
) -> list[tuple[str, str, str]]:
    """(property, value, restriction) rows recognising ``owl:hasValue`` restrictions.

    In classification a copy of a value stands for the value (each restriction with that value
    is recognised through it).
    """
    stands: dict[str, set[str]] = defaultdict(set)
    for identifier, h in has.items():
        stands[h.value].add(h.value)
        stands[_value_node(identifier, h, classify=classify)].add(h.value)
    return [
        (nt(p), node, nt(identifier))
        for identifier, h in has.items()
        for node, values in sorted(stands.items())
        if h.value in values
        for p in tables.subs(h.prop)
    ]


def _disjoint_property_rules(tables: Tables) -> list[Rule]:
    """Classification: an individual with edges of two disjoint properties to one individual.

    The two ends are the same node, or copies of the same ``owl:hasValue`` value (the graph
    ``TABLES`` says which individual each copy stands for).
    """
    rules: list[Rule] = []
    for pair in sorted(tables.properties.disjoint, key=sorted):
        first, second = (sorted(pair) * 2)[:2]
        rows = [(nt(p), nt(q)) for p in tables.subs(first) for q in tables.subs(second)]
        same = (
            f"sameTerm(?y, ?z) || EXISTS {{ GRAPH <{TABLES.value}> "
            f"{{ ?y <{VALUE_OF.value}> ?v . ?z <{VALUE_OF.value}> ?v }} }}"
        )
        body = f"{values_block(['p', 'q'], rows)} ?x ?p ?y . ?x ?q ?z . FILTER({same})"
        rules.append(typing_rule("x", nt(NOTHING), body, EDGES))
    return rules


def _equality_rules(props: Properties, tables: Tables) -> list[Rule]:
    """Data only: functional and inverse-functional object properties make individuals equal.

    ``owl:sameAs`` between them is inferred, and each then gets the other's types and edges.
    """
    same = nt(str(OWL.sameAs))
    rules: list[Rule] = []

    def among(prop: str, var: str) -> str:
        return f"VALUES ?{var} {{ {' '.join(nt(p) for p in tables.subs(prop))} }}"

    for prop in sorted(props.functional - props.data):
        body = (
            f"{among(prop, 'p')} {among(prop, 'q')} ?x ?p ?y . ?x ?q ?z . "
            "FILTER(!isLiteral(?y) && !isLiteral(?z) && !sameTerm(?y, ?z))"
        )
        rules.append(linking_rule(f"?y {same} ?z", body, EDGES))
    for prop in sorted(props.inverse_functional):
        body = (
            f"{among(prop, 'p')} {among(prop, 'q')} ?x ?p ?z . ?y ?q ?z . FILTER(!sameTerm(?x, ?y))"
        )
        rules.append(linking_rule(f"?x {same} ?y", body, EDGES))
    if not rules:
        return rules
    other = f"FILTER(?p != {same} && ?p != <{RDF.type}>)"
    rules += [
        linking_rule(f"?y {same} ?x", f"?x {same} ?y .", EDGES),
        linking_rule(
            f"?x {same} ?z", f"?x {same} ?y . ?y {same} ?z . FILTER(!sameTerm(?x, ?z))", EDGES
        ),
        typing_rule("y", "?t", f"?x {same} ?y . ?x a ?t .", EDGES, TYPES),
        linking_rule("?y ?p ?z", f"?x {same} ?y . ?x ?p ?z . {other}", EDGES),
        linking_rule("?z ?p ?y", f"?x {same} ?y . ?z ?p ?x . {other}", EDGES),
    ]
    return rules


def _edge_rules(tables: Tables, *, classify: bool) -> list[Rule]:
    """Rules that add property assertions: inverse, symmetric, transitive, chains.

    None in classification: through shared witnesses they could give a witness a type that
    holds for only some of the successors it stands for (see :mod:`~mitoaki.kb.rules.refusals`).
    """
    props = tables.properties
    rules: list[Rule] = []
    if classify:
        return rules
    lifted = set(props.transitive) | {p for chain, _ in props.chains for p in chain}
    lifted |= props.symmetric | {p for pair in props.inverses for p in pair}
    for prop in sorted(lifted):  # sub-property edges count as edges of the property
        subs = [p for p in tables.subs(prop) if p != prop]
        if subs:
            body = f"VALUES ?p {{ {' '.join(map(nt, subs))} }} ?x ?p ?y ."
            rules.append(linking_rule(f"?x {nt(prop)} ?y", body, EDGES))
    for first, second in sorted(props.inverses):
        for a, b in ((first, second), (second, first)):
            body = f"?x {nt(a)} ?y . FILTER(!isLiteral(?y))"
            rules.append(linking_rule(f"?y {nt(b)} ?x", body, EDGES))
    for prop in sorted(props.symmetric):
        body = f"?x {nt(prop)} ?y . FILTER(!isLiteral(?y))"
        rules.append(linking_rule(f"?y {nt(prop)} ?x", body, EDGES))
    for prop in sorted(props.transitive):
        body = f"?x {nt(prop)} ?y . ?y {nt(prop)} ?z ."
        rules.append(linking_rule(f"?x {nt(prop)} ?z", body, EDGES))
    for chain, target in props.chains:
        steps = " ".join(f"?x{k} {nt(p)} ?x{k + 1} ." for k, p in enumerate(chain))
        rules.append(linking_rule(f"?x0 {nt(target)} ?x{len(chain)}", steps, EDGES))
    return rules + _equality_rules(props, tables)
