"""The compiler: an ontology graph read into class identifiers and axiom tables.

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
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS
from rdflib.term import Node

from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import compress
from mitoaki.kb.rules.expressions import (
    BUILTIN,
    EXPRESSION,
    NOTHING,
    THING,
    WORK,
    And,
    Expression,
    HasValue,
    OneOf,
    Only,
    Or,
    Properties,
    Some,
    is_datatype,
    node_term,
    nt,
    show,
)


class Compiler:
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
                    self.assertions.append((member, nt(str(RDF.type)), nt(found)))
        return found

    # -- class expressions ---------------------------------------------------------------------

    def concept(self, node: Node, where: str, item: Node | None, *, sub: bool, sup: bool) -> str:
        """The identifier of a class expression.

        ``sub`` is true where membership in the expression must be *recognised* (the subclass
        side of an axiom, either side of an equivalence); constructs that would need negation
        or counting there are refused. ``sup`` is true where membership is *implied* (the
        superclass side, either side of an equivalence, domains, ranges, class assertions, and
        what is nested there): the anonymous expressions there are recorded in ``implied``
        with the axiom, for the checks of :func:`~mitoaki.kb.rules.refusals.refuse_outside`.
        """
        found = self._concept(node, where, item, sub=sub, sup=sup)
        if sup and found.startswith(WORK):
            self.implied.setdefault(found, where)
        return found

    def _concept(self, node: Node, where: str, item: Node | None, *, sub: bool, sup: bool) -> str:
        """:meth:`concept` without the record of implied expressions."""
        graph = self.graph
        if isinstance(node, URIRef):
            if is_datatype(node, graph):
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
            return self.intern(OneOf(frozenset(node_term(m) for m in members)))
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
            if is_datatype(filler, graph):
                raise self.fail(f"a data restriction on {compress(name)}", where, item)
            single = self.items(filler, OWL.oneOf) if isinstance(filler, BNode) else []
            if len(single) == 1 and isinstance(single[0], URIRef):  # p some {a} is p value a
                return self.intern(HasValue(name, node_term(single[0])))
            return self.intern(Some(name, self.concept(filler, where, item, sub=sub, sup=sup)))
        value = graph.value(node, OWL.hasValue)
        if value is not None:
            if isinstance(value, BNode):
                raise self.fail("owl:hasValue with an anonymous individual", where, item)
            return self.intern(HasValue(name, node_term(value)))
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

    def _properties(self) -> Properties:
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
        return Properties(
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
                    f"the axiom {show(s)} owl:{prop.fragment} {show(o)}",
                    s,
                )
        for cls in graph.subjects(RDF.type, OWL.Class):
            if isinstance(cls, URIRef):
                self.named.add(str(cls))
        for s, o in graph.subject_objects(RDFS.subClassOf):
            self.subclass(s, o, f"the rdfs:subClassOf axiom of {show(s)}")
        for s, o in graph.subject_objects(OWL.equivalentClass):
            where = f"the owl:equivalentClass axiom of {show(s)}"
            left = self.concept(s, where, s, sub=True, sup=True)
            right = self.concept(o, where, s, sub=True, sup=True)
            self.told[left].add(right)
            self.told[right].add(left)
        for s, o in graph.subject_objects(OWL.disjointWith):
            where = f"the owl:disjointWith axiom of {show(s)}"
            self.add_disjoint(
                self.concept(s, where, s, sub=True, sup=False),
                self.concept(o, where, s, sub=True, sup=False),
                f"DisjointClasses({show(s)} {show(o)})",
            )
        for group in graph.subjects(RDF.type, OWL.AllDisjointClasses):
            self.disjoint_members(self.items(group, OWL.members), "AllDisjointClasses", None)
        for union, head in graph.subject_objects(OWL.disjointUnionOf):
            where = f"the owl:disjointUnionOf axiom of {show(union)}"
            members = list(Collection(graph, head))
            whole = self.concept(union, where, union, sub=True, sup=True)
            parts = frozenset(self.concept(m, where, union, sub=True, sup=True) for m in members)
            either = self.intern(Or(parts))
            self.implied.setdefault(either, where)
            self.told[whole].add(either)
            self.told[either].add(whole)
            self.disjoint_members(members, f"DisjointUnion({show(union)})", union)
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
            self.add_disjoint(left, other, f"SubClassOf({show(s)} ObjectComplementOf(...))")
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
        shown = " ".join(show(m) for m in members)
        for i, first in enumerate(ids):
            for second in ids[i + 1 :]:
                self.add_disjoint(first, second, f"{axiom.split('(')[0]}({shown})")

    def property_axioms(self) -> None:
        """Domains and ranges of object and datatype properties."""
        graph, props = self.graph, self.properties
        for p, d in graph.subject_objects(RDFS.domain):
            if isinstance(p, URIRef) and str(p) not in props.annotations:
                where = f"the rdfs:domain of {show(p)}"
                self.domains.append((str(p), self.concept(d, where, p, sub=False, sup=True)))
        for p, r in graph.subject_objects(RDFS.range):
            if not isinstance(p, URIRef) or str(p) in props.annotations:
                continue
            if str(p) in props.data or is_datatype(r, graph):
                if isinstance(r, URIRef):  # a data range built with facets only restricts literals
                    self.data_ranges.append((str(p), str(r)))
                continue
            self.ranges.append(
                (str(p), self.concept(r, f"the rdfs:range of {show(p)}", p, sub=False, sup=True))
            )

    def individuals(self) -> None:
        """Class and property assertions about the ontology's own named individuals."""
        graph, props = self.graph, self.properties
        type_term = nt(str(RDF.type))
        for s, o in graph.subject_objects(RDF.type):
            if not isinstance(s, URIRef) or (isinstance(o, URIRef) and str(o).startswith(BUILTIN)):
                continue
            cls = self.concept(o, f"the rdf:type of {show(s)}", s, sub=False, sup=True)
            self.assertions.append((node_term(s), type_term, nt(cls)))
        for prop in props.objects | props.data:
            for s, o in graph.subject_objects(URIRef(prop)):
                if isinstance(s, URIRef) and isinstance(o, URIRef | Literal):
                    self.assertions.append((node_term(s), nt(prop), node_term(o)))

    def distinct_individuals(self) -> None:
        """Pairs of named individuals the ontology states different (checked in the data)."""
        graph = self.graph
        groups = [[s, o] for s, o in graph.subject_objects(OWL.differentFrom)]
        for group in graph.subjects(RDF.type, OWL.AllDifferent):
            groups.append(self.items(group, OWL.distinctMembers) or self.items(group, OWL.members))
        for members in groups:
            named = sorted({node_term(m) for m in members if isinstance(m, URIRef)})
            self.different += [(a, b) for i, a in enumerate(named) for b in named[i + 1 :]]
