"""Small generated OWL ontologies with an ABox, for holding the materialisation rules to HermiT.

A case is plain data (tuples of strings) so that hypothesis can shrink it and a failing one can be
pasted back as an ``@example``: class expressions are a named class (``"A"``), ``"Thing"`` or a
tuple ``(kind, ...)``; axioms and assertions are tuples ``(kind, ...)``, listed in
:data:`AXIOMS`. :func:`to_graphs` writes a case as the RDF that ``mitoaki`` and HermiT read.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeAlias

from hypothesis import strategies as st
from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

EX = Namespace("https://example.org/gen/")
IND = Namespace("https://example.org/gen/ind/")
CLASSES = ("A", "B", "C", "D", "E")
PROPERTIES = ("p", "q", "r")
INDIVIDUALS = ("a", "b", "c", "d")
DATA = "v"  # the one datatype property
DATATYPES = (  # of xsd:, but "Literal": rdfs:Literal
    *("integer", "positiveInteger", "nonNegativeInteger", "byte"),
    *("decimal", "string", "boolean", "Literal"),
)
LITERALS = {  # name -> the literal in Turtle (XSD datatypes as xsd:)
    "zero": '"0"^^xsd:integer',
    "one": '"1"^^xsd:integer',
    "one-padded": '"01"^^xsd:integer',
    "one-decimal": '"1.0"^^xsd:decimal',
    "minus": '"-1"^^xsd:integer',
    "big": '"300"^^xsd:integer',
    "half": '"1.5"^^xsd:decimal',
    "text": '"x"',
    "text-en": '"x"@en',
    "yes": '"true"^^xsd:boolean',
}

Expr: TypeAlias = "str | tuple[object, ...]"
Axiom: TypeAlias = tuple[object, ...]

# what each axiom and expression kind is, in OWL 2 functional syntax
AXIOMS = {
    "sub": "SubClassOf(X Y)",
    "equiv": "EquivalentClasses(A X)",
    "disjoint": "DisjointClasses(X Y)",
    "alldisjoint": "DisjointClasses(X Y Z) as owl:AllDisjointClasses",
    "disjointunion": "DisjointUnion(A B C)",
    "domain": "ObjectPropertyDomain(p X)",
    "range": "ObjectPropertyRange(p X)",
    "subprop": "SubObjectPropertyOf(p q)",
    "equivprop": "EquivalentObjectProperties(p q)",
    "inverse": "InverseObjectProperties(p q)",
    "symmetric": "SymmetricObjectProperty(p)",
    "transitive": "TransitiveObjectProperty(p)",
    "chain": "SubObjectPropertyOf(ObjectPropertyChain(p q) r)",
    "functional": "FunctionalObjectProperty(p)",
    "ifp": "InverseFunctionalObjectProperty(p)",
    "irreflexive": "IrreflexiveObjectProperty(p)",
    "asymmetric": "AsymmetricObjectProperty(p)",
    "disjointprops": "DisjointObjectProperties(p q)",
    "alldifferent": "DifferentIndividuals(a b c) as owl:AllDifferent",
    "different": "DifferentIndividuals(a b)",
    "datarange": "DataPropertyRange(v DT)",
    "datafunctional": "FunctionalDataProperty(v)",
    "datadomain": "DataPropertyDomain(v X)",
    "literal": "DataPropertyAssertion(v a literal)",
    "type": "ClassAssertion(A a)",
    "edge": "ObjectPropertyAssertion(p a b)",
}
EXPRESSIONS = {
    "some": "ObjectSomeValuesFrom(p X)",
    "min1": "ObjectMinCardinality(1 p X)",
    "value": "ObjectHasValue(p a)",
    "and": "ObjectIntersectionOf(X Y)",
    "or": "ObjectUnionOf(X Y)",
    "one": "ObjectOneOf(a b)",
    "only": "ObjectAllValuesFrom(p X)",
    "not": "ObjectComplementOf(X)",
}


@dataclass(frozen=True)
class Case:
    """An ontology (``tbox``) and the data reasoned on with it (``abox``)."""

    tbox: tuple[Axiom, ...]
    abox: tuple[Axiom, ...]

    def kinds(self) -> set[str]:
        """Every axiom and expression kind the case uses."""
        found: set[str] = set()

        def walk(item: object) -> None:
            if isinstance(item, tuple) and item and item[0] in {*AXIOMS, *EXPRESSIONS}:
                found.add(str(item[0]))
            if isinstance(item, tuple):
                for part in item:
                    walk(part)

        for axiom in (*self.tbox, *self.abox):
            walk(axiom)
        return found


# -- strategies -----------------------------------------------------------------------------------

named = st.sampled_from(CLASSES)
prop = st.sampled_from(PROPERTIES)
individual = st.sampled_from(INDIVIDUALS)


def recognised(depth: int) -> st.SearchStrategy[Expr]:
    """Expressions whose membership the rules recognise (subclass side, equivalences)."""
    if depth == 0:
        return named
    inner = recognised(depth - 1)
    return st.one_of(
        named,
        st.tuples(st.just("some"), prop, st.one_of(inner, st.just("Thing"))),
        st.tuples(st.just("value"), prop, individual),
        st.tuples(st.just("and"), inner, inner),
        st.tuples(st.just("or"), inner, inner),
        st.tuples(st.just("min1"), prop, inner),
        st.tuples(st.just("one"), st.lists(individual, min_size=1, max_size=2, unique=True)).map(
            lambda t: (t[0], *t[1])
        ),
    )


def implied(depth: int) -> st.SearchStrategy[Expr]:
    """Expressions the ontology only implies (superclass side, domains, ranges)."""
    if depth == 0:
        return named
    inner = implied(depth - 1)
    return st.one_of(
        recognised(depth),
        st.tuples(st.just("some"), prop, inner),
        st.tuples(st.just("and"), inner, inner),
        st.tuples(st.just("only"), prop, inner),
    )


def canonical(expr: object) -> object:
    """An expression with the members of intersections, unions, enumerations in order."""
    if not isinstance(expr, tuple):
        return expr
    parts = tuple(canonical(part) for part in expr)
    if expr[0] in {"and", "or", "one"}:
        return (expr[0], *sorted(parts[1:], key=repr))
    return parts


def distinct(count: int) -> st.SearchStrategy[list[str]]:
    """``count`` different named classes (OWL 2 DL wants two or more in a disjointness)."""
    return st.lists(named, min_size=count, max_size=count, unique=True)


def tbox_axioms() -> st.SearchStrategy[Axiom]:
    """One TBox axiom of any kind the rules compile; class axioms drawn more often."""
    sub = st.tuples(st.just("sub"), recognised(2), implied(2))
    equiv = st.tuples(st.just("equiv"), named, recognised(2))
    return st.one_of(
        sub,
        sub,
        st.tuples(st.just("sub"), recognised(1), st.tuples(st.just("not"), recognised(1))),
        equiv,
        equiv,
        st.tuples(st.just("disjoint"), recognised(1), recognised(1)).filter(
            lambda a: canonical(a[1]) != canonical(a[2])  # else OWLAPI keeps one: not OWL 2 DL
        ),
        distinct(3).map(lambda cs: ("alldisjoint", *cs)),
        st.tuples(named, distinct(2)).map(lambda t: ("disjointunion", t[0], *t[1])),
        st.tuples(st.just("domain"), prop, implied(1)),
        st.tuples(st.just("range"), prop, implied(1)),
        st.tuples(st.just("subprop"), prop, prop),
        st.tuples(st.just("equivprop"), prop, prop),
        st.tuples(st.just("inverse"), prop, prop),
        st.tuples(st.just("symmetric"), prop),
        st.tuples(st.just("transitive"), prop),
        st.tuples(st.just("chain"), prop, prop, prop),
        st.tuples(st.just("functional"), prop),
        st.tuples(st.just("ifp"), prop),
        st.tuples(st.just("irreflexive"), prop),
        st.tuples(st.just("asymmetric"), prop),
        st.lists(prop, min_size=2, max_size=2, unique=True).map(lambda ps: ("disjointprops", *ps)),
        st.lists(individual, min_size=2, max_size=3, unique=True).map(
            lambda xs: ("alldifferent", *xs)
        ),
        st.tuples(st.just("datarange"), st.sampled_from(DATATYPES)),
        st.just(("datafunctional",)),
        st.tuples(st.just("datadomain"), implied(1)),
    )


def abox_assertions() -> st.SearchStrategy[Axiom]:
    """A class or property assertion about the named individuals."""
    return st.one_of(
        st.tuples(st.just("type"), individual, named),
        st.tuples(st.just("edge"), individual, prop, individual),
        st.lists(individual, min_size=2, max_size=2, unique=True).map(
            lambda xs: ("different", *xs)
        ),
        st.tuples(st.just("literal"), individual, st.sampled_from(sorted(LITERALS))),
    )


TBOX = st.lists(tbox_axioms(), min_size=1, max_size=6).map(tuple)
ABOX = st.lists(abox_assertions(), min_size=1, max_size=6).map(tuple)


@st.composite
def any_case(draw: st.DrawFn) -> Case:
    """One to six TBox axioms and one to six ABox assertions."""
    return Case(draw(TBOX), draw(ABOX))


def cases() -> st.SearchStrategy[Case]:
    """Cases within OWL 2 DL (see :func:`in_owl2_dl`)."""
    return any_case().filter(in_owl2_dl)


# -- OWL 2 DL's global restrictions ------------------------------------------------------------


def composite(tbox: Iterable[Axiom]) -> set[str]:
    """Properties that are not simple: transitive, chain targets, and everything above them."""
    supers: dict[str, set[str]] = {p: set() for p in PROPERTIES}
    inverse: dict[str, set[str]] = {p: set() for p in PROPERTIES}
    found: set[str] = set()
    for axiom in tbox:
        kind = axiom[0]
        if kind == "transitive":
            found.add(str(axiom[1]))
        elif kind == "chain":
            found.add(str(axiom[3]))
        elif kind == "subprop":
            supers[str(axiom[1])].add(str(axiom[2]))
        elif kind == "equivprop":
            supers[str(axiom[1])].add(str(axiom[2]))
            supers[str(axiom[2])].add(str(axiom[1]))
        elif kind == "inverse":
            inverse[str(axiom[1])].add(str(axiom[2]))
            inverse[str(axiom[2])].add(str(axiom[1]))
    while True:  # above a composite property, and its inverse, are composite too
        grown = set(found)
        for p in found:
            grown |= supers[p] | inverse[p]
        if grown == found:
            return found
        found = grown


def regular(tbox: Sequence[Axiom]) -> bool:
    """A cautious form of OWL 2's regularity of property chains (HermiT refuses irregular ones).

    Equivalent and inverse properties count as one; a chain's steps other than its target must
    be strictly below the target, and so must a sub-property, in one acyclic order.
    """
    group = {p: p for p in PROPERTIES}

    def find(p: str) -> str:
        while group[p] != p:
            p = group[p]
        return p

    for axiom in tbox:
        if axiom[0] in {"equivprop", "inverse"}:
            group[find(str(axiom[1]))] = find(str(axiom[2]))
    below: dict[str, set[str]] = {find(p): set() for p in PROPERTIES}
    for axiom in tbox:
        if axiom[0] == "chain":
            target = str(axiom[3])
            for step in (str(axiom[1]), str(axiom[2])):
                if step != target and find(step) == find(target):
                    return False
                if step != target:
                    below[find(target)].add(find(step))
        elif axiom[0] == "subprop" and find(str(axiom[1])) != find(str(axiom[2])):
            below[find(str(axiom[2]))].add(find(str(axiom[1])))
    done: set[str] = set()

    def acyclic(node: str, path: frozenset[str]) -> bool:
        if node in path:
            return False
        if node in done:
            return True
        ok = all(acyclic(n, path | {node}) for n in below[node])
        done.add(node)
        return ok

    return all(acyclic(p, frozenset()) for p in below)


def in_owl2_dl(case: Case) -> bool:
    """Whether HermiT accepts the case: simple properties where OWL 2 DL requires them."""
    if not regular(case.tbox):
        return False
    nonsimple = composite(case.tbox)
    simple_only = {"functional", "ifp", "irreflexive", "asymmetric", "disjointprops"}
    for axiom in case.tbox:
        if axiom[0] in simple_only and nonsimple & {str(a) for a in axiom[1:]}:
            return False
    return not any(f"min1:{p}" in _restricted(case.tbox) for p in nonsimple)


def _restricted(tbox: Iterable[Axiom]) -> set[str]:
    """``kind:property`` of every restriction in the axioms."""
    out: set[str] = set()

    def walk(item: object) -> None:
        if isinstance(item, tuple):
            if item and item[0] in EXPRESSIONS and len(item) > 1 and item[1] in PROPERTIES:
                out.add(f"{item[0]}:{item[1]}")
            for part in item:
                walk(part)

    for axiom in tbox:
        walk(axiom)
    return out


# -- RDF -----------------------------------------------------------------------------------------


class _Writer:
    """Builds the RDF of a case's axioms."""

    def __init__(self) -> None:
        self.graph = Graph()

    def list_of(self, items: Sequence[Node]) -> BNode:
        head = BNode()
        Collection(self.graph, head, list(items))
        return head

    def expression(self, expr: Expr) -> Node:
        """The class expression as a node (anonymous ones as blank nodes)."""
        if isinstance(expr, str):
            return OWL.Thing if expr == "Thing" else EX[expr]
        kind, *args = expr
        node = BNode()
        g = self.graph
        if kind in {"and", "or"}:
            g.add((node, RDF.type, OWL.Class))
            members = [self.expression(a) for a in args]  # type: ignore[arg-type]
            g.add(
                (node, OWL.intersectionOf if kind == "and" else OWL.unionOf, self.list_of(members))
            )
        elif kind == "one":
            g.add((node, RDF.type, OWL.Class))
            g.add((node, OWL.oneOf, self.list_of([IND[str(a)] for a in args])))
        elif kind == "not":
            g.add((node, RDF.type, OWL.Class))
            g.add((node, OWL.complementOf, self.expression(args[0])))  # type: ignore[arg-type]
        else:
            g.add((node, RDF.type, OWL.Restriction))
            g.add((node, OWL.onProperty, EX[str(args[0])]))
            if kind == "value":
                g.add((node, OWL.hasValue, IND[str(args[1])]))
            elif kind == "min1":
                g.add(
                    (node, OWL.minQualifiedCardinality, Literal(1, datatype=XSD.nonNegativeInteger))
                )
                g.add((node, OWL.onClass, self.expression(args[1])))  # type: ignore[arg-type]
            else:
                predicate = OWL.someValuesFrom if kind == "some" else OWL.allValuesFrom
                g.add((node, predicate, self.expression(args[1])))  # type: ignore[arg-type]
        return node

    def axiom(self, axiom: Axiom) -> None:
        """Add one axiom or assertion."""
        g, kind, args = self.graph, axiom[0], axiom[1:]
        x = self.expression
        if kind == "sub":
            g.add((x(args[0]), RDFS.subClassOf, x(args[1])))  # type: ignore[arg-type]
        elif kind == "equiv":
            g.add((x(args[0]), OWL.equivalentClass, x(args[1])))  # type: ignore[arg-type]
        elif kind == "disjoint":
            g.add((x(args[0]), OWL.disjointWith, x(args[1])))  # type: ignore[arg-type]
        elif kind == "alldisjoint":
            node = BNode()
            g.add((node, RDF.type, OWL.AllDisjointClasses))
            g.add((node, OWL.members, self.list_of([x(a) for a in args])))  # type: ignore[arg-type]
        elif kind == "disjointunion":
            members = self.list_of([x(a) for a in args[1:]])  # type: ignore[arg-type]
            g.add((x(args[0]), OWL.disjointUnionOf, members))  # type: ignore[arg-type]
        elif kind in {"domain", "range"}:
            predicate = RDFS.domain if kind == "domain" else RDFS.range
            g.add((EX[str(args[0])], predicate, x(args[1])))  # type: ignore[arg-type]
        elif kind in {"subprop", "equivprop", "inverse"}:
            predicate = {
                "subprop": RDFS.subPropertyOf,
                "equivprop": OWL.equivalentProperty,
                "inverse": OWL.inverseOf,
            }[kind]
            g.add((EX[str(args[0])], predicate, EX[str(args[1])]))
        elif kind == "chain":
            chain = self.list_of([EX[str(args[0])], EX[str(args[1])]])
            g.add((EX[str(args[2])], OWL.propertyChainAxiom, chain))
        elif kind == "disjointprops":
            g.add((EX[str(args[0])], OWL.propertyDisjointWith, EX[str(args[1])]))
        elif kind == "alldifferent":
            node = BNode()
            g.add((node, RDF.type, OWL.AllDifferent))
            g.add((node, OWL.distinctMembers, self.list_of([IND[str(a)] for a in args])))
        elif kind == "different":
            g.add((IND[str(args[0])], OWL.differentFrom, IND[str(args[1])]))
        elif kind == "datarange":
            datatype = RDFS.Literal if args[0] == "Literal" else XSD[str(args[0])]
            g.add((EX[DATA], RDFS.range, datatype))
        elif kind == "datafunctional":
            g.add((EX[DATA], RDF.type, OWL.FunctionalProperty))
        elif kind == "datadomain":
            g.add((EX[DATA], RDFS.domain, x(args[0])))  # type: ignore[arg-type]
        elif kind == "literal":
            g.add((IND[str(args[0])], EX[DATA], literal(str(args[1]))))
        elif kind == "type":
            g.add((IND[str(args[0])], RDF.type, EX[str(args[1])]))
        elif kind == "edge":
            g.add((IND[str(args[0])], EX[str(args[1])], IND[str(args[2])]))
        else:
            g.add((EX[str(args[0])], RDF.type, CHARACTERISTICS[kind]))


CHARACTERISTICS = {
    "symmetric": OWL.SymmetricProperty,
    "transitive": OWL.TransitiveProperty,
    "functional": OWL.FunctionalProperty,
    "ifp": OWL.InverseFunctionalProperty,
    "irreflexive": OWL.IrreflexiveProperty,
    "asymmetric": OWL.AsymmetricProperty,
}


def literal(name: str) -> Literal:
    """One of :data:`LITERALS` as an rdflib literal."""
    turtle = f"@prefix xsd: <{XSD}> . <urn:s> <urn:p> {LITERALS[name]} ."
    value = next(iter(Graph().parse(data=turtle, format="turtle").objects()))
    assert isinstance(value, Literal)
    return value


def declarations() -> Graph:
    """The ontology header and the declaration of every class, property and individual."""
    graph = Graph()
    graph.add((URIRef(str(EX)), RDF.type, OWL.Ontology))
    for cls in CLASSES:
        graph.add((EX[cls], RDF.type, OWL.Class))
    for p in PROPERTIES:
        graph.add((EX[p], RDF.type, OWL.ObjectProperty))
    graph.add((EX[DATA], RDF.type, OWL.DatatypeProperty))
    for i in INDIVIDUALS:
        graph.add((IND[i], RDF.type, OWL.NamedIndividual))
    return graph


def to_graphs(case: Case) -> tuple[Graph, Graph]:
    """The case's ontology (declarations and TBox axioms) and its data (the ABox)."""
    tbox, abox = _Writer(), _Writer()
    tbox.graph += declarations()
    for axiom in case.tbox:
        tbox.axiom(axiom)
    for assertion in case.abox:
        abox.axiom(assertion)
    return tbox.graph, abox.graph
