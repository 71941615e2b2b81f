"""An ontology compiled to rules and classified: :func:`compile_ontology` and its result."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass

from rdflib import Graph

from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import compress
from mitoaki.kb.rules.classification import classify
from mitoaki.kb.rules.compiler import Compiler
from mitoaki.kb.rules.expressions import NOTHING, THING, WORK, Some, Tables, below_map
from mitoaki.kb.rules.refusals import refuse_outside
from mitoaki.kb.rules.sparql import Rule
from mitoaki.kb.rules.text import rules_for


@dataclass(frozen=True)
class Compiled:
    """An ontology compiled to rules, with its classification.

    ``supers`` maps every class identifier (named IRI or anonymous expression) to all its
    superclasses, told and inferred; ``equivalents`` lists the named classes equivalent to
    another named class; ``rules`` are the SPARQL updates for data; ``assertions`` the
    ontology's own individuals (N-Triples terms); ``facts`` the (value, class) pairs a class's
    instances give the values of its ``owl:hasValue`` restrictions, named or anonymous.
    """

    tables: Tables
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
        below = below_map(self.supers)
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
    compiler = Compiler(tbox)
    compiler.compile()
    below: dict[str, set[str]] = defaultdict(set)
    for prop, ups in compiler.properties.closure().items():
        for up in ups:
            below[up].add(prop)
    tables = Tables(
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
    found = classify(tables, classes, compiler.told, compiler.assertions)
    refuse_outside(tables, found, compiler.implied)
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
        rules=tuple(rules_for(tables, supers, classify=False, facts=found.facts)),
        assertions=tuple(compiler.assertions),
        data_ranges=tuple(compiler.data_ranges),
        facts=found.facts,
    )
