"""What the rules would get wrong, refused after the classification.

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
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

from mitoaki.core.errors import ReasonerError
from mitoaki.core.namespaces import compress
from mitoaki.kb.rules.classification import Classification
from mitoaki.kb.rules.expressions import (
    NOTHING,
    THING,
    And,
    HasValue,
    OneOf,
    Only,
    Or,
    Some,
    Tables,
    name_of,
)


def describe(tables: Tables, identifier: str) -> str:
    """A class expression in a message, in Manchester-like syntax (one level deep)."""
    e = tables.expressions.get(identifier)
    if isinstance(e, Some):
        return f"{compress(e.prop)} some {name_of(e.filler)}"
    if isinstance(e, Only):
        return f"{compress(e.prop)} only {name_of(e.filler)}"
    if isinstance(e, HasValue):
        return f"{compress(e.prop)} value {e.value.strip('<>')}"
    return name_of(identifier)


def refuse_outside(tables: Tables, found: Classification, implied: Mapping[str, str]) -> None:
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


def _edge_problems(tables: Tables, implied: Mapping[str, str]) -> Iterator[tuple[str, str]]:
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
                yield f"{construct} with the restriction {describe(tables, i)}", implied[i]

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
    tables: Tables, found: Classification, implied: Mapping[str, str]
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
        shown = f"the restriction {describe(tables, o)}"
        gained = {only.filler, *supers.get(only.filler, ())}
        for i in sorted(implied):
            e = exprs[i]
            meets = f"{shown} in {implied[o]}, with the restriction {describe(tables, i)}"
            if isinstance(e, HasValue) and e.prop in tables.subs(only.prop):
                yield meets, implied[i]
            if not isinstance(e, Some) or e.prop not in tables.subs(only.prop):
                continue
            witness = found.witnesses.get(i, frozenset({e.filler}))
            extra = gained - witness - {THING}
            if extra and _gains(tables, found, e.prop, witness, extra, only.filler):
                yield meets, implied[i]


def _gains(
    tables: Tables,
    found: Classification,
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
    tables: Tables, found: Classification, implied: Mapping[str, str]
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
                    f"the restriction {describe(tables, i)} at an anonymous individual with "
                    f"the restriction {describe(tables, j)}"
                )
                yield what, implied[i]


def _union_problems(
    tables: Tables, found: Classification, implied: Mapping[str, str]
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
            shown = "; ".join(f"{name_of(m)} {meets[m] or 'is inert'}" for m in live)
            yield f"owl:unionOf where a case can decide ({shown})", implied[u]


def _case_meets(
    tables: Tables, found: Classification, union: str, member: str, live: Sequence[str]
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
            return f"implies {describe(tables, c)}"
        for i, e in exprs.items():
            if isinstance(e, Some) and e.filler == c:
                return f"is in {describe(tables, i)}"
            if isinstance(e, And) and c in e.parts and i not in up:
                return f"is in an intersection with {name_of(c)}"
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
    tables: Tables, found: Classification, implied: Mapping[str, str]
) -> Iterator[tuple[str, str]]:
    """An implied ``owl:oneOf`` that something other than its members and equivalents is in.

    Such an individual is equal to one of the members, unknown which: reasoning by cases on
    equalities. Its equivalent classes are in what all members share (the classification gets
    that right); a class strictly below it, or an anonymous individual in it, is refused here,
    and a data individual in it by :func:`~mitoaki.kb.rules.consistency.refuse_enumerated`.
    """
    supers = found.supers
    for o in sorted(implied):
        if not isinstance(tables.expressions[o], OneOf):
            continue
        shown = f"owl:oneOf where membership is implied ({describe_members(tables, o)})"
        if any(o in types for types in found.witnesses.values()):
            yield f"{shown} at an anonymous individual", implied[o]
        for cls in sorted(supers):
            if o in supers[cls] and cls not in supers.get(o, ()) and cls != o:
                yield f"{shown} with {name_of(cls)} below it", implied[o]


def describe_members(tables: Tables, identifier: str) -> str:
    """The members of an enumeration, for a message."""
    expression = tables.expressions[identifier]
    assert isinstance(expression, OneOf)
    return " ".join(sorted(compress(m.strip("<>")) for m in expression.members))
