"""The data's consistency, checked with SPARQL queries on a saturated store.

Consistency checks (:func:`check_consistency`)
    An individual in two disjoint classes (``owl:disjointWith``, ``owl:AllDisjointClasses``,
    ``owl:disjointUnionOf``, ``owl:complementOf``) or in ``owl:Nothing``, including through
    inferred types; assertions breaking ``owl:IrreflexiveProperty``, ``owl:AsymmetricProperty``,
    ``owl:propertyDisjointWith`` / ``owl:AllDisjointProperties``, a functional datatype property
    (two distinct literal values), ``owl:differentFrom`` / ``owl:AllDifferent`` (individuals
    the rules made equal); a literal outside the declared range of a datatype property (numbers
    with their bounds, strings, booleans, and other OWL 2 datatypes by name; datatypes outside
    the OWL 2 datatype map, such as ``xsd:gYear``, which HermiT refuses and the OWL 2 DL profile
    check reports, are not checked). Unsatisfiable named classes are reported as HermiT reports
    them. Not checked: ``owl:AllDifferent`` stated in the data (the ontology's are), negative
    property assertions, and data ranges built with facets.

Refused in the data (rule ``reasoner``): ``owl:sameAs`` between different individuals, and
an individual in an enumeration (``owl:oneOf``) that is none of its members.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, XSD

from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import compress
from mitoaki.kb.rules.compiled import Compiled
from mitoaki.kb.rules.expressions import NOTHING, OneOf, below_map, name_of, nt, show_term
from mitoaki.kb.rules.fixpoint import cleanup, prepare, saturate
from mitoaki.kb.rules.refusals import describe_members
from mitoaki.kb.rules.sparql import expand_rows, is_in, values_block

MAX_REPORTED = 5


NUMERIC = {
    str(XSD[name]): bounds
    for name, bounds in {
        "decimal": (None, None, False),
        "integer": (None, None, True),
        "nonNegativeInteger": (0, None, True),
        "positiveInteger": (1, None, True),
        "nonPositiveInteger": (None, 0, True),
        "negativeInteger": (None, -1, True),
        "long": (-(2**63), 2**63 - 1, True),
        "int": (-(2**31), 2**31 - 1, True),
        "short": (-(2**15), 2**15 - 1, True),
        "byte": (-128, 127, True),
        "unsignedLong": (0, 2**64 - 1, True),
        "unsignedInt": (0, 2**32 - 1, True),
        "unsignedShort": (0, 2**16 - 1, True),
        "unsignedByte": (0, 255, True),
    }.items()
} | {str(OWL.real): (None, None, False), str(OWL.rational): (None, None, False)}
STRINGS = [
    str(XSD[n])
    for n in ("string", "normalizedString", "token", "language", "Name", "NCName", "NMTOKEN")
]
OTHER_OWL2 = {
    str(XSD.double): [str(XSD.double)],
    str(XSD.float): [str(XSD.float)],
    str(XSD.boolean): [str(XSD.boolean)],
    str(XSD.anyURI): [str(XSD.anyURI)],
    str(XSD.hexBinary): [str(XSD.hexBinary)],
    str(XSD.base64Binary): [str(XSD.base64Binary)],
    str(XSD.dateTime): [str(XSD.dateTime), str(XSD.dateTimeStamp)],
    str(XSD.dateTimeStamp): [str(XSD.dateTimeStamp)],
    str(RDF.PlainLiteral): [*STRINGS, str(RDF.langString)],
}


def _datatype_filter(datatype: str) -> str | None:
    """A SPARQL condition true when ``?v`` is *outside* ``datatype``; None: not checked."""
    if datatype == str(RDFS.Literal):
        return "!isLiteral(?v)"
    if datatype in NUMERIC:
        low, high, integral = NUMERIC[datatype]
        accepted = ", ".join(nt(d) for d in NUMERIC)
        tests = ["true"]
        if low is not None:
            tests.append(f"?n >= {low}")
        if high is not None:
            tests.append(f"?n <= {high}")
        if integral:
            tests.append("FLOOR(?n) = ?n")
        within = f"COALESCE({' && '.join(tests)}, false)"
        return (
            f"!isLiteral(?v) || !(DATATYPE(?v) IN ({accepted})) || "
            f"!COALESCE(BOUND(?n) && ({within}), false)"
        )
    if datatype in STRINGS:
        allowed = STRINGS[STRINGS.index(datatype) :] if datatype != str(XSD.string) else STRINGS
        return f"!isLiteral(?v) || !(DATATYPE(?v) IN ({', '.join(map(nt, allowed))}))"
    if datatype in OTHER_OWL2:
        return f"!isLiteral(?v) || !(DATATYPE(?v) IN ({', '.join(map(nt, OTHER_OWL2[datatype]))}))"
    return None  # not an OWL 2 datatype: HermiT does not reason with it, nor do the rules


@dataclass(frozen=True)
class Violation:
    """One individual breaking one axiom."""

    individual: str
    axiom: str
    detail: str = ""

    def __str__(self) -> str:
        extra = f" ({self.detail})" if self.detail else ""
        return f"{compress(self.individual)} breaks {self.axiom}{extra}"


def _checks(compiled: Compiled) -> Iterator[tuple[str, str]]:
    """(query, axiom) pairs; each query selects ``?x`` and optionally ``?d`` (a detail)."""
    tables = compiled.tables
    props = tables.properties
    below = below_map(compiled.supers)
    nothing = values_block(["t"], expand_rows([(NOTHING,)], 0, below))
    yield (
        f"SELECT DISTINCT ?x ?d WHERE {{ {nothing} ?x a ?t }}",
        "SubClassOf(... owl:Nothing): it is in owl:Nothing",
    )
    for first, second, axiom in tables.disjoint:
        shown = f"{axiom}: it is in both {name_of(first)} and {name_of(second)}"
        start = values_block(["t"], expand_rows([(first,)], 0, below))
        body = f"{start} ?x a ?t . {is_in('x', nt(second), 'u')}"
        yield (f"SELECT DISTINCT ?x ?d WHERE {{ {body} }}", shown)

    def among(prop: str, var: str) -> str:
        return f"VALUES ?{var} {{ {' '.join(nt(p) for p in tables.subs(prop))} }}"

    for prop in sorted(props.irreflexive):
        yield (
            f"SELECT ?x ?d WHERE {{ {among(prop, 'p')} ?x ?p ?x }}",
            f"IrreflexiveObjectProperty({compress(prop)})",
        )
    for prop in sorted(props.asymmetric):
        body = f"{among(prop, 'p')} {among(prop, 'q')} ?x ?p ?d . ?d ?q ?x"
        yield (f"SELECT ?x ?d WHERE {{ {body} }}", f"AsymmetricObjectProperty({compress(prop)})")
    for pair in sorted(props.disjoint, key=sorted):
        first, second = (sorted(pair) * 2)[:2]  # a property disjoint with itself has no edges
        body = f"{among(first, 'p')} {among(second, 'q')} ?x ?p ?d . ?x ?q ?d"
        yield (
            f"SELECT ?x ?d WHERE {{ {body} }}",
            f"DisjointProperties({compress(first)} {compress(second)})",
        )
    for prop in sorted(props.functional & props.data):  # object properties: equalities
        body = (
            f"{among(prop, 'p')} {among(prop, 'q')} ?x ?p ?d . ?x ?q ?e . "
            "FILTER(isLiteral(?d) && isLiteral(?e) && !sameTerm(?d, ?e) "
            "&& COALESCE(?d != ?e, true))"
        )
        yield (f"SELECT ?x ?d WHERE {{ {body} }}", f"FunctionalDataProperty({compress(prop)})")
    same = f"?x <{OWL.sameAs}> ?d"
    stated = f"?x <{OWL.differentFrom}> ?d . {{ FILTER(sameTerm(?x, ?d)) }} UNION {{ {same} }}"
    if tables.different:
        pairs = values_block(["x", "d"], tables.different)
        stated = f"{{ {stated} }} UNION {{ {pairs} {same} }}"
    yield (f"SELECT ?x ?d WHERE {{ {stated} }}", "DifferentIndividuals: it is the same as")
    for prop, datatype in compiled.data_ranges:
        condition = _datatype_filter(datatype)
        if condition is None:
            continue
        body = (
            f"{among(prop, 'p')} ?x ?p ?v . BIND(xsd:decimal(?v) AS ?n) BIND(?v AS ?d) "
            f"FILTER({condition})"
        )
        query = f"PREFIX xsd: <{XSD}> SELECT ?x ?d WHERE {{ {body} }}"
        yield (query, f"DataPropertyRange({compress(prop)} {compress(datatype)})")


def violations(store: ox.Store, compiled: Compiled, limit: int = MAX_REPORTED) -> list[Violation]:
    """Every broken axiom, up to ``limit`` individuals each, in a saturated store."""
    found: list[Violation] = []
    for query, axiom in _checks(compiled):
        solutions = store.query(f"{query} LIMIT {limit}")
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            x, detail = row["x"], row["d"]
            shown = "" if detail is None else f"with {show_term(detail)}"
            found.append(Violation(show_term(x, short=False), axiom, shown))
    return found


def check_consistency(store: ox.Store, compiled: Compiled, *, saturated: bool = False) -> None:
    """Raise :class:`ReasonerError` (rule ``consistency``) naming broken axioms and individuals.

    ``store`` holds the knowledge base in its default graph; unless ``saturated`` (by
    :func:`~mitoaki.kb.rules.run.infer_types`) the rules are run on it first and their triples
    removed afterwards.
    """
    if not saturated:
        try:
            prepare(store, compiled.supers, compiled.assertions)
            saturate(store, compiled.rules)
            check_consistency(store, compiled, saturated=True)
        finally:
            cleanup(store)
        return
    refuse_enumerated(store, compiled)
    broken = violations(store, compiled)
    if broken:
        listing = "; ".join(str(v) for v in broken[:MAX_REPORTED])
        more = " (and more)" if len(broken) > MAX_REPORTED else ""
        raise ReasonerError(
            f"the knowledge base is inconsistent with the ontology: {listing}{more}",
            item=compress(broken[0].individual),
            rule="consistency",
        )


def first_row(
    store: ox.Store, query: str
) -> tuple[ox.NamedNode | ox.BlankNode | ox.Literal | None, ...] | None:
    """The terms of the first solution of a SELECT query; its iterator and row dropped here.

    An error raised while iterating, or raised with a row in a local, would keep Oxigraph's
    objects alive in its traceback, and a traceback is a cycle the collector may free on any
    thread; Oxigraph's query results may only be dropped on the thread that made them, and the
    checks run in threads. Terms are plain values.
    """
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    row = next(iter(solutions), None)
    return None if row is None else tuple(row[i] for i in range(len(solutions.variables)))


def refuse_equality(store: ox.Store) -> None:
    """Fail on ``owl:sameAs`` between different individuals: the rules do not merge them."""
    query = f"SELECT ?x ?y WHERE {{ ?x <{OWL.sameAs}> ?y FILTER(!sameTerm(?x, ?y)) }} LIMIT 1"
    if (row := first_row(store, query)) is not None:
        raise ReasonerError(
            f"cannot compile owl:sameAs ({show_term(row[0])} = {show_term(row[1])}) into "
            "SPARQL rules: merge the individuals or use HermiT",
            item=show_term(row[0]),
            rule="reasoner",
        )


def refuse_enumerated(store: ox.Store, compiled: Compiled) -> None:
    """Fail on an individual in an enumeration (``owl:oneOf``) that is none of its members.

    It is equal to one of them, unknown which (reasoning by cases on ``owl:sameAs``), which the
    rules do not do.
    """
    below = below_map(compiled.supers)
    for identifier, expression in sorted(compiled.tables.expressions.items()):
        if not isinstance(expression, OneOf):
            continue
        classes = " ".join(nt(c) for c in sorted(below.get(identifier, {identifier})))
        members = ", ".join(sorted(expression.members))
        query = (
            f"SELECT ?x WHERE {{ VALUES ?t {{ {classes} }} ?x a ?t . "
            f"FILTER(?x NOT IN ({members})) }} LIMIT 1"
        )
        if (row := first_row(store, query)) is not None:
            shown = show_term(row[0])
            raise ReasonerError(
                f"cannot compile owl:oneOf ({describe_members(compiled.tables, identifier)}) "
                f"for the data, where {shown} is in it but none of its members (so equal to one "
                "of them, owl:sameAs), into SPARQL rules (use HermiT for this data)",
                item=shown,
                rule="reasoner",
            )
