"""What the lexicon reads from the ontology's axioms: superclasses, insults and definitions."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from rdflib import BNode, Graph, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDFS, SKOS
from rdflib.term import Node

from mitoaki.core.namespaces import compress, expand


def named_parents(graph: Graph, subject: URIRef) -> Iterable[URIRef]:
    """Named superclasses: rdfs:subClassOf and the named members of equivalent intersections."""
    for parent in graph.objects(subject, RDFS.subClassOf):
        if isinstance(parent, URIRef):
            yield parent
    for equivalent in graph.objects(subject, OWL.equivalentClass):
        if isinstance(equivalent, URIRef):
            yield equivalent
        elif isinstance(equivalent, BNode):
            members = graph.value(equivalent, OWL.intersectionOf)
            if members is not None:
                yield from (m for m in Collection(graph, members) if isinstance(m, URIRef))


def insult_inputs(graph: Graph) -> dict[str, str]:
    """Chemical -> the AKI insult class defined by it as input (cisplatin -> cisplatin exposure).

    Read from the insult classes' definitions (``has input some CHEBI:...``), so a text's
    "Cisplatin" in a model column grounds to the insult, not only to the chemical.
    """
    out: dict[str, str] = {}
    for insult, chemical in defined_by(graph, "RO:0002233"):
        out.setdefault(chemical, insult)
    return out


def defined_by(graph: Graph, relation: str) -> Iterator[tuple[str, str]]:
    """(named class, filler) for each ``relation some filler`` of an equivalent intersection.

    Classes in a fixed order (sorted), as CURIEs.
    """
    prop = URIRef(expand(relation))
    for term, equivalent in sorted(graph.subject_objects(OWL.equivalentClass)):
        members = graph.value(equivalent, OWL.intersectionOf)
        if not isinstance(term, URIRef) or members is None:
            continue
        for member in Collection(graph, members):
            filler = graph.value(member, OWL.someValuesFrom)
            if graph.value(member, OWL.onProperty) == prop and isinstance(filler, URIRef):
                yield compress(str(term)), compress(str(filler))


def close_diseases(graph: Graph) -> dict[str, str]:
    """A term -> the disease (MONDO) it closely matches (``skos:closeMatch``).

    Sepsis the insult -> sepsis the disease (``senses``).
    """
    out: dict[str, str] = {}
    for subject, match in sorted(graph.subject_objects(SKOS.closeMatch)):
        if isinstance(subject, URIRef) and isinstance(match, URIRef):
            disease = compress(str(match))
            if disease.startswith("MONDO:"):
                out.setdefault(compress(str(subject)), disease)
    return out


def closure(graph: Graph, curie: str) -> set[str]:
    """A term and its named superclasses, transitively."""
    seen: set[str] = set()
    todo = [curie]
    while todo:
        current = todo.pop()
        if current in seen:
            continue
        seen.add(current)
        todo.extend(compress(str(p)) for p in named_parents(graph, URIRef(expand(current))))
    return seen


def definitions(graph: Graph, curies: set[str]) -> dict[str, tuple[str, ...]]:
    """Terms defined as a named genus plus named fillers: (genus, filler, ...).

    Read from ``owl:equivalentClass`` intersections whose members are named classes,
    ``someValuesFrom`` a named class or ``hasValue`` a named term ("cisplatin-induced rat AKI
    model" = in vivo AKI model, has inducer some cisplatin exposure, in taxon rat). A definition
    with a nested restriction is left out: naming its parts does not name the term.
    """
    out: dict[str, tuple[str, ...]] = {}
    for term, equivalent in sorted(graph.subject_objects(OWL.equivalentClass)):
        members = graph.value(equivalent, OWL.intersectionOf)
        if not isinstance(term, URIRef) or members is None:
            continue
        parts: list[str] = []
        for member in Collection(graph, members):
            filler: Node | None = member
            if isinstance(member, BNode):
                filler = graph.value(member, OWL.someValuesFrom) or graph.value(
                    member, OWL.hasValue
                )
            if not isinstance(filler, URIRef):
                break
            parts.append(compress(str(filler)))
        else:
            curie = compress(str(term))
            if curie in curies and len(parts) >= 2:
                out[curie] = tuple(parts)
    return out


#: derives from (RO): the filler is the source of the defined thing ("MSC-derived microvesicle").
DERIVES_FROM = "RO:0001000"
#: has target start location (RO): where a transport defined by it starts ("transfer from MSCs").
STARTS_AT = "RO:0002338"


def sources(graph: Graph, relation: str = DERIVES_FROM) -> dict[str, frozenset[str]]:
    """Defined term -> the fillers of its definition it derives from (``RO:0001000``).

    A text joins a thing and its source with a word of derivation ("microvesicles secreted by
    MSCs"), which the reader asks for before it implies such a term from its parts. With
    ``relation`` another relation's fillers (``STARTS_AT``: where a transport starts).
    """
    out: dict[str, set[str]] = {}
    for term, filler in defined_by(graph, relation):
        out.setdefault(term, set()).add(filler)
    return {term: frozenset(found) for term, found in out.items()}
