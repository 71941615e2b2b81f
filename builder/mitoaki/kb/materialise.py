"""Instance-level reasoning that scales: the ontology's axioms compiled to SPARQL rules on Oxigraph.

HermiT realises the knowledge base correctly but takes minutes at a million triples. This module
gets the same answer for what the knowledge base needs (the inferred ``rdf:type`` of its
individuals) with SPARQL ``INSERT`` rules run to a fixpoint on a :class:`pyoxigraph.Store`, and
checks the data's consistency with SPARQL queries.

Use: ``compiled = compile_ontology(merged)`` once, then ``materialise(store, compiled)`` (or
``infer_types`` for plain pairs). A store is used in place, so it must be writable: the rules'
working triples go to its default graph and to named graphs ``urn:mitoaki:materialise:*``, and
are removed again before the call returns, also when it raises; nobody else should read the
store meanwhile. An rdflib graph or an iterable of triples is copied into a fresh store.

How it works
    1. *Compile* (:func:`compile_ontology`, once per ontology): every class expression of the
       ontology gets an identifier (named classes their IRI, anonymous expressions a
       ``urn:mitoaki:materialise:`` IRI) and the axioms become rule tables: told subclass edges,
       ``owl:intersectionOf`` conjuncts, ``owl:someValuesFrom`` / ``owl:hasValue`` /
       ``owl:allValuesFrom`` restrictions, domains and ranges, the property hierarchy and
       property characteristics. The rules are generated from the ontology graph, never written
       per class, so a new defined class is picked up by the next build.
    2. *Classify* the class expressions with the same rules: a prototype individual per class
       (and per expression), for each existential restriction one shared witness individual
       typed by its filler (the canonical model of EL), and for each ``owl:hasValue`` a copy of
       its value (what the ontology says about the value, and what edges to it imply, stays
       with the copy). The types a prototype ends up with are the superclasses of its class
       (told and inferred, named and anonymous), which also gives the class hierarchy HermiT
       uses to report only the most specific types; the copies a prototype reaches give the
       types a value gets as soon as the class has an instance, named or anonymous.
    3. *Refuse* what the rules would get wrong (:func:`_refuse_outside`, see "Refused").
    4. *Materialise* (:func:`materialise`): on the data, the rules run to a fixpoint. Superclasses
       are never written: a premise "x is a C" matches x's stored types through a small table
       of (class, superclass) pairs from step 2, and a conclusion is only inserted when none of
       x's types already implies it. The complete types of an individual are its stored types
       closed under the precomputed superclasses.
    5. *Check consistency* with SPARQL (:func:`check_consistency`) and *report* what owlready2
       reports after HermiT: for each knowledge-base individual, its most specific entailed
       named classes (all classes of an equivalence, as HermiT prints them), minus the types the
       data asserts and the trivial ``owl:Thing`` / ``owl:NamedIndividual``.

Held to HermiT: ``tests/test_materialise_hermit.py`` generates small ontologies and ABoxes with
every construct below and compares the rules' classification, consistency verdict and entailed
types with stock HermiT's; what the rules do not refuse, they must answer as HermiT does.

OWL constructs compiled
    Named classes, ``rdfs:subClassOf`` (either side may be an expression), ``owl:equivalentClass``,
    ``owl:intersectionOf``, ``owl:unionOf``, ``owl:someValuesFrom`` (named or anonymous filler,
    nested, ``owl:Thing``), ``owl:minCardinality``/``owl:minQualifiedCardinality`` 1 (the same as
    an existential), ``owl:hasValue`` (and ``p some {a}``, the same), ``owl:oneOf`` (members are
    instances; the enumeration's superclasses are the classes all members share),
    ``owl:allValuesFrom`` on the superclass side, ``owl:complementOf`` on the superclass side (a
    disjointness), ``owl:disjointWith``, ``owl:AllDisjointClasses``, ``owl:disjointUnionOf``,
    ``rdfs:domain`` and ``rdfs:range`` (object and datatype properties; ranges that are classes
    type the object), ``rdfs:subPropertyOf``, ``owl:equivalentProperty``, ``owl:inverseOf``,
    ``owl:SymmetricProperty``, ``owl:TransitiveProperty``, ``owl:propertyChainAxiom``,
    ``owl:FunctionalProperty`` and ``owl:InverseFunctionalProperty`` on object properties (they
    make individuals equal: ``owl:sameAs`` between them is inferred and each gets the other's
    types and edges), ``owl:differentFrom`` and ``owl:AllDifferent``. A class or property stated
    disjoint with itself is empty (the OWL 2 structural specification; OWLAPI, so HermiT, keeps
    the axiom's members as a set and drops it).

Not compiled: a clear :class:`ReasonerError` (rule ``reasoner``) names the axiom
    ``owl:allValuesFrom`` and ``owl:complementOf`` where membership would have to be recognised
    (in an ``owl:equivalentClass`` or a subclass position: they need negation / closed-world
    reasoning), cardinalities other than "at least 1", ``owl:hasSelf``, restrictions on data
    properties, inverse property expressions, ``owl:hasKey``, ``owl:ReflexiveProperty`` and
    ``owl:sameAs`` in the data. Skipped, because they cannot change a type: annotation
    properties, and data ranges that are not a named datatype (they only restrict literals).

Refused: where the compiled constructs meet in ways the rules would get wrong (rule ``reasoner``,
naming the construct and the axiom; the ontology needs HermiT then)
    An existential or ``owl:hasValue`` that is *implied* (on the superclass side, in an
    equivalence, a domain or range, or nested there) puts edges under its property that the
    data does not state: to an anonymous individual, which classification stands for by one
    witness shared by every individual with that restriction, or to a named value. So on such a
    property (or one above it) are refused: ``owl:inverseOf``, ``owl:SymmetricProperty``,
    ``owl:TransitiveProperty``, a step of an ``owl:propertyChainAxiom``, ``owl:FunctionalProperty``
    and ``owl:InverseFunctionalProperty`` (what they conclude from such an edge holds for one of
    the individuals a witness stands for, not all), and an implied ``owl:allValuesFrom`` when
    the witness would gain a class that changes anything (``C SubClassOf p some F and p only G``
    makes ``C`` a ``p some (F and G)``) or the edge goes to a named value. An implied
    ``owl:hasValue`` at an anonymous individual is refused where an existential on (a property
    above) its property may recognise it by its value's classes, which depend on the data.
    An implied ``owl:unionOf`` is refused when reasoning by cases could conclude more than what
    its members share: unless two or more of its satisfiable members are inert (none of their
    own classes is part of an intersection, the filler of an existential, in a disjointness
    with a class below no member, a universal or ``owl:hasValue`` restriction, or types a named
    value) and those share no class the union does not imply. An implied ``owl:oneOf`` makes an
    individual in it equal to one of its members, unknown which: refused when a class strictly
    below it or an anonymous individual is in it, and, in the data, when an individual that is
    none of its members is (then reported by name).

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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeAlias

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, XSD
from rdflib.term import Node

from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import KB, compress

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
MAX_REPORTED = 5

Data: TypeAlias = "ox.Store | Graph | Iterable[ox.Triple | ox.Quad]"


# -- class expressions -------------------------------------------------------------------------


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


def _nt(iri: str) -> str:
    """An IRI as an N-Triples / SPARQL term."""
    return f"<{iri}>"


def _term(node: Node) -> str:
    """An rdflib IRI or literal as an N-Triples / SPARQL term."""
    if isinstance(node, URIRef):
        return _nt(str(node))
    if isinstance(node, Literal):
        return node.n3()
    raise TypeError(f"not an IRI or a literal: {node!r}")


def _is_datatype(node: Node, graph: Graph) -> bool:
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


def _name(identifier: str) -> str:
    """A readable name for a class identifier (anonymous expressions have none)."""
    return "an anonymous class expression" if identifier.startswith(WORK) else compress(identifier)


@dataclass
class _Properties:
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


class _Compiler:
    """Turns an ontology graph into class identifiers and axiom tables."""

    def __init__(self, graph: Graph) -> None:
        self.graph = graph
        self.ids: dict[Expression, str] = {}
        self.expressions: dict[str, Expression] = {}
        self.named: set[str] = set()
        self.told: dict[str, set[str]] = defaultdict(set)
        self.disjoint: list[tuple[str, str, str]] = []
        self.domains: list[tuple[str, str]] = []
        self.ranges: list[tuple[str, str]] = []
        self.data_ranges: list[tuple[str, str]] = []
        self.assertions: list[tuple[str, str, str]] = []
        self.implied: dict[str, str] = {}
        self.different: list[tuple[str, str]] = []
        self.properties = self._properties()

    # -- errors and helpers ----------------------------------------------------------------------

    def fail(self, what: str, where: str, item: Node | None) -> ReasonerError:
        """The error for an axiom these rules cannot compile."""
        name = compress(str(item)) if isinstance(item, URIRef) else None
        return ReasonerError(
            f"cannot compile {what} in {where} into SPARQL rules (use HermiT for this ontology)",
            item=name,
            rule="reasoner",
        )

    def items(self, node: Node, predicate: URIRef) -> list[Node]:
        """The members of the RDF list that ``node`` points to through ``predicate``."""
        head = self.graph.value(node, predicate)
        return list(Collection(self.graph, head)) if head is not None else []

    def intern(self, expression: Expression) -> str:
        """The identifier of an anonymous expression (structurally equal ones share it)."""
        found = self.ids.get(expression)
        if found is None:
            found = f"{EXPRESSION}{len(self.ids)}"
            self.ids[expression] = found
            self.expressions[found] = expression
            if isinstance(expression, And):
                self.told[found].update(expression.parts)
            elif isinstance(expression, Or):
                for part in expression.parts:
                    self.told[part].add(found)
            elif isinstance(expression, OneOf):
                for member in expression.members:
                    self.assertions.append((member, _nt(str(RDF.type)), _nt(found)))
        return found

    # -- class expressions ---------------------------------------------------------------------

    def concept(self, node: Node, where: str, item: Node | None, *, sub: bool, sup: bool) -> str:
        """The identifier of a class expression.

        ``sub`` is true where membership in the expression must be *recognised* (the subclass
        side of an axiom, either side of an equivalence); constructs that would need negation
        or counting there are refused. ``sup`` is true where membership is *implied* (the
        superclass side, either side of an equivalence, domains, ranges, class assertions, and
        what is nested there): the anonymous expressions there are recorded in ``implied``
        with the axiom, for the checks of :func:`_refuse_outside`.
        """
        found = self._concept(node, where, item, sub=sub, sup=sup)
        if sup and found.startswith(WORK):
            self.implied.setdefault(found, where)
        return found

    def _concept(self, node: Node, where: str, item: Node | None, *, sub: bool, sup: bool) -> str:
        """:meth:`concept` without the record of implied expressions."""
        graph = self.graph
        if isinstance(node, URIRef):
            if _is_datatype(node, graph):
                raise self.fail(f"the datatype {compress(str(node))}", where, item)
            self.named.add(str(node))
            return str(node)
        if not isinstance(node, BNode):
            raise self.fail(f"the literal {node!r} as a class", where, item)
        if (node, OWL.intersectionOf, None) in graph:
            parts = {
                self.concept(n, where, item, sub=sub, sup=sup)
                for n in self.items(node, OWL.intersectionOf)
            }
            parts.discard(THING)
            if len(parts) <= 1:
                return parts.pop() if parts else THING
            return self.intern(And(frozenset(parts)))
        if (node, OWL.unionOf, None) in graph:
            parts = {
                self.concept(n, where, item, sub=sub, sup=sup)
                for n in self.items(node, OWL.unionOf)
            }
            if THING in parts:
                return THING
            return parts.pop() if len(parts) == 1 else self.intern(Or(frozenset(parts)))
        if (node, OWL.oneOf, None) in graph:
            members = self.items(node, OWL.oneOf)
            if not all(isinstance(m, URIRef) for m in members):
                raise self.fail("an owl:oneOf of anonymous individuals", where, item)
            return self.intern(OneOf(frozenset(_term(m) for m in members)))
        if (node, OWL.complementOf, None) in graph:
            raise self.fail("owl:complementOf (negation)", where, item)
        if (node, OWL.onProperty, None) in graph:
            return self.restriction(node, where, item, sub=sub, sup=sup)
        raise self.fail("a class expression of an unknown kind", where, item)

    def restriction(
        self, node: BNode, where: str, item: Node | None, *, sub: bool, sup: bool
    ) -> str:
        """The identifier of an ``owl:Restriction``."""
        graph = self.graph
        prop = graph.value(node, OWL.onProperty)
        if not isinstance(prop, URIRef):
            raise self.fail("a restriction on an inverse property expression", where, item)
        name = str(prop)
        if name in self.properties.data:
            raise self.fail(f"a restriction on the data property {compress(name)}", where, item)
        filler = graph.value(node, OWL.someValuesFrom)
        if filler is None:
            filler = self.min_one(node, where, item)
        if filler is not None:
            if _is_datatype(filler, graph):
                raise self.fail(f"a data restriction on {compress(name)}", where, item)
            single = self.items(filler, OWL.oneOf) if isinstance(filler, BNode) else []
            if len(single) == 1 and isinstance(single[0], URIRef):  # p some {a} is p value a
                return self.intern(HasValue(name, _term(single[0])))
            return self.intern(Some(name, self.concept(filler, where, item, sub=sub, sup=sup)))
        value = graph.value(node, OWL.hasValue)
        if value is not None:
            if isinstance(value, BNode):
                raise self.fail("owl:hasValue with an anonymous individual", where, item)
            return self.intern(HasValue(name, _term(value)))
        every = graph.value(node, OWL.allValuesFrom)
        if every is not None:
            if sub:
                raise self.fail(
                    "owl:allValuesFrom where membership must be recognised", where, item
                )
            return self.intern(Only(name, self.concept(every, where, item, sub=False, sup=True)))
        raise self.fail("a cardinality or owl:hasSelf restriction", where, item)

    def min_one(self, node: BNode, where: str, item: Node | None) -> Node | None:
        """The filler of a "min 1" cardinality restriction (an existential), else None."""
        graph = self.graph
        for predicate in (OWL.minCardinality, OWL.minQualifiedCardinality):
            count = graph.value(node, predicate)
            if count is None:
                continue
            if not isinstance(count, Literal) or str(count) != "1":
                raise self.fail(f"owl:{predicate.fragment} {count}", where, item)
            filler = graph.value(node, OWL.onClass)
            return filler if filler is not None else OWL.Thing
        return None

    # -- axioms ----------------------------------------------------------------------------------

    def _properties(self) -> _Properties:
        graph = self.graph

        def typed(*kinds: URIRef) -> set[str]:
            return {
                str(s) for k in kinds for s in graph.subjects(RDF.type, k) if isinstance(s, URIRef)
            }

        characteristics = (
            OWL.TransitiveProperty,
            OWL.SymmetricProperty,
            OWL.AsymmetricProperty,
            OWL.IrreflexiveProperty,
            OWL.InverseFunctionalProperty,
        )
        reflexive = typed(OWL.ReflexiveProperty)
        if reflexive:
            first = sorted(reflexive)[0]
            raise self.fail(
                "owl:ReflexiveProperty", f"the declaration of {compress(first)}", URIRef(first)
            )
        supers: dict[str, set[str]] = defaultdict(set)
        for predicate in (RDFS.subPropertyOf, OWL.equivalentProperty):
            for s, o in graph.subject_objects(predicate):
                if isinstance(s, URIRef) and isinstance(o, URIRef):
                    supers[str(s)].add(str(o))
                    if predicate == OWL.equivalentProperty:
                        supers[str(o)].add(str(s))
        chains = [
            (tuple(str(p) for p in Collection(graph, head)), str(q))
            for q, head in graph.subject_objects(OWL.propertyChainAxiom)
            if isinstance(q, URIRef)
        ]
        disjoint = {
            frozenset({str(s), str(o)})
            for s, o in graph.subject_objects(OWL.propertyDisjointWith)
            if isinstance(s, URIRef) and isinstance(o, URIRef)
        }
        for group in graph.subjects(RDF.type, OWL.AllDisjointProperties):
            members = [str(m) for m in self.items(group, OWL.members)]
            disjoint |= {frozenset({a, b}) for a in members for b in members if a < b}
        return _Properties(
            objects=typed(OWL.ObjectProperty, *characteristics),
            data=typed(OWL.DatatypeProperty),
            annotations=typed(OWL.AnnotationProperty),
            supers=dict(supers),
            inverses={
                (str(s), str(o))
                for s, o in graph.subject_objects(OWL.inverseOf)
                if isinstance(s, URIRef) and isinstance(o, URIRef)
            },
            symmetric=typed(OWL.SymmetricProperty),
            transitive=typed(OWL.TransitiveProperty),
            chains=chains,
            functional=typed(OWL.FunctionalProperty),
            inverse_functional=typed(OWL.InverseFunctionalProperty),
            irreflexive=typed(OWL.IrreflexiveProperty),
            asymmetric=typed(OWL.AsymmetricProperty),
            disjoint=disjoint,
        )

    def compile(self) -> None:
        """Read every axiom that bears on the types of individuals."""
        graph = self.graph
        for prop in (OWL.hasKey, OWL.sameAs):
            for s, o in graph.subject_objects(prop):
                raise self.fail(
                    f"owl:{prop.fragment}",
                    f"the axiom {_show(s)} owl:{prop.fragment} {_show(o)}",
                    s,
                )
        for cls in graph.subjects(RDF.type, OWL.Class):
            if isinstance(cls, URIRef):
                self.named.add(str(cls))
        for s, o in graph.subject_objects(RDFS.subClassOf):
            self.subclass(s, o, f"the rdfs:subClassOf axiom of {_show(s)}")
        for s, o in graph.subject_objects(OWL.equivalentClass):
            where = f"the owl:equivalentClass axiom of {_show(s)}"
            left = self.concept(s, where, s, sub=True, sup=True)
            right = self.concept(o, where, s, sub=True, sup=True)
            self.told[left].add(right)
            self.told[right].add(left)
        for s, o in graph.subject_objects(OWL.disjointWith):
            where = f"the owl:disjointWith axiom of {_show(s)}"
            self.add_disjoint(
                self.concept(s, where, s, sub=True, sup=False),
                self.concept(o, where, s, sub=True, sup=False),
                f"DisjointClasses({_show(s)} {_show(o)})",
            )
        for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
            self.disjoint_members(self.items(group, OWL.members), "AllDisjointClasses", None)
        for union, head in graph.subject_objects(OWL.disjointUnionOf):
            where = f"the owl:disjointUnionOf axiom of {_show(union)}"
            members = list(Collection(graph, head))
            whole = self.concept(union, where, union, sub=True, sup=True)
            parts = frozenset(self.concept(m, where, union, sub=True, sup=True) for m in members)
            either = self.intern(Or(parts))
            self.implied.setdefault(either, where)
            self.told[whole].add(either)
            self.told[either].add(whole)
            self.disjoint_members(members, f"DisjointUnion({_show(union)})", union)
        if self.told.get(THING):
            raise self.fail("a superclass of owl:Thing", "an rdfs:subClassOf axiom", OWL.Thing)
        self.property_axioms()
        self.individuals()
        self.distinct_individuals()

    def subclass(self, s: Node, o: Node, where: str) -> None:
        """``s rdfs:subClassOf o`` (``o`` may be a complement: a disjointness)."""
        left = self.concept(s, where, s, sub=True, sup=False)
        negated = self.graph.value(o, OWL.complementOf) if isinstance(o, BNode) else None
        if negated is not None:
            other = self.concept(negated, where, s, sub=True, sup=False)
            self.add_disjoint(left, other, f"SubClassOf({_show(s)} ObjectComplementOf(...))")
            return
        self.told[left].add(self.concept(o, where, s, sub=False, sup=True))

    def add_disjoint(self, first: str, second: str, axiom: str) -> None:
        """Record that no individual may be in both classes."""
        if first == second:
            self.told[first].add(NOTHING)
        else:
            self.disjoint.append((first, second, axiom))

    def disjoint_members(self, members: Sequence[Node], axiom: str, item: Node | None) -> None:
        """Pairwise disjointness of ``members``."""
        where = f"an {axiom} axiom"
        ids = list(
            dict.fromkeys(self.concept(m, where, item, sub=True, sup=False) for m in members)
        )
        shown = " ".join(_show(m) for m in members)
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                self.add_disjoint(first, second, f"{axiom.split('(')[0]}({shown})")

    def property_axioms(self) -> None:
        """Domains and ranges of object and datatype properties."""
        graph, props = self.graph, self.properties
        for p, d in graph.subject_objects(RDFS.domain):
            if isinstance(p, URIRef) and str(p) not in props.annotations:
                where = f"the rdfs:domain of {_show(p)}"
                self.domains.append((str(p), self.concept(d, where, p, sub=False, sup=True)))
        for p, r in graph.subject_objects(RDFS.range):
            if not isinstance(p, URIRef) or str(p) in props.annotations:
                continue
            if str(p) in props.data or _is_datatype(r, graph):
                if isinstance(r, URIRef):  # a data range built with facets only restricts literals
                    self.data_ranges.append((str(p), str(r)))
                continue
            self.ranges.append(
                (str(p), self.concept(r, f"the rdfs:range of {_show(p)}", p, sub=False, sup=True))
            )

    def individuals(self) -> None:
        """Class and property assertions about the ontology's own named individuals."""
        graph, props = self.graph, self.properties
        type_term = _nt(str(RDF.type))
        for s, o in graph.subject_objects(RDF.type):
            if not isinstance(s, URIRef) or (isinstance(o, URIRef) and str(o).startswith(BUILTIN)):
                continue
            cls = self.concept(o, f"the rdf:type of {_show(s)}", s, sub=False, sup=True)
            self.assertions.append((_term(s), type_term, _nt(cls)))
        for prop in props.objects | props.data:
            for s, o in graph.subject_objects(URIRef(prop)):
                if isinstance(s, URIRef) and isinstance(o, URIRef | Literal):
                    self.assertions.append((_term(s), _nt(prop), _term(o)))

    def distinct_individuals(self) -> None:
        """Pairs of named individuals the ontology states different (checked in the data)."""
        graph = self.graph
        groups = [[s, o] for s, o in graph.subject_objects(OWL.differentFrom)]
        for group in graph.subjects(RDF.type, OWL.AllDifferent):
            groups.append(self.items(group, OWL.distinctMembers) or self.items(group, OWL.members))
        for members in groups:
            named = sorted({_term(m) for m in members if isinstance(m, URIRef)})
            self.different += [(a, b) for i, a in enumerate(named) for b in named[i + 1 :]]


def _show(node: Node) -> str:
    """A node as a CURIE, or a placeholder for an anonymous one."""
    return compress(str(node)) if isinstance(node, URIRef) else "[...]"


# -- rules ---------------------------------------------------------------------------------------
#
# Superclasses are never materialised. A premise "?x is a C" is matched through the table of
# (class, class-or-superclass) pairs from the classification, kept as triples
# ``?t <SUB_OF> ?c`` in the graph ``TABLES``; a conclusion "?x is a C" is only added when none
# of ?x's types is already below C. Only what the rules really add is written (and removed).


def _values(names: Sequence[str], rows: Iterable[Sequence[str]]) -> str:
    """A SPARQL ``VALUES`` block."""
    body = " ".join(f"({' '.join(row)})" for row in rows)
    return f"VALUES ({' '.join('?' + n for n in names)}) {{ {body} }}"


def _below(cls: str, var: str) -> str:
    """Pattern binding ``?var`` to ``cls`` and each class below it (``cls``: a term or ?var)."""
    return f"GRAPH <{TABLES.value}> {{ ?{var} <{SUB_OF.value}> {cls} }}"


def _is(x: str, cls: str, var: str) -> str:
    """``?x`` (already bound) is in ``cls``: one of its types is ``cls`` or below it.

    The nested ``EXISTS`` make Oxigraph read x's few types first, then look each up in the
    table (left to itself it would enumerate every class below ``cls`` first).
    """
    return f"FILTER EXISTS {{ ?{x} a ?{var} . FILTER EXISTS {{ {_below(cls, var)} }} }}"


def _expand(
    rows: Iterable[tuple[str, ...]], column: int, below: Mapping[str, Iterable[str]]
) -> list[tuple[str, ...]]:
    """``rows`` (of terms) with the class IRI in ``column`` replaced by each class below it.

    A rule's join starts from the instances of these classes: as ``VALUES`` rows they are
    scanned first, whatever Oxigraph's optimiser thinks of a join through the table.
    """
    out: list[tuple[str, ...]] = []
    for row in rows:
        for cls in sorted({row[column], *below.get(row[column], ())}):
            out.append((*row[:column], _nt(cls), *row[column + 1 :]))
    return out


def _distinct(variables: str, body: str) -> str:
    """``body`` as a sub-select of distinct ``variables``.

    A domain or range rule finds the same (individual, class) once per edge; deduplicating
    first saves the rule's ``FILTER NOT EXISTS`` per duplicate. The ``LIMIT`` (never reached)
    keeps Oxigraph from moving that filter inside the sub-select.
    """
    return f"{{ SELECT DISTINCT {variables} WHERE {{ {body} }} LIMIT 1000000000000 }}"


def _insert(head: str, body: str, known: str, kind: str) -> str:
    """An INSERT of ``head`` where ``known`` (a pattern) does not hold yet.

    The head is also recorded in the inferred graph (to be removed after) and the rule leaves
    one marker triple of its ``kind`` in ``CHANGES`` when it added anything (cheaper to look at
    than counting).
    """
    marker = f'<{CHANGES.value}> <{CHANGES.value}> "{kind}"'
    return (
        f"DROP SILENT GRAPH <{CHANGES.value}> ; "
        f"INSERT {{ {head} . GRAPH <{INFERRED.value}> {{ {head} }} "
        f"GRAPH <{CHANGES.value}> {{ {marker} }} }} "
        f"WHERE {{ {body} FILTER NOT EXISTS {{ {known} }} }}"
    )


@dataclass(frozen=True)
class Rule:
    """One SPARQL update and what it reads: ``rdf:type`` triples (``TYPES``), other ``EDGES``."""

    update: str
    reads: frozenset[str]


def _typing(x: str, cls: str, body: str, *reads: str) -> Rule:
    """A rule concluding that ``?x`` is in ``cls`` (a term or variable), unless already known."""
    known = f"?{x} a ?known . FILTER EXISTS {{ {_below(cls, 'known')} }}"
    return Rule(_insert(f"?{x} a {cls}", body, known, TYPES), frozenset(reads))


def _linking(head: str, body: str, *reads: str) -> Rule:
    """A rule concluding a property assertion ``head``."""
    return Rule(_insert(head, body, head, EDGES), frozenset(reads))


def _closure(edges: Mapping[str, Iterable[str]]) -> dict[str, frozenset[str]]:
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


@dataclass(frozen=True)
class _Tables:
    """The axiom tables the rules are generated from."""

    expressions: Mapping[str, Expression]
    domains: Sequence[tuple[str, str]]
    ranges: Sequence[tuple[str, str]]
    properties: _Properties
    disjoint: Sequence[tuple[str, str, str]]
    below: Mapping[str, frozenset[str]]
    different: Sequence[tuple[str, str]] = ()

    def subs(self, prop: str) -> list[str]:
        """``prop`` and every property below it."""
        return sorted(self.below.get(prop, frozenset()) | {prop})


def _below_map(supers: Mapping[str, Iterable[str]]) -> dict[str, set[str]]:
    """Class -> itself and every class below it."""
    below: dict[str, set[str]] = defaultdict(set)
    for cls, ups in supers.items():
        below[cls].add(cls)
        for up in ups:
            below[up] |= {up, cls}
    return below


def _value_node(identifier: str, expression: HasValue, *, classify: bool) -> str:
    """The object of the edges an ``owl:hasValue`` adds: in classification, the value's copy."""
    if classify and expression.value.startswith("<"):
        return _nt(VALUE + identifier)
    return expression.value


def _rules(
    tables: _Tables,
    supers: Mapping[str, frozenset[str]],
    *,
    classify: bool,
    facts: Mapping[str, frozenset[tuple[str, str]]] | None = None,
) -> list[Rule]:
    """The SPARQL updates of one round, in an order that lets one round do most of the work.

    ``supers`` is the class hierarchy the rules start their joins from (the one in the graph
    ``TABLES``). With ``classify`` the rules also create witnesses for existentials and copies of
    the values of ``owl:hasValue``, turn disjointness into ``owl:Nothing`` and leave out what
    would be unsound with shared witnesses (see the module documentation). ``facts`` (data
    only): class -> (individual, class) pairs that hold once the class has an instance.
    """
    below = _below_map(supers)
    exprs = tables.expressions
    some = {i: e for i, e in exprs.items() if isinstance(e, Some)}
    only = {i: e for i, e in exprs.items() if isinstance(e, Only)}
    has = {i: e for i, e in exprs.items() if isinstance(e, HasValue)}
    ands = {i: e for i, e in exprs.items() if isinstance(e, And)}
    rules: list[Rule] = []
    if has:
        rows = _expand(
            [(i, _nt(e.prop), _value_node(i, e, classify=classify)) for i, e in has.items()],
            0,
            below,
        )
        body = f"{_values(['t', 'p', 'v'], rows)} ?x a ?t ."
        rules.append(_linking("?x ?p ?v", body, TYPES))
    if classify and some:
        rows = _expand([(i, _nt(e.prop), _nt(WITNESS + i)) for i, e in some.items()], 0, below)
        body = f"{_values(['t', 'p', 'w'], rows)} ?x a ?t ."
        rules.append(_linking("?x ?p ?w", body, TYPES))
    rules += _edge_rules(tables, classify=classify)
    domain_rows = [(_nt(p), _nt(d)) for q, d in tables.domains for p in tables.subs(q)]
    if domain_rows:
        body = _distinct("?x ?d", f"{_values(['p', 'd'], domain_rows)} ?x ?p [] .")
        rules.append(_typing("x", "?d", body, EDGES))
    # in classification, a prototype (hypothetical) says nothing about a named individual
    hypothetical = f'STRSTARTS(STR(?x), "{WORK}")'
    real_y = f'!STRSTARTS(STR(?y), "{WORK}")'
    range_rows = [(_nt(p), _nt(r)) for q, r in tables.ranges for p in tables.subs(q)]
    if range_rows:
        guard = f" && !({hypothetical} && {real_y})" if classify else ""
        body = f"{_values(['p', 'r'], range_rows)} ?x ?p ?y . FILTER(!isLiteral(?y){guard})"
        rules.append(_typing("y", "?r", _distinct("?y ?r", body), EDGES))
    if has:
        recognised = _value_rows(tables, has, classify=classify)
        body = f"{_values(['p', 'v', 'h'], recognised)} ?x ?p ?v ."
        rules.append(_typing("x", "?h", body, EDGES))
    some_rows = _expand(
        [
            (e.filler, _nt(p), _nt(i))
            for i, e in some.items()
            if e.filler != THING
            for p in tables.subs(e.prop)
        ],
        0,
        below,
    )
    if some_rows:
        body = f"{_values(['t', 'p', 's'], some_rows)} ?y a ?t . ?x ?p ?y ."
        rules.append(_typing("x", "?s", body, TYPES, EDGES))
    thing_rows = [
        (_nt(p), _nt(i)) for i, e in some.items() if e.filler == THING for p in tables.subs(e.prop)
    ]
    if thing_rows:
        body = f"{_values(['p', 's'], thing_rows)} ?x ?p ?y . FILTER(!isLiteral(?y))"
        rules.append(_typing("x", "?s", body, EDGES))
    if only:
        rows = _expand(
            [(i, _nt(p), _nt(e.filler)) for i, e in only.items() for p in tables.subs(e.prop)],
            0,
            below,
        )
        # a shared witness stands for many successors: only one of them is in the filler
        guard = f" && !{hypothetical} && {real_y}" if classify else ""
        body = (
            f"{_values(['t', 'p', 'f'], rows)} ?x a ?t . ?x ?p ?y . FILTER(!isLiteral(?y){guard})"
        )
        rules.append(_typing("y", "?f", body, TYPES, EDGES))
    by_arity: dict[int, list[tuple[str, ...]]] = defaultdict(list)
    for i, e in ands.items():
        # start from the likely rarest conjunct: a restriction, else the most specific class
        depth = {c: len(supers.get(c, ())) for c in e.parts}
        parts = sorted(e.parts, key=lambda c: (not c.startswith(WORK), -depth[c], c))
        by_arity[len(parts)].append((parts[0], _nt(i), *(_nt(c) for c in parts[1:])))
    for arity, conjunctions in sorted(by_arity.items()):
        names = ["t", "e", *(f"c{k}" for k in range(1, arity))]
        rest = " ".join(_is("x", f"?c{k}", f"t{k}") for k in range(1, arity))
        body = f"{_values(names, _expand(conjunctions, 0, below))} ?x a ?t . {rest}"
        rules.append(_typing("x", "?e", body, TYPES))
    if facts:
        rows = _expand([(t, y, _nt(c)) for t, pairs in facts.items() for y, c in pairs], 0, below)
        body = _distinct("?y ?c", f"{_values(['t', 'y', 'c'], rows)} ?x a ?t .")
        rules.append(_typing("y", "?c", body, TYPES))
    if classify:
        nothing = _nt(NOTHING)
        rules += _disjoint_property_rules(tables)
        pairs = _expand([(a, _nt(b)) for a, b, _ in tables.disjoint], 0, below)
        if pairs:
            body = f"{_values(['t', 'b'], pairs)} ?x a ?t . {_is('x', '?b', 'u')}"
            rules.append(_typing("x", nothing, body, TYPES))
        unsatisfiable = _expand([(NOTHING,)], 0, below)
        body = f"{_values(['t'], unsatisfiable)} ?y a ?t . ?x ?p ?y . FILTER(?p != <{RDF.type}>)"
        rules.append(_typing("x", nothing, body, TYPES, EDGES))
    return rules


def _value_rows(
    tables: _Tables, has: Mapping[str, HasValue], *, classify: bool
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
        (_nt(p), node, _nt(identifier))
        for identifier, h in has.items()
        for node, values in sorted(stands.items())
        if h.value in values
        for p in tables.subs(h.prop)
    ]


def _disjoint_property_rules(tables: _Tables) -> list[Rule]:
    """Classification: an individual with edges of two disjoint properties to one individual.

    The two ends are the same node, or copies of the same ``owl:hasValue`` value (the graph
    ``TABLES`` says which individual each copy stands for).
    """
    rules: list[Rule] = []
    for pair in sorted(tables.properties.disjoint, key=sorted):
        first, second = (sorted(pair) * 2)[:2]
        rows = [(_nt(p), _nt(q)) for p in tables.subs(first) for q in tables.subs(second)]
        same = (
            f"sameTerm(?y, ?z) || EXISTS {{ GRAPH <{TABLES.value}> "
            f"{{ ?y <{VALUE_OF.value}> ?v . ?z <{VALUE_OF.value}> ?v }} }}"
        )
        body = f"{_values(['p', 'q'], rows)} ?x ?p ?y . ?x ?q ?z . FILTER({same})"
        rules.append(_typing("x", _nt(NOTHING), body, EDGES))
    return rules


def _equality_rules(props: _Properties, tables: _Tables) -> list[Rule]:
    """Data only: functional and inverse-functional object properties make individuals equal.

    ``owl:sameAs`` between them is inferred, and each then gets the other's types and edges.
    """
    same = _nt(str(OWL.sameAs))
    rules: list[Rule] = []

    def among(prop: str, var: str) -> str:
        return f"VALUES ?{var} {{ {' '.join(_nt(p) for p in tables.subs(prop))} }}"

    for prop in sorted(props.functional - props.data):
        body = (
            f"{among(prop, 'p')} {among(prop, 'q')} ?x ?p ?y . ?x ?q ?z . "
            "FILTER(!isLiteral(?y) && !isLiteral(?z) && !sameTerm(?y, ?z))"
        )
        rules.append(_linking(f"?y {same} ?z", body, EDGES))
    for prop in sorted(props.inverse_functional):
        body = (
            f"{among(prop, 'p')} {among(prop, 'q')} ?x ?p ?z . ?y ?q ?z . FILTER(!sameTerm(?x, ?y))"
        )
        rules.append(_linking(f"?x {same} ?y", body, EDGES))
    if not rules:
        return rules
    other = f"FILTER(?p != {same} && ?p != <{RDF.type}>)"
    rules += [
        _linking(f"?y {same} ?x", f"?x {same} ?y .", EDGES),
        _linking(
            f"?x {same} ?z", f"?x {same} ?y . ?y {same} ?z . FILTER(!sameTerm(?x, ?z))", EDGES
        ),
        _typing("y", "?t", f"?x {same} ?y . ?x a ?t .", EDGES, TYPES),
        _linking("?y ?p ?z", f"?x {same} ?y . ?x ?p ?z . {other}", EDGES),
        _linking("?z ?p ?y", f"?x {same} ?y . ?z ?p ?x . {other}", EDGES),
    ]
    return rules


def _edge_rules(tables: _Tables, *, classify: bool) -> list[Rule]:
    """Rules that add property assertions: inverse, symmetric, transitive, chains.

    None in classification: through shared witnesses they could give a witness a type that
    holds for only some of the successors it stands for (see the module documentation).
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
            body = f"VALUES ?p {{ {' '.join(map(_nt, subs))} }} ?x ?p ?y ."
            rules.append(_linking(f"?x {_nt(prop)} ?y", body, EDGES))
    for first, second in sorted(props.inverses):
        for a, b in ((first, second), (second, first)):
            body = f"?x {_nt(a)} ?y . FILTER(!isLiteral(?y))"
            rules.append(_linking(f"?y {_nt(b)} ?x", body, EDGES))
    for prop in sorted(props.symmetric):
        body = f"?x {_nt(prop)} ?y . FILTER(!isLiteral(?y))"
        rules.append(_linking(f"?y {_nt(prop)} ?x", body, EDGES))
    for prop in sorted(props.transitive):
        body = f"?x {_nt(prop)} ?y . ?y {_nt(prop)} ?z ."
        rules.append(_linking(f"?x {_nt(prop)} ?z", body, EDGES))
    for chain, target in props.chains:
        steps = " ".join(f"?x{k} {_nt(p)} ?x{k + 1} ." for k, p in enumerate(chain))
        rules.append(_linking(f"?x0 {_nt(target)} ?x{len(chain)}", steps, EDGES))
    return rules + _equality_rules(props, tables)


def _load_table(store: ox.Store, supers: Mapping[str, Iterable[str]]) -> None:
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


def _saturate(store: ox.Store, rules: Sequence[Rule]) -> int:
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


# -- what the rules get right ------------------------------------------------------------------


def _describe(tables: _Tables, identifier: str) -> str:
    """A class expression in a message, in Manchester-like syntax (one level deep)."""
    e = tables.expressions.get(identifier)
    if isinstance(e, Some):
        return f"{compress(e.prop)} some {_name(e.filler)}"
    if isinstance(e, Only):
        return f"{compress(e.prop)} only {_name(e.filler)}"
    if isinstance(e, HasValue):
        return f"{compress(e.prop)} value {e.value.strip('<>')}"
    return _name(identifier)


def _refuse_outside(tables: _Tables, found: _Classification, implied: Mapping[str, str]) -> None:
    """Raise :class:`ReasonerError` (rule ``reasoner``) for what the rules would get wrong.

    The cases and why are in the module documentation ("Refused"); the message names the
    construct and the axiom of the implied restriction or union it meets.
    """
    for what, where in (
        *_edge_problems(tables, implied),
        *_only_problems(tables, found, implied),
        *_value_problems(tables, found, implied),
        *_union_problems(tables, found, implied),
        *_enumeration_problems(tables, found, implied),
    ):
        raise ReasonerError(
            f"cannot compile {what} in {where} into SPARQL rules (use HermiT for this ontology)",
            rule="reasoner",
        )


def _edge_problems(tables: _Tables, implied: Mapping[str, str]) -> Iterator[tuple[str, str]]:
    """Constructs that need a property's edges all stated, meeting an implied restriction.

    An implied existential or ``owl:hasValue`` on a property (or one below it) gives edges to
    anonymous individuals or to named values that the rules only have in classification, as
    a shared witness or a copy: inverses, symmetry, transitivity, chains, (inverse-)
    functionality and universal restrictions would be applied to them wrongly, or not at all.
    """
    props = tables.properties
    restricting = [i for i in implied if isinstance(tables.expressions[i], Some | HasValue)]

    def meeting(prop: str, construct: str) -> Iterator[tuple[str, str]]:
        below = set(tables.subs(prop))
        for i in restricting:
            if tables.expressions[i].prop in below:  # type: ignore[union-attr]
                yield f"{construct} with the restriction {_describe(tables, i)}", implied[i]

    for first, second in sorted(props.inverses):
        for prop in (first, second):
            yield from meeting(prop, f"owl:inverseOf ({compress(first)} {compress(second)})")
    for kind, group in (
        ("owl:SymmetricProperty", props.symmetric),
        ("owl:TransitiveProperty", props.transitive),
        ("owl:FunctionalProperty", props.functional - props.data),
        ("owl:InverseFunctionalProperty", props.inverse_functional),
    ):
        for prop in sorted(group):
            yield from meeting(prop, f"{kind} {compress(prop)}")
    for chain, target in props.chains:
        shown = " ".join(compress(p) for p in chain)
        for prop in chain:
            yield from meeting(prop, f"owl:propertyChainAxiom ({shown}) of {compress(target)}")


def _only_problems(
    tables: _Tables, found: _Classification, implied: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """An implied ``p only G`` where an individual's ``p``-successor it implies would gain.

    For an implied existential on (a property below) ``p``, its witness would also be a ``G``:
    refused when that changes anything, i.e. when a class ``G`` adds to the witness's meets an
    existential's filler, an intersection, a disjointness, a universal or ``owl:hasValue``
    restriction, or types a named value. An implied ``owl:hasValue`` on it is always refused.
    """
    supers, exprs = found.supers, tables.expressions
    for o in sorted(implied):
        only = exprs[o]
        if not isinstance(only, Only):
            continue
        shown = f"the restriction {_describe(tables, o)}"
        gained = {only.filler, *supers.get(only.filler, ())}
        for i in sorted(implied):
            e = exprs[i]
            meets = f"{shown} in {implied[o]}, with the restriction {_describe(tables, i)}"
            if isinstance(e, HasValue) and e.prop in tables.subs(only.prop):
                yield meets, implied[i]
            if not isinstance(e, Some) or e.prop not in tables.subs(only.prop):
                continue
            witness = found.witnesses.get(i, frozenset({e.filler}))
            extra = gained - witness - {THING}
            if extra and _gains(tables, found, e.prop, witness, extra, only.filler):
                yield meets, implied[i]


def _gains(
    tables: _Tables,
    found: _Classification,
    prop: str,
    witness: frozenset[str],
    extra: set[str],
    filler: str,
) -> bool:
    """Whether classes ``extra`` added to a ``prop`` witness in ``witness`` change anything."""
    both = witness | extra
    exprs = tables.expressions
    if NOTHING in extra or any(isinstance(exprs.get(c), Only | HasValue) for c in extra):
        return True
    if found.facts.get(filler):
        return True
    for e in exprs.values():
        if isinstance(e, Some) and e.filler in extra and prop in tables.subs(e.prop):
            return True
    for i, e in exprs.items():
        if isinstance(e, And) and e.parts <= both and i not in both:
            return True
    return any(
        (first in extra and second in both) or (second in extra and first in both)
        for first, second, _ in tables.disjoint
    )


def _value_problems(
    tables: _Tables, found: _Classification, implied: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """An implied ``owl:hasValue`` at an anonymous individual, recognised by its value's class.

    Whether the value is in the class may depend on the data, which the classification of the
    anonymous individual does not see.
    """
    somes = [(i, e) for i, e in tables.expressions.items() if isinstance(e, Some)]
    at_witness = {c for cs in found.witnesses.values() for c in cs}
    for i in sorted(implied):
        e = tables.expressions[i]
        if not isinstance(e, HasValue) or i not in at_witness:
            continue
        known = found.copies.get(i, frozenset())
        for j, some in somes:
            if e.prop in tables.subs(some.prop) and some.filler not in known | {THING}:
                what = (
                    f"the restriction {_describe(tables, i)} at an anonymous individual with "
                    f"the restriction {_describe(tables, j)}"
                )
                yield what, implied[i]


def _union_problems(
    tables: _Tables, found: _Classification, implied: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """An implied union where reasoning by cases could conclude more than its members share.

    What holds in every case holds in each inert case (:func:`_case_meets` finds nothing: the
    case is consistent whatever else holds, and adds only the member's own classes). So a
    union is fine when the own classes of its inert members have nothing in common (which
    needs two inert members at least), and refused otherwise.
    """
    supers, exprs = found.supers, tables.expressions
    for u in sorted(implied):
        union = exprs[u]
        if not isinstance(union, Or):
            continue
        common = {u, *supers.get(u, ())}
        live = [m for m in sorted(union.parts) if NOTHING not in {m, *supers.get(m, ())}]
        meets = {m: _case_meets(tables, found, u, m, live) for m in live}
        own = [{m, *supers.get(m, ())} - common for m in live if not meets[m]]
        if len(live) > 1 and (len(own) < 2 or set.intersection(*own)):
            shown = "; ".join(f"{_name(m)} {meets[m] or 'is inert'}" for m in live)
            yield f"owl:unionOf where a case can decide ({shown})", implied[u]


def _case_meets(
    tables: _Tables, found: _Classification, union: str, member: str, live: Sequence[str]
) -> str:
    """How the case "in ``member``" of a union can conclude more than the union (or "").

    The member's own classes (those the union does not imply) meet something when one is a
    part of an intersection the member does not imply, the filler of an existential, in a
    disjointness with a class below no member, a universal or ``owl:hasValue`` restriction,
    or when the member types named values (``facts``) the union does not.
    """
    supers, exprs = found.supers, tables.expressions
    up = {member, *supers.get(member, ())}
    for c in sorted(up - {union, *supers.get(union, ())}):
        if isinstance(exprs.get(c), Only | HasValue):
            return f"implies {_describe(tables, c)}"
        for i, e in exprs.items():
            if isinstance(e, Some) and e.filler == c:
                return f"is in {_describe(tables, i)}"
            if isinstance(e, And) and c in e.parts and i not in up:
                return f"is in an intersection with {_name(c)}"
        for first, second, axiom in tables.disjoint:
            other = second if first == c else first if second == c else None
            if other is not None and not any(
                m == other or m in supers.get(other, ()) for m in live
            ):
                return f"meets {axiom}"
    if found.facts.get(member, frozenset()) - found.facts.get(union, frozenset()):
        return "types a named value (owl:hasValue)"
    return ""


def _enumeration_problems(
    tables: _Tables, found: _Classification, implied: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """An implied ``owl:oneOf`` that something other than its members and equivalents is in.

    Such an individual is equal to one of the members, unknown which: reasoning by cases on
    equalities. Its equivalent classes are in what all members share (the classification gets
    that right); a class strictly below it, or an anonymous individual in it, is refused here,
    and a data individual in it by :func:`_refuse_enumerated`.
    """
    supers = found.supers
    for o in sorted(implied):
        if not isinstance(tables.expressions[o], OneOf):
            continue
        shown = f"owl:oneOf where membership is implied ({_describe_members(tables, o)})"
        if any(o in types for types in found.witnesses.values()):
            yield f"{shown} at an anonymous individual", implied[o]
        for cls in sorted(supers):
            if o in supers[cls] and cls not in supers.get(o, ()) and cls != o:
                yield f"{shown} with {_name(cls)} below it", implied[o]


def _describe_members(tables: _Tables, identifier: str) -> str:
    """The members of an enumeration, for a message."""
    expression = tables.expressions[identifier]
    assert isinstance(expression, OneOf)
    return " ".join(sorted(compress(m.strip("<>")) for m in expression.members))


# -- compilation and classification --------------------------------------------------------------


@dataclass(frozen=True)
class Compiled:
    """An ontology compiled to rules, with its classification.

    ``supers`` maps every class identifier (named IRI or anonymous expression) to all its
    superclasses, told and inferred; ``equivalents`` lists the named classes equivalent to
    another named class; ``rules`` are the SPARQL updates for data; ``assertions`` the
    ontology's own individuals (N-Triples terms); ``facts`` the (value, class) pairs a class's
    instances give the values of its ``owl:hasValue`` restrictions, named or anonymous.
    """

    tables: _Tables
    supers: Mapping[str, frozenset[str]]
    equivalents: frozenset[str]
    rules: tuple[Rule, ...]
    assertions: tuple[tuple[str, str, str], ...]
    data_ranges: tuple[tuple[str, str], ...]
    facts: Mapping[str, frozenset[tuple[str, str]]]

    def local(self) -> bool:
        """Whether the rules only ever join an individual with the ends of its own edges.

        Then the types of a knowledge base split into parts that share no individual are the
        union of the parts' types (:mod:`mitoaki.check.shards`), except through the types of the
        values the parts share (see :meth:`object_triggers`). Inverse, symmetric and transitive
        properties and chains add edges between other individuals, functional and
        inverse-functional properties make individuals equal, and an instance of a class whose
        ``owl:hasValue`` reaches a value (``facts``) types that value: none of them is local.
        """
        props = self.tables.properties
        return not (
            self.facts
            or props.inverses
            or props.symmetric
            or props.transitive
            or props.chains
            or props.inverse_functional
        )

    def object_triggers(self) -> frozenset[str]:
        """Classes whose instances, as an edge's object, let a rule type the edge's subject.

        ``x p y`` with ``y`` an instance of one of them makes ``x`` an instance of some
        ``p some F`` (``F`` not ``owl:Thing``): the one rule that reads the type of a value.
        """
        below = _below_map(self.supers)
        return frozenset(
            cls
            for expression in self.tables.expressions.values()
            if isinstance(expression, Some) and expression.filler != THING
            for cls in below.get(expression.filler, {expression.filler})
        )

    def strict_supers(self, cls: str) -> frozenset[str]:
        """Named classes strictly above ``cls`` (equivalent classes excluded)."""
        return frozenset(
            d
            for d in self.supers.get(cls, frozenset())
            if not d.startswith(WORK) and cls not in self.supers.get(d, frozenset())
        )


def compile_ontology(tbox: Graph) -> Compiled:
    """Compile an ontology graph (the merged TBox) into rules and classify its classes.

    Raises :class:`ReasonerError` (rule ``reasoner``) for an axiom it cannot compile and (rule
    ``satisfiability``) when a named class is unsatisfiable.
    """
    compiler = _Compiler(tbox)
    compiler.compile()
    below: dict[str, set[str]] = defaultdict(set)
    for prop, ups in compiler.properties.closure().items():
        for up in ups:
            below[up].add(prop)
    tables = _Tables(
        expressions=dict(compiler.expressions),
        domains=tuple(compiler.domains),
        ranges=tuple(compiler.ranges),
        properties=compiler.properties,
        disjoint=tuple(compiler.disjoint),
        different=tuple(compiler.different),
        below={p: frozenset(ps) for p, ps in below.items()},
    )
    classes = sorted(
        (compiler.named | set(compiler.expressions) | set(compiler.told)) - {THING, NOTHING}
    )
    found = _classify(tables, classes, compiler.told, compiler.assertions)
    _refuse_outside(tables, found, compiler.implied)
    supers = found.supers
    unsatisfiable = sorted(c for c in compiler.named if NOTHING in supers.get(c, ()))
    if unsatisfiable:
        names = ", ".join(compress(c) for c in unsatisfiable)
        raise ReasonerError(f"unsatisfiable classes: {names}", rule="satisfiability")
    return Compiled(
        tables=tables,
        supers=supers,
        equivalents=frozenset(
            c
            for c in compiler.named
            if any(c in supers.get(d, ()) for d in supers.get(c, ()) if not d.startswith(WORK))
        ),
        rules=tuple(_rules(tables, supers, classify=False, facts=found.facts)),
        assertions=tuple(compiler.assertions),
        data_ranges=tuple(compiler.data_ranges),
        facts=found.facts,
    )


@dataclass(frozen=True)
class _Classification:
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


def _classify(
    tables: _Tables,
    classes: Sequence[str],
    told: Mapping[str, set[str]],
    assertions: Sequence[tuple[str, str, str]],
) -> _Classification:
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
        closure = _closure(edges)
        _load_table(store, {c: closure.get(c, frozenset()) for c in classes})
        store.extend(_copy_table(tables))
        _saturate(store, _rules(tables, closure, classify=True))
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
    return _Classification(
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
    tables: _Tables, prototype: Mapping[str, str], assertions: Sequence[tuple[str, str, str]]
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
            copies[expression.value].append(_nt(VALUE + identifier))
    told = [(c, p, o) for s, p, o in assertions for c in copies.get(s, ())]
    return [*quads, *ox.parse(_ntriples([*assertions, *told]), format=ox.RdfFormat.N_TRIPLES)]


def _copy_table(tables: _Tables) -> list[ox.Quad]:
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
    tables: _Tables,
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
    reach = _closure(successors)
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


def _ntriples(triples: Iterable[tuple[str, str, str]]) -> bytes:
    """N-Triples text of term triples."""
    return "".join(f"{s} {p} {o} .\n" for s, p, o in triples).encode()


# -- materialisation -----------------------------------------------------------------------------


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


def _prepare(store: ox.Store, compiled: Compiled) -> None:
    """Add the class table and the ontology's own individuals (marked inferred: removed after)."""
    _load_table(store, compiled.supers)
    parsed = ox.parse(_ntriples(compiled.assertions), format=ox.RdfFormat.N_TRIPLES)
    new = [q for q in parsed if ox.Quad(q.subject, q.predicate, q.object) not in store]
    store.extend(ox.Quad(q.subject, q.predicate, q.object) for q in new)
    store.extend(ox.Quad(q.subject, q.predicate, q.object, INFERRED) for q in new)


def _cleanup(store: ox.Store) -> None:
    """Remove every triple the rules added from a caller's store."""
    store.update(f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{INFERRED.value}> {{ ?s ?p ?o }} }}")
    for graph in (INFERRED, TABLES, CHANGES):
        store.update(f"DROP SILENT GRAPH <{graph.value}>")


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
        _refuse_equality(store)
        _prepare(store, compiled)
        _saturate(store, compiled.rules)
        check_consistency(store, compiled, saturated=True)
        if outside is not None:
            _outside_types(store, compiled, prefix, outside)
        return _new_direct_types(store, compiled, prefix)
    finally:
        if borrowed:
            _cleanup(store)


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


def _refuse_equality(store: ox.Store) -> None:
    """Fail on ``owl:sameAs`` between different individuals: the rules do not merge them."""
    query = f"SELECT ?x ?y WHERE {{ ?x <{OWL.sameAs}> ?y FILTER(!sameTerm(?x, ?y)) }} LIMIT 1"
    solutions = store.query(query)
    assert isinstance(solutions, ox.QuerySolutions)
    for row in solutions:
        raise ReasonerError(
            f"cannot compile owl:sameAs ({_show_term(row[0])} = {_show_term(row[1])}) into "
            "SPARQL rules: merge the individuals or use HermiT",
            item=_show_term(row[0]),
            rule="reasoner",
        )


def _refuse_enumerated(store: ox.Store, compiled: Compiled) -> None:
    """Fail on an individual in an enumeration (``owl:oneOf``) that is none of its members.

    It is equal to one of them, unknown which (reasoning by cases on ``owl:sameAs``), which the
    rules do not do.
    """
    below = _below_map(compiled.supers)
    for identifier, expression in sorted(compiled.tables.expressions.items()):
        if not isinstance(expression, OneOf):
            continue
        classes = " ".join(_nt(c) for c in sorted(below.get(identifier, {identifier})))
        members = ", ".join(sorted(expression.members))
        query = (
            f"SELECT ?x WHERE {{ VALUES ?t {{ {classes} }} ?x a ?t . "
            f"FILTER(?x NOT IN ({members})) }} LIMIT 1"
        )
        solutions = store.query(query)
        assert isinstance(solutions, ox.QuerySolutions)
        for row in solutions:
            shown = _show_term(row[0])
            raise ReasonerError(
                f"cannot compile owl:oneOf ({_describe_members(compiled.tables, identifier)}) "
                f"for the data, where {shown} is in it but none of its members (so equal to one "
                "of them, owl:sameAs), into SPARQL rules (use HermiT for this data)",
                item=shown,
                rule="reasoner",
            )


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
        listed = " ".join(_nt(c) for c in sorted(compiled.equivalents))
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


# -- consistency ---------------------------------------------------------------------------------


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
        accepted = ", ".join(_nt(d) for d in NUMERIC)
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
        return f"!isLiteral(?v) || !(DATATYPE(?v) IN ({', '.join(map(_nt, allowed))}))"
    if datatype in OTHER_OWL2:
        return f"!isLiteral(?v) || !(DATATYPE(?v) IN ({', '.join(map(_nt, OTHER_OWL2[datatype]))}))"
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
    below = _below_map(compiled.supers)
    nothing = _values(["t"], _expand([(NOTHING,)], 0, below))
    yield (
        f"SELECT DISTINCT ?x ?d WHERE {{ {nothing} ?x a ?t }}",
        "SubClassOf(... owl:Nothing): it is in owl:Nothing",
    )
    for first, second, axiom in tables.disjoint:
        shown = f"{axiom}: it is in both {_name(first)} and {_name(second)}"
        start = _values(["t"], _expand([(first,)], 0, below))
        body = f"{start} ?x a ?t . {_is('x', _nt(second), 'u')}"
        yield (f"SELECT DISTINCT ?x ?d WHERE {{ {body} }}", shown)

    def among(prop: str, var: str) -> str:
        return f"VALUES ?{var} {{ {' '.join(_nt(p) for p in tables.subs(prop))} }}"

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
        pairs = _values(["x", "d"], tables.different)
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
            shown = "" if detail is None else f"with {_show_term(detail)}"
            found.append(Violation(_show_term(x, short=False), axiom, shown))
    return found


def _show_term(term: object, *, short: bool = True) -> str:
    """An Oxigraph term for a message (an IRI as a CURIE when ``short``)."""
    if isinstance(term, ox.NamedNode):
        return compress(term.value) if short else term.value
    return str(term)


def check_consistency(store: ox.Store, compiled: Compiled, *, saturated: bool = False) -> None:
    """Raise :class:`ReasonerError` (rule ``consistency``) naming broken axioms and individuals.

    ``store`` holds the knowledge base in its default graph; unless ``saturated`` (by
    :func:`infer_types`) the rules are run on it first and their triples removed afterwards.
    """
    if not saturated:
        try:
            _prepare(store, compiled)
            _saturate(store, compiled.rules)
            check_consistency(store, compiled, saturated=True)
        finally:
            _cleanup(store)
        return
    _refuse_enumerated(store, compiled)
    broken = violations(store, compiled)
    if broken:
        listing = "; ".join(str(v) for v in broken[:MAX_REPORTED])
        more = " (and more)" if len(broken) > MAX_REPORTED else ""
        raise ReasonerError(
            f"the knowledge base is inconsistent with the ontology: {listing}{more}",
            item=compress(broken[0].individual),
            rule="consistency",
        )
